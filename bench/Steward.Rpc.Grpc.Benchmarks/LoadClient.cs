using System.Diagnostics;
using System.Globalization;

/// <summary>
/// A closed-loop unary load client: N callers share one channel, each issuing its next call when the last returns.
/// Used for the client-side comparison (Steward client vs Grpc.Net.Client against the same server).
/// </summary>
internal static class LoadClient
{
    public static async Task<int> RunAsync(string impl, int port, int callers, int seconds, int warmup, string kind)
    {
        if (kind != "unary")
        {
            Console.Error.WriteLine("the load client drives unary calls; the streaming workload is driven by h2load");
            return 2;
        }
        var address = $"http://localhost:{port}";
        Func<Task> call;
        IDisposable channel;
        if (impl == "steward")
        {
            var ch = Steward.Rpc.Grpc.GrpcChannel.ForAddress(address);
            channel = ch;
            var client = new Bench.Steward.Greeter.GreeterClient(ch.CreateCallInvoker());
            var request = new Bench.Steward.HelloRequest { Name = "world" };
            call = async () => await client.SayHelloAsync(request);
        }
        else
        {
            var ch = Grpc.Net.Client.GrpcChannel.ForAddress(address);
            channel = ch;
            var client = new Helloworld.Greeter.GreeterClient(ch);
            var request = new Helloworld.HelloRequest { Name = "world" };
            call = async () => await client.SayHelloAsync(request);
        }
        using (channel)
        {
            await RunPhaseAsync(call, callers, TimeSpan.FromSeconds(warmup), null);
            var latencies = new List<long>[callers];
            var (count, elapsed) = await RunPhaseAsync(call, callers, TimeSpan.FromSeconds(seconds), latencies);
            var all = latencies.SelectMany(l => l).Order().ToArray();
            double Pct(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(all.Length * p))] * 1000.0 / Stopwatch.Frequency;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"impl={impl} callers={callers} calls={count} seconds={elapsed:F1} rps={count / elapsed:F0} p50_ms={Pct(0.50):F3} p99_ms={Pct(0.99):F3}"));
        }
        return 0;
    }

    private static async Task<(long Count, double Seconds)> RunPhaseAsync(Func<Task> call, int callers, TimeSpan duration, List<long>[]? latencies)
    {
        var stop = Stopwatch.StartNew();
        long count = 0;
        var tasks = Enumerable.Range(0, callers).Select(async i =>
        {
            var mine = new List<long>(1 << 16);
            if (latencies is not null)
            {
                latencies[i] = mine;
            }
            while (stop.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                await call();
                mine.Add(Stopwatch.GetTimestamp() - start);
                Interlocked.Increment(ref count);
            }
        }).ToArray();
        await Task.WhenAll(tasks);
        return (count, stop.Elapsed.TotalSeconds);
    }
}
