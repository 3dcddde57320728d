using System.Net;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Messages;
using Steward.Pfcp.Smf;
using Steward.Pfcp.Wire;
using Steward.Upf.Control;
using Steward.Upf.Rules;
using Ies = Steward.Pfcp.Ies;

namespace Steward.Upf.Tests.Control;

/// <summary>The UPF's PFCP side as logic: typed requests in, responses and user plane calls out (no wire).</summary>
public sealed class UpfControlTests : IAsyncLifetime
{
    private static readonly IPEndPoint Smf = new(IPAddress.Parse("192.0.2.1"), 8805);
    private static readonly NodeId SmfNode = NodeId.FromAddress(IPAddress.Parse("192.0.2.1"));
    private static readonly IPAddress N3 = IPAddress.Parse("198.51.100.7");
    private static readonly PduSessionRequest Pdu = new()
    {
        UeAddress = IPAddress.Parse("10.45.0.2"),
        GnbAddress = IPAddress.Parse("198.51.100.20"),
        GnbTeid = 0x100,
        Qfi = 5,
        UplinkMbrKbps = 20_000,
        DownlinkMbrKbps = 50_000,
        VolumeThresholdBytes = 1_000_000,
    };

    private readonly FakeUserPlane _userPlane = new();
    private UpfControl _control = null!;

