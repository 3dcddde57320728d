using System.Net;

namespace Steward.Pfcp.Ies;

/// <summary>Destination Interface (§8.2.24): where a FAR sends packets.</summary>
public enum DestinationInterface : byte
{
    /// <summary>Access: downlink, to the gNB (N3).</summary>
    Access = 0,
    /// <summary>Core: uplink, to the data network (N6).</summary>
    Core = 1,
    /// <summary>SGi-LAN / N6-LAN.</summary>
    SgiLanN6Lan = 2,
    /// <summary>CP function.</summary>
    CpFunction = 3,
    /// <summary>LI function.</summary>
    LiFunction = 4,
    /// <summary>5G VN internal.</summary>
    FiveGVnInternal = 5,
}

/// <summary>Apply Action (§8.2.26): what a FAR does. Octet 5 is the low byte, octet 6 the high one.</summary>
[Flags]
public enum ApplyAction : ushort
{
    /// <summary>Nothing set (not a valid action on its own).</summary>
    None = 0,
    /// <summary>DROP.</summary>
    Drop = 1 << 0,
    /// <summary>FORW: forward.</summary>
    Forward = 1 << 1,
    /// <summary>BUFF: buffer.</summary>
    Buffer = 1 << 2,
    /// <summary>NOCP: notify the CP function of the first buffered downlink packet.</summary>
    NotifyCp = 1 << 3,
    /// <summary>DUPL: duplicate.</summary>
    Duplicate = 1 << 4,
    /// <summary>IPMA: IP multicast accept.</summary>
    IPMulticastAccept = 1 << 5,
    /// <summary>IPMD: IP multicast deny.</summary>
    IPMulticastDeny = 1 << 6,
    /// <summary>DFRT: duplicate for redundant transmission.</summary>
    DuplicateForRedundantTransmission = 1 << 7,
    /// <summary>EDRT: eliminate duplicate packets for redundant transmission.</summary>
    EliminateDuplicates = 1 << 8,
    /// <summary>BDPN: buffered downlink packet notification.</summary>
    BufferedDownlinkPacketNotification = 1 << 9,
    /// <summary>DDPN: discarded downlink packet notification.</summary>
    DiscardedDownlinkPacketNotification = 1 << 10,
}

/// <summary>Outer Header Creation Description (§8.2.56, octets 5 and 6): which header to put on. Octet 5 is the low byte.</summary>
[Flags]
public enum OuterHeaderCreationDescription : ushort
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>GTP-U/UDP/IPv4: needs the TEID and the IPv4 address.</summary>
    GtpuUdpIPv4 = 1 << 0,
    /// <summary>GTP-U/UDP/IPv6: needs the TEID and the IPv6 address.</summary>
    GtpuUdpIPv6 = 1 << 1,
    /// <summary>UDP/IPv4: needs the IPv4 address and the port.</summary>
    UdpIPv4 = 1 << 2,
    /// <summary>UDP/IPv6: needs the IPv6 address and the port.</summary>
    UdpIPv6 = 1 << 3,
    /// <summary>IPv4.</summary>
    IPv4 = 1 << 4,
    /// <summary>IPv6.</summary>
    IPv6 = 1 << 5,
    /// <summary>C-TAG.</summary>
    CTag = 1 << 6,
    /// <summary>S-TAG.</summary>
    STag = 1 << 7,
    /// <summary>N19 indication.</summary>
    N19 = 1 << 8,
    /// <summary>N6 indication.</summary>
    N6 = 1 << 9,
}

/// <summary>Outer Header Creation (§8.2.56): the header a FAR puts on forwarded packets.</summary>
public sealed record OuterHeaderCreation
{
    /// <summary>Which header; it decides which of the other members are on the wire.</summary>
    public required OuterHeaderCreationDescription Description { get; init; }

    /// <summary>The peer's TEID (GTP-U descriptions).</summary>
    public uint? Teid { get; init; }

    /// <summary>The peer's IPv4 address.</summary>
    public IPAddress? IPv4 { get; init; }

