using System.Collections.Frozen;

namespace Steward.Rpc.Thrift;

/// <summary>
/// The message names one listener answers to, resolved once at start-up from the registry and the
/// listener's <see cref="ThriftServerOptions.Multiplexed"/> / <see cref="ThriftServerOptions.DefaultService"/>.
/// </summary>
internal sealed class ThriftMethodTable
{
    private readonly FrozenDictionary<string, ThriftMethodHandler> _methods;
    private readonly FrozenDictionary<string, string> _ambiguous;
    private readonly bool _multiplexed;

    public ThriftMethodTable(IReadOnlyList<ThriftMethodHandler> handlers, ThriftServerOptions options)
    {
        _multiplexed = options.Multiplexed;
        var methods = new Dictionary<string, ThriftMethodHandler>(StringComparer.Ordinal);
        var ambiguous = new Dictionary<string, string>(StringComparer.Ordinal);
        if (options.Multiplexed)
        {
            foreach (var handler in handlers)
            {
                methods[handler.Method.ServiceName + ":" + handler.Method.Name] = handler;
            }
        }
        var services = handlers.Select(h => h.Method.ServiceName).Distinct(StringComparer.Ordinal).ToArray();
        string? bareService = options.DefaultService;
        if (bareService is not null && !services.Contains(bareService, StringComparer.Ordinal))
        {
            throw new InvalidOperationException(
                $"ThriftServerOptions.DefaultService '{bareService}' is not a registered service with Thrift codecs (have: {string.Join(", ", services)}).");
        }
        if (bareService is not null || !options.Multiplexed)
        {
            foreach (var handler in handlers)
            {
                if (bareService is not null && handler.Method.ServiceName != bareService)
                {
                    continue;
                }
                var name = handler.Method.Name;
                if (ambiguous.TryGetValue(name, out var owners))
                {
                    ambiguous[name] = owners + ", " + handler.Method.ServiceName;
                }
                else if (methods.Remove(name, out var first))
                {
                    ambiguous[name] = first.Method.ServiceName + ", " + handler.Method.ServiceName;
                }
                else
                {
                    methods[name] = handler;
                }
            }
        }
        _methods = methods.ToFrozenDictionary(StringComparer.Ordinal);
        _ambiguous = ambiguous.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public int Count => _methods.Count;

    public ThriftMethodHandler? Find(string name) => _methods.GetValueOrDefault(name);

    /// <summary>The TApplicationException message for a name that is not served.</summary>
    public string DescribeUnknown(string name)
    {
        if (_ambiguous.TryGetValue(name, out var owners))
        {
            return $"Invalid method name: '{name}' is served by several services ({owners}); use TMultiplexedProtocol or set DefaultService.";
        }
        if (_multiplexed && !name.Contains(':', StringComparison.Ordinal))
        {
            return $"Invalid method name: '{name}' (this server is multiplexed: call 'Service:{name}').";
        }
        return $"Invalid method name: '{name}'";
    }
}
