using System.Globalization;
using System.Text;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Messages;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Tests;

/// <summary>An IE as scapy.contrib.pfcp names its fields: the type, the field values expected, and the IEs inside.</summary>
internal sealed record ScapyIe(IeType Type, IReadOnlyDictionary<string, string> Fields, IReadOnlyList<ScapyIe>? Children = null);

/// <summary>
/// What scapy 2.5 must read from Steward's encoding of a message, written from the model with scapy's field
/// names (scapy/contrib/pfcp.py). Strings scapy keeps as bytes are expected as hex, the way the script prints them.
/// </summary>
internal static class ScapyView
{
    public static IReadOnlyList<ScapyIe> Of(PfcpMessage message) => message switch
    {
        HeartbeatRequest m => [Time(IeType.RecoveryTimeStamp, m.RecoveryTimeStamp)],
        HeartbeatResponse m => [Time(IeType.RecoveryTimeStamp, m.RecoveryTimeStamp)],
        AssociationSetupRequest m => [Node(m.NodeId), Time(IeType.RecoveryTimeStamp, m.RecoveryTimeStamp), .. Features(m.UpFunctionFeatures, m.CpFunctionFeatures)],
        AssociationSetupResponse m => [Node(m.NodeId), Cause(m.Cause), Time(IeType.RecoveryTimeStamp, m.RecoveryTimeStamp), .. Features(m.UpFunctionFeatures, m.CpFunctionFeatures)],
        AssociationUpdateRequest m => [Node(m.NodeId), .. Features(m.UpFunctionFeatures, m.CpFunctionFeatures)],
        AssociationUpdateResponse m => [Node(m.NodeId), Cause(m.Cause), .. Features(m.UpFunctionFeatures, m.CpFunctionFeatures)],
        AssociationReleaseRequest m => [Node(m.NodeId)],
        AssociationReleaseResponse m => [Node(m.NodeId), Cause(m.Cause)],
        VersionNotSupportedResponse => [],
        NodeReportRequest m => [Node(m.NodeId), Ie(IeType.NodeReportType, ("UPFR", Bit(m.NodeReportType, NodeReportType.UserPlanePathFailure))),
            .. m.UserPlanePathFailureReport is { } r ? [Group(IeType.UserPlanePathFailureReport, r.RemoteGtpuPeers.Select(Peer))] : Array.Empty<ScapyIe>()],
        NodeReportResponse m => [Node(m.NodeId), Cause(m.Cause), .. Offending(m.OffendingIe)],
        SessionEstablishmentRequest m => [Node(m.NodeId), FSeid(m.CpFSeid), .. m.CreatePdrs.Select(CreatePdr), .. m.CreateFars.Select(CreateFar),
            .. m.CreateUrrs.Select(CreateUrr), .. m.CreateQers.Select(CreateQer),
            .. m.PdnType is { } pdn ? [Ie(IeType.PdnType, ("pdn_type", N((byte)pdn)))] : Array.Empty<ScapyIe>()],
        SessionEstablishmentResponse m => [Node(m.NodeId), Cause(m.Cause), .. Offending(m.OffendingIe), .. m.UpFSeid is { } f ? [FSeid(f)] : Array.Empty<ScapyIe>(),
            .. m.CreatedPdrs.Select(CreatedPdr)],
        SessionModificationRequest m => [.. m.CpFSeid is { } f ? [FSeid(f)] : Array.Empty<ScapyIe>(), .. Flags(m.PfcpSmReqFlags),
            .. m.RemovePdrs.Select(r => Group(IeType.RemovePdr, [Ie(IeType.PdrId, ("id", N(r.PdrId)))])),
            .. m.RemoveFars.Select(r => Group(IeType.RemoveFar, [Ie(IeType.FarId, ("id", N(r.FarId)))])),
            .. m.RemoveUrrs.Select(r => Group(IeType.RemoveUrr, [Ie(IeType.UrrId, ("id", N(r.UrrId)))])),
            .. m.RemoveQers.Select(r => Group(IeType.RemoveQer, [Ie(IeType.QerId, ("id", N(r.QerId)))])),
            .. m.CreatePdrs.Select(CreatePdr), .. m.CreateFars.Select(CreateFar), .. m.CreateUrrs.Select(CreateUrr), .. m.CreateQers.Select(CreateQer),
            .. m.UpdatePdrs.Select(UpdatePdr), .. m.UpdateFars.Select(UpdateFar),
            .. m.UpdateUrrs.Select(u => Urr(IeType.UpdateUrr, u.UrrId, u.MeasurementMethod, u.ReportingTriggers, u.VolumeThreshold, u.MeasurementPeriod)),
            .. m.UpdateQers.Select(u => Qer(IeType.UpdateQer, u.QerId, u.GateStatus, u.Mbr, u.Qfi)),
            .. m.QueryUrrs.Select(q => Group(IeType.QueryUrr, [Ie(IeType.UrrId, ("id", N(q.UrrId)))]))],
        SessionModificationResponse m => [Cause(m.Cause), .. Offending(m.OffendingIe), .. m.CreatedPdrs.Select(CreatedPdr),
            .. m.UsageReports.Select(r => Report(IeType.UsageReportSessionModificationResponse, r))],
        SessionDeletionRequest => [],
        SessionDeletionResponse m => [Cause(m.Cause), .. Offending(m.OffendingIe), .. m.UsageReports.Select(r => Report(IeType.UsageReportSessionDeletionResponse, r))],
        SessionReportRequest m => [Ie(IeType.ReportType, ("USAR", Bit(m.ReportType, ReportType.Usage)), ("DLDR", Bit(m.ReportType, ReportType.DownlinkData)),
                ("ERIR", Bit(m.ReportType, ReportType.ErrorIndication))),
            .. m.DownlinkDataReport is { } d ? [Group(IeType.DownlinkDataReport, d.PdrIds.Select(p => Ie(IeType.PdrId, ("id", N(p)))))] : Array.Empty<ScapyIe>(),
            .. m.UsageReports.Select(r => Report(IeType.UsageReportSessionReportRequest, r)),
            .. m.ErrorIndicationReport is { } e ? [Group(IeType.ErrorIndicationReport, e.RemoteFTeids.Select(FTeid))] : Array.Empty<ScapyIe>()],
        SessionReportResponse m => [Cause(m.Cause), .. Offending(m.OffendingIe)],
        _ => throw new ArgumentException(message.GetType().Name),
    };

