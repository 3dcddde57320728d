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

                for (var i = 0; i < m.CreatedPdrs.Count; i++)
                {
                    var created = m.CreatedPdrs[i];
                    GroupedIes.WriteCreatedPdr(ref w, created);
                }

                break;
            case SessionModificationRequest m:
                WriteModificationRequest(ref w, m);
                break;
            case SessionModificationResponse m:
                LeafIes.WriteCause(ref w, m.Cause);
                WriteOffendingIe(ref w, m.OffendingIe);
                for (var i = 0; i < m.CreatedPdrs.Count; i++)
                {
                    var created = m.CreatedPdrs[i];
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
                if (m.ErrorIndicationReport is not null)
                {
                    GroupedIes.WriteErrorIndicationReport(ref w, m.ErrorIndicationReport);
                }

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
        for (var i = 0; i < reports.Count; i++)
        {
            var report = reports[i];
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
        for (var i = 0; i < m.CreatePdrs.Count; i++)
        {
            var pdr = m.CreatePdrs[i];
            GroupedIes.WriteCreatePdr(ref w, pdr);
        }

        for (var i = 0; i < m.CreateFars.Count; i++)
        {
            var far = m.CreateFars[i];
            GroupedIes.WriteCreateFar(ref w, far);
        }

        for (var i = 0; i < m.CreateUrrs.Count; i++)
        {
            var urr = m.CreateUrrs[i];
            GroupedIes.WriteCreateUrr(ref w, urr);
        }

        for (var i = 0; i < m.CreateQers.Count; i++)
        {
            var qer = m.CreateQers[i];
            GroupedIes.WriteCreateQer(ref w, qer);
        }

        if (m.PdnType is { } pdnType)
        {
            LeafIes.WriteU8(ref w, IeType.PdnType, (byte)pdnType);
        }
    }

    private static void WriteModificationRequest(ref IeWriter w, SessionModificationRequest m)
    {
        if (m.CpFSeid is not null)
        {
            LeafIes.WriteFSeid(ref w, m.CpFSeid);
        }

        if (m.PfcpSmReqFlags is { } flags)
        {
            LeafIes.WriteU8(ref w, IeType.PfcpSmReqFlags, (byte)flags);
        }

        for (var i = 0; i < m.RemovePdrs.Count; i++)
        {
            var r = m.RemovePdrs[i];
            GroupedIes.WriteRemove(ref w, IeType.RemovePdr, IeType.PdrId, r.PdrId);
        }

        for (var i = 0; i < m.RemoveFars.Count; i++)
        {
            var r = m.RemoveFars[i];
            GroupedIes.WriteRemove(ref w, IeType.RemoveFar, IeType.FarId, r.FarId);
        }

        for (var i = 0; i < m.RemoveUrrs.Count; i++)
        {
            var r = m.RemoveUrrs[i];
            GroupedIes.WriteRemove(ref w, IeType.RemoveUrr, IeType.UrrId, r.UrrId);
        }

        for (var i = 0; i < m.RemoveQers.Count; i++)
        {
            var r = m.RemoveQers[i];
            GroupedIes.WriteRemove(ref w, IeType.RemoveQer, IeType.QerId, r.QerId);
        }

        for (var i = 0; i < m.CreatePdrs.Count; i++)
        {
            var pdr = m.CreatePdrs[i];
            GroupedIes.WriteCreatePdr(ref w, pdr);
        }

        for (var i = 0; i < m.CreateFars.Count; i++)
        {
            var far = m.CreateFars[i];
            GroupedIes.WriteCreateFar(ref w, far);
        }

        for (var i = 0; i < m.CreateUrrs.Count; i++)
        {
            var urr = m.CreateUrrs[i];
            GroupedIes.WriteCreateUrr(ref w, urr);
        }

        for (var i = 0; i < m.CreateQers.Count; i++)
        {
            var qer = m.CreateQers[i];
            GroupedIes.WriteCreateQer(ref w, qer);
        }

        for (var i = 0; i < m.UpdatePdrs.Count; i++)
        {
            var pdr = m.UpdatePdrs[i];
            GroupedIes.WriteUpdatePdr(ref w, pdr);
        }

        for (var i = 0; i < m.UpdateFars.Count; i++)
        {
            var far = m.UpdateFars[i];
            GroupedIes.WriteUpdateFar(ref w, far);
        }

        for (var i = 0; i < m.UpdateUrrs.Count; i++)
        {
            var urr = m.UpdateUrrs[i];
            GroupedIes.WriteUpdateUrr(ref w, urr);
        }

        for (var i = 0; i < m.UpdateQers.Count; i++)
        {
            var qer = m.UpdateQers[i];
            GroupedIes.WriteUpdateQer(ref w, qer);
        }

        for (var i = 0; i < m.QueryUrrs.Count; i++)
        {
            var query = m.QueryUrrs[i];
            GroupedIes.WriteRemove(ref w, IeType.QueryUrr, IeType.UrrId, query.UrrId);
        }
    }
}
