using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Steward.Rpc.Corba;

/// <summary>Adds CORBA (GIOP over IIOP) to a Steward server and serves it on Kestrel endpoints, each endpoint an object adapter.</summary>
public static class CorbaHostingExtensions
{
    /// <summary>Adds the GIOP transport to a Steward server (the registry, options and interceptors are the core's, shared with every protocol).</summary>
    public static IStewardServerBuilder AddCorba(this IStewardServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddLogging();
        builder.Services.TryAddSingleton<CorbaDispatcher>();
        return builder;
    }

    /// <summary><c>services.AddSteward(configure).AddCorba()</c>.</summary>
    public static IStewardServerBuilder AddStewardCorba(this IServiceCollection services, Action<StewardServerOptions>? configure = null) =>
        services.AddSteward(configure).AddCorba();

    /// <summary>
    /// Serves GIOP 1.0 to 1.2 on this Kestrel endpoint (a raw connection handler; Kestrel sockets, Unix sockets and the
    /// Steward Linux transport alike). <paramref name="configure"/> sets up its object adapter:
    /// <c>adapter.Add("StewardTest", "Test.Operations")</c> maps an object key to a registered service. Keep the
    /// adapter to make references to its objects (<see cref="CorbaObjectAdapterOptions.CreateIor"/>) once the host has started.
    /// Requires <see cref="AddCorba"/> (or <see cref="AddStewardCorba"/>) on the services.
    /// </summary>
    public static ListenOptions UseStewardCorba(this ListenOptions listenOptions, Action<CorbaObjectAdapterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        ArgumentNullException.ThrowIfNull(configure);
        var adapter = new CorbaObjectAdapterOptions();
        configure(adapter);
        // Kestrel writes the bound endpoint (the real port for port 0) back into the listen options.
        adapter.BindEndPoint(() => listenOptions.EndPoint);
        // The application's services are ready only when Kestrel builds the endpoint's pipeline.
        listenOptions.Use(_ =>
        {
            var dispatcher = listenOptions.ApplicationServices.GetService<CorbaDispatcher>()
                ?? throw new InvalidOperationException("UseStewardCorba needs services.AddStewardCorba() (or AddSteward().AddCorba()).");
            var handler = dispatcher.CreateHandler(adapter);
            return connection => handler(connection);
        });
        return listenOptions;
    }
}
