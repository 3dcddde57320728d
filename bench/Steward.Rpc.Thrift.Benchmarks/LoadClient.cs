using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

/// <summary>
/// The neutral load client: N connections, each a closed loop of one pre-encoded framed CALL and
/// its REPLY (Thrift allows one outstanding call per connection), every reply compared byte for
/// byte with the expected one. Prints calls/s, p50 and p99 latency and its own CPU use.
/// </summary>
internal static class LoadClient
{
    public static async Task<int> RunAsync(int port, string protocol, int connections, int seconds, int warmup, int serverPid)
    {
        var (request, reply) = WireCalls.Encode(protocol, "world", 1);
        var sockets = new Socket[connections];
        for (var i = 0; i < connections; i++)
        {
            sockets[i] = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await sockets[i].ConnectAsync(IPAddress.Loopback, port);
        }
        var state = new RunState();
        var loops = sockets.Select(s => Task.Run(() => LoopAsync(s, request, reply, state))).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(warmup));
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var serverCpu0 = CpuSecondsOf(serverPid);
        var start = Stopwatch.GetTimestamp();
        state.Measuring = true;
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        state.Measuring = false;
        var elapsed = Stopwatch.GetElapsedTime(start);
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds / elapsed.TotalSeconds;
        var serverCpu = (CpuSecondsOf(serverPid) - serverCpu0) / elapsed.TotalSeconds;
        state.Stop = true;
        var results = await Task.WhenAll(loops);
        foreach (var s in sockets)
        {
            s.Dispose();
        }
        if (state.Error is not null)
        {
            Console.Error.WriteLine(state.Error);
            return 1;
        }
        var latencies = results.SelectMany(r => r).ToArray();
        Array.Sort(latencies);
        Console.WriteLine(Summary.Format(latencies, elapsed, cpu) + string.Create(CultureInfo.InvariantCulture, $" server_cpu={serverCpu:F2}"));
        return 0;
    }

    /// <summary>User + system CPU seconds of a process, from /proc/PID/stat (0 when not given).</summary>
    private static double CpuSecondsOf(int pid)
    {
        if (pid <= 0)
        {
            return 0;
        }
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the parenthesised command name: state is field 3, utime 14 and stime 15 (clock ticks, 100 Hz on Linux).
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private sealed class RunState
    {
        public volatile bool Measuring;
        public volatile bool Stop;
        public volatile string? Error;
    }

    private static async Task<List<long>> LoopAsync(Socket socket, byte[] request, byte[] reply, RunState state)
    {
        var latencies = new List<long>(1 << 16);
        var buffer = new byte[reply.Length + 64];
        try
        {
            while (!state.Stop)
            {
                var t0 = Stopwatch.GetTimestamp();
                await socket.SendAsync(request, SocketFlags.None);
                var have = 0;
                var need = 4;
                while (have < need)
                {
                    var n = await socket.ReceiveAsync(buffer.AsMemory(have), SocketFlags.None);
                    if (n == 0)
                    {
                        state.Error = "the server closed the connection";
                        return latencies;
                    }
                    have += n;
                    if (need == 4 && have >= 4)
                    {
                        need = 4 + System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(buffer);
                        if (need != reply.Length)
                        {
                            state.Error = $"reply frame of {need - 4} bytes, expected {reply.Length - 4}";
                            return latencies;
                        }
                    }
                }
                if (have != reply.Length || !buffer.AsSpan(0, have).SequenceEqual(reply))
                {
                    state.Error = $"unexpected reply {Convert.ToHexString(buffer, 0, have)}, expected {Convert.ToHexString(reply)}";
                    return latencies;
                }
                if (state.Measuring)
                {
                    latencies.Add(Stopwatch.GetTimestamp() - t0);
                }
            }
        }
        catch (SocketException ex)
        {
            state.Error = "socket error: " + ex.Message;
        }
        return latencies;
    }
}

internal static class Summary
{
    /// <summary>One line the run script parses: rps, p50_ms, p99_ms, cpu (cores used by this process).</summary>
    public static string Format(long[] sortedTicks, TimeSpan elapsed, double cpu)
    {
        static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        var n = sortedTicks.Length;
        var p50 = n == 0 ? 0 : Ms(sortedTicks[Math.Max(0, (int)(n * 0.50) - 1)]);
        var p99 = n == 0 ? 0 : Ms(sortedTicks[Math.Max(0, (int)(n * 0.99) - 1)]);
        return string.Create(CultureInfo.InvariantCulture, $"calls={n} rps={n / elapsed.TotalSeconds:F0} p50_ms={p50:F3} p99_ms={p99:F3} cpu={cpu:F2}");
    }
}
