using System.Net;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Messages;
using Steward.Pfcp.Node;
using Steward.Pfcp.Smf;
using Steward.Pfcp.Wire;
using Steward.Upf.Control;

namespace Steward.Upf.Tests.Control;

/// <summary>The SMF's client and the UPF's PFCP side talking PFCP over loopback UDP (the user plane is a fake).</summary>
public sealed class N4LoopbackTests
{
    private static readonly PfcpEndpointOptions Fast = new() { T1 = TimeSpan.FromMilliseconds(100), N1 = 2 };
    private static readonly IPEndPoint AnyLoopback = new(IPAddress.Loopback, 0);
    private static readonly PduSessionRequest Pdu = new()
    {
        UeAddress = IPAddress.Parse("10.45.0.2"),
        GnbAddress = IPAddress.Parse("127.0.0.20"),
        GnbTeid = 0x100,
        Qfi = 5,
        UplinkMbrKbps = 20_000,
        DownlinkMbrKbps = 50_000,
        VolumeThresholdBytes = 1_000_000,
    };

    private static UpfControl StartUpf(FakeUserPlane userPlane, IPEndPoint? at = null, uint recovery = 3_900_000_000) =>
        UpfControl.Start(at ?? AnyLoopback, userPlane, new UpfControlOptions
        {
            NodeId = NodeId.FromFqdn("upf.loopback"),
            N3Address = IPAddress.Parse("127.0.0.7"),
            Node = new PfcpNodeOptions { Endpoint = Fast, RecoveryTimeStamp = new NtpTime(recovery) },
        });

