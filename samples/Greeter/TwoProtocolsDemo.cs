using Steward.Rpc;
using Steward.Rpc.Thrift;

namespace Greeter.Sample;

/// <summary>`Greeter two-protocols`: the host on a gRPC port and a Thrift port, both clients calling it.</summary>
internal static class TwoProtocolsDemo
{
    public static async Task<int> RunAsync()
    {
        var grpcPort = GreeterHost.FreePort();
        var thriftPort = GreeterHost.FreePort();
        await using var app = GreeterHost.Build(grpcPort, thriftPort);
        await app.StartAsync();
        Console.WriteLine($"server: one GreeterService, gRPC on 127.0.0.1:{grpcPort} (h2c), Thrift on 127.0.0.1:{thriftPort}");

        var request = new HelloRequest { Name = "Steward" };
        request.Labels["via"] = "both";
        var (grpc, grpcChannel) = GreeterHost.GrpcClient(grpcPort);
        using (grpcChannel)
        {
            Console.WriteLine($"gRPC   → SayHello {{ name: \"{request.Name}\", labels: {{via: both}} }}");
            var reply = await grpc.SayHelloAsync(request);
            Console.WriteLine($"gRPC   ← HelloReply {{ message: \"{reply.Message}\", language: {reply.Language}, tags: [{string.Join(", ", reply.Tags)}] }}");
            using var stream = grpc.SayHelloStream(new HelloRequest { Name = "Steward", Count = 2 });
            while (await stream.ResponseStream.MoveNext())
            {
                Console.WriteLine($"gRPC   ← SayHelloStream \"{stream.ResponseStream.Current.Message}\"");
            }
        }
        foreach (var protocol in new[] { ThriftProtocolKind.Binary, ThriftProtocolKind.Compact })
        {
            var (thrift, thriftChannel) = GreeterHost.ThriftClient(thriftPort, protocol);
            using (thriftChannel)
            {
                var label = $"Thrift {protocol.ToString().ToLowerInvariant()}, framed";
                Console.WriteLine($"{label} → SayHello {{ 1: request {{ 1: name \"{request.Name}\", 3: labels {{via: both}} }} }}");
                var reply = await thrift.SayHelloAsync(request);
                Console.WriteLine($"{label} ← result {{ 0: success {{ 1: message \"{reply.Message}\", 2: language {(int)reply.Language} ({reply.Language}), 3: tags [{string.Join(", ", reply.Tags)}] }} }}");
            }
        }
        var (streaming, channel) = GreeterHost.ThriftClient(thriftPort, ThriftProtocolKind.Binary);
        using (channel)
        {
            try
            {
                using var call = streaming.SayHelloStream(new HelloRequest { Name = "Steward" });
                await call.ResponseStream.MoveNext();
                Console.WriteLine("Thrift SayHelloStream: unexpectedly answered");
                return 1;
            }
            catch (RpcException ex)
            {
                Console.WriteLine($"Thrift SayHelloStream → {ex.StatusCode}: streaming methods stay gRPC-only");
            }
        }
        await app.StopAsync();
        return 0;
    }
}
