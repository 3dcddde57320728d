using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Steward.Hosting.Linux;
using Steward.Rpc;
using Steward.Rpc.Thrift;

/// <summary>
/// Steward: the Greeter declared in protos/greeter.proto (Thrift="true"), served by Kestrel through
/// UseStewardThrift and called through the generated client over a ThriftChannel.
/// </summary>
internal static class StewardSide
{
    private static ThriftProtocolKind Kind(string protocol) => protocol switch
    {
        "binary" => ThriftProtocolKind.Binary,
        "compact" => ThriftProtocolKind.Compact,
        _ => throw new ArgumentException("protocol must be binary or compact: " + protocol),
    };

    /// <param name="port">The loopback port to listen on.</param>
    /// <param name="protocol">binary or compact.</param>
    /// <param name="linuxTransport">Serve through Steward's epoll transport with the handler on the I/O thread
    /// (Thrift's non-blocking server model) instead of Kestrel's socket transport.</param>
    /// <param name="cancellationToken">Stops the server.</param>
    public static async Task ServeAsync(int port, string protocol, bool linuxTransport, CancellationToken cancellationToken)
    {
        var kind = Kind(protocol);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (linuxTransport)
        {
            builder.WebHost.UseStewardLinuxTransport(o => o.ApplicationScheduling = ApplicationScheduling.IoThread);
        }
        // Framed and the protocol fixed, as the Apache server is configured: no per-connection detection.
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.UseStewardThrift(o =>
        {
            o.Transport = ThriftTransport.Framed;
            o.Protocol = kind;
        })));
        builder.Services.AddStewardThrift().AddService<Greeter>();
        await using var app = builder.Build();
        await app.StartAsync(cancellationToken);
        await app.WaitForShutdownAsync(cancellationToken);
    }

    private sealed class Greeter : Bench.Steward.Greeter.GreeterBase
    {
        public override Task<Bench.Steward.HelloReply> SayHello(Bench.Steward.HelloRequest request, ServerCallContext context) =>
            Task.FromResult(new Bench.Steward.HelloReply { Message = "Hello " + request.Name });
    }

    /// <summary>One channel pooling as many connections as Apache's side opens; one caller per connection.</summary>
    public static async Task<int> ClientAsync(int port, string protocol, int connections, int seconds, int warmup)
    {
        using var channel = new ThriftChannel($"127.0.0.1:{port}", new ThriftChannelOptions
        {
            Protocol = Kind(protocol),
            Transport = ThriftTransport.Framed,
            MaxConnections = connections,
        });
        var client = new Bench.Steward.Greeter.GreeterClient(channel.CreateCallInvoker());
        var request = new Bench.Steward.HelloRequest { Name = "world" };
        return await ClosedLoop.RunAsync(Enumerable.Repeat(client, connections).ToList(), async (c, ct) =>
        {
            var reply = await c.SayHelloAsync(request, new CallOptions(cancellationToken: ct));
            return reply.Message == "Hello world";
        }, seconds, warmup);
    }
}
