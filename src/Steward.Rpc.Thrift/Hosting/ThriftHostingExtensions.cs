using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Steward.Rpc.Thrift;

/// <summary>Adds Thrift to a Steward server and serves it on Kestrel endpoints.</summary>
public static class ThriftHostingExtensions
{
    /// <summary>Adds the Thrift transport to a Steward server (the registry, options and interceptors are the core's, shared with gRPC).</summary>
    public static IStewardServerBuilder AddThrift(this IStewardServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The dispatcher logs failed calls; the core registers no logging of its own.
        builder.Services.AddLogging();
        builder.Services.TryAddSingleton<ThriftDispatcher>();
        return builder;
    }

    /// <summary><c>services.AddSteward(configure).AddThrift()</c>.</summary>
    public static IStewardServerBuilder AddStewardThrift(this IServiceCollection services, Action<StewardServerOptions>? configure = null) =>
        services.AddSteward(configure).AddThrift();

    /// <summary>
    /// Serves Thrift on this Kestrel endpoint: a raw connection handler (what <c>UseConnectionHandler</c> installs)
    /// for every service registered with <c>AddSteward</c> whose methods carry a Thrift codec. Put
    /// <c>UseHttps(…)</c> before it for TLS; <c>ListenUnixSocket</c> works as any other endpoint.
    /// Requires <see cref="AddThrift"/> (or <see cref="AddStewardThrift"/>) on the services.
    /// </summary>
    public static ListenOptions UseStewardThrift(this ListenOptions listenOptions, Action<ThriftServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        var options = new ThriftServerOptions();
        configure?.Invoke(options);
        options = options.Clone();
        // The application's services are ready only when Kestrel builds the endpoint's pipeline, not at configuration time.
        listenOptions.Use(_ =>
        {
            var dispatcher = listenOptions.ApplicationServices.GetService<ThriftDispatcher>()
                ?? throw new InvalidOperationException("UseStewardThrift needs services.AddStewardThrift() (or AddSteward().AddThrift()).");
            var handler = dispatcher.CreateHandler(options);
            return handler.OnConnectedAsync;
        });
        return listenOptions;
    }
}
