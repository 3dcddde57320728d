using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Steward.Rpc;

/// <summary>Adds services to a Steward server; returned by <c>AddSteward</c>.</summary>
public interface IStewardServerBuilder
{
    /// <summary>The container the server's services, interceptors and transports are added to.</summary>
    IServiceCollection Services { get; }
}

/// <summary>One hosted service: how to get its definition from the container.</summary>
public sealed class StewardServiceRegistration(Func<IServiceProvider, ServiceDefinition> bind)
{
    /// <summary>Builds the service's definition from the container, once, when the registry is created.</summary>
    public Func<IServiceProvider, ServiceDefinition> Bind { get; } = bind;
}

/// <summary>Registers a Steward server and the services it hosts.</summary>
public static class StewardServiceCollectionExtensions
{
    /// <summary>Registers the Steward server core (options, registry); transports (gRPC, Thrift, …) add their own pieces.</summary>
    public static IStewardServerBuilder AddSteward(this IServiceCollection services, Action<StewardServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<StewardServerOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StewardServerOptions>>().Value;
            var interceptors = options.Interceptors.Concat(sp.GetServices<Interceptor>()).ToArray();
            var definitions = sp.GetServices<StewardServiceRegistration>().Select(r => r.Bind(sp));
            return new ServiceRegistry(definitions, interceptors);
        });
        return new Builder(services);
    }

    /// <summary>Hosts a generated service implementation (one instance for the server's lifetime, resolved from the container).</summary>
    public static IStewardServerBuilder AddService<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TService>(this IStewardServerBuilder builder)
        where TService : class, IBindableService
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<TService>();
        builder.Services.AddSingleton(new StewardServiceRegistration(sp => sp.GetRequiredService<TService>().BindService()));
        return builder;
    }

    /// <summary>Hosts a service built by hand (or by an adapter) as a definition.</summary>
    public static IStewardServerBuilder AddService(this IStewardServerBuilder builder, ServiceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(definition);
        builder.Services.AddSingleton(new StewardServiceRegistration(_ => definition));
        return builder;
    }

    /// <summary>Adds a server interceptor resolved from the container; runs after those in <see cref="StewardServerOptions.Interceptors"/>.</summary>
    public static IStewardServerBuilder AddInterceptor<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TInterceptor>(this IStewardServerBuilder builder)
        where TInterceptor : Interceptor
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<Interceptor, TInterceptor>();
        return builder;
    }

    private sealed class Builder(IServiceCollection services) : IStewardServerBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
