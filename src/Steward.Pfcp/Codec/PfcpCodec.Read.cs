using Steward.Pfcp.Ies;
using Steward.Pfcp.Messages;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Codec;

public static partial class PfcpCodec
{
    /// <summary>Every top-level IE any decoded message carries; each message takes the ones its table lists.</summary>
    private ref struct BodyFields
    {
        public NodeId? NodeId;
        public NtpTime? RecoveryTimeStamp;
        public PfcpCause? Cause;
        public IeType? OffendingIe;
        public UpFunctionFeatures? UpFunctionFeatures;
        public CpFunctionFeatures? CpFunctionFeatures;
        public NodeReportType? NodeReportType;
        public UserPlanePathFailureReport? PathFailure;
        public FSeid? FSeid;
        public PfcpSmReqFlags? PfcpSmReqFlags;
        public PdnType? PdnType;
        public ReportType? ReportType;
        public DownlinkDataReport? DownlinkDataReport;
        public ErrorIndicationReport? ErrorIndicationReport;
        public List<CreatePdr>? CreatePdrs;
        public List<CreateFar>? CreateFars;
        public List<CreateUrr>? CreateUrrs;
        public List<CreateQer>? CreateQers;
        public List<UpdatePdr>? UpdatePdrs;
        public List<UpdateFar>? UpdateFars;
        public List<UpdateUrr>? UpdateUrrs;
        public List<UpdateQer>? UpdateQers;
        public List<RemovePdr>? RemovePdrs;
        public List<RemoveFar>? RemoveFars;
        public List<RemoveUrr>? RemoveUrrs;
        public List<RemoveQer>? RemoveQers;
        public List<QueryUrr>? QueryUrrs;
        public List<CreatedPdr>? CreatedPdrs;
        public List<UsageReport>? UsageReports;
    }

