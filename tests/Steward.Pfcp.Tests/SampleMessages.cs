using System.Net;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Messages;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Tests;

/// <summary>One message of every type the codec knows, with every IE it models filled in (distinct values, so a swap shows).</summary>
internal static class SampleMessages
{
    public static readonly IPAddress Smf = IPAddress.Parse("10.0.0.1");
    public static readonly IPAddress Upf = IPAddress.Parse("10.0.0.2");
    public static readonly IPAddress Gnb = IPAddress.Parse("10.100.0.7");
    public static readonly IPAddress Ue = IPAddress.Parse("10.45.0.2");
    public static readonly IPAddress UpfV6 = IPAddress.Parse("2001:db8::2");
    public static readonly NtpTime Recovery = NtpTime.FromDateTimeOffset(new DateTimeOffset(2026, 12, 8, 1, 2, 3, TimeSpan.Zero));

    public static readonly CreatePdr UplinkPdr = new()
    {
        PdrId = 1,
        Precedence = 200,
        Pdi = new Pdi
        {
            SourceInterface = SourceInterface.Access,
            LocalFTeid = FTeid.ChooseV4(chooseId: 5),
            NetworkInstance = "internet",
            UeIpAddress = new UeIpAddress { IPv4 = Ue },
            SdfFilters = [new SdfFilter { FlowDescription = "permit out ip from any to assigned", SdfFilterId = 9 }],
            Qfis = [9],
        },
        OuterHeaderRemoval = new OuterHeaderRemoval(OuterHeaderRemovalDescription.GtpuUdpIPv4, 1),
        FarId = 11,
        UrrIds = [21],
        QerIds = [31],
    };

    public static readonly CreatePdr DownlinkPdr = new()
    {
        PdrId = 2,
        Precedence = 100,
        Pdi = new Pdi
        {
            SourceInterface = SourceInterface.Core,
            NetworkInstance = "internet",
            UeIpAddress = new UeIpAddress { IPv4 = Ue, IsDestination = true },
            SdfFilters =
            [
                new SdfFilter { FlowDescription = "permit out udp from any to assigned 5000-5010", TosTrafficClass = 0x2CFC, SecurityParameterIndex = 0x1234, FlowLabel = 0xABCDE },
                new SdfFilter { FlowDescription = "permit out ip from any to assigned" },
            ],
        },
        FarId = 12,
        UrrIds = [21, 22],
        QerIds = [31],
    };

    public static readonly CreateFar UplinkFar = new()
    {
        FarId = 11,
        ApplyAction = ApplyAction.Forward,
        ForwardingParameters = new ForwardingParameters { DestinationInterface = DestinationInterface.Core, NetworkInstance = "internet" },
    };

    public static readonly CreateFar DownlinkFar = new()
    {
        FarId = 12,
        ApplyAction = ApplyAction.Forward | ApplyAction.NotifyCp,
        ForwardingParameters = new ForwardingParameters
        {
            DestinationInterface = DestinationInterface.Access,
            NetworkInstance = "access.net",
            OuterHeaderCreation = OuterHeaderCreation.GtpuIPv4(0x0A0B0C0D, Gnb),
        },
    };

    public static readonly CreateUrr VolumeUrr = new()
    {
        UrrId = 21,
        MeasurementMethod = MeasurementMethod.Volume | MeasurementMethod.Duration,
        ReportingTriggers = ReportingTriggers.VolumeThreshold | ReportingTriggers.PeriodicReporting,
        VolumeThreshold = new Volume(Total: 10_000_000, Uplink: 4_000_000, Downlink: 6_000_000),
        MeasurementPeriod = 60,
    };

    public static readonly CreateQer Qer = new()
    {
        QerId = 31,
        GateStatus = new GateStatus(GateState.Open, GateState.Closed),
        Mbr = new Mbr(UplinkKbps: 100_000, DownlinkKbps: 200_000),
        Qfi = 9,
    };

