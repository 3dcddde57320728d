using System.Collections.Frozen;

namespace Steward.Rpc.Corba;

/// <summary>A core service as a CORBA servant: its operations by wire name and the repository ids <c>_is_a</c> answers true for.</summary>
internal sealed class CorbaServant
{
    public CorbaServant(string serviceName, IReadOnlyList<CorbaMethodHandler> handlers)
    {
        ServiceName = serviceName;
        Operations = handlers.ToFrozenDictionary(h => h.Operation.Name, StringComparer.Ordinal);
        var first = handlers.Count > 0 ? handlers[0].Operation : null;
        RepositoryIds = (first?.RepositoryIds ?? []).Append(CorbaRepositoryIds.Object).ToFrozenSet(StringComparer.Ordinal);
        RepositoryId = first?.RepositoryIds.FirstOrDefault() ?? CorbaRepositoryIds.Object;
    }

    public string ServiceName { get; }
    public FrozenDictionary<string, CorbaMethodHandler> Operations { get; }
    public FrozenSet<string> RepositoryIds { get; }
    /// <summary>The most-derived interface's id.</summary>
    public string RepositoryId { get; }
}

/// <summary>One listener's adapter, resolved at start-up: object key to servant, with the default servant for every other key.</summary>
internal sealed class CorbaServantTable
{
    private readonly FrozenDictionary<string, CorbaServant> _servants;
    private readonly CorbaServant? _default;

    public CorbaServantTable(IReadOnlyList<CorbaMethodHandler> handlers, CorbaObjectAdapterOptions options)
    {
        var byService = handlers.GroupBy(h => h.Method.ServiceName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new CorbaServant(g.Key, g.ToArray()), StringComparer.Ordinal);
        CorbaServant Resolve(string service) => byService.TryGetValue(service, out var servant)
            ? servant
            : throw new InvalidOperationException(
                $"CORBA adapter '{options.Name}': service '{service}' is not registered with CORBA codecs (have: {string.Join(", ", byService.Keys)}).");
        _servants = options.Servants.ToFrozenDictionary(p => p.Key, p => Resolve(p.Value), StringComparer.Ordinal);
        _default = options.DefaultServant is { } name ? Resolve(name) : null;
    }

    public int Count => _servants.Count + (_default is null ? 0 : 1);

    /// <summary>The servant for <paramref name="objectKey"/>; null when none serves it.</summary>
    public CorbaServant? Find(byte[] objectKey) =>
        _servants.TryGetValue(Convert.ToHexString(objectKey), out var servant) ? servant : _default;
}