    private static PfcpMessage ReadBody(PfcpHeader header, ReadOnlySpan<byte> body, DecodeContext context)
    {
        var messageType = header.MessageType;
        var f = new BodyFields();
        var reader = new IeReader(body, context);
        while (reader.Next(out var type, out var value))
        {
            // §7.6: an IE the message does not list is unexpected and silently discarded.
            if (IsExpected(messageType, type))
            {
                ReadField(ref f, type, value, context);
            }
        }

        var seid = header.Seid ?? 0;
        var priority = header.MessagePriority;
        var sequence = header.SequenceNumber;
        PfcpMessage message = messageType switch
        {
            PfcpMessageType.HeartbeatRequest => new HeartbeatRequest { RecoveryTimeStamp = Required(f.RecoveryTimeStamp, IeType.RecoveryTimeStamp) },
            PfcpMessageType.HeartbeatResponse => new HeartbeatResponse { RecoveryTimeStamp = Required(f.RecoveryTimeStamp, IeType.RecoveryTimeStamp) },
            PfcpMessageType.AssociationSetupRequest => new AssociationSetupRequest
            {
                NodeId = Required(f.NodeId, IeType.NodeId),
                RecoveryTimeStamp = Required(f.RecoveryTimeStamp, IeType.RecoveryTimeStamp),
                UpFunctionFeatures = f.UpFunctionFeatures,
                CpFunctionFeatures = f.CpFunctionFeatures,
            },
            PfcpMessageType.AssociationSetupResponse => new AssociationSetupResponse
            {
                NodeId = Required(f.NodeId, IeType.NodeId),
                Cause = Required(f.Cause, IeType.Cause),
                RecoveryTimeStamp = Required(f.RecoveryTimeStamp, IeType.RecoveryTimeStamp),
                UpFunctionFeatures = f.UpFunctionFeatures,
                CpFunctionFeatures = f.CpFunctionFeatures,
            },
            PfcpMessageType.AssociationUpdateRequest => new AssociationUpdateRequest
            {
                NodeId = Required(f.NodeId, IeType.NodeId),
                UpFunctionFeatures = f.UpFunctionFeatures,
                CpFunctionFeatures = f.CpFunctionFeatures,
            },
            PfcpMessageType.AssociationUpdateResponse => new AssociationUpdateResponse
            {
                NodeId = Required(f.NodeId, IeType.NodeId),
                Cause = Required(f.Cause, IeType.Cause),
                UpFunctionFeatures = f.UpFunctionFeatures,
                CpFunctionFeatures = f.CpFunctionFeatures,
            },
            PfcpMessageType.AssociationReleaseRequest => new AssociationReleaseRequest { NodeId = Required(f.NodeId, IeType.NodeId) },
            PfcpMessageType.AssociationReleaseResponse => new AssociationReleaseResponse
            {
                NodeId = Required(f.NodeId, IeType.NodeId),
                Cause = Required(f.Cause, IeType.Cause),
            },
            PfcpMessageType.VersionNotSupportedResponse => new VersionNotSupportedResponse(),
            PfcpMessageType.NodeReportRequest => new NodeReportRequest
            {
                NodeId = Required(f.NodeId, IeType.NodeId),
                NodeReportType = Required(f.NodeReportType, IeType.NodeReportType),
                UserPlanePathFailureReport = f.PathFailure,
            },
            PfcpMessageType.NodeReportResponse => new NodeReportResponse
            {
                NodeId = Required(f.NodeId, IeType.NodeId),
                Cause = Required(f.Cause, IeType.Cause),
                OffendingIe = f.OffendingIe,
            },
            PfcpMessageType.SessionEstablishmentRequest => new SessionEstablishmentRequest
            {
                NodeId = Required(f.NodeId, IeType.NodeId),
                CpFSeid = Required(f.FSeid, IeType.FSeid),
                CreatePdrs = Required(f.CreatePdrs, IeType.CreatePdr),
                CreateFars = Required(f.CreateFars, IeType.CreateFar),
                CreateUrrs = f.CreateUrrs ?? [],
                CreateQers = f.CreateQers ?? [],
                PdnType = f.PdnType,
            },
            PfcpMessageType.SessionEstablishmentResponse => new SessionEstablishmentResponse
            {
                NodeId = Required(f.NodeId, IeType.NodeId),
                Cause = Required(f.Cause, IeType.Cause),
                OffendingIe = f.OffendingIe,
                UpFSeid = f.FSeid,
                CreatedPdrs = f.CreatedPdrs ?? [],
            },
            PfcpMessageType.SessionModificationRequest => new SessionModificationRequest
            {
                CpFSeid = f.FSeid,
                PfcpSmReqFlags = f.PfcpSmReqFlags,
                RemovePdrs = f.RemovePdrs ?? [],
                RemoveFars = f.RemoveFars ?? [],
                RemoveUrrs = f.RemoveUrrs ?? [],
                RemoveQers = f.RemoveQers ?? [],
                CreatePdrs = f.CreatePdrs ?? [],
                CreateFars = f.CreateFars ?? [],
                CreateUrrs = f.CreateUrrs ?? [],
                CreateQers = f.CreateQers ?? [],
                UpdatePdrs = f.UpdatePdrs ?? [],
                UpdateFars = f.UpdateFars ?? [],
                UpdateUrrs = f.UpdateUrrs ?? [],
                UpdateQers = f.UpdateQers ?? [],
                QueryUrrs = f.QueryUrrs ?? [],
            },
            PfcpMessageType.SessionModificationResponse => new SessionModificationResponse
            {
                Cause = Required(f.Cause, IeType.Cause),
                OffendingIe = f.OffendingIe,
                CreatedPdrs = f.CreatedPdrs ?? [],
                UsageReports = f.UsageReports ?? [],
            },
            PfcpMessageType.SessionDeletionRequest => new SessionDeletionRequest(),
            PfcpMessageType.SessionDeletionResponse => new SessionDeletionResponse
            {
                Cause = Required(f.Cause, IeType.Cause),
                OffendingIe = f.OffendingIe,
                UsageReports = f.UsageReports ?? [],
            },
            PfcpMessageType.SessionReportRequest => new SessionReportRequest
            {
                ReportType = Required(f.ReportType, IeType.ReportType),
                DownlinkDataReport = f.DownlinkDataReport,
                UsageReports = f.UsageReports ?? [],
                ErrorIndicationReport = f.ErrorIndicationReport,
            },
            PfcpMessageType.SessionReportResponse => new SessionReportResponse
            {
                Cause = Required(f.Cause, IeType.Cause),
                OffendingIe = f.OffendingIe,
            },
            _ => throw new PfcpDecodeException(PfcpCause.ServiceNotSupported, null, $"message type {messageType} is not decoded"),
        };

        return message switch
        {
            PfcpSessionMessage session => session with { SequenceNumber = sequence, Seid = seid, MessagePriority = priority },
            _ => message with { SequenceNumber = sequence },
        };
    }

