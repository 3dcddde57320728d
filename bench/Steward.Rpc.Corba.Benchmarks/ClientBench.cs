using System.Diagnostics;
using System.Globalization;
using Steward.Rpc.Corba;
using Test;

// Steward's side of the CORBA client benchmark: THREADS concurrent loops, each awaiting opString("hello", "world")
// through one CorbaChannel (one connection, many outstanding request ids), every result checked.
//   Steward.Rpc.Corba.Benchmarks --ior-file=F --threads=T --seconds=S --warmup=W
// prints: calls=N rps=X p50_ms=X p99_ms=X cpu=X      (cpu: this process's CPU-seconds per second)
string Flag(string name, string fallback) =>
    args.FirstOrDefault(a => a.StartsWith("--" + name + "=", StringComparison.Ordinal))?[(name.Length + 3)..] ?? fallback;

var iorFile = Flag("ior-file", "");
if (iorFile.Length == 0)
{
    Console.Error.WriteLine("usage: Steward.Rpc.Corba.Benchmarks --ior-file=F [--threads=T] [--seconds=S] [--warmup=W]");
    return 2;
}
var threads = int.Parse(Flag("threads", "8"), CultureInfo.InvariantCulture);
var seconds = double.Parse(Flag("seconds", "10"), CultureInfo.InvariantCulture);
var warmup = double.Parse(Flag("warmup", "5"), CultureInfo.InvariantCulture);

using var channel = new CorbaChannel(File.ReadAllText(iorFile).Trim());
var client = new OperationsClient(channel.CreateCallInvoker());
var start = Stopwatch.GetTimestamp();
var measureFrom = start + (long)(warmup * Stopwatch.Frequency);
var end = measureFrom + (long)(seconds * Stopwatch.Frequency);
var latencies = new List<long>[threads];
var wrong = 0;

async Task LoopAsync(int index)
{
    var mine = latencies[index] = new List<long>(1 << 20);
    while (true)
    {
        var before = Stopwatch.GetTimestamp();
        if (before >= end)
        {
            return;
        }
        var result = await client.OpStringAsync("hello", "world");
        var after = Stopwatch.GetTimestamp();
        if (result.ReturnValue != "helloworld" || result.Ba != "worldhello")
        {
            Interlocked.Exchange(ref wrong, 1);
            return;
        }
        if (before >= measureFrom && after < end)
        {
            mine.Add(after - before);
        }
    }
}

var loops = Enumerable.Range(0, threads).Select(i => Task.Run(() => LoopAsync(i))).ToArray();
await Task.Delay(TimeSpan.FromSeconds(warmup));
var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
await Task.WhenAll(loops);
var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
if (wrong != 0)
{
    Console.Error.WriteLine("Steward.Rpc.Corba.Benchmarks: opString returned the wrong strings");
    return 1;
}
var all = latencies.SelectMany(l => l).Order().ToArray();
double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(all.Length * p))] * 1000.0 / Stopwatch.Frequency;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"calls={all.Length} rps={all.Length / seconds:F0} p50_ms={Percentile(0.50):F3} p99_ms={Percentile(0.99):F3} cpu={cpu / seconds:F2}"));
return all.Length > 0 ? 0 : 1;
