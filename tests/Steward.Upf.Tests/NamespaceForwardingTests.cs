using System.Net;
using Steward.Upf.DataPath;
using Steward.Upf.Rules;

namespace Steward.Upf.Tests;

// Root tests in network namespaces: a real UPF forwarder between a simulated gNB and a DN host.
// Namespaces, veths and TUN devices are per test; the tests of this class run one at a time so
// that ping timings are not disturbed by each other.
[CollectionDefinition(nameof(NamespaceForwardingTests), DisableParallelization = true)]
public sealed class NamespaceForwardingCollection;

[Collection(nameof(NamespaceForwardingTests))]
public class NamespaceForwardingTests
{
    private static readonly IPAddress Ue = IPAddress.Parse("10.60.0.1");
    private const uint UplinkTeid = 0x1001;
    private const uint DownlinkTeid = 0x2001;

    private static SessionRules Rules(uint downlinkTeid = DownlinkTeid, QosEnforcementRule? qer = null, ApplyAction downlink = ApplyAction.Forward) => new()
    {
        LocalSeid = 1,
        RemoteSeid = 2,
        Pdrs =
        [
            new PacketDetectionRule
            {
                Id = 1, Precedence = 100, SourceInterface = InterfaceKind.Access, LocalTeid = UplinkTeid, UeAddress = Ue,
                RemoveOuterHeader = true, FarId = 1, QerIds = [1], UrrIds = [1],
            },
            new PacketDetectionRule { Id = 2, Precedence = 100, SourceInterface = InterfaceKind.Core, UeAddress = Ue, FarId = 2, QerIds = [1], UrrIds = [1] },
        ],
        Fars =
        [
            new ForwardingActionRule { Id = 1, Action = ApplyAction.Forward, DestinationInterface = InterfaceKind.Core },
            new ForwardingActionRule
            {
                Id = 2, Action = downlink, DestinationInterface = InterfaceKind.Access,
                OuterHeader = downlink == ApplyAction.Forward ? new OuterHeaderCreation(downlinkTeid, UpfTopology.GnbN3) : null,
            },
        ],
        Qers = [qer ?? new QosEnforcementRule { Id = 1, Qfi = 9 }],
        Urrs = [new UsageReportingRule { Id = 1 }],
    };