    /// <summary>The peer's IPv6 address.</summary>
    public IPAddress? IPv6 { get; init; }

    /// <summary>The peer's UDP port (UDP descriptions).</summary>
    public ushort? Port { get; init; }

    /// <summary>The C-TAG (3 octets).</summary>
    public uint? CTag { get; init; }

    /// <summary>The S-TAG (3 octets).</summary>
    public uint? STag { get; init; }

    /// <summary>A GTP-U/UDP/IPv4 header to <paramref name="address"/> with <paramref name="teid"/>.</summary>
    public static OuterHeaderCreation GtpuIPv4(uint teid, IPAddress address) =>
        new() { Description = OuterHeaderCreationDescription.GtpuUdpIPv4, Teid = teid, IPv4 = address };
}

/// <summary>Forwarding Parameters (§7.5.2.3-2, grouped): where and how a FAR forwards.</summary>
public sealed record ForwardingParameters
{
    /// <summary>Where to (mandatory).</summary>
    public required DestinationInterface DestinationInterface { get; init; }

    /// <summary>The network instance.</summary>
    public string? NetworkInstance { get; init; }

    /// <summary>The outer header to put on.</summary>
    public OuterHeaderCreation? OuterHeaderCreation { get; init; }
}

/// <summary>PFCPSMReq-Flags (§8.2.31): what a Session Modification Request (or an Update Forwarding Parameters) also asks.</summary>
[Flags]
public enum PfcpSmReqFlags : byte
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>DROBU: drop the packets buffered for the session.</summary>
    DropBufferedPackets = 1 << 0,
    /// <summary>SNDEM: send GTP-U End Marker packets on the old downlink path (a handover's path switch).</summary>
    SendEndMarker = 1 << 1,
    /// <summary>QAURR: report every URR of the session in the response.</summary>
    QueryAllUrrs = 1 << 2,
    /// <summary>SUMPC: stop the usage measurement of pause of charging.</summary>
    StopUsageMeasurementOfPauseOfCharging = 1 << 3,
    /// <summary>RUMUC: report the usage of URRs that are being paused.</summary>
    ReportUsageOfMeasurementsUponChange = 1 << 4,
}

/// <summary>Update Forwarding Parameters (§7.5.4.3-2, grouped): absent members stay as they were.</summary>
public sealed record UpdateForwardingParameters
{
    /// <summary>A new destination.</summary>
    public DestinationInterface? DestinationInterface { get; init; }

    /// <summary>A new network instance.</summary>
    public string? NetworkInstance { get; init; }

    /// <summary>A new outer header (a new downlink F-TEID, as in a handover).</summary>
    public OuterHeaderCreation? OuterHeaderCreation { get; init; }

    /// <summary>SNDEM here asks for End Marker packets on the old path when the outer header changes.</summary>
    public PfcpSmReqFlags? PfcpSmReqFlags { get; init; }
}

/// <summary>Create FAR (§7.5.2.3, grouped): a forwarding action rule.</summary>
public sealed record CreateFar
{
    /// <summary>The rule's id in the session (mandatory).</summary>
    public required uint FarId { get; init; }

    /// <summary>What to do (mandatory).</summary>
    public required ApplyAction ApplyAction { get; init; }

    /// <summary>Where to forward, with <see cref="ApplyAction.Forward"/>.</summary>
    public ForwardingParameters? ForwardingParameters { get; init; }
}

/// <summary>Update FAR (§7.5.4.3, grouped): absent members stay as they were.</summary>
public sealed record UpdateFar
{
    /// <summary>The rule to change (mandatory).</summary>
    public required uint FarId { get; init; }

    /// <summary>A new action.</summary>
    public ApplyAction? ApplyAction { get; init; }

    /// <summary>Changes to where it forwards.</summary>
    public UpdateForwardingParameters? UpdateForwardingParameters { get; init; }
}

/// <summary>Remove FAR (§7.5.4.7, grouped).</summary>
/// <param name="FarId">The rule to remove.</param>
public sealed record RemoveFar(uint FarId);