    private static T Required<T>(T? value, IeType type)
        where T : struct => value ?? throw DecodeContext.Missing(type);

    private static T Required<T>(T? value, IeType type)
        where T : class => value ?? throw DecodeContext.Missing(type);

    private static void ReadField(ref BodyFields f, IeType type, ReadOnlySpan<byte> value, DecodeContext context)
    {
        switch (type)
        {
            case IeType.NodeId:
                f.NodeId ??= LeafIes.ReadNodeId(value) ?? throw DecodeContext.Incorrect(type);
                break;
            case IeType.RecoveryTimeStamp:
                f.RecoveryTimeStamp ??= LeafIes.ReadTime(value) ?? throw DecodeContext.Incorrect(type);
                break;
            case IeType.Cause:
                f.Cause ??= LeafIes.ReadCause(value) ?? throw DecodeContext.Incorrect(type);
                break;
            case IeType.OffendingIe:
                f.OffendingIe ??= LeafIes.ReadOffendingIe(value);
                break;
            case IeType.UpFunctionFeatures:
                f.UpFunctionFeatures ??= LeafIes.ReadUpFunctionFeatures(value);
                break;
            case IeType.CpFunctionFeatures:
                f.CpFunctionFeatures ??= LeafIes.ReadCpFunctionFeatures(value);
                break;
            case IeType.NodeReportType:
                f.NodeReportType ??= (NodeReportType?)LeafIes.ReadU8(value) ?? throw DecodeContext.Incorrect(type);
                break;
            case IeType.UserPlanePathFailureReport:
                f.PathFailure ??= GroupedIes.ReadUserPlanePathFailureReport(value, context);
                break;
            case IeType.FSeid:
                // Mandatory in a Session Establishment Request, optional elsewhere; a malformed one is refused either way,
                // because acting on a half-read F-SEID would misroute the session.
                f.FSeid ??= LeafIes.ReadFSeid(value) ?? throw DecodeContext.Incorrect(type);
                break;
            case IeType.PfcpSmReqFlags:
                f.PfcpSmReqFlags ??= (PfcpSmReqFlags?)LeafIes.ReadU8(value);
                break;
            case IeType.PdnType:
                f.PdnType ??= LeafIes.ReadU8(value) is { } pdn && (pdn & 0x07) is >= 1 and <= 5 ? (PdnType)(pdn & 0x07) : null;
                break;
            case IeType.ReportType:
                f.ReportType ??= (ReportType?)LeafIes.ReadU8(value) ?? throw DecodeContext.Incorrect(type);
                break;
            case IeType.DownlinkDataReport:
                f.DownlinkDataReport ??= GroupedIes.ReadDownlinkDataReport(value, context);
                break;
            case IeType.ErrorIndicationReport:
                f.ErrorIndicationReport ??= GroupedIes.ReadErrorIndicationReport(value, context);
                break;
            case IeType.CreatePdr:
                context.Add(ref f.CreatePdrs, GroupedIes.ReadCreatePdr(value, context), type);
                break;
            case IeType.CreateFar:
                context.Add(ref f.CreateFars, GroupedIes.ReadCreateFar(value, context), type);
                break;
            case IeType.CreateUrr:
                context.Add(ref f.CreateUrrs, GroupedIes.ReadCreateUrr(value, context), type);
                break;
            case IeType.CreateQer:
                context.Add(ref f.CreateQers, GroupedIes.ReadCreateQer(value, context), type);
                break;
            case IeType.UpdatePdr:
                context.Add(ref f.UpdatePdrs, GroupedIes.ReadUpdatePdr(value, context), type);
                break;
            case IeType.UpdateFar:
                context.Add(ref f.UpdateFars, GroupedIes.ReadUpdateFar(value, context), type);
                break;
            case IeType.UpdateUrr:
                context.Add(ref f.UpdateUrrs, GroupedIes.ReadUpdateUrr(value, context), type);
                break;
            case IeType.UpdateQer:
                context.Add(ref f.UpdateQers, GroupedIes.ReadUpdateQer(value, context), type);
                break;
            case IeType.RemovePdr:
                context.Add(ref f.RemovePdrs, new RemovePdr((ushort)GroupedIes.ReadRuleId(type, IeType.PdrId, value, context)), type);
                break;
            case IeType.RemoveFar:
                context.Add(ref f.RemoveFars, new RemoveFar(GroupedIes.ReadRuleId(type, IeType.FarId, value, context)), type);
                break;
            case IeType.RemoveUrr:
                context.Add(ref f.RemoveUrrs, new RemoveUrr(GroupedIes.ReadRuleId(type, IeType.UrrId, value, context)), type);
                break;
            case IeType.RemoveQer:
                context.Add(ref f.RemoveQers, new RemoveQer(GroupedIes.ReadRuleId(type, IeType.QerId, value, context)), type);
                break;
            case IeType.QueryUrr:
                context.Add(ref f.QueryUrrs, new QueryUrr(GroupedIes.ReadRuleId(type, IeType.UrrId, value, context)), type);
                break;
            case IeType.CreatedPdr:
                context.Add(ref f.CreatedPdrs, GroupedIes.ReadCreatedPdr(value, context), type);
                break;
            case IeType.UsageReportSessionModificationResponse or IeType.UsageReportSessionDeletionResponse or IeType.UsageReportSessionReportRequest:
                context.Add(ref f.UsageReports, GroupedIes.ReadUsageReport(type, value, context), type);
                break;
        }
    }

