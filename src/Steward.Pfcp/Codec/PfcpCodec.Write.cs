using Steward.Pfcp.Ies;
using Steward.Pfcp.Messages;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Codec;

public static partial class PfcpCodec
{
    // IEs go out in the order of the spec's message tables, mandatory ones first where the table puts them there.
    private static void WriteBody(ref IeWriter w, PfcpMessage message)
    {
        switch (message)
        {
            case HeartbeatRequest m:
                LeafIes.WriteTime(ref w, IeType.RecoveryTimeStamp, m.RecoveryTimeStamp);
                break;
            case HeartbeatResponse m:
                LeafIes.WriteTime(ref w, IeType.RecoveryTimeStamp, m.RecoveryTimeStamp);
                break;
            case AssociationSetupRequest m:
                LeafIes.WriteNodeId(ref w, m.NodeId);
                LeafIes.WriteTime(ref w, IeType.RecoveryTimeStamp, m.RecoveryTimeStamp);
                WriteFeatures(ref w, m.UpFunctionFeatures, m.CpFunctionFeatures);
                break;
            case AssociationSetupResponse m:
                LeafIes.WriteNodeId(ref w, m.NodeId);
                LeafIes.WriteCause(ref w, m.Cause);
                LeafIes.WriteTime(ref w, IeType.RecoveryTimeStamp, m.RecoveryTimeStamp);
                WriteFeatures(ref w, m.UpFunctionFeatures, m.CpFunctionFeatures);
                break;
            case AssociationUpdateRequest m:
                LeafIes.WriteNodeId(ref w, m.NodeId);
                WriteFeatures(ref w, m.UpFunctionFeatures, m.CpFunctionFeatures);
                break;
            case AssociationUpdateResponse m:
                LeafIes.WriteNodeId(ref w, m.NodeId);
                LeafIes.WriteCause(ref w, m.Cause);
                WriteFeatures(ref w, m.UpFunctionFeatures, m.CpFunctionFeatures);
                break;
            case AssociationReleaseRequest m:
                LeafIes.WriteNodeId(ref w, m.NodeId);
                break;
            case AssociationReleaseResponse m:
                LeafIes.WriteNodeId(ref w, m.NodeId);
                LeafIes.WriteCause(ref w, m.Cause);
                break;
            case VersionNotSupportedResponse:
                break;
            case NodeReportRequest m:
                LeafIes.WriteNodeId(ref w, m.NodeId);
                LeafIes.WriteU8(ref w, IeType.NodeReportType, (byte)m.NodeReportType);
                if (m.UserPlanePathFailureReport is not null)
                {
                    GroupedIes.WriteUserPlanePathFailureReport(ref w, m.UserPlanePathFailureReport);
                }

                break;
            case NodeReportResponse m:
                LeafIes.WriteNodeId(ref w, m.NodeId);
                LeafIes.WriteCause(ref w, m.Cause);
                WriteOffendingIe(ref w, m.OffendingIe);
                break;
            case SessionEstablishmentRequest m:
                WriteEstablishmentRequest(ref w, m);
                break;
            case SessionEstablishmentResponse m:
                LeafIes.WriteNodeId(ref w, m.NodeId);
                LeafIes.WriteCause(ref w, m.Cause);
                WriteOffendingIe(ref w, m.OffendingIe);
                if (m.UpFSeid is not null)
                {
                    LeafIes.WriteFSeid(ref w, m.UpFSeid);
                }

                foreach (var created in m.CreatedPdrs)
                {
                    GroupedIes.WriteCreatedPdr(ref w, created);
                }

                break;
            case SessionModificationRequest m:
                WriteModificationRequest(ref w, m);
                break;
            case SessionModificationResponse m:
                LeafIes.WriteCause(ref w, m.Cause);
                WriteOffendingIe(ref w, m.OffendingIe);
                foreach (var created in m.CreatedPdrs)
                {
                    GroupedIes.WriteCreatedPdr(ref w, created);
                }

                WriteUsageReports(ref w, IeType.UsageReportSessionModificationResponse, m.UsageReports);
                break;
            case SessionDeletionRequest:
                break;
            case SessionDeletionResponse m:
                LeafIes.WriteCause(ref w, m.Cause);
                WriteOffendingIe(ref w, m.OffendingIe);
                WriteUsageReports(ref w, IeType.UsageReportSessionDeletionResponse, m.UsageReports);
                break;
            case SessionReportRequest m:
                LeafIes.WriteU8(ref w, IeType.ReportType, (byte)m.ReportType);
                if (m.DownlinkDataReport is not null)
                {
                    GroupedIes.WriteDownlinkDataReport(ref w, m.DownlinkDataReport);
                }

                WriteUsageReports(ref w, IeType.UsageReportSessionReportRequest, m.UsageReports);
                break;
            case SessionReportResponse m:
                LeafIes.WriteCause(ref w, m.Cause);
                WriteOffendingIe(ref w, m.OffendingIe);
                break;
            default:
                throw new ArgumentException($"{message.GetType().Name} has no encoding");
        }
    }