    public ValueTask InitializeAsync()
    {
        _control = UpfControl.Start(new IPEndPoint(IPAddress.Loopback, 0), _userPlane, new UpfControlOptions
        {
            NodeId = NodeId.FromFqdn("upf.test"),
            N3Address = N3,
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _control.DisposeAsync();

    private async Task<T> Send<T>(PfcpMessage request) where T : PfcpMessage =>
        Assert.IsType<T>(await _control.HandleAsync(Smf, request, TestContext.Current.CancellationToken));

    private Task<AssociationSetupResponse> Associate() =>
        Send<AssociationSetupResponse>(new AssociationSetupRequest { NodeId = SmfNode, RecoveryTimeStamp = new NtpTime(3_900_000_000) });

    private static SessionEstablishmentRequest Establishment(ulong smfSeid = 0xABC) =>
        SmfN4Client.BuildEstablishment(Pdu, SmfNode, new FSeid(smfSeid, IPv4: Smf.Address));

    private async Task<SessionEstablishmentResponse> Establish(SessionEstablishmentRequest? request = null)
    {
        await Associate();
        return await Send<SessionEstablishmentResponse>(request ?? Establishment());
    }

    [Fact]
    public async Task Association_setup_is_accepted_with_the_UPF_node_id_recovery_time_stamp_and_FTUP()
    {
        var response = await Associate();

        Assert.Equal(PfcpCause.RequestAccepted, response.Cause);
        Assert.Equal(NodeId.FromFqdn("upf.test"), response.NodeId);
        Assert.Equal(_control.Node.RecoveryTimeStamp, response.RecoveryTimeStamp);
        Assert.True(response.UpFunctionFeatures!.Value.HasFlag(UpFunctionFeatures.Ftup));
        Assert.Equal([SmfNode], _control.Associations);
    }

    [Fact]
    public async Task A_session_without_an_association_gets_cause_72_and_reaches_no_user_plane()
    {
        var response = await Send<SessionEstablishmentResponse>(Establishment());

        Assert.Equal(PfcpCause.NoEstablishedPfcpAssociation, response.Cause);
        Assert.Equal(0xABCul, response.Seid);
        Assert.Empty(_userPlane.Applied);
    }

    [Fact]
    public async Task Establishment_chooses_the_uplink_F_TEID_and_installs_the_whole_session()
    {
        var response = await Establish();

        Assert.Equal(PfcpCause.RequestAccepted, response.Cause);
        Assert.Equal(0xABCul, response.Seid);
        var upfSeid = Assert.IsType<FSeid>(response.UpFSeid).Seid;
        Assert.NotEqual(0ul, upfSeid);
        var created = Assert.Single(response.CreatedPdrs);
        Assert.Equal(SmfN4Client.UplinkPdrId, created.PdrId);
        var fteid = Assert.IsType<Ies.FTeid>(created.LocalFTeid);
        Assert.NotEqual(0u, fteid.Teid);
        Assert.Equal(N3, fteid.IPv4);

        var rules = Assert.Single(_userPlane.Applied);
        Assert.Equal(upfSeid, rules.LocalSeid);
        Assert.Equal(0xABCul, rules.RemoteSeid);
        var uplink = rules.Pdrs.Single(p => p.Id == SmfN4Client.UplinkPdrId);
        Assert.Equal((InterfaceKind.Access, fteid.Teid, true, SmfN4Client.UplinkFarId), (uplink.SourceInterface, uplink.LocalTeid, uplink.RemoveOuterHeader, uplink.FarId));
        Assert.Equal(Pdu.UeAddress, uplink.UeAddress);
        var downlink = rules.Pdrs.Single(p => p.Id == SmfN4Client.DownlinkPdrId);
        Assert.Equal((InterfaceKind.Core, (uint?)null, Pdu.UeAddress), (downlink.SourceInterface, downlink.LocalTeid, downlink.UeAddress));
        var toGnb = rules.Fars.Single(f => f.Id == SmfN4Client.DownlinkFarId);
        Assert.Equal(Rules.ApplyAction.Forward, toGnb.Action);
        Assert.Equal(InterfaceKind.Access, toGnb.DestinationInterface);
        Assert.Equal(new Rules.OuterHeaderCreation(Pdu.GnbTeid, Pdu.GnbAddress), toGnb.OuterHeader);
        Assert.Equal(InterfaceKind.Core, rules.Fars.Single(f => f.Id == SmfN4Client.UplinkFarId).DestinationInterface);
        var qer = Assert.Single(rules.Qers);
        Assert.Equal((true, true, (ulong?)20_000, (ulong?)50_000, (byte?)5), (qer.UplinkOpen, qer.DownlinkOpen, qer.UplinkMbrKbps, qer.DownlinkMbrKbps, qer.Qfi));
        var urr = Assert.Single(rules.Urrs);
        Assert.Equal((true, Rules.ReportingTriggers.VolumeThreshold, (ulong?)1_000_000), (urr.MeasureVolume, urr.Triggers, urr.VolumeThresholdTotal));
    }

    [Fact]
    public async Task F_TEIDs_with_the_same_CHID_share_one_TEID_and_another_CHID_gets_its_own()
    {
        var request = Establishment();
        var uplink = request.CreatePdrs[0];
        request = request with
        {
            CreatePdrs =
            [
                .. request.CreatePdrs,
                uplink with { PdrId = 3, Precedence = 100 },
                uplink with { PdrId = 4, Pdi = uplink.Pdi with { LocalFTeid = Ies.FTeid.ChooseV4(chooseId: 2) } },
            ],
        };

        var response = await Establish(request);

        Assert.Equal(PfcpCause.RequestAccepted, response.Cause);
        var teids = response.CreatedPdrs.ToDictionary(p => p.PdrId, p => p.LocalFTeid!.Teid);
        Assert.Equal(teids[1], teids[3]);
        Assert.NotEqual(teids[1], teids[4]);
    }

    [Fact]
    public async Task Two_sessions_get_different_SEIDs_and_TEIDs()
    {
        var first = await Establish();
        var second = await Send<SessionEstablishmentResponse>(Establishment(0xDEF));

        Assert.NotEqual(first.UpFSeid!.Seid, second.UpFSeid!.Seid);
        Assert.NotEqual(first.CreatedPdrs[0].LocalFTeid!.Teid, second.CreatedPdrs[0].LocalFTeid!.Teid);
        Assert.Equal(2, _control.SessionCount);
    }

    [Fact]
    public async Task A_PDR_naming_a_FAR_the_session_lacks_gets_cause_73_naming_Create_PDR()
    {
        var request = Establishment();
        request = request with { CreatePdrs = [request.CreatePdrs[0] with { FarId = 99 }, request.CreatePdrs[1]] };

        var response = await Establish(request);

        Assert.Equal(PfcpCause.RuleCreationModificationFailure, response.Cause);
        Assert.Equal(IeType.CreatePdr, response.OffendingIe);
        Assert.Null(response.UpFSeid);
        Assert.Empty(_userPlane.Applied);
        Assert.Equal(0, _control.SessionCount);
    }

    [Fact]
    public async Task A_PDR_without_a_FAR_id_gets_cause_67_naming_FAR_ID()
    {
        var request = Establishment();
        request = request with { CreatePdrs = [request.CreatePdrs[0] with { FarId = null }] };

        var response = await Establish(request);

        Assert.Equal(PfcpCause.ConditionalIeMissing, response.Cause);
        Assert.Equal(IeType.FarId, response.OffendingIe);
    }

    [Fact]
    public async Task A_rule_the_user_plane_refuses_gets_cause_73_naming_that_rule_kind_and_no_session()
    {
        var request = Establishment();
        request = request with { CreateFars = [.. request.CreateFars, new CreateFar { FarId = 7, ApplyAction = Ies.ApplyAction.Drop }] };
        _userPlane.RefuseNext = new InvalidRuleException("cannot drop", 7);

        var response = await Establish(request);

        Assert.Equal(PfcpCause.RuleCreationModificationFailure, response.Cause);
        Assert.Equal(IeType.CreateFar, response.OffendingIe);
        Assert.Equal(0, _control.SessionCount);
    }

    [Fact]
    public async Task A_FAR_that_forwards_without_forwarding_parameters_gets_cause_67()
    {
        var request = Establishment();
        request = request with { CreateFars = [request.CreateFars[0] with { ForwardingParameters = null }, request.CreateFars[1]] };

        var response = await Establish(request);

        Assert.Equal(PfcpCause.ConditionalIeMissing, response.Cause);
        Assert.Equal(IeType.ForwardingParameters, response.OffendingIe);
    }

    [Fact]
    public async Task Modification_of_an_unknown_SEID_gets_cause_65_with_SEID_0()
    {
        await Establish();

        var response = await Send<SessionModificationResponse>(new SessionModificationRequest { Seid = 12345 });

        Assert.Equal(PfcpCause.SessionContextNotFound, response.Cause);
        Assert.Equal(0ul, response.Seid);
    }

    [Fact]
    public async Task A_handover_updates_the_downlink_FAR_and_keeps_every_other_rule()
    {
        var established = await Establish();
        var newGnb = IPAddress.Parse("198.51.100.21");

        var response = await Send<SessionModificationResponse>(new SessionModificationRequest
        {
            Seid = established.UpFSeid!.Seid,
            UpdateFars =
            [
                new UpdateFar
                {
                    FarId = SmfN4Client.DownlinkFarId,
                    UpdateForwardingParameters = new UpdateForwardingParameters { OuterHeaderCreation = Ies.OuterHeaderCreation.GtpuIPv4(0x200, newGnb) },
                },
            ],
        });

        Assert.Equal(PfcpCause.RequestAccepted, response.Cause);
        Assert.Equal(0xABCul, response.Seid);
        Assert.Equal(2, _userPlane.Applied.Count);
        var (before, after) = (_userPlane.Applied[0], _userPlane.Applied[1]);
        Assert.Equal(new Rules.OuterHeaderCreation(0x200, newGnb), after.Fars.Single(f => f.Id == SmfN4Client.DownlinkFarId).OuterHeader);
        Assert.Equal(InterfaceKind.Access, after.Fars.Single(f => f.Id == SmfN4Client.DownlinkFarId).DestinationInterface);
        Assert.Equal(before.Pdrs, after.Pdrs);
        Assert.Equal(before.Qers, after.Qers);
        Assert.Equal(before.Urrs, after.Urrs);
    }

    [Fact]
    public async Task A_refused_modification_leaves_the_session_as_it_was()
    {
        var established = await Establish();
        var seid = established.UpFSeid!.Seid;
        var before = _userPlane.Session(seid);

        var response = await Send<SessionModificationResponse>(new SessionModificationRequest { Seid = seid, RemoveFars = [new RemoveFar(SmfN4Client.UplinkFarId)] });

        Assert.Equal(PfcpCause.RuleCreationModificationFailure, response.Cause);
        Assert.Equal(IeType.CreatePdr, response.OffendingIe);
        Assert.Same(before, _userPlane.Session(seid));
    }

    [Fact]
    public async Task Updating_a_rule_the_session_lacks_gets_cause_73_naming_the_update()
    {
        var established = await Establish();

        var response = await Send<SessionModificationResponse>(new SessionModificationRequest
        {
            Seid = established.UpFSeid!.Seid,
            UpdateQers = [new UpdateQer { QerId = 42, GateStatus = new GateStatus(GateState.Closed, GateState.Closed) }],
        });

        Assert.Equal(PfcpCause.RuleCreationModificationFailure, response.Cause);
        Assert.Equal(IeType.UpdateQer, response.OffendingIe);
    }

    [Fact]
    public async Task Query_URR_answers_with_the_usage_now_as_an_immediate_report()
    {
        var established = await Establish();

        var response = await Send<SessionModificationResponse>(new SessionModificationRequest
        {
            Seid = established.UpFSeid!.Seid,
            QueryUrrs = [new QueryUrr(SmfN4Client.UsageUrrId)],
        });

        var report = Assert.Single(response.UsageReports);
        Assert.Equal(SmfN4Client.UsageUrrId, report.UrrId);
        Assert.Equal(UsageReportTrigger.ImmediateReport, report.UsageReportTrigger);
        Assert.Equal((4000ul, 1000ul, 3000ul), (report.VolumeMeasurement!.TotalVolume, report.VolumeMeasurement.UplinkVolume, report.VolumeMeasurement.DownlinkVolume));
        Assert.Equal(0u, report.UrSeqn);
    }

    [Fact]
    public async Task Deletion_removes_the_session_answers_with_its_final_usage_and_a_second_deletion_gets_cause_65()
    {
        var established = await Establish();
        var seid = established.UpFSeid!.Seid;

        var deleted = await Send<SessionDeletionResponse>(new SessionDeletionRequest { Seid = seid });
        var again = await Send<SessionDeletionResponse>(new SessionDeletionRequest { Seid = seid });

        Assert.Equal(PfcpCause.RequestAccepted, deleted.Cause);
        Assert.Equal(0xABCul, deleted.Seid);
        var report = Assert.Single(deleted.UsageReports);
        Assert.Equal(UsageReportTrigger.TerminationReport, report.UsageReportTrigger);
        Assert.Equal([seid], _userPlane.Removed);
        Assert.Equal(PfcpCause.SessionContextNotFound, again.Cause);
        Assert.Equal(0, _control.SessionCount);
    }

    [Fact]
    public async Task Releasing_the_association_removes_its_sessions_from_the_user_plane()
    {
        var established = await Establish();

        var response = await Send<AssociationReleaseResponse>(new AssociationReleaseRequest { NodeId = SmfNode });
        var afterwards = await Send<SessionEstablishmentResponse>(Establishment());

        Assert.Equal(PfcpCause.RequestAccepted, response.Cause);
        Assert.Equal([established.UpFSeid!.Seid], _userPlane.Removed);
        Assert.Equal(PfcpCause.NoEstablishedPfcpAssociation, afterwards.Cause);
    }

    [Fact]
    public async Task An_SMF_that_sets_up_again_with_a_new_recovery_time_stamp_loses_its_sessions()
    {
        var established = await Establish();

        await Send<AssociationSetupResponse>(new AssociationSetupRequest { NodeId = SmfNode, RecoveryTimeStamp = new NtpTime(3_900_000_100) });

        Assert.Equal([established.UpFSeid!.Seid], _userPlane.Removed);
        Assert.Equal(0, _control.SessionCount);
    }
}
