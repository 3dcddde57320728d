using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Steward.Pfcp.Ies;

namespace Steward.N4.Interop.Tests;

/// <summary>The session's QER and URR at work end to end: the MBR caps a flood, usage reports count the inner IP octets sent.</summary>
public sealed class PolicyTests
{
    private const int UdpPort = 5600;
    private const int IpAndUdpHeaders = 28;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_uplink_mbr_caps_a_udp_flood_to_the_rate_times_the_time_plus_a_burst()
    {
        const ulong mbrKbps = 4_000; // 500,000 octets a second
        await using var n4 = await N4Session.StartAsync(N4Session.DefaultRequest with { UplinkMbrKbps = mbrKbps }, capture: false);
        using var dn = Receiver(n4);
        using var ue = Sender(n4);
        var payload = new byte[1000];
        var destination = new IPEndPoint(N4Topology.DnHostAddress, UdpPort);

        var counting = Task.Run(() => CountUntilQuiet(dn), Token);
        long sent = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            ue.SendTo(payload, destination);
            sent += payload.Length + IpAndUdpHeaders;
        }
        var sending = clock.Elapsed;
        var (delivered, _) = await counting;

        // A bound, not a speed claim: the rate over the sending time and one more second, half again for slack, and a
        // burst of 64 KiB; the flood itself must have been well above it, and some of it must have got through.
        var bound = mbrKbps * 1000 / 8 * (sending.TotalSeconds + 1) * 1.5 + 65536;
        Assert.InRange(delivered, 1, (long)bound);
        Assert.True(sent > 3 * bound, $"the flood ({sent} octets) was not much above the bound ({bound:F0})");
        Assert.True(n4.Upf.Counters.DroppedByMbr > 0);
    }

    [Fact]
    public async Task Usage_reports_count_the_inner_ip_octets_sent_each_way()
    {
        await using var n4 = await N4Session.StartAsync(capture: false);
        using var dn = Receiver(n4);
        using var ue = Sender(n4);
        // 100 to 1270 octets: under the UE's MTU, so each is one IP packet (a fragment would add a header of its own).
        var sizes = Enumerable.Range(0, 40).Select(i => 100 + (i * 30)).ToArray();

        var expected = await EchoEachAsync(ue, dn, sizes);
        var report = Assert.Single(await n4.Session.QueryUsageAsync(Token));

        Assert.Equal((ulong)expected, report.VolumeMeasurement?.UplinkVolume);
        Assert.Equal((ulong)expected, report.VolumeMeasurement?.DownlinkVolume);
        Assert.Equal((ulong)(2 * expected), report.VolumeMeasurement?.TotalVolume);
    }

    [Fact]
    public async Task Crossing_the_volume_threshold_sends_a_usage_report_to_the_smf()
    {
        await using var n4 = await N4Session.StartAsync(N4Session.DefaultRequest with { VolumeThresholdBytes = 20_000 });
        using var dn = Receiver(n4);
        using var ue = Sender(n4);

        var sent = await EchoEachAsync(ue, dn, Enumerable.Repeat(1000, 15).ToArray()); // 2 × 15 × 1028 octets, over 20,000
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(Token);
        wait.CancelAfter(TimeSpan.FromSeconds(15));
        var report = await n4.Smf.Reports.ReadAsync(wait.Token);

        Assert.Equal(n4.Session, report.Session);
        Assert.True(report.ReportType.HasFlag(ReportType.Usage));
        var usage = Assert.Single(report.UsageReports);
        Assert.True(usage.UsageReportTrigger.HasFlag(UsageReportTrigger.VolumeThreshold));
        Assert.InRange(usage.VolumeMeasurement?.TotalVolume ?? 0, 20_000ul, (ulong)(2 * sent));

        // The UPF's Session Report Request and the SMF's response, judged by tshark.
        var decode = n4.Capture!.Stop();
        Assert.Empty(decode.Problems);
        var request = Assert.Single(decode.With("pfcp"), p => p.Number64("pfcp.msg_type") == 56);
        Assert.Equal(N4Topology.UpfN3Address.ToString(), request["ip.src"]);
        Assert.Equal(n4.Session.LocalSeid, request.Number64("pfcp.seid"));
        Assert.Equal("1", request.Field("pfcp.usage_report_trigger_flags.volth"));
        var response = Assert.Single(decode.With("pfcp"), p => p.Number64("pfcp.msg_type") == 57);
        Assert.Equal("1", response.Field("pfcp.cause"));
    }

    private static Socket Receiver(N4Session n4)
    {
        var socket = NamespaceSockets.Open(n4.Topology.Dn, AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(N4Topology.DnHostAddress, UdpPort));
        socket.ReceiveTimeout = 5000;
        return socket;
    }

    private static Socket Sender(N4Session n4)
    {
        var socket = NamespaceSockets.Open(n4.Topology.Gnb, AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(N4Topology.UeAddress, UdpPort));
        socket.ReceiveTimeout = 5000;
        return socket;
    }

    /// <summary>Sends one datagram of each size from the UE, the DN host echoes it; returns the inner IP octets one way.</summary>
    private static async Task<long> EchoEachAsync(Socket ue, Socket dn, int[] sizes)
    {
        long octets = 0;
        var buffer = new byte[4096];
        var ueEnd = new IPEndPoint(N4Topology.UeAddress, UdpPort);
        foreach (var size in sizes)
        {
            await ue.SendToAsync(new byte[size], new IPEndPoint(N4Topology.DnHostAddress, UdpPort));
            var got = dn.Receive(buffer);
            Assert.Equal(size, got);
            dn.SendTo(buffer.AsSpan(0, got), ueEnd);
            Assert.Equal(size, ue.Receive(buffer));
            octets += size + IpAndUdpHeaders;
        }
        return octets;
    }

    /// <summary>Counts inner IP octets received until a second passes with nothing.</summary>
    private static (long Octets, long Datagrams) CountUntilQuiet(Socket socket)
    {
        socket.ReceiveTimeout = 1000;
        var buffer = new byte[65536];
        long octets = 0, datagrams = 0;
        while (true)
        {
            try
            {
                octets += socket.Receive(buffer) + IpAndUdpHeaders;
                datagrams++;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
            {
                return (octets, datagrams);
            }
        }
    }
}
