using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Steward.Rpc.Ice;

/// <summary>Adds Ice to a Steward server and serves it on Kestrel endpoints, each endpoint an object adapter.</summary>
public static class IceHostingExtensions
{
    /// <summary>Adds the Ice transport to a Steward server (the registry, options and interceptors are the core's, shared with every protocol).</summary>
    public static IStewardServerBuilder AddIce(this IStewardServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddLogging();
        builder.Services.TryAddSingleton<IceDispatcher>();
        return builder;
    }

    /// <summary><c>services.AddSteward(configure).AddIce()</c>.</summary>
    public static IStewardServerBuilder AddStewardIce(this IServiceCollection services, Action<StewardServerOptions>? configure = null) =>
        services.AddSteward(configure).AddIce();

    /// <summary>
    /// Serves Ice protocol 1.0 on this Kestrel endpoint (a raw connection handler; Kestrel sockets, Unix sockets and the
    /// Steward Linux transport alike). <paramref name="configure"/> sets up its object adapter:
    /// <c>adapter.Add("test", "Test.Operations")</c> maps an identity to a registered service.
    /// Requires <see cref="AddIce"/> (or <see cref="AddStewardIce"/>) on the services.
    /// </summary>
    public static ListenOptions UseStewardIce(this ListenOptions listenOptions, Action<IceObjectAdapterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        ArgumentNullException.ThrowIfNull(configure);
        var adapter = new IceObjectAdapterOptions();
        configure(adapter);
        adapter = adapter.Clone();
        // The application's services are ready only when Kestrel builds the endpoint's pipeline.
        listenOptions.Use(_ =>
        {
            var dispatcher = listenOptions.ApplicationServices.GetService<IceDispatcher>()
                ?? throw new InvalidOperationException("UseStewardIce needs services.AddStewardIce() (or AddSteward().AddIce()).");
            var handler = dispatcher.CreateHandler(adapter);
            return connection => handler(connection);
        });
        return listenOptions;
    }
}
