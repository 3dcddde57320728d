using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Steward.Rpc;
using Steward.Rpc.Corba;
using Steward.Rpc.Grpc;
using Steward.Rpc.Ice;
using Steward.Rpc.Thrift;

namespace Greeter.Sample;

/// <summary>
/// One host, one <see cref="GreeterService"/>, four protocols: Kestrel listens for gRPC (HTTP/2) on
/// one port, for Thrift (a raw connection handler; framed or buffered, binary or compact, detected
/// per connection) on another, for Ice (an object adapter serving the service under the identity
/// <c>greeter</c>) on a third, and for IIOP (a GIOP object adapter serving it under the object key
/// <c>greeter</c>) on a fourth. The service is registered once; each transport finds the methods it
/// can carry — SayHello on all four, SayHelloStream on gRPC only (Thrift, Ice and GIOP have no streams).
/// </summary>
public static class GreeterHost
{
    /// <summary>The Ice identity the service is served under (<c>greeter:tcp -h 127.0.0.1 -p PORT</c>).</summary>
    public const string IceIdentity = "greeter";

    /// <summary>The GIOP object key the service is served under (<c>corbaloc:iiop:127.0.0.1:PORT/greeter</c>).</summary>
    public const string CorbaObjectKey = "greeter";

    /// <summary>The repository id of the Greeter interface in samples/Greeter/corba/greeter.idl.</summary>
    public const string CorbaRepositoryId = "IDL:helloworld/Greeter:1.0";

    public static WebApplication Build(int grpcPort, int thriftPort, int icePort, int corbaPort, LogLevel logLevel = LogLevel.Warning)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(logLevel);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, thriftPort, listen => listen.UseStewardThrift());
            kestrel.Listen(IPAddress.Loopback, icePort, listen => listen.UseStewardIce(adapter => adapter.Add(IceIdentity, Greeter.ServiceName)));
            kestrel.Listen(IPAddress.Loopback, corbaPort, listen => listen.UseStewardCorba(adapter => adapter.Add(CorbaObjectKey, Greeter.ServiceName)));
        });
        builder.Services.AddSteward().AddGrpc().AddThrift().AddIce().AddCorba().AddService<GreeterService>();
        var app = builder.Build();
        app.UseStewardGrpc();
        return app;
    }

    /// <summary>A port nothing listens on right now (the host binds it a moment later).</summary>
    public static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>The generated client over gRPC (h2c).</summary>
    public static (Greeter.GreeterClient Client, IDisposable Channel) GrpcClient(int port)
    {
        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        return (new Greeter.GreeterClient(channel.CreateCallInvoker()), channel);
    }

    /// <summary>The same generated client type over Ice (a proxy to the <c>greeter</c> object).</summary>
    public static (Greeter.GreeterClient Client, IDisposable Channel) IceClient(int port)
    {
        var channel = new IceChannel($"{IceIdentity}:tcp -h 127.0.0.1 -p {port} -t 60000");
        return (new Greeter.GreeterClient(channel.CreateCallInvoker()), channel);
    }

    /// <summary>The same generated client type over IIOP (GIOP 1.2, to the object <c>greeter</c>).</summary>
    public static (Greeter.GreeterClient Client, IDisposable Channel) CorbaClient(int port)
    {
        var channel = new CorbaChannel($"corbaloc:iiop:1.2@127.0.0.1:{port}/{CorbaObjectKey}");
        return (new Greeter.GreeterClient(channel.CreateCallInvoker()), channel);
    }

    /// <summary>The same generated client type over Thrift (framed).</summary>
    public static (Greeter.GreeterClient Client, IDisposable Channel) ThriftClient(int port, ThriftProtocolKind protocol)
    {
        var channel = new ThriftChannel($"127.0.0.1:{port}", new ThriftChannelOptions { Protocol = protocol, Transport = ThriftTransport.Framed });
        return (new Greeter.GreeterClient(channel.CreateCallInvoker()), channel);
    }
}
