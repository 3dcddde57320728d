using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Steward.Rpc.Grpc.Tests.Reflection.Catalog;
using Steward.Rpc.Grpc.Tests.Reflection.Shapes;

namespace Steward.Rpc.Grpc.Tests.Reflection;

/// <summary>A Steward gRPC server on a loopback port hosting the generated ShapeCatalog service, health and reflection.</summary>
public sealed class ReflectionHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ReflectionHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ReflectionHost> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddStewardGrpc().AddService<CatalogService>().AddGrpcHealth().AddGrpcReflection();
        var app = builder.Build();
        app.UseStewardGrpc();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ReflectionHost(app, new Uri(address));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private sealed class CatalogService : ShapeCatalog.ShapeCatalogBase
    {
        public override Task<Shape> Get(GetShapeRequest request, ServerCallContext context) =>
            Task.FromResult(new Shape { Name = request.Name, Kind = Shape.Types.Kind.Circle });
    }
}
