using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Steward.Hosting.Linux;
using Steward.Rpc;
using Steward.Rpc.Grpc;

// server --impl=steward|grpc-dotnet --port=N
// client --impl=steward|grpc-dotnet --port=N --callers=32 --seconds=10 --warmup=5 [--kind=unary|stream]
// demo   (starts a Steward Greeter on a free port and calls it through the generated client)
var mode = args.FirstOrDefault() ?? "";
var flags = args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal))
    .ToDictionary(a => a[2..a.IndexOf('=', StringComparison.Ordinal)], a => a[(a.IndexOf('=', StringComparison.Ordinal) + 1)..]);
string Flag(string name, string fallback) => flags.GetValueOrDefault(name, fallback);
int IntFlag(string name, int fallback) => int.Parse(Flag(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

switch (mode)
{
    case "server":
        await using (var app = BuildServer(Flag("impl", "steward"), IntFlag("port", 50051)))
        {
            await app.StartAsync();
            Console.WriteLine($"{Flag("impl", "steward")} Greeter listening on {IntFlag("port", 50051)} (pid {Environment.ProcessId})");
            await app.WaitForShutdownAsync();
        }
        return 0;
    case "client":
        return await LoadClient.RunAsync(Flag("impl", "steward"), IntFlag("port", 50051), IntFlag("callers", 32), IntFlag("seconds", 10), IntFlag("warmup", 5), Flag("kind", "unary"));
    case "demo":
        return await Demo.RunAsync(BuildServer);
    default:
        Console.Error.WriteLine("usage: server --impl=steward|grpc-dotnet --port=N | client --impl=... --port=N [--callers --seconds --warmup --kind] | demo");
        return 2;
}

static WebApplication BuildServer(string impl, int port)
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
    if (impl.StartsWith("steward-linux", StringComparison.Ordinal))
    {
        // Steward's epoll transport under the same Kestrel HTTP/2; "-io" runs Kestrel's connection loop on the I/O thread.
        builder.WebHost.UseStewardLinuxTransport(o => o.ApplicationScheduling = impl.EndsWith("-io", StringComparison.Ordinal)
            ? ApplicationScheduling.IoThread : ApplicationScheduling.ThreadPool);
        impl = "steward";
    }
    if (impl == "steward")
    {
        builder.Services.AddStewardGrpc().AddService<StewardGreeter>();
    }
    else
    {
        builder.Services.AddGrpc();
    }
    var app = builder.Build();
    if (impl == "steward")
    {
        app.UseStewardGrpc();
    }
    else
    {
        app.MapGrpcService<GrpcDotnetGreeter>();
    }
    return app;
}

internal sealed class StewardGreeter : Bench.Steward.Greeter.GreeterBase
{
    public override Task<Bench.Steward.HelloReply> SayHello(Bench.Steward.HelloRequest request, ServerCallContext context) =>
        Task.FromResult(new Bench.Steward.HelloReply { Message = "Hello " + request.Name });

    public override async Task SayHelloStream(IAsyncStreamReader<Bench.Steward.HelloRequest> requestStream, IServerStreamWriter<Bench.Steward.HelloReply> responseStream, ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            await responseStream.WriteAsync(new Bench.Steward.HelloReply { Message = "Hello " + requestStream.Current.Name });
        }
    }
}

internal sealed class GrpcDotnetGreeter : Helloworld.Greeter.GreeterBase
{
    public override Task<Helloworld.HelloReply> SayHello(Helloworld.HelloRequest request, Grpc.Core.ServerCallContext context) =>
        Task.FromResult(new Helloworld.HelloReply { Message = "Hello " + request.Name });

    public override async Task SayHelloStream(Grpc.Core.IAsyncStreamReader<Helloworld.HelloRequest> requestStream, Grpc.Core.IServerStreamWriter<Helloworld.HelloReply> responseStream, Grpc.Core.ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            await responseStream.WriteAsync(new Helloworld.HelloReply { Message = "Hello " + requestStream.Current.Name });
        }
    }
}

internal static class Demo
{
    public static async Task<int> RunAsync(Func<string, int, WebApplication> build)
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var app = build("steward", port);
        await app.StartAsync();
        Console.WriteLine($"server: Steward gRPC Greeter on http://localhost:{port} (h2c)");
        using var channel = GrpcChannel.ForAddress($"http://localhost:{port}");
        var client = new Bench.Steward.Greeter.GreeterClient(channel.CreateCallInvoker());
        foreach (var name in new[] { "Steward", "gRPC" })
        {
            Console.WriteLine($"client → SayHello {{ name: \"{name}\" }}");
            var reply = await client.SayHelloAsync(new Bench.Steward.HelloRequest { Name = name });
            Console.WriteLine($"client ← HelloReply {{ message: \"{reply.Message}\" }}");
        }
        using var stream = client.SayHelloStream();
        foreach (var name in new[] { "one", "two", "three" })
        {
            await stream.RequestStream.WriteAsync(new Bench.Steward.HelloRequest { Name = name });
            await stream.ResponseStream.MoveNext();
            Console.WriteLine($"duplex: sent \"{name}\", got \"{stream.ResponseStream.Current.Message}\"");
        }
        await stream.RequestStream.CompleteAsync();
        await stream.ResponseStream.MoveNext();
        Console.WriteLine($"duplex: status {stream.GetStatus().StatusCode}");
        await app.StopAsync();
        return 0;
    }
}
