using Steward.Pfcp.Ies;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Codec;

/// <summary>
/// The grouped IEs (§7.5): writers of whole IEs and readers of their content. A reader takes the first of
/// an IE that must not repeat and ignores the rest, skips IEs it does not know (§7.6), throws on a missing
/// or malformed mandatory IE, and drops a malformed optional one.
/// </summary>
internal static partial class GroupedIes
{
    public static void WriteCreatePdr(ref IeWriter w, CreatePdr pdr) => WritePdr(ref w, IeType.CreatePdr, pdr.PdrId, pdr.OuterHeaderRemoval,
        pdr.Precedence, pdr.Pdi, pdr.FarId, pdr.UrrIds, pdr.QerIds);

    public static void WriteUpdatePdr(ref IeWriter w, UpdatePdr pdr) => WritePdr(ref w, IeType.UpdatePdr, pdr.PdrId, pdr.OuterHeaderRemoval,
        pdr.Precedence, pdr.Pdi, pdr.FarId, pdr.UrrIds, pdr.QerIds);

    private static void WritePdr(ref IeWriter w, IeType type, ushort pdrId, OuterHeaderRemoval? removal, uint? precedence, Pdi? pdi,
        uint? farId, IReadOnlyList<uint> urrIds, IReadOnlyList<uint> qerIds)
    {
        var at = w.Begin(type);
        LeafIes.WriteU16(ref w, IeType.PdrId, pdrId);
        if (precedence is { } p)
        {
            LeafIes.WriteU32(ref w, IeType.Precedence, p);
        }

        if (pdi is not null)
        {
            WritePdi(ref w, pdi);
        }

        if (removal is not null)
        {
            RuleIes.WriteOuterHeaderRemoval(ref w, removal);
        }

        if (farId is { } far)
        {
            LeafIes.WriteU32(ref w, IeType.FarId, far);
        }

        for (var i = 0; i < urrIds.Count; i++)
        {
            var urr = urrIds[i];
            LeafIes.WriteU32(ref w, IeType.UrrId, urr);
        }

        for (var i = 0; i < qerIds.Count; i++)
        {
            var qer = qerIds[i];
            LeafIes.WriteU32(ref w, IeType.QerId, qer);
        }

        w.End(at);
    }

    private static void WritePdi(ref IeWriter w, Pdi pdi)
    {
        var at = w.Begin(IeType.Pdi);
        LeafIes.WriteU8(ref w, IeType.SourceInterface, (byte)pdi.SourceInterface);
        if (pdi.LocalFTeid is not null)
        {
            RuleIes.WriteFTeid(ref w, pdi.LocalFTeid);
        }

        if (pdi.NetworkInstance is not null)
        {
            LeafIes.WriteNetworkInstance(ref w, pdi.NetworkInstance);
        }

        if (pdi.UeIpAddress is not null)
        {
            RuleIes.WriteUeIpAddress(ref w, pdi.UeIpAddress);
        }

        for (var i = 0; i < pdi.SdfFilters.Count; i++)
        {
            var filter = pdi.SdfFilters[i];
            RuleIes.WriteSdfFilter(ref w, filter);
        }

        for (var i = 0; i < pdi.Qfis.Count; i++)
        {
            var qfi = pdi.Qfis[i];
            RuleIes.WriteQfi(ref w, qfi);
        }

        w.End(at);
    }

    public static void WriteRemove(ref IeWriter w, IeType type, IeType idType, uint id)
    {
        var at = w.Begin(type);
        if (idType == IeType.PdrId)
        {
            LeafIes.WriteU16(ref w, idType, (ushort)id);
        }
        else
        {
            LeafIes.WriteU32(ref w, idType, id);
        }

        w.End(at);
    }

    public static void WriteCreatedPdr(ref IeWriter w, CreatedPdr created)
    {
        var at = w.Begin(IeType.CreatedPdr);
        LeafIes.WriteU16(ref w, IeType.PdrId, created.PdrId);
        if (created.LocalFTeid is not null)
        {
            RuleIes.WriteFTeid(ref w, created.LocalFTeid);
        }

        if (created.UeIpAddress is not null)
        {
            RuleIes.WriteUeIpAddress(ref w, created.UeIpAddress);
        }

        w.End(at);
    }

    public static void WriteCreateFar(ref IeWriter w, CreateFar far)
    {
        var at = w.Begin(IeType.CreateFar);
        LeafIes.WriteU32(ref w, IeType.FarId, far.FarId);
        RuleIes.WriteApplyAction(ref w, far.ApplyAction);
        if (far.ForwardingParameters is { } forwarding)
        {
            WriteForwarding(ref w, IeType.ForwardingParameters, forwarding.DestinationInterface, forwarding.NetworkInstance, forwarding.OuterHeaderCreation, null);
        }

        w.End(at);
    }

    public static void WriteUpdateFar(ref IeWriter w, UpdateFar far)
    {
        var at = w.Begin(IeType.UpdateFar);
        LeafIes.WriteU32(ref w, IeType.FarId, far.FarId);
        if (far.ApplyAction is { } action)
        {
            RuleIes.WriteApplyAction(ref w, action);
        }

        if (far.UpdateForwardingParameters is { } forwarding)
        {
            WriteForwarding(ref w, IeType.UpdateForwardingParameters, forwarding.DestinationInterface, forwarding.NetworkInstance,
                forwarding.OuterHeaderCreation, forwarding.PfcpSmReqFlags);
        }

        w.End(at);
    }