    private static void WriteFeatures(ref IeWriter w, UpFunctionFeatures? up, CpFunctionFeatures? cp)
    {
        if (up is { } u)
        {
            LeafIes.WriteUpFunctionFeatures(ref w, u);
        }

        if (cp is { } c)
        {
            LeafIes.WriteCpFunctionFeatures(ref w, c);
        }
    }

    private static void WriteOffendingIe(ref IeWriter w, IeType? offending)
    {
        if (offending is { } type)
        {
            LeafIes.WriteOffendingIe(ref w, type);
        }
    }

    private static void WriteUsageReports(ref IeWriter w, IeType type, IReadOnlyList<UsageReport> reports)
    {
        foreach (var report in reports)
        {
            GroupedIes.WriteUsageReport(ref w, type, report);
        }
    }

    private static void WriteEstablishmentRequest(ref IeWriter w, SessionEstablishmentRequest m)
    {
        if (m.CreatePdrs.Count == 0 || m.CreateFars.Count == 0)
        {
            throw new ArgumentException("a Session Establishment Request needs at least one Create PDR and one Create FAR");
        }

        LeafIes.WriteNodeId(ref w, m.NodeId);
        LeafIes.WriteFSeid(ref w, m.CpFSeid);
        foreach (var pdr in m.CreatePdrs)
        {
            GroupedIes.WriteCreatePdr(ref w, pdr);
        }

        foreach (var far in m.CreateFars)
        {
            GroupedIes.WriteCreateFar(ref w, far);
        }

        foreach (var urr in m.CreateUrrs)
        {
            GroupedIes.WriteCreateUrr(ref w, urr);
        }

        foreach (var qer in m.CreateQers)
        {
            GroupedIes.WriteCreateQer(ref w, qer);
        }
    }

    private static void WriteModificationRequest(ref IeWriter w, SessionModificationRequest m)
    {
        if (m.CpFSeid is not null)
        {
            LeafIes.WriteFSeid(ref w, m.CpFSeid);
        }

        foreach (var r in m.RemovePdrs)
        {
            GroupedIes.WriteRemove(ref w, IeType.RemovePdr, IeType.PdrId, r.PdrId);
        }

        foreach (var r in m.RemoveFars)
        {
            GroupedIes.WriteRemove(ref w, IeType.RemoveFar, IeType.FarId, r.FarId);
        }

        foreach (var r in m.RemoveUrrs)
        {
            GroupedIes.WriteRemove(ref w, IeType.RemoveUrr, IeType.UrrId, r.UrrId);
        }

        foreach (var r in m.RemoveQers)
        {
            GroupedIes.WriteRemove(ref w, IeType.RemoveQer, IeType.QerId, r.QerId);
        }

        foreach (var pdr in m.CreatePdrs)
        {
            GroupedIes.WriteCreatePdr(ref w, pdr);
        }

        foreach (var far in m.CreateFars)
        {
            GroupedIes.WriteCreateFar(ref w, far);
        }

        foreach (var urr in m.CreateUrrs)
        {
            GroupedIes.WriteCreateUrr(ref w, urr);
        }

        foreach (var qer in m.CreateQers)
        {
            GroupedIes.WriteCreateQer(ref w, qer);
        }

        foreach (var pdr in m.UpdatePdrs)
        {
            GroupedIes.WriteUpdatePdr(ref w, pdr);
        }

        foreach (var far in m.UpdateFars)
        {
            GroupedIes.WriteUpdateFar(ref w, far);
        }

        foreach (var urr in m.UpdateUrrs)
        {
            GroupedIes.WriteUpdateUrr(ref w, urr);
        }

        foreach (var qer in m.UpdateQers)
        {
            GroupedIes.WriteUpdateQer(ref w, qer);
        }

        foreach (var query in m.QueryUrrs)
        {
            GroupedIes.WriteRemove(ref w, IeType.QueryUrr, IeType.UrrId, query.UrrId);
        }
    }
}
