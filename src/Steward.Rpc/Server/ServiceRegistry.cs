using System.Collections.Frozen;

namespace Steward.Rpc;

/// <summary>
/// Every service a server hosts, with interceptors already applied. Transports turn the methods into
/// their own handlers once, at start-up, with <see cref="Bind{THandler}"/>, and look them up per call by full name.
/// </summary>
public sealed class ServiceRegistry
{
    private readonly FrozenDictionary<string, ServerMethodDefinition> _methods;
    private readonly FrozenSet<string> _serviceNames;

    public ServiceRegistry(IEnumerable<ServiceDefinition> services, IReadOnlyList<Interceptor>? interceptors = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var list = new List<ServiceDefinition>();
        var methods = new Dictionary<string, ServerMethodDefinition>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            var bound = interceptors is { Count: > 0 } ? service.Intercept(interceptors) : service;
            list.Add(bound);
            foreach (var method in bound.Methods)
            {
                if (!methods.TryAdd(method.Method.FullName, method))
                {
                    throw new InvalidOperationException($"Method '{method.Method.FullName}' is registered twice.");
                }
            }
        }
        Services = list;
        _methods = methods.ToFrozenDictionary(StringComparer.Ordinal);
        _serviceNames = list.Select(s => s.Name).ToFrozenSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<ServiceDefinition> Services { get; }

    public bool ContainsService(string serviceName) => _serviceNames.Contains(serviceName);

    public ServerMethodDefinition? FindMethod(string fullName) => _methods.GetValueOrDefault(fullName);

    /// <summary>Builds one transport handler per method, keyed by <see cref="IMethod.FullName"/>.</summary>
    public FrozenDictionary<string, THandler> Bind<THandler>(IServerMethodVisitor<THandler> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return _methods.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.Accept(visitor), StringComparer.Ordinal);
    }
}
