using System.Diagnostics;
using System.Net;
using Thrift;
using Thrift.Processor;
using Thrift.Protocol;
using Thrift.Server;
using Thrift.Transport;
using Thrift.Transport.Client;
using Thrift.Transport.Server;

/// <summary>The anchor: Apache Thrift 0.25's netstd library, framed transport, its multi-connection async server.</summary>
internal static class ApacheSide
{
    private static TProtocolFactory ProtocolFactory(string protocol) => protocol switch
    {
        "binary" => new TBinaryProtocol.Factory(),
        "compact" => new TCompactProtocol.Factory(),
        _ => throw new ArgumentException("protocol must be binary or compact: " + protocol),
    };

    public static async Task ServeAsync(int port, string protocol, CancellationToken cancellationToken)
    {
        var config = new TConfiguration();
        var processor = new Bench.Apache.Greeter.AsyncProcessor(new Handler());
        var transport = new TServerSocketTransport(port, config);
        var framing = new TFramedTransport.Factory();
        var protocols = ProtocolFactory(protocol);
        var server = new TThreadPoolAsyncServer(
            new TSingletonProcessorFactory(processor), transport, framing, framing, protocols, protocols,
            new TThreadPoolAsyncServer.Configuration());
        await server.ServeAsync(cancellationToken);
    }

    private sealed class Handler : Bench.Apache.Greeter.IAsync
    {
        public Task<Bench.Apache.HelloReply> SayHello(Bench.Apache.HelloRequest? request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new Bench.Apache.HelloReply { Message = "Hello " + request?.Name });
    }

    /// <summary>Apache's generated client, one per connection (its transport allows one call at a time).</summary>
    public static async Task<int> ClientAsync(int port, string protocol, int connections, int seconds, int warmup)
    {
        var config = new TConfiguration();
        var clients = new List<Bench.Apache.Greeter.Client>();
        for (var i = 0; i < connections; i++)
        {
            var socket = new TSocketTransport(IPAddress.Loopback, port, config);
            var framed = new TFramedTransport(socket);
            TProtocol proto = protocol == "binary" ? new TBinaryProtocol(framed) : new TCompactProtocol(framed);
            await framed.OpenAsync(CancellationToken.None);
            clients.Add(new Bench.Apache.Greeter.Client(proto));
        }
        return await ClosedLoop.RunAsync(clients, async (client, ct) =>
        {
            var reply = await client.SayHello(new Bench.Apache.HelloRequest { Name = "world" }, ct);
            return reply.Message == "Hello world";
        }, seconds, warmup);
    }
}

/// <summary>A closed loop per caller for the client-side comparison: same measurement for both stacks.</summary>
internal static class ClosedLoop
{
    public static async Task<int> RunAsync<T>(IReadOnlyList<T> callers, Func<T, CancellationToken, Task<bool>> call, int seconds, int warmup)
    {
        var measuring = false;
        var stop = false;
        string? error = null;
        var loops = callers.Select(caller => Task.Run(async () =>
        {
            var latencies = new List<long>(1 << 16);
            while (!Volatile.Read(ref stop))
            {
                var t0 = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await call(caller, CancellationToken.None);
                }
                catch (Exception ex)
                {
                    error = ex.GetType().Name + ": " + ex.Message;
                    break;
                }
                if (!ok)
                {
                    error = "wrong reply";
                    break;
                }
                if (Volatile.Read(ref measuring))
                {
                    latencies.Add(Stopwatch.GetTimestamp() - t0);
                }
            }
            return latencies;
        })).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(warmup));
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        Volatile.Write(ref measuring, true);
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        Volatile.Write(ref measuring, false);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds / elapsed.TotalSeconds;
        Volatile.Write(ref stop, true);
        var results = await Task.WhenAll(loops);
        if (error is not null)
        {
            Console.Error.WriteLine(error);
            return 1;
        }
        var all = results.SelectMany(r => r).ToArray();
        Array.Sort(all);
        Console.WriteLine(Summary.Format(all, elapsed, cpu));
        return 0;
    }
}
