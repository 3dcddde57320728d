using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Steward.Rpc.Grpc;

/// <summary>Adds gRPC to a Steward server and maps it into an ASP.NET Core application.</summary>
public static class GrpcServerExtensions
{
    /// <summary>Adds the gRPC transport to a Steward server.</summary>
    public static IStewardServerBuilder AddGrpc(this IStewardServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The dispatcher logs failed calls; the core registers no logging of its own.
        builder.Services.AddLogging();
        builder.Services.TryAddSingleton<GrpcDispatcher>();
        return builder;
    }

    /// <summary><c>services.AddSteward(configure).AddGrpc()</c>.</summary>
    public static IStewardServerBuilder AddStewardGrpc(this IServiceCollection services, Action<StewardServerOptions>? configure = null) =>
        services.AddSteward(configure).AddGrpc();

    /// <summary>Hosts the grpc.health.v1.Health service; set statuses through the <see cref="HealthService"/> singleton.</summary>
    public static IStewardServerBuilder AddGrpcHealth(this IStewardServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddService<HealthService>();
    }

    /// <summary>
    /// Serves every registered service as middleware: gRPC requests (by content-type) go straight to the
    /// dispatcher, anything else continues down the pipeline. The fastest way to host; no routing involved.
    /// </summary>
    public static IApplicationBuilder UseStewardGrpc(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var dispatcher = app.ApplicationServices.GetRequiredService<GrpcDispatcher>();
        return app.Use(next => http =>
            GrpcProtocol.IsGrpcContentType(http.Request.ContentType) ? dispatcher.DispatchAsync(http) : next(http));
    }

    /// <summary>Maps one registered service's methods as endpoints (for apps that want routing, auth metadata and the like per method).</summary>
    public static IEndpointConventionBuilder MapStewardService<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TService>(this IEndpointRouteBuilder endpoints)
        where TService : class, IBindableService
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var sp = endpoints.ServiceProvider;
        var name = sp.GetRequiredService<TService>().BindService().Name;
        return MapServices(endpoints, s => s.Name == name);
    }

    /// <summary>Maps every registered service, plus a catch-all that answers UNIMPLEMENTED for unknown gRPC paths.</summary>
    public static IEndpointConventionBuilder MapStewardGrpc(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var conventions = MapServices(endpoints, _ => true);
        var dispatcher = endpoints.ServiceProvider.GetRequiredService<GrpcDispatcher>();
        endpoints.Map("{**path}", dispatcher.DispatchAsync).WithMetadata(new HttpMethodMetadata(["POST"])).Add(b => ((RouteEndpointBuilder)b).Order = int.MaxValue);
        return conventions;
    }

    private static IEndpointConventionBuilder MapServices(IEndpointRouteBuilder endpoints, Func<ServiceDefinition, bool> which)
    {
        var dispatcher = endpoints.ServiceProvider.GetRequiredService<GrpcDispatcher>();
        var builders = new List<IEndpointConventionBuilder>();
        foreach (var service in dispatcher.Registry.Services.Where(which))
        {
            foreach (var method in service.Methods)
            {
                var handler = dispatcher.GetMethodDelegate(method.Method.FullName)!;
                builders.Add(endpoints.MapPost(method.Method.FullName, handler).WithDisplayName("gRPC " + method.Method.FullName));
            }
        }
        return new CompositeConventionBuilder(builders);
    }

    private sealed class CompositeConventionBuilder(List<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders)
            {
                builder.Add(convention);
            }
        }
    }
}
