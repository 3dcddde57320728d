using System.Diagnostics;
using System.Globalization;
using System.Net;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Smf;

/// <summary>
/// PFCP session establishments per second through the SMF API (SmfN4Client) against a running UPF: one association,
/// SESSIONS establishments with CONCURRENCY in flight, each a whole PDU session (two PDRs, two FARs, a QER, a URR) for
/// its own UE address; then the deletions, timed apart. Prints one JSON line.
/// </summary>
internal static class PfcpRate
{
    public static async Task<int> RunAsync(IPEndPoint upf, IPEndPoint local, int sessions, int concurrency)
    {
        await using var smf = await SmfN4Client.AssociateAsync(local, upf, NodeId.FromAddress(local.Address),
            new SmfN4Options { HeartbeatInterval = null });

        // A short warm-up, not counted: the first calls pay for JIT compilation on both sides.
        var warm = await EstablishAsync(smf, 0, Math.Min(200, sessions), concurrency);
        await DeleteAsync(warm, concurrency);

        var clock = Stopwatch.StartNew();
        var established = await EstablishAsync(smf, 1000, sessions, concurrency);
        var establishing = clock.Elapsed.TotalSeconds;
        clock.Restart();
        await DeleteAsync(established, concurrency);
        var deleting = clock.Elapsed.TotalSeconds;

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv,
            $"{{\"sessions\": {sessions}, \"concurrency\": {concurrency}, \"per_second\": {sessions / establishing:F1}, \"deletions_per_second\": {sessions / deleting:F1}}}"));
        return 0;
    }

    private static async Task<List<SmfSession>> EstablishAsync(SmfN4Client smf, int first, int count, int concurrency)
    {
        var sessions = new List<SmfSession>(count);
        var next = 0;
        async Task Worker()
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next) - 1;
                if (i >= count)
                {
                    return;
                }
                var n = first + i;
                var session = await smf.EstablishSessionAsync(new PduSessionRequest
                {
                    UeAddress = new IPAddress([10, 45, (byte)(n >> 8), (byte)n]),
                    GnbAddress = smf.Node.LocalEndPoint.Address,
                    GnbTeid = (uint)(0x10000 + n),
                    UplinkMbrKbps = 100_000,
                    DownlinkMbrKbps = 100_000,
                    VolumeThresholdBytes = 1_000_000_000,
                });
                lock (sessions)
                {
                    sessions.Add(session);
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Worker()));
        return sessions;
    }

    private static async Task DeleteAsync(List<SmfSession> sessions, int concurrency)
    {
        var next = 0;
        async Task Worker()
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next) - 1;
                if (i >= sessions.Count)
                {
                    return;
                }
                await sessions[i].DeleteAsync();
            }
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Worker()));
    }
}