    /// <summary>Which IEs each message's table lists (§7.4, §7.5), among those this codec models.</summary>
    private static bool IsExpected(PfcpMessageType message, IeType ie) => message switch
    {
        PfcpMessageType.HeartbeatRequest or PfcpMessageType.HeartbeatResponse => ie == IeType.RecoveryTimeStamp,
        PfcpMessageType.AssociationSetupRequest => ie is IeType.NodeId or IeType.RecoveryTimeStamp or IeType.UpFunctionFeatures or IeType.CpFunctionFeatures,
        PfcpMessageType.AssociationSetupResponse => ie is IeType.NodeId or IeType.Cause or IeType.RecoveryTimeStamp or IeType.UpFunctionFeatures or IeType.CpFunctionFeatures,
        PfcpMessageType.AssociationUpdateRequest => ie is IeType.NodeId or IeType.UpFunctionFeatures or IeType.CpFunctionFeatures,
        PfcpMessageType.AssociationUpdateResponse => ie is IeType.NodeId or IeType.Cause or IeType.UpFunctionFeatures or IeType.CpFunctionFeatures,
        PfcpMessageType.AssociationReleaseRequest => ie is IeType.NodeId,
        PfcpMessageType.AssociationReleaseResponse => ie is IeType.NodeId or IeType.Cause,
        PfcpMessageType.NodeReportRequest => ie is IeType.NodeId or IeType.NodeReportType or IeType.UserPlanePathFailureReport,
        PfcpMessageType.NodeReportResponse => ie is IeType.NodeId or IeType.Cause or IeType.OffendingIe,
        PfcpMessageType.SessionEstablishmentRequest => ie is IeType.NodeId or IeType.FSeid or IeType.CreatePdr or IeType.CreateFar or IeType.CreateUrr or IeType.CreateQer
            or IeType.PdnType,
        PfcpMessageType.SessionEstablishmentResponse => ie is IeType.NodeId or IeType.Cause or IeType.OffendingIe or IeType.FSeid or IeType.CreatedPdr,
        PfcpMessageType.SessionModificationRequest => ie is IeType.FSeid or IeType.PfcpSmReqFlags or IeType.RemovePdr or IeType.RemoveFar or IeType.RemoveUrr or IeType.RemoveQer
            or IeType.CreatePdr or IeType.CreateFar or IeType.CreateUrr or IeType.CreateQer
            or IeType.UpdatePdr or IeType.UpdateFar or IeType.UpdateUrr or IeType.UpdateQer or IeType.QueryUrr,
        PfcpMessageType.SessionModificationResponse => ie is IeType.Cause or IeType.OffendingIe or IeType.CreatedPdr or IeType.UsageReportSessionModificationResponse,
        PfcpMessageType.SessionDeletionResponse => ie is IeType.Cause or IeType.OffendingIe or IeType.UsageReportSessionDeletionResponse,
        PfcpMessageType.SessionReportRequest => ie is IeType.ReportType or IeType.DownlinkDataReport or IeType.UsageReportSessionReportRequest
            or IeType.ErrorIndicationReport,
        PfcpMessageType.SessionReportResponse => ie is IeType.Cause or IeType.OffendingIe,
        _ => false,
    };
}