    public static readonly UsageReport Report = new()
    {
        UrrId = 21,
        UrSeqn = 3,
        UsageReportTrigger = UsageReportTrigger.VolumeThreshold | UsageReportTrigger.TerminationReport,
        StartTime = Recovery,
        EndTime = new NtpTime(Recovery.Seconds + 60),
        VolumeMeasurement = new VolumeMeasurement
        {
            TotalVolume = 12_345_678,
            UplinkVolume = 2_345_678,
            DownlinkVolume = 10_000_000,
            TotalPackets = 9_000,
            UplinkPackets = 4_000,
            DownlinkPackets = 5_000,
        },
        DurationMeasurement = 59,
    };

    public static IEnumerable<PfcpMessage> All()
    {
        var smfNode = NodeId.FromAddress(Smf);
        var upfNode = NodeId.FromFqdn("upf.steward.example");
        yield return new HeartbeatRequest { SequenceNumber = 1, RecoveryTimeStamp = Recovery };
        yield return new HeartbeatResponse { SequenceNumber = 1, RecoveryTimeStamp = new NtpTime(Recovery.Seconds + 7) };
        yield return new AssociationSetupRequest
        {
            SequenceNumber = 2,
            NodeId = smfNode,
            RecoveryTimeStamp = Recovery,
            CpFunctionFeatures = CpFunctionFeatures.Load | CpFunctionFeatures.Ovrl,
        };
        yield return new AssociationSetupResponse
        {
            SequenceNumber = 2,
            NodeId = upfNode,
            Cause = PfcpCause.RequestAccepted,
            RecoveryTimeStamp = new NtpTime(Recovery.Seconds + 7),
            UpFunctionFeatures = UpFunctionFeatures.Ftup | UpFunctionFeatures.Empu | UpFunctionFeatures.Bucp,
        };
        yield return new AssociationUpdateRequest
        {
            SequenceNumber = 3,
            NodeId = NodeId.FromAddress(UpfV6),
            UpFunctionFeatures = UpFunctionFeatures.Ftup | UpFunctionFeatures.Mnop,
        };
        yield return new AssociationUpdateResponse
        {
            SequenceNumber = 3,
            NodeId = smfNode,
            Cause = PfcpCause.RequestAccepted,
            CpFunctionFeatures = CpFunctionFeatures.Load,
        };
        yield return new AssociationReleaseRequest { SequenceNumber = 4, NodeId = smfNode };
        yield return new AssociationReleaseResponse { SequenceNumber = 4, NodeId = upfNode, Cause = PfcpCause.RequestAccepted };
        yield return new VersionNotSupportedResponse { SequenceNumber = 5 };
        yield return new NodeReportRequest
        {
            SequenceNumber = 6,
            NodeId = upfNode,
            NodeReportType = NodeReportType.UserPlanePathFailure,
            UserPlanePathFailureReport = new UserPlanePathFailureReport
            {
                RemoteGtpuPeers = [new RemoteGtpuPeer { IPv4 = Gnb }, new RemoteGtpuPeer { IPv4 = IPAddress.Parse("10.100.0.8"), IPv6 = IPAddress.Parse("2001:db8::8") }],
            },
        };
        yield return new NodeReportResponse { SequenceNumber = 6, NodeId = smfNode, Cause = PfcpCause.MandatoryIeMissing, OffendingIe = IeType.NodeReportType };
        yield return new SessionEstablishmentRequest
        {
            SequenceNumber = 7,
            Seid = 0,
            NodeId = smfNode,
            CpFSeid = new FSeid(0x1111_2222_3333_4444, Smf),
            CreatePdrs = [UplinkPdr, DownlinkPdr],
            CreateFars = [UplinkFar, DownlinkFar],
            CreateUrrs = [VolumeUrr],
            CreateQers = [Qer],
            PdnType = PdnType.IPv4,
        };
        yield return new SessionEstablishmentResponse
        {
            SequenceNumber = 7,
            Seid = 0x1111_2222_3333_4444,
            NodeId = upfNode,
            Cause = PfcpCause.RequestAccepted,
            OffendingIe = IeType.CreateQer,
            UpFSeid = new FSeid(0x5555_6666_7777_8888, Upf, UpfV6),
            CreatedPdrs = [new CreatedPdr { PdrId = 1, LocalFTeid = FTeid.Of(0x0000_1234, Upf) }],
        };
        yield return new SessionModificationRequest
        {
            SequenceNumber = 8,
            Seid = 0x5555_6666_7777_8888,
            MessagePriority = 3,
            CpFSeid = new FSeid(0x1111_2222_3333_4445, Smf),
            PfcpSmReqFlags = PfcpSmReqFlags.QueryAllUrrs,
            RemovePdrs = [new RemovePdr(3)],
            RemoveFars = [new RemoveFar(13)],
            RemoveUrrs = [new RemoveUrr(23)],
            RemoveQers = [new RemoveQer(33)],
            CreatePdrs = [DownlinkPdr with { PdrId = 4, FarId = 14 }],
            CreateFars = [DownlinkFar with { FarId = 14 }],
            CreateUrrs = [VolumeUrr with { UrrId = 24 }],
            CreateQers = [Qer with { QerId = 34 }],
            UpdatePdrs = [new UpdatePdr { PdrId = 2, Precedence = 150, Pdi = DownlinkPdr.Pdi, OuterHeaderRemoval = new OuterHeaderRemoval(OuterHeaderRemovalDescription.GtpuUdpIP), FarId = 12, UrrIds = [22], QerIds = [32] }],
            UpdateFars =
            [
                new UpdateFar
                {
                    FarId = 12,
                    ApplyAction = ApplyAction.Forward,
                    UpdateForwardingParameters = new UpdateForwardingParameters
                    {
                        DestinationInterface = DestinationInterface.Access,
                        NetworkInstance = "access.net",
                        OuterHeaderCreation = OuterHeaderCreation.GtpuIPv4(0x0E0F1011, IPAddress.Parse("10.100.0.9")),
                        PfcpSmReqFlags = PfcpSmReqFlags.SendEndMarker,
                    },
                },
            ],
            UpdateUrrs = [new UpdateUrr { UrrId = 21, MeasurementMethod = MeasurementMethod.Volume, ReportingTriggers = ReportingTriggers.VolumeThreshold, VolumeThreshold = new Volume(Total: 20_000_000) }],
            UpdateQers = [new UpdateQer { QerId = 31, GateStatus = GateStatus.Open, Mbr = new Mbr(50_000, 60_000), Qfi = 5 }],
            QueryUrrs = [new QueryUrr(21)],
        };
        yield return new SessionModificationResponse
        {
            SequenceNumber = 8,
            Seid = 0x1111_2222_3333_4444,
            Cause = PfcpCause.RequestAccepted,
            OffendingIe = IeType.UpdateFar,
            CreatedPdrs = [new CreatedPdr { PdrId = 4, LocalFTeid = FTeid.Of(0x0000_5678, Upf), UeIpAddress = new UeIpAddress { IPv4 = Ue, IsDestination = true } }],
            UsageReports = [Report],
        };
        yield return new SessionDeletionRequest { SequenceNumber = 9, Seid = 0x5555_6666_7777_8888 };
        yield return new SessionDeletionResponse
        {
            SequenceNumber = 9,
            Seid = 0x1111_2222_3333_4444,
            Cause = PfcpCause.RequestAccepted,
            OffendingIe = IeType.Cause,
            UsageReports = [Report with { UrSeqn = 4 }, Report with { UrrId = 22, UrSeqn = 0 }],
        };
        yield return new SessionReportRequest
        {
            SequenceNumber = 10,
            Seid = 0x1111_2222_3333_4444,
            ReportType = ReportType.Usage | ReportType.DownlinkData | ReportType.ErrorIndication,
            DownlinkDataReport = new DownlinkDataReport { PdrIds = [2, 4] },
            UsageReports = [Report with { UrSeqn = 5 }],
            ErrorIndicationReport = new ErrorIndicationReport { RemoteFTeids = [FTeid.Of(0x0A0B0C0D, Gnb)] },
        };
        yield return new SessionReportResponse
        {
            SequenceNumber = 10,
            Seid = 0x5555_6666_7777_8888,
            Cause = PfcpCause.SessionContextNotFound,
            OffendingIe = IeType.ReportType,
        };
    }

    public static PfcpMessage Of(PfcpMessageType type) => All().Single(m => m.MessageType == type);

    public static TheoryData<PfcpMessageType> Types()
    {
        var data = new TheoryData<PfcpMessageType>();
        foreach (var message in All())
        {
            data.Add(message.MessageType);
        }

        return data;
    }
}