    private static (int ExitCode, string Output) Ping(UpfTopology net, int count = 3) =>
        UpfTopology.Exec(net.Gnb, "ping", "-c", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", "0.2", "-W", "2", "-I", Ue.ToString(), UpfTopology.DnHost.ToString());

    [Fact]
    public void A_ping_from_the_ue_reaches_the_dn_host_and_the_reply_returns_with_the_sessions_teid_and_qfi()
    {
        using var net = UpfTopology.Create();
        var plane = new UserPlane();
        plane.Apply(Rules());
        using var upf = net.StartUpf(plane);
        using var gnb = net.StartGnb(Ue, UplinkTeid, DownlinkTeid);

        var (exit, output) = Ping(net);

        Assert.True(exit == 0, output);
        var seen = gnb.Stats;
        Assert.Equal((DownlinkTeid, 9, 0), (seen.LastDownlinkTeid, seen.LastDownlinkQfi, seen.LastDownlinkPduType));
        Assert.True(seen.DownlinkPackets >= 3, $"{seen}");
        Assert.Equal(0, seen.DownlinkWrongTeid);
        var counters = upf.Counters;
        Assert.True(counters.UplinkForwarded >= 3 && counters.DownlinkForwarded >= 3, $"{counters}");
        // 3 echo requests and 3 replies of 84 octets each (20 IP + 8 ICMP + 56 data).
        var usage = Assert.Single(plane.QueryUsage(1)!);
        Assert.Equal((3UL * 84, 3UL * 84), (usage.UplinkBytes, usage.DownlinkBytes));
        Assert.Null(upf.Fault);
    }

    [Fact]
    public void A_new_downlink_teid_moves_the_downlink_as_in_a_handover()
    {
        using var net = UpfTopology.Create();
        var plane = new UserPlane();
        plane.Apply(Rules());
        using var upf = net.StartUpf(plane);
        using var gnb = net.StartGnb(Ue, UplinkTeid, DownlinkTeid);
        Assert.Equal(0, Ping(net, 1).ExitCode);

        gnb.DownlinkTeid = 0x3001;
        var (exitBefore, _) = Ping(net, 1);
        plane.Apply(Rules(downlinkTeid: 0x3001));
        var (exitAfter, output) = Ping(net, 2);

        Assert.NotEqual(0, exitBefore);
        Assert.True(exitAfter == 0, output);
        Assert.Equal(0x3001u, gnb.Stats.LastDownlinkTeid);
        Assert.True(gnb.Stats.DownlinkWrongTeid >= 1);
        Assert.Equal(1, gnb.Stats.EndMarkers);
    }

    [Fact]
    public void An_unknown_teid_gets_an_error_indication_and_an_echo_request_an_echo_response()
    {
        using var net = UpfTopology.Create();
        var plane = new UserPlane();
        plane.Apply(Rules());
        using var upf = net.StartUpf(plane);
        using var gnb = net.StartGnb(Ue, 0x7777, DownlinkTeid);

        Assert.NotEqual(0, Ping(net, 1).ExitCode);
        gnb.SendEchoRequest(1);
        gnb.SendToUpf([0x30, 0xff, 0, 40, 0, 0, 0, 1]);
        WaitFor(() => gnb.Stats.EchoResponses == 1 && upf.Counters.Malformed == 1);

        Assert.Equal((1L, 0x7777u), (gnb.Stats.ErrorIndications, gnb.Stats.LastErrorIndicationTeid));
        Assert.Equal((1L, 1L, 1L), (upf.Counters.UnknownTeid, upf.Counters.EchoRequests, upf.Counters.Malformed));
    }

    [Fact]
    public void Removing_the_session_stops_forwarding()
    {
        using var net = UpfTopology.Create();
        var plane = new UserPlane();
        plane.Apply(Rules());
        using var upf = net.StartUpf(plane);
        using var gnb = net.StartGnb(Ue, UplinkTeid, DownlinkTeid);
        Assert.Equal(0, Ping(net, 1).ExitCode);

        var final = Assert.Single(plane.Remove(1)!);

        Assert.Equal((84UL, 84UL), (final.UplinkBytes, final.DownlinkBytes));
        Assert.NotEqual(0, Ping(net, 1).ExitCode);
        Assert.True(gnb.Stats.ErrorIndications >= 1);
    }

    [Fact]
    public void Downlink_buffered_while_the_ue_is_idle_is_reported_and_delivered_once_the_far_forwards()
    {
        using var net = UpfTopology.Create();
        var plane = new UserPlane();
        var reports = 0;
        plane.DownlinkDataBuffered += (_, _) => Interlocked.Increment(ref reports);
        plane.Apply(Rules(downlink: ApplyAction.Buffer | ApplyAction.NotifyControlPlane));
        using var upf = net.StartUpf(plane);
        using var gnb = net.StartGnb(Ue, UplinkTeid, DownlinkTeid);

        // The echo requests go up; their replies wait in the UPF's buffer.
        Assert.NotEqual(0, Ping(net, 2).ExitCode);
        Assert.Equal((1, 2), (Volatile.Read(ref reports), plane.BufferedPackets(1)));
        Assert.Equal(0, gnb.Stats.DownlinkPackets);

        plane.Apply(Rules());
        WaitFor(() => gnb.Stats.DownlinkPackets == 2);

        Assert.Equal((2L, 0), (gnb.Stats.DownlinkPackets, plane.BufferedPackets(1)));
        Assert.Equal(DownlinkTeid, gnb.Stats.LastDownlinkTeid);
    }

    // Waits for something the forwarding threads do asynchronously; the bound only keeps a broken
    // test from hanging, it is not the assertion.
    private static void WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }
    }
}
