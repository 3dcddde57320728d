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

    /// <summary>Registers the services, each wrapped with <paramref name="interceptors"/> (the first listed runs first); throws <see cref="InvalidOperationException"/> when two methods share a full name.</summary>
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

    /// <summary>The hosted services, interceptors applied, in the order they were registered.</summary>
    public IReadOnlyList<ServiceDefinition> Services { get; }

    /// <summary>Whether a service of this fully qualified name is hosted.</summary>
    public bool ContainsService(string serviceName) => _serviceNames.Contains(serviceName);

    /// <summary>The method with this full name (<c>/service/method</c>), or null.</summary>
    public ServerMethodDefinition? FindMethod(string fullName) => _methods.GetValueOrDefault(fullName);

    /// <summary>Builds one transport handler per method, keyed by <see cref="IMethod.FullName"/>.</summary>
    public FrozenDictionary<string, THandler> Bind<THandler>(IServerMethodVisitor<THandler> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return _methods.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.Accept(visitor), StringComparer.Ordinal);
    }
}
