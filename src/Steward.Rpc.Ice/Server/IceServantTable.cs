using System.Collections.Frozen;

namespace Steward.Rpc.Ice;

/// <summary>A core service as an Ice servant: its operations by wire name and the type ids <c>ice_ids</c> answers.</summary>
internal sealed class IceServant
{
    public IceServant(string serviceName, IReadOnlyList<IceMethodHandler> handlers)
    {
        ServiceName = serviceName;
        Operations = handlers.ToFrozenDictionary(h => h.Operation.Name, StringComparer.Ordinal);
        var first = handlers.Count > 0 ? handlers[0].Operation : null;
        TypeIds = first?.InterfaceTypeIds.ToArray() ?? ["::Ice::Object"];
        TypeId = first?.InterfaceTypeId ?? "::Ice::Object";
    }

    public string ServiceName { get; }
    public FrozenDictionary<string, IceMethodHandler> Operations { get; }
    public IReadOnlyList<string> TypeIds { get; }
    public string TypeId { get; }
}

/// <summary>One listener's adapter, resolved at start-up: identity and facet to servant, with default servants per category.</summary>
internal sealed class IceServantTable
{
    private readonly FrozenDictionary<(IceIdentity, string), IceServant> _servants;
    private readonly FrozenDictionary<(string, string), IceServant> _defaults;
    private readonly FrozenSet<IceIdentity> _identities;
    private readonly FrozenSet<string> _defaultCategories;

    public IceServantTable(IReadOnlyList<IceMethodHandler> handlers, IceObjectAdapterOptions options)
    {
        var byService = handlers.GroupBy(h => h.Method.ServiceName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new IceServant(g.Key, g.ToArray()), StringComparer.Ordinal);
        IceServant Resolve(string service) => byService.TryGetValue(service, out var servant)
            ? servant
            : throw new InvalidOperationException(
                $"Ice adapter '{options.Name}': service '{service}' is not registered with Ice codecs (have: {string.Join(", ", byService.Keys)}).");
        _servants = options.Servants.ToFrozenDictionary(p => p.Key, p => Resolve(p.Value));
        _defaults = options.DefaultServants.ToFrozenDictionary(p => p.Key, p => Resolve(p.Value));
        _identities = options.Servants.Keys.Select(k => k.Identity).ToFrozenSet();
        _defaultCategories = options.DefaultServants.Keys.Select(k => k.Category).ToFrozenSet(StringComparer.Ordinal);
    }

    public int Count => _servants.Count + _defaults.Count;

    /// <summary>The servant for the identity and facet, or the reply status saying why there is none.</summary>
    public IceServant? Find(IceIdentity identity, string facet, out IceReplyStatus missing)
    {
        missing = IceReplyStatus.ObjectNotExist;
        if (_servants.TryGetValue((identity, facet), out var servant)
            || _defaults.TryGetValue((identity.Category, facet), out servant)
            || _defaults.TryGetValue(("", facet), out servant))
        {
            return servant;
        }
        if (_identities.Contains(identity) || _defaultCategories.Contains(identity.Category) || _defaultCategories.Contains(""))
        {
            missing = IceReplyStatus.FacetNotExist;
        }
        return null;
    }
}