    private static ScapyIe Ie(IeType type, params (string Name, string Value)[] fields) =>
        new(type, fields.ToDictionary(f => f.Name, f => f.Value));

    private static ScapyIe Group(IeType type, IEnumerable<ScapyIe> children) => new(type, new Dictionary<string, string>(), [.. children]);

    private static string N(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Bit<T>(T flags, T bit)
        where T : struct, Enum => flags.HasFlag(bit) ? "1" : "0";

    private static string Hex(string text) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text));

    private static ScapyIe Time(IeType type, NtpTime time) => Ie(type, ("timestamp", N(time.Seconds)));

    private static ScapyIe Cause(PfcpCause cause) => Ie(IeType.Cause, ("cause", N((byte)cause)));

    private static ScapyIe[] Offending(IeType? offending) => offending is { } o ? [Ie(IeType.OffendingIe, ("type", N((ushort)o)))] : [];

    private static ScapyIe Node(NodeId id) => id.Type switch
    {
        NodeIdType.IPv4 => Ie(IeType.NodeId, ("id_type", "0"), ("ipv4", id.Address!.ToString())),
        NodeIdType.IPv6 => Ie(IeType.NodeId, ("id_type", "1"), ("ipv6", id.Address!.ToString())),
        _ => Ie(IeType.NodeId, ("id_type", "2"), ("id", Hex(id.Fqdn!))),
    };

    private static IEnumerable<ScapyIe> Features(UpFunctionFeatures? up, CpFunctionFeatures? cp)
    {
        if (up is { } u)
        {
            yield return Ie(IeType.UpFunctionFeatures, ("BUCP", Bit(u, UpFunctionFeatures.Bucp)), ("FTUP", Bit(u, UpFunctionFeatures.Ftup)),
                ("EMPU", Bit(u, UpFunctionFeatures.Empu)), ("TREU", Bit(u, UpFunctionFeatures.Treu)));
        }

        if (cp is { } c)
        {
            yield return Ie(IeType.CpFunctionFeatures, ("LOAD", Bit(c, CpFunctionFeatures.Load)), ("OVRL", Bit(c, CpFunctionFeatures.Ovrl)));
        }
    }

    private static ScapyIe Peer(RemoteGtpuPeer peer)
    {
        var fields = new Dictionary<string, string> { ["V4"] = peer.IPv4 is null ? "0" : "1", ["V6"] = peer.IPv6 is null ? "0" : "1" };
        if (peer.IPv4 is { } v4)
        {
            fields["ipv4"] = v4.ToString();
        }

        if (peer.IPv6 is { } v6)
        {
            fields["ipv6"] = v6.ToString();
        }

        return new ScapyIe(IeType.RemoteGtpuPeer, fields);
    }

    private static ScapyIe FSeid(FSeid f)
    {
        var fields = new Dictionary<string, string> { ["seid"] = N(f.Seid), ["v4"] = f.IPv4 is null ? "0" : "1", ["v6"] = f.IPv6 is null ? "0" : "1" };
        if (f.IPv4 is { } v4)
        {
            fields["ipv4"] = v4.ToString();
        }

        if (f.IPv6 is { } v6)
        {
            fields["ipv6"] = v6.ToString();
        }

        return new ScapyIe(IeType.FSeid, fields);
    }

    private static ScapyIe FTeid(FTeid f)
    {
        var fields = new Dictionary<string, string> { ["CH"] = f.Choose ? "1" : "0", ["CHID"] = f.ChooseId is null ? "0" : "1" };
        if (f.Choose)
        {
            fields["V4"] = f.ChooseIPv4 ? "1" : "0";
            if (f.ChooseId is { } id)
            {
                fields["choose_id"] = N(id);
            }
        }
        else
        {
            fields["TEID"] = N(f.Teid);
            fields["V4"] = f.IPv4 is null ? "0" : "1";
            if (f.IPv4 is { } v4)
            {
                fields["ipv4"] = v4.ToString();
            }
        }

        return new ScapyIe(IeType.FTeid, fields);
    }

    private static ScapyIe UeIp(UeIpAddress ue) =>
        Ie(IeType.UeIpAddress, ("V4", ue.IPv4 is null ? "0" : "1"), ("SD", ue.IsDestination ? "1" : "0"), ("ipv4", ue.IPv4?.ToString() ?? ""));

    private static ScapyIe Sdf(SdfFilter f)
    {
        var fields = new Dictionary<string, string>
        {
            ["FD"] = f.FlowDescription is null ? "0" : "1",
            ["TTC"] = f.TosTrafficClass is null ? "0" : "1",
            ["SPI"] = f.SecurityParameterIndex is null ? "0" : "1",
            ["FL"] = f.FlowLabel is null ? "0" : "1",
            ["BID"] = f.SdfFilterId is null ? "0" : "1",
        };
        if (f.FlowDescription is { } d)
        {
            fields["flow_description"] = Hex(d);
        }

        if (f.TosTrafficClass is { } tos)
        {
            fields["tos_traffic_class"] = N((ulong)(tos >> 8));
            fields["tos_traffic_mask"] = N((ulong)(tos & 0xFF));
        }

        if (f.SecurityParameterIndex is { } spi)
        {
            fields["security_parameter_index"] = N(spi);
        }

        if (f.FlowLabel is { } label)
        {
            fields["flow_label"] = N(label);
        }

        if (f.SdfFilterId is { } id)
        {
            fields["sdf_filter_id"] = N(id);
        }

        return new ScapyIe(IeType.SdfFilter, fields);
    }

    private static ScapyIe Pdi(Pdi pdi) => Group(IeType.Pdi,
    [
        Ie(IeType.SourceInterface, ("interface", N((byte)pdi.SourceInterface))),
        .. pdi.LocalFTeid is { } f ? [FTeid(f)] : Array.Empty<ScapyIe>(),
        .. pdi.NetworkInstance is { } ni ? [Ie(IeType.NetworkInstance, ("instance", Hex(ni)))] : Array.Empty<ScapyIe>(),
        .. pdi.UeIpAddress is { } ue ? [UeIp(ue)] : Array.Empty<ScapyIe>(),
        .. pdi.SdfFilters.Select(Sdf),
        .. pdi.Qfis.Select(q => Ie(IeType.Qfi, ("QFI", N(q)))),
    ]);

    private static ScapyIe Pdr(IeType type, ushort id, uint? precedence, Pdi? pdi, OuterHeaderRemoval? removal, uint? far, IReadOnlyList<uint> urrs, IReadOnlyList<uint> qers) => Group(type,
    [
        Ie(IeType.PdrId, ("id", N(id))),
        .. precedence is { } p ? [Ie(IeType.Precedence, ("precedence", N(p)))] : Array.Empty<ScapyIe>(),
        .. pdi is not null ? [Pdi(pdi)] : Array.Empty<ScapyIe>(),
        .. removal is not null
            ? [removal.GtpuExtensionHeaderDeletion is { } deletion
                ? Ie(IeType.OuterHeaderRemoval, ("header", N((byte)removal.Description)), ("pdu_session_container", N(deletion)))
                : Ie(IeType.OuterHeaderRemoval, ("header", N((byte)removal.Description)))]
            : Array.Empty<ScapyIe>(),
        .. far is { } f ? [Ie(IeType.FarId, ("id", N(f)))] : Array.Empty<ScapyIe>(),
        .. urrs.Select(u => Ie(IeType.UrrId, ("id", N(u)))),
        .. qers.Select(q => Ie(IeType.QerId, ("id", N(q)))),
    ]);

    private static ScapyIe CreatePdr(CreatePdr p) => Pdr(IeType.CreatePdr, p.PdrId, p.Precedence, p.Pdi, p.OuterHeaderRemoval, p.FarId, p.UrrIds, p.QerIds);

    private static ScapyIe UpdatePdr(UpdatePdr p) => Pdr(IeType.UpdatePdr, p.PdrId, p.Precedence, p.Pdi, p.OuterHeaderRemoval, p.FarId, p.UrrIds, p.QerIds);

    private static ScapyIe CreatedPdr(CreatedPdr p) => Group(IeType.CreatedPdr,
    [
        Ie(IeType.PdrId, ("id", N(p.PdrId))),
        .. p.LocalFTeid is { } f ? [FTeid(f)] : Array.Empty<ScapyIe>(),
        .. p.UeIpAddress is { } ue ? [UeIp(ue)] : Array.Empty<ScapyIe>(),
    ]);

    private static ScapyIe Action(ApplyAction a) => Ie(IeType.ApplyAction, ("DROP", Bit(a, ApplyAction.Drop)), ("FORW", Bit(a, ApplyAction.Forward)),
        ("BUFF", Bit(a, ApplyAction.Buffer)), ("NOCP", Bit(a, ApplyAction.NotifyCp)), ("DUPL", Bit(a, ApplyAction.Duplicate)));

    private static ScapyIe[] Flags(PfcpSmReqFlags? flags) => flags is { } f
        ? [Ie(IeType.PfcpSmReqFlags, ("DROBU", Bit(f, PfcpSmReqFlags.DropBufferedPackets)), ("SNDEM", Bit(f, PfcpSmReqFlags.SendEndMarker)), ("QUARR", Bit(f, PfcpSmReqFlags.QueryAllUrrs)))]
        : [];

    private static ScapyIe Forwarding(IeType type, DestinationInterface? destination, string? networkInstance, OuterHeaderCreation? creation,
        PfcpSmReqFlags? flags = null) => Group(type,
    [
        .. destination is { } d ? [Ie(IeType.DestinationInterface, ("interface", N((byte)d)))] : Array.Empty<ScapyIe>(),
        .. networkInstance is { } ni ? [Ie(IeType.NetworkInstance, ("instance", Hex(ni)))] : Array.Empty<ScapyIe>(),
        .. creation is { } c
            ? [Ie(IeType.OuterHeaderCreation, ("GTPUUDPIPV4", Bit(c.Description, OuterHeaderCreationDescription.GtpuUdpIPv4)), ("TEID", N(c.Teid ?? 0)), ("ipv4", c.IPv4?.ToString() ?? ""))]
            : Array.Empty<ScapyIe>(),
        .. Flags(flags),
    ]);

    private static ScapyIe CreateFar(CreateFar f) => Group(IeType.CreateFar,
    [
        Ie(IeType.FarId, ("id", N(f.FarId))),
        Action(f.ApplyAction),
        .. f.ForwardingParameters is { } p ? [Forwarding(IeType.ForwardingParameters, p.DestinationInterface, p.NetworkInstance, p.OuterHeaderCreation)] : Array.Empty<ScapyIe>(),
    ]);

    private static ScapyIe UpdateFar(UpdateFar f) => Group(IeType.UpdateFar,
    [
        Ie(IeType.FarId, ("id", N(f.FarId))),
        .. f.ApplyAction is { } a ? [Action(a)] : Array.Empty<ScapyIe>(),
        .. f.UpdateForwardingParameters is { } p ? [Forwarding(IeType.UpdateForwardingParameters, p.DestinationInterface, p.NetworkInstance, p.OuterHeaderCreation, p.PfcpSmReqFlags)] : Array.Empty<ScapyIe>(),
    ]);

    private static ScapyIe Volume(IeType type, Volume v)
    {
        var fields = new Dictionary<string, string> { ["TOVOL"] = v.Total is null ? "0" : "1", ["ULVOL"] = v.Uplink is null ? "0" : "1", ["DLVOL"] = v.Downlink is null ? "0" : "1" };
        if (v.Total is { } t)
        {
            fields["total"] = N(t);
        }

        if (v.Uplink is { } u)
        {
            fields["uplink"] = N(u);
        }

        if (v.Downlink is { } d)
        {
            fields["downlink"] = N(d);
        }

        return new ScapyIe(type, fields);
    }

    private static ScapyIe Urr(IeType type, uint id, MeasurementMethod? method, ReportingTriggers? triggers, Volume? threshold, uint? period) => Group(type,
    [
        Ie(IeType.UrrId, ("id", N(id))),
        .. method is { } m ? [Ie(IeType.MeasurementMethod, ("VOLUM", Bit(m, MeasurementMethod.Volume)), ("DURAT", Bit(m, MeasurementMethod.Duration)))] : Array.Empty<ScapyIe>(),
        .. triggers is { } t
            ? [Ie(IeType.ReportingTriggers, ("volume_threshold", Bit(t, ReportingTriggers.VolumeThreshold)), ("periodic_reporting", Bit(t, ReportingTriggers.PeriodicReporting)))]
            : Array.Empty<ScapyIe>(),
        .. threshold is { } v ? [Volume(IeType.VolumeThreshold, v)] : Array.Empty<ScapyIe>(),
        .. period is { } p ? [Ie(IeType.MeasurementPeriod, ("period", N(p)))] : Array.Empty<ScapyIe>(),
    ]);

    private static ScapyIe CreateUrr(CreateUrr u) => Urr(IeType.CreateUrr, u.UrrId, u.MeasurementMethod, u.ReportingTriggers, u.VolumeThreshold, u.MeasurementPeriod);

    private static ScapyIe Qer(IeType type, uint id, GateStatus? gates, Mbr? mbr, byte? qfi) => Group(type,
    [
        Ie(IeType.QerId, ("id", N(id))),
        .. gates is { } g ? [Ie(IeType.GateStatus, ("ul", N((byte)g.Uplink)), ("dl", N((byte)g.Downlink)))] : Array.Empty<ScapyIe>(),
        .. mbr is { } m ? [Ie(IeType.Mbr, ("ul", N(m.UplinkKbps)), ("dl", N(m.DownlinkKbps)))] : Array.Empty<ScapyIe>(),
        .. qfi is { } q ? [Ie(IeType.Qfi, ("QFI", N(q)))] : Array.Empty<ScapyIe>(),
    ]);

    private static ScapyIe CreateQer(CreateQer q) => Qer(IeType.CreateQer, q.QerId, q.GateStatus, q.Mbr, q.Qfi);

    private static ScapyIe Report(IeType type, UsageReport r)
    {
        var measurement = r.VolumeMeasurement;
        return Group(type,
        [
            Ie(IeType.UrrId, ("id", N(r.UrrId))),
            Ie(IeType.UrSeqn, ("number", N(r.UrSeqn))),
            Ie(IeType.UsageReportTrigger, ("VOLTH", Bit(r.UsageReportTrigger, UsageReportTrigger.VolumeThreshold)),
                ("TERMR", Bit(r.UsageReportTrigger, UsageReportTrigger.TerminationReport)), ("IMMER", Bit(r.UsageReportTrigger, UsageReportTrigger.ImmediateReport))),
            .. r.StartTime is { } s ? [Time(IeType.StartTime, s)] : Array.Empty<ScapyIe>(),
            .. r.EndTime is { } e ? [Time(IeType.EndTime, e)] : Array.Empty<ScapyIe>(),
            .. measurement is not null
                ? [Volume(IeType.VolumeMeasurement, new Volume(measurement.TotalVolume, measurement.UplinkVolume, measurement.DownlinkVolume))]
                : Array.Empty<ScapyIe>(),
            .. r.DurationMeasurement is { } d ? [Ie(IeType.DurationMeasurement, ("duration", N(d)))] : Array.Empty<ScapyIe>(),
        ]);
    }
}