    private static void WriteForwarding(ref IeWriter w, IeType type, DestinationInterface? destination, string? networkInstance, OuterHeaderCreation? creation,
        PfcpSmReqFlags? flags)
    {
        var at = w.Begin(type);
        if (destination is { } d)
        {
            LeafIes.WriteU8(ref w, IeType.DestinationInterface, (byte)d);
        }

        if (networkInstance is not null)
        {
            LeafIes.WriteNetworkInstance(ref w, networkInstance);
        }

        if (creation is not null)
        {
            RuleIes.WriteOuterHeaderCreation(ref w, creation);
        }

        if (flags is { } f)
        {
            LeafIes.WriteU8(ref w, IeType.PfcpSmReqFlags, (byte)f);
        }

        w.End(at);
    }

    public static void WriteCreateQer(ref IeWriter w, CreateQer qer) => WriteQer(ref w, IeType.CreateQer, qer.QerId, qer.GateStatus, qer.Mbr, qer.Qfi);

    public static void WriteUpdateQer(ref IeWriter w, UpdateQer qer) => WriteQer(ref w, IeType.UpdateQer, qer.QerId, qer.GateStatus, qer.Mbr, qer.Qfi);

    private static void WriteQer(ref IeWriter w, IeType type, uint qerId, GateStatus? gates, Mbr? mbr, byte? qfi)
    {
        var at = w.Begin(type);
        LeafIes.WriteU32(ref w, IeType.QerId, qerId);
        if (gates is not null)
        {
            RuleIes.WriteGateStatus(ref w, gates);
        }

        if (mbr is not null)
        {
            RuleIes.WriteMbr(ref w, mbr);
        }

        if (qfi is { } q)
        {
            RuleIes.WriteQfi(ref w, q);
        }

        w.End(at);
    }

    public static void WriteCreateUrr(ref IeWriter w, CreateUrr urr) =>
        WriteUrr(ref w, IeType.CreateUrr, urr.UrrId, urr.MeasurementMethod, urr.ReportingTriggers, urr.VolumeThreshold, urr.MeasurementPeriod);

    public static void WriteUpdateUrr(ref IeWriter w, UpdateUrr urr) =>
        WriteUrr(ref w, IeType.UpdateUrr, urr.UrrId, urr.MeasurementMethod, urr.ReportingTriggers, urr.VolumeThreshold, urr.MeasurementPeriod);

    private static void WriteUrr(ref IeWriter w, IeType type, uint urrId, MeasurementMethod? method, ReportingTriggers? triggers, Volume? threshold, uint? period)
    {
        var at = w.Begin(type);
        LeafIes.WriteU32(ref w, IeType.UrrId, urrId);
        if (method is { } m)
        {
            LeafIes.WriteU8(ref w, IeType.MeasurementMethod, (byte)m);
        }

        if (triggers is { } t)
        {
            UsageLeafIes.WriteTriggers(ref w, IeType.ReportingTriggers, (uint)t);
        }

        if (threshold is not null)
        {
            UsageLeafIes.WriteVolume(ref w, IeType.VolumeThreshold, threshold);
        }

        if (period is { } seconds)
        {
            LeafIes.WriteU32(ref w, IeType.MeasurementPeriod, seconds);
        }

        w.End(at);
    }

    public static void WriteUsageReport(ref IeWriter w, IeType type, UsageReport report)
    {
        var at = w.Begin(type);
        LeafIes.WriteU32(ref w, IeType.UrrId, report.UrrId);
        LeafIes.WriteU32(ref w, IeType.UrSeqn, report.UrSeqn);
        UsageLeafIes.WriteTriggers(ref w, IeType.UsageReportTrigger, (uint)report.UsageReportTrigger);
        if (report.StartTime is { } start)
        {
            LeafIes.WriteTime(ref w, IeType.StartTime, start);
        }

        if (report.EndTime is { } end)
        {
            LeafIes.WriteTime(ref w, IeType.EndTime, end);
        }

        if (report.VolumeMeasurement is not null)
        {
            UsageLeafIes.WriteVolumeMeasurement(ref w, report.VolumeMeasurement);
        }

        if (report.DurationMeasurement is { } duration)
        {
            LeafIes.WriteU32(ref w, IeType.DurationMeasurement, duration);
        }

        w.End(at);
    }

    public static void WriteDownlinkDataReport(ref IeWriter w, DownlinkDataReport report)
    {
        var at = w.Begin(IeType.DownlinkDataReport);
        for (var i = 0; i < report.PdrIds.Count; i++)
        {
            var pdr = report.PdrIds[i];
            LeafIes.WriteU16(ref w, IeType.PdrId, pdr);
        }

        w.End(at);
    }

    public static void WriteErrorIndicationReport(ref IeWriter w, ErrorIndicationReport report)
    {
        var at = w.Begin(IeType.ErrorIndicationReport);
        for (var i = 0; i < report.RemoteFTeids.Count; i++)
        {
            RuleIes.WriteFTeid(ref w, report.RemoteFTeids[i]);
        }

        w.End(at);
    }

    public static void WriteUserPlanePathFailureReport(ref IeWriter w, UserPlanePathFailureReport report)
    {
        var at = w.Begin(IeType.UserPlanePathFailureReport);
        for (var i = 0; i < report.RemoteGtpuPeers.Count; i++)
        {
            var peer = report.RemoteGtpuPeers[i];
            LeafIes.WriteRemoteGtpuPeer(ref w, peer);
        }

        w.End(at);
    }
}
