using System.Globalization;
using System.Net;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Node;
using Steward.Pfcp.Smf;
using Steward.Upf.Control;
using Steward.Upf.DataPath;

namespace Steward.Upf.Tests.Control;

/// <summary>
/// Root tests: the SMF's client establishes a session over PFCP (loopback) on the UPF's PFCP side,
/// which drives the real user plane forwarding between a simulated gNB and a DN host in namespaces.
/// </summary>
[Collection(nameof(NamespaceForwardingTests))]
public sealed class N4NamespaceTests
{
    private static readonly IPAddress Ue = IPAddress.Parse("10.60.0.7");
    private static readonly PfcpNodeOptions Fast = new() { Endpoint = new PfcpEndpointOptions { T1 = TimeSpan.FromMilliseconds(200), N1 = 2 } };
    private const uint GnbTeid = 0x3001;

    private static (int ExitCode, string Output) Ping(UpfTopology net, int count = 3) =>
        UpfTopology.Exec(net.Gnb, "ping", "-c", count.ToString(CultureInfo.InvariantCulture), "-i", "0.2", "-W", "2", "-I", Ue.ToString(), UpfTopology.DnHost.ToString());

    private static async Task<(UpfControl Upf, SmfN4Client Smf)> StartN4(UserPlane plane)
    {
        var upf = UpfControl.Start(new IPEndPoint(IPAddress.Loopback, 0), plane, new UpfControlOptions
        {
            NodeId = NodeId.FromFqdn("upf.ns"),
            N3Address = UpfTopology.UpfN3,
            Node = Fast,
        });
        var smf = await SmfN4Client.AssociateAsync(new IPEndPoint(IPAddress.Loopback, 0), upf.Node.LocalEndPoint, NodeId.FromFqdn("smf.ns"),
            new SmfN4Options { HeartbeatInterval = null, Node = Fast }, TestContext.Current.CancellationToken);
        return (upf, smf);
    }

    [Fact]
    public async Task A_session_established_over_PFCP_carries_a_ping_and_its_usage_is_reported_in_octets()
    {
        using var net = UpfTopology.Create();
        var plane = new UserPlane();
        using var forwarder = net.StartUpf(plane);
        var (upf, smf) = await StartN4(plane);
        await using var _ = upf;
        await using var __ = smf;
        var token = TestContext.Current.CancellationToken;

        var session = await smf.EstablishSessionAsync(new PduSessionRequest
        {
            UeAddress = Ue,
            GnbAddress = UpfTopology.GnbN3,
            GnbTeid = GnbTeid,
            Qfi = 9,
            VolumeThresholdBytes = 300,
        }, token);
        using var gnb = net.StartGnb(Ue, session.UplinkFTeid!.Teid, GnbTeid);
        var (exit, output) = Ping(net);
        var threshold = await smf.Reports.ReadAsync(token).AsTask().WaitAsync(TimeSpan.FromSeconds(5), token);
        var usage = Assert.Single(await session.QueryUsageAsync(token));
        var final = Assert.Single(await session.DeleteAsync(token));
        var (exitAfter, _) = Ping(net, count: 1);

        Assert.True(exit == 0, output);
        Assert.Equal(UpfTopology.UpfN3, session.UplinkFTeid.IPv4);
        Assert.Equal((GnbTeid, 9), (gnb.Stats.LastDownlinkTeid, gnb.Stats.LastDownlinkQfi));
        Assert.Equal(UsageReportTrigger.VolumeThreshold, Assert.Single(threshold.UsageReports).UsageReportTrigger);
        // Three echo requests and three replies of 84 octets (20 IP + 8 ICMP + 56 data) since the threshold report.
        var total = usage.VolumeMeasurement!.TotalVolume + threshold.UsageReports[0].VolumeMeasurement!.TotalVolume;
        Assert.Equal(6ul * 84, total);
        Assert.Equal(UsageReportTrigger.TerminationReport, final.UsageReportTrigger);
        Assert.NotEqual(0, exitAfter);
        Assert.Null(forwarder.Fault);
    }

    [Fact]
    public async Task A_handover_over_PFCP_moves_the_downlink_to_the_new_TEID()
    {
        using var net = UpfTopology.Create();
        var plane = new UserPlane();
        using var forwarder = net.StartUpf(plane);
        var (upf, smf) = await StartN4(plane);
        await using var _ = upf;
        await using var __ = smf;
        var token = TestContext.Current.CancellationToken;
        var session = await smf.EstablishSessionAsync(new PduSessionRequest { UeAddress = Ue, GnbAddress = UpfTopology.GnbN3, GnbTeid = GnbTeid }, token);
        using var gnb = net.StartGnb(Ue, session.UplinkFTeid!.Teid, GnbTeid);
        var (before, beforeOutput) = Ping(net, count: 1);

        await session.ModifyDownlinkAsync(UpfTopology.GnbN3, GnbTeid + 1, token);
        gnb.DownlinkTeid = GnbTeid + 1;
        var (after, afterOutput) = Ping(net, count: 2);

        Assert.True(before == 0, beforeOutput);
        Assert.True(after == 0, afterOutput);
        Assert.Equal(GnbTeid + 1, gnb.Stats.LastDownlinkTeid);
        Assert.Equal(0, gnb.Stats.DownlinkWrongTeid);
    }
}
