using System.Net;

namespace Steward.Upf.Rules;

// The user plane's own rule model: what the forwarding path needs, in the shape it looks things up
// in. The UPF's PFCP side (Control/) translates Create/Update/Remove PDR, FAR, QER and URR IEs into
// a whole SessionRules and hands it to IUserPlane.Apply; the data path never sees PFCP.

/// <summary>Source and Destination Interface values (3GPP TS 29.244 §8.2.2, §8.2.24).</summary>
public enum InterfaceKind : byte
{
    /// <summary>N3: from or to the gNB (GTP-U).</summary>
    Access = 0,
    /// <summary>N6: from or to the data network.</summary>
    Core = 1,
    /// <summary>SGi-LAN / N6-LAN.</summary>
    SgiLanN6Lan = 2,
    /// <summary>CP-function: to or from the SMF.</summary>
    CpFunction = 3,
    /// <summary>5G VN internal.</summary>
    FiveGVnInternal = 4,
}

/// <summary>Apply Action flags (§8.2.26, first octet).</summary>
[Flags]
public enum ApplyAction : byte
{
    /// <summary>No flag.</summary>
    None = 0,
    /// <summary>DROP.</summary>
    Drop = 0x01,
    /// <summary>FORW.</summary>
    Forward = 0x02,
    /// <summary>BUFF.</summary>
    Buffer = 0x04,
    /// <summary>With Buffer: report the first downlink packet to the SMF (Downlink Data Report).</summary>
    NotifyControlPlane = 0x08,
    /// <summary>DUPL.</summary>
    Duplicate = 0x10,
}

/// <summary>An SDF filter as the SMF sent it: the IPFilterRule text of its Flow Description (RFC 6733 §4.3).</summary>
public sealed record SdfFilter(string FlowDescription);

/// <summary>
/// A Packet Detection Rule: which packets it matches (PDI) and which FAR, QERs and URRs apply.
/// Uplink rules match on <see cref="LocalTeid"/> (and the UE address as source); downlink rules on
/// the UE address as destination. Among matching rules the lowest <see cref="Precedence"/> wins.
/// </summary>
public sealed record PacketDetectionRule
{
    /// <summary>The PDR ID.</summary>
    public required ushort Id { get; init; }

    /// <summary>Lower wins among matching rules.</summary>
    public required uint Precedence { get; init; }

    /// <summary>Where matching packets come from: Access (uplink) or Core (downlink).</summary>
    public required InterfaceKind SourceInterface { get; init; }

    /// <summary>The local F-TEID's TEID (uplink, N3): the UPF chose it when the SMF asked CHOOSE.</summary>
    public uint? LocalTeid { get; init; }

    /// <summary>The UE's address: the source of uplink packets, the destination of downlink ones.</summary>
    public IPAddress? UeAddress { get; init; }

    /// <summary>Further packet filters; a packet matches the PDR when any matches (or the list is empty).</summary>
    public IReadOnlyList<SdfFilter> SdfFilters { get; init; } = [];

    /// <summary>Match only G-PDUs whose PDU Session Container carries this QFI.</summary>
    public byte? Qfi { get; init; }

    /// <summary>Outer Header Removal: strip GTP-U/UDP/IPv4 before forwarding (uplink).</summary>
    public bool RemoveOuterHeader { get; init; }

    /// <summary>The FAR that says what to do with a matching packet.</summary>
    public required uint FarId { get; init; }

    /// <summary>QERs applied in order; a closed gate or an exhausted MBR drops the packet.</summary>
    public IReadOnlyList<uint> QerIds { get; init; } = [];

    /// <summary>URRs that count a forwarded packet.</summary>
    public IReadOnlyList<uint> UrrIds { get; init; } = [];
}

/// <summary>Outer Header Creation: wrap in GTP-U/UDP/IPv4 toward <see cref="PeerAddress"/> with <see cref="Teid"/> (downlink, to the gNB).</summary>
public sealed record OuterHeaderCreation(uint Teid, IPAddress PeerAddress, ushort Port = 2152);

/// <summary>A Forwarding Action Rule.</summary>
public sealed record ForwardingActionRule
{
    /// <summary>The FAR ID.</summary>
    public required uint Id { get; init; }

    /// <summary>Drop, forward or buffer (with or without a notification to the SMF).</summary>
    public required ApplyAction Action { get; init; }

    /// <summary>Access: to the gNB (needs <see cref="OuterHeader"/>); Core: to the N6 device.</summary>
    public InterfaceKind? DestinationInterface { get; init; }

    /// <summary>The GTP-U tunnel to wrap forwarded packets in.</summary>
    public OuterHeaderCreation? OuterHeader { get; init; }

