using Steward.Rpc;
using Steward.Rpc.Thrift;

namespace Greeter.Sample;

/// <summary>`Greeter protocols`: the host on a gRPC, a Thrift, an Ice and an IIOP port, the one generated client calling it over each.</summary>
internal static class ProtocolsDemo
{
    /// <param name="omniOrbClient">samples/Greeter/corba's omniORB C++ client, built; null to leave it out.</param>
    public static async Task<int> RunAsync(string? omniOrbClient = null)
    {
        var grpcPort = GreeterHost.FreePort();
        var thriftPort = GreeterHost.FreePort();
        var icePort = GreeterHost.FreePort();
        var corbaPort = GreeterHost.FreePort();
        await using var app = GreeterHost.Build(grpcPort, thriftPort, icePort, corbaPort);
        await app.StartAsync();
        Console.WriteLine($"server: one GreeterService, gRPC on 127.0.0.1:{grpcPort} (h2c), Thrift on 127.0.0.1:{thriftPort}, Ice on 127.0.0.1:{icePort} (identity \"{GreeterHost.IceIdentity}\"), IIOP on 127.0.0.1:{corbaPort} (object key \"{GreeterHost.CorbaObjectKey}\")");

        var request = new HelloRequest { Name = "Steward" };
        request.Labels["via"] = "all";
        var (grpc, grpcChannel) = GreeterHost.GrpcClient(grpcPort);
        using (grpcChannel)
        {
            Console.WriteLine($"gRPC   → SayHello {{ name: \"{request.Name}\", labels: {{via: all}} }}");
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
                Console.WriteLine($"{label} → SayHello {{ 1: request {{ 1: name \"{request.Name}\", 3: labels {{via: all}} }} }}");
                var reply = await thrift.SayHelloAsync(request);
                Console.WriteLine($"{label} ← result {{ 0: success {{ 1: message \"{reply.Message}\", 2: language {(int)reply.Language} ({reply.Language}), 3: tags [{string.Join(", ", reply.Tags)}] }} }}");
            }
        }
        var (ice, iceChannel) = GreeterHost.IceClient(icePort);
        using (iceChannel)
        {
            Console.WriteLine($"Ice    → greeter SayHello(HelloRequest {{ name \"{request.Name}\", count 0, labels {{via: all}} }})");
            var reply = await ice.SayHelloAsync(request);
            Console.WriteLine($"Ice    ← HelloReply {{ message \"{reply.Message}\", language {reply.Language}, tags [{string.Join(", ", reply.Tags)}] }}");
            try
            {
                using var call = ice.SayHelloStream(new HelloRequest { Name = "Steward" });
                await call.ResponseStream.MoveNext();
                Console.WriteLine("Ice SayHelloStream: unexpectedly answered");
                return 1;
            }
            catch (RpcException ex)
            {
                Console.WriteLine($"Ice    SayHelloStream → {ex.StatusCode}: streaming methods stay gRPC-only");
            }
        }
        var (corba, corbaChannel) = GreeterHost.CorbaClient(corbaPort);
        using (corbaChannel)
        {
            Console.WriteLine($"IIOP   → corbaloc:iiop:1.2@127.0.0.1:{corbaPort}/{GreeterHost.CorbaObjectKey} SayHello(HelloRequest {{ name \"{request.Name}\", count 0, labels [{{ key \"via\", value \"all\" }}] }})");
            var reply = await corba.SayHelloAsync(request);
            Console.WriteLine($"IIOP   ← HelloReply {{ message \"{reply.Message}\", language {reply.Language}, tags [{string.Join(", ", reply.Tags)}] }}");
        }
        if (omniOrbClient is not null)
        {
            // A peer of another ORB: omniORB's C++ client, compiled from the equivalent OMG IDL (corba/greeter.idl).
            var url = $"corbaloc:iiop:1.2@127.0.0.1:{corbaPort}/{GreeterHost.CorbaObjectKey}";
            Console.WriteLine($"omniORB C++ client → {url} SayHello(HelloRequest {{ name \"Ada\", ... }})");
            var start = new System.Diagnostics.ProcessStartInfo(omniOrbClient) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(url);
            start.ArgumentList.Add("Ada");
            using var peer = System.Diagnostics.Process.Start(start)!;
            var output = await peer.StandardOutput.ReadToEndAsync();
            var error = await peer.StandardError.ReadToEndAsync();
            await peer.WaitForExitAsync();
            Console.WriteLine($"omniORB C++ client ← {output.Trim()}{error.Trim()}");
            if (peer.ExitCode != 0)
            {
                return 1;
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