    private static Task<SmfN4Client> Associate(UpfControl upf, TimeSpan? heartbeat = null) =>
        SmfN4Client.AssociateAsync(AnyLoopback, upf.Node.LocalEndPoint, NodeId.FromAddress(IPAddress.Loopback), new SmfN4Options
        {
            HeartbeatInterval = heartbeat,
            Node = new PfcpNodeOptions { Endpoint = Fast },
        }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task The_SMF_associates_and_learns_the_UPF_node_id_features_and_recovery_time_stamp()
    {
        await using var upf = StartUpf(new FakeUserPlane());
        await using var smf = await Associate(upf);

        Assert.Equal(NodeId.FromFqdn("upf.loopback"), smf.UpfNodeId);
        Assert.True(smf.UpfFeatures.HasFlag(UpFunctionFeatures.Ftup));
        Assert.Equal(new NtpTime(3_900_000_000).ToDateTimeOffset().UtcDateTime, smf.Upf.RecoveryTimeStamp);
        Assert.Equal([NodeId.FromAddress(IPAddress.Loopback)], upf.Associations);
    }

    [Fact]
    public async Task A_heartbeat_is_answered_with_the_UPF_recovery_time_stamp()
    {
        await using var upf = StartUpf(new FakeUserPlane());
        await using var smf = await Associate(upf);

        var stamp = await smf.Node.HeartbeatAsync(upf.Node.LocalEndPoint, TestContext.Current.CancellationToken);

        Assert.Equal(upf.Node.RecoveryTimeStamp.ToDateTimeOffset().UtcDateTime, stamp);
    }

    [Fact]
    public async Task A_session_is_established_handed_over_queried_and_deleted_over_PFCP()
    {
        var userPlane = new FakeUserPlane();
        await using var upf = StartUpf(userPlane);
        await using var smf = await Associate(upf);
        var token = TestContext.Current.CancellationToken;

        var session = await smf.EstablishSessionAsync(Pdu, token);
        var installed = userPlane.Session(session.UpfSeid);
        await session.ModifyDownlinkAsync(IPAddress.Parse("127.0.0.21"), 0x200, token);
        var handedOver = userPlane.Session(session.UpfSeid);
        var usage = await session.QueryUsageAsync(token);
        var final = await session.DeleteAsync(token);

        Assert.NotNull(installed);
        Assert.Equal(session.LocalSeid, installed.RemoteSeid);
        Assert.Equal(session.UplinkFTeid!.Teid, installed.Pdrs.Single(p => p.Id == SmfN4Client.UplinkPdrId).LocalTeid);
        Assert.Equal(IPAddress.Parse("127.0.0.7"), session.UplinkFTeid.IPv4);
        Assert.Equal(new Rules.OuterHeaderCreation(0x200, IPAddress.Parse("127.0.0.21")), handedOver!.Fars.Single(f => f.Id == SmfN4Client.DownlinkFarId).OuterHeader);
        Assert.Equal(UsageReportTrigger.ImmediateReport, Assert.Single(usage).UsageReportTrigger);
        Assert.Equal(4000ul, usage[0].VolumeMeasurement!.TotalVolume);
        Assert.Equal(UsageReportTrigger.TerminationReport, Assert.Single(final).UsageReportTrigger);
        Assert.True(session.IsDeleted);
        Assert.Equal(0, upf.SessionCount);
        Assert.Equal([session.UpfSeid], userPlane.Removed);
    }

    [Fact]
    public async Task A_threshold_and_a_buffered_packet_reach_the_SMF_as_Session_Reports()
    {
        var userPlane = new FakeUserPlane();
        await using var upf = StartUpf(userPlane);
        await using var smf = await Associate(upf);
        var token = TestContext.Current.CancellationToken;
        var session = await smf.EstablishSessionAsync(Pdu, token);

        userPlane.ReachThreshold(session.UpfSeid, SmfN4Client.UsageUrrId);
        var usage = await smf.Reports.ReadAsync(token);
        userPlane.BufferDownlink(session.UpfSeid, SmfN4Client.DownlinkPdrId);
        var downlink = await smf.Reports.ReadAsync(token);

        Assert.Same(session, usage.Session);
        Assert.Equal(ReportType.Usage, usage.ReportType);
        var report = Assert.Single(usage.UsageReports);
        Assert.Equal((SmfN4Client.UsageUrrId, UsageReportTrigger.VolumeThreshold, 1000ul, 3000ul), (report.UrrId, report.UsageReportTrigger, report.VolumeMeasurement!.UplinkVolume!.Value, report.VolumeMeasurement.DownlinkVolume!.Value));
        Assert.Equal(ReportType.DownlinkData, downlink.ReportType);
        Assert.Equal([SmfN4Client.DownlinkPdrId], downlink.DownlinkDataReport!.PdrIds);
    }

    [Fact]
    public async Task A_Session_Report_for_a_SEID_the_SMF_does_not_know_gets_cause_65()
    {
        await using var upf = StartUpf(new FakeUserPlane());
        await using var smf = await Associate(upf);
        await using var stranger = PfcpNode.Bind(AnyLoopback, NodeId.FromFqdn("stranger"), (_, _, _) => ValueTask.FromResult<PfcpMessage?>(null), new PfcpNodeOptions { Endpoint = Fast });

        var response = await stranger.RequestAsync<SessionReportResponse>(smf.Node.LocalEndPoint, new SessionReportRequest { Seid = 0x5EED, ReportType = ReportType.Usage }, TestContext.Current.CancellationToken);

        Assert.Equal(PfcpCause.SessionContextNotFound, response.Cause);
        Assert.Equal(0ul, response.Seid);
    }

    [Fact]
    public async Task A_UPF_restarted_with_a_new_recovery_time_stamp_is_seen_by_the_SMF_heartbeats_and_its_sessions_are_dropped()
    {
        var token = TestContext.Current.CancellationToken;
        var first = StartUpf(new FakeUserPlane());
        var address = first.Node.LocalEndPoint;
        await using var smf = await Associate(first, heartbeat: TimeSpan.FromMilliseconds(50));
        var session = await smf.EstablishSessionAsync(Pdu, token);
        var restarted = new TaskCompletionSource<(DateTime Old, DateTime New)>(TaskCreationOptions.RunContinuationsAsynchronously);
        smf.UpfRestarted += (old, now) => restarted.TrySetResult((old, now));

        await first.DisposeAsync();
        await using var second = StartUpf(new FakeUserPlane(), address, recovery: 3_900_000_500);
        var (oldStamp, newStamp) = await restarted.Task.WaitAsync(TimeSpan.FromSeconds(10), token);

        Assert.Equal(new NtpTime(3_900_000_000).ToDateTimeOffset().UtcDateTime, oldStamp);
        Assert.Equal(new NtpTime(3_900_000_500).ToDateTimeOffset().UtcDateTime, newStamp);
        Assert.True(session.IsDeleted);
        Assert.Empty(smf.Sessions);
    }

    [Fact]
    public async Task A_UPF_that_stops_answering_heartbeats_is_reported_unreachable()
    {
        var upf = StartUpf(new FakeUserPlane());
        await using var smf = await Associate(upf, heartbeat: TimeSpan.FromMilliseconds(50));
        var unreachable = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        smf.Upf.Unreachable += e => unreachable.TrySetResult(e);

        await upf.DisposeAsync();
        var failure = await unreachable.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var timeout = Assert.IsType<PfcpTimeoutException>(failure);
        Assert.Equal(PfcpMessageType.HeartbeatRequest, timeout.RequestType);
        Assert.Equal(1 + Fast.N1, timeout.Attempts);
        Assert.False(smf.Upf.IsReachable);
    }

    [Fact]
    public async Task Releasing_the_association_deletes_the_sessions_on_the_UPF()
    {
        var userPlane = new FakeUserPlane();
        await using var upf = StartUpf(userPlane);
        await using var smf = await Associate(upf);
        var session = await smf.EstablishSessionAsync(Pdu, TestContext.Current.CancellationToken);

        await smf.ReleaseAsync(TestContext.Current.CancellationToken);

        Assert.Equal([session.UpfSeid], userPlane.Removed);
        Assert.Empty(upf.Associations);
        Assert.True(session.IsDeleted);
    }

    [Fact]
    public async Task A_session_the_UPF_refuses_throws_with_the_cause_and_offending_IE()
    {
        var userPlane = new FakeUserPlane { RefuseNext = new Rules.InvalidRuleException("no route", (uint)SmfN4Client.DownlinkFarId + 40) };
        await using var upf = StartUpf(userPlane);
        await using var smf = await Associate(upf);

        var refused = await Assert.ThrowsAsync<PfcpRequestRejectedException>(() => smf.EstablishSessionAsync(Pdu, TestContext.Current.CancellationToken));

        Assert.Equal(PfcpCause.RuleCreationModificationFailure, refused.Cause);
        Assert.Equal(IeType.CreatePdr, refused.OffendingIe);
        Assert.Empty(smf.Sessions);
    }
    [Fact]
    public async Task A_user_plane_path_failure_the_UPF_reports_reaches_the_SMF_and_is_accepted()
    {
        await using var upf = StartUpf(new FakeUserPlane());
        await using var smf = await Associate(upf);
        var reported = new TaskCompletionSource<NodeReportRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        smf.NodeReported += report => reported.TrySetResult(report);

        var accepted = await upf.ReportPathFailureAsync(IPAddress.Parse("127.0.0.20"), TestContext.Current.CancellationToken);
        var report = await reported.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Equal(1, accepted);
        Assert.Equal(NodeReportType.UserPlanePathFailure, report.NodeReportType);
        Assert.Equal(IPAddress.Parse("127.0.0.20"), Assert.Single(report.UserPlanePathFailureReport!.RemoteGtpuPeers).IPv4);
    }
    [Fact]
    public async Task An_association_update_is_accepted_only_while_associated()
    {
        await using var upf = StartUpf(new FakeUserPlane());
        await using var smf = await Associate(upf);
        var token = TestContext.Current.CancellationToken;

        await smf.UpdateAssociationAsync(CpFunctionFeatures.Load, token);
        await smf.ReleaseAsync(token);
        var refused = await Assert.ThrowsAsync<PfcpRequestRejectedException>(() => smf.UpdateAssociationAsync(CpFunctionFeatures.Load, token));

        Assert.Equal(PfcpCause.NoEstablishedPfcpAssociation, refused.Cause);
    }
    [Fact]
    public async Task An_SMF_whose_heartbeat_carries_a_new_recovery_time_stamp_loses_its_sessions_on_the_UPF()
    {
        var userPlane = new FakeUserPlane();
        await using var upf = StartUpf(userPlane);
        var token = TestContext.Current.CancellationToken;
        var smf = await Associate(upf);
        var session = await smf.EstablishSessionAsync(Pdu, token);
        var address = smf.Node.LocalEndPoint;
        await smf.DisposeAsync();

        await using var restarted = PfcpNode.Bind(address, NodeId.FromAddress(IPAddress.Loopback), (_, _, _) => ValueTask.FromResult<PfcpMessage?>(null),
            new PfcpNodeOptions { Endpoint = Fast, RecoveryTimeStamp = new NtpTime(3_950_000_000) });
        await restarted.HeartbeatAsync(upf.Node.LocalEndPoint, token);

        Assert.Equal([session.UpfSeid], userPlane.Removed);
        Assert.Equal(0, upf.SessionCount);
    }
    [Fact]
    public async Task The_UPF_heartbeats_its_SMF_and_sees_a_restart_in_the_answer()
    {
        var userPlane = new FakeUserPlane();
        await using var upf = UpfControl.Start(AnyLoopback, userPlane, new UpfControlOptions
        {
            NodeId = NodeId.FromFqdn("upf.loopback"),
            N3Address = IPAddress.Parse("127.0.0.7"),
            HeartbeatInterval = TimeSpan.FromMilliseconds(50),
            Node = new PfcpNodeOptions { Endpoint = Fast },
        });
        var token = TestContext.Current.CancellationToken;
        var smf = await Associate(upf);
        var session = await smf.EstablishSessionAsync(Pdu, token);
        var address = smf.Node.LocalEndPoint;
        var restarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upf.Node.Peer(address).Restarted += (_, _) => restarted.TrySetResult();
        await smf.DisposeAsync();

        // The SMF comes back on the same address with a new Recovery Time Stamp and sends nothing itself.
        await using var back = PfcpNode.Bind(address, NodeId.FromAddress(IPAddress.Loopback), (_, _, _) => ValueTask.FromResult<PfcpMessage?>(null),
            new PfcpNodeOptions { Endpoint = Fast, RecoveryTimeStamp = new NtpTime(3_950_000_000) });
        await restarted.Task.WaitAsync(TimeSpan.FromSeconds(10), token);

        Assert.Equal([session.UpfSeid], userPlane.Removed);
        Assert.Equal(0, upf.SessionCount);
    }
    [Fact]
    public async Task An_error_indication_report_reaches_the_SMF_with_the_remote_F_TEIDs()
    {
        await using var upf = StartUpf(new FakeUserPlane());
        await using var smf = await Associate(upf);
        var token = TestContext.Current.CancellationToken;
        var session = await smf.EstablishSessionAsync(Pdu, token);

        var response = await upf.Node.RequestAsync<SessionReportResponse>(smf.Node.LocalEndPoint, new SessionReportRequest
        {
            Seid = session.LocalSeid,
            ReportType = ReportType.ErrorIndication,
            ErrorIndicationReport = new ErrorIndicationReport { RemoteFTeids = [FTeid.Of(0x100, IPAddress.Parse("127.0.0.20"))] },
        }, token);
        var report = await smf.Reports.ReadAsync(token);

        Assert.Equal((PfcpCause.RequestAccepted, session.UpfSeid), (response.Cause, response.Seid));
        Assert.Equal(ReportType.ErrorIndication, report.ReportType);
        Assert.Equal(0x100u, Assert.Single(report.ErrorIndicationReport!.RemoteFTeids).Teid);
    }
}