    /// <summary>The Network Instance (DNN, VRF) as sent; informative in this UPF.</summary>
    public string? NetworkInstance { get; init; }
}

/// <summary>A QoS Enforcement Rule: gates and maximum bit rates (kbit/s, as PFCP carries them).</summary>
public sealed record QosEnforcementRule
{
    /// <summary>The QER ID.</summary>
    public required uint Id { get; init; }

    /// <summary>Gate Status UL: OPEN.</summary>
    public bool UplinkOpen { get; init; } = true;

    /// <summary>Gate Status DL: OPEN.</summary>
    public bool DownlinkOpen { get; init; } = true;

    /// <summary>MBR uplink, kbit/s; null: not policed.</summary>
    public ulong? UplinkMbrKbps { get; init; }

    /// <summary>MBR downlink, kbit/s; null: not policed.</summary>
    public ulong? DownlinkMbrKbps { get; init; }

    /// <summary>The QFI the UPF puts in the PDU Session Container of downlink G-PDUs.</summary>
    public byte? Qfi { get; init; }
}

/// <summary>Reporting Triggers this model acts on (§8.2.19).</summary>
[Flags]
public enum ReportingTriggers : ushort
{
    /// <summary>No trigger.</summary>
    None = 0,
    /// <summary>VOLTH: the volume threshold was reached.</summary>
    VolumeThreshold = 0x0002,
    /// <summary>PERIO: every measurement period.</summary>
    Periodic = 0x0001,
}

/// <summary>A Usage Reporting Rule counting volume, with optional thresholds in octets.</summary>
public sealed record UsageReportingRule
{
    /// <summary>The URR ID.</summary>
    public required uint Id { get; init; }

    /// <summary>Measurement Method VOLUM.</summary>
    public bool MeasureVolume { get; init; } = true;

    /// <summary>When to report.</summary>
    public ReportingTriggers Triggers { get; init; }

    /// <summary>Volume Threshold, total octets.</summary>
    public ulong? VolumeThresholdTotal { get; init; }

    /// <summary>Volume Threshold, uplink octets.</summary>
    public ulong? VolumeThresholdUplink { get; init; }

    /// <summary>Volume Threshold, downlink octets.</summary>
    public ulong? VolumeThresholdDownlink { get; init; }
}

/// <summary>Every rule of one PFCP session, as one unit: Apply installs or replaces it whole.</summary>
public sealed record SessionRules
{
    /// <summary>The UPF's SEID for the session (the key).</summary>
    public required ulong LocalSeid { get; init; }

    /// <summary>The SMF's SEID, where reports go.</summary>
    public required ulong RemoteSeid { get; init; }

    /// <summary>The session's PDRs.</summary>
    public IReadOnlyList<PacketDetectionRule> Pdrs { get; init; } = [];

    /// <summary>The session's FARs.</summary>
    public IReadOnlyList<ForwardingActionRule> Fars { get; init; } = [];

    /// <summary>The session's QERs.</summary>
    public IReadOnlyList<QosEnforcementRule> Qers { get; init; } = [];

    /// <summary>The session's URRs.</summary>
    public IReadOnlyList<UsageReportingRule> Urrs { get; init; } = [];
}

/// <summary>Why a usage report was made (the Usage Report Trigger IE, §8.2.41).</summary>
public enum UsageReportReason
{
    /// <summary>VOLTH.</summary>
    VolumeThreshold,
    /// <summary>TERMR: the session (or the URR) was removed.</summary>
    Termination,
    /// <summary>IMMER: the SMF asked (Query URR).</summary>
    Immediate,
    /// <summary>PERIO.</summary>
    Periodic,
}

/// <summary>Volume counted by one URR between two instants.</summary>
/// <param name="UrrId">The URR counted.</param>
/// <param name="Reason">Why the report was made.</param>
/// <param name="UplinkBytes">Octets of uplink packets forwarded (inner IP packets).</param>
/// <param name="DownlinkBytes">Octets of downlink packets forwarded.</param>
/// <param name="UplinkPackets">Uplink packets forwarded.</param>
/// <param name="DownlinkPackets">Downlink packets forwarded.</param>
/// <param name="Start">When counting began for this report.</param>
/// <param name="End">When this report was taken.</param>
public readonly record struct UsageReport(
    uint UrrId,
    UsageReportReason Reason,
    ulong UplinkBytes,
    ulong DownlinkBytes,
    ulong UplinkPackets,
    ulong DownlinkPackets,
    DateTime Start,
    DateTime End)
{
    /// <summary>Uplink plus downlink octets.</summary>
    public ulong TotalBytes => UplinkBytes + DownlinkBytes;
}
