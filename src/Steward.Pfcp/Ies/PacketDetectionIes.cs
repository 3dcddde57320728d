using System.Net;

namespace Steward.Pfcp.Ies;

/// <summary>Source Interface (§8.2.2): where a PDR's packets come from.</summary>
public enum SourceInterface : byte
{
    /// <summary>Access: uplink, from the gNB (N3).</summary>
    Access = 0,
    /// <summary>Core: downlink, from the data network (N6).</summary>
    Core = 1,
    /// <summary>SGi-LAN / N6-LAN.</summary>
    SgiLanN6Lan = 2,
    /// <summary>CP function.</summary>
    CpFunction = 3,
    /// <summary>5G VN internal.</summary>
    FiveGVnInternal = 4,
}

/// <summary>
/// F-TEID (§8.2.3): a GTP-U tunnel endpoint, or with <see cref="Choose"/> a request that the UP
/// function pick one (CH), the same one for every F-TEID with the same <see cref="ChooseId"/> (CHID).
/// </summary>
public sealed record FTeid
{
    /// <summary>The tunnel endpoint id; absent on the wire when <see cref="Choose"/> is set.</summary>
    public uint Teid { get; init; }

    /// <summary>The endpoint's IPv4 address; with <see cref="Choose"/>, only whether one is wanted matters (V4).</summary>
    public IPAddress? IPv4 { get; init; }

    /// <summary>The endpoint's IPv6 address; with <see cref="Choose"/>, only whether one is wanted matters (V6).</summary>
    public IPAddress? IPv6 { get; init; }

    /// <summary>CH: the UP function chooses the TEID and address.</summary>
    public bool Choose { get; init; }

    /// <summary>With <see cref="Choose"/>, an IPv4 address is wanted (V4).</summary>
    public bool ChooseIPv4 { get; init; }

    /// <summary>With <see cref="Choose"/>, an IPv6 address is wanted (V6).</summary>
    public bool ChooseIPv6 { get; init; }

    /// <summary>CHID: F-TEIDs with the same choose id get the same chosen F-TEID.</summary>
    public byte? ChooseId { get; init; }

    /// <summary>An F-TEID for a known endpoint.</summary>
    public static FTeid Of(uint teid, IPAddress? ipv4, IPAddress? ipv6 = null) => new() { Teid = teid, IPv4 = ipv4, IPv6 = ipv6 };

    /// <summary>A request that the UP function choose an IPv4 F-TEID.</summary>
    public static FTeid ChooseV4(byte? chooseId = null) => new() { Choose = true, ChooseIPv4 = true, ChooseId = chooseId };
}

/// <summary>UE IP Address (§8.2.62): the UE's address, as the source (uplink) or destination (downlink) of packets.</summary>
public sealed record UeIpAddress
{
    /// <summary>The IPv4 address (V4).</summary>
    public IPAddress? IPv4 { get; init; }

    /// <summary>The IPv6 address or prefix (V6).</summary>
    public IPAddress? IPv6 { get; init; }

    /// <summary>S/D: the address is the packets' destination (downlink PDRs); otherwise their source.</summary>
    public bool IsDestination { get; init; }

    /// <summary>IPv6D: the number of IPv6 prefix delegation bits.</summary>
    public byte? IPv6PrefixDelegationBits { get; init; }

    /// <summary>CHV4: the UP function chooses the IPv4 address.</summary>
    public bool ChooseIPv4 { get; init; }

    /// <summary>CHV6: the UP function chooses the IPv6 address.</summary>
    public bool ChooseIPv6 { get; init; }

    /// <summary>IP6PL: the IPv6 prefix length.</summary>
    public byte? IPv6PrefixLength { get; init; }
}

/// <summary>
/// SDF Filter (§8.2.5): a packet filter, most often an IPFilterRule flow description
/// ("permit out ip from any to assigned"); the other parts are kept as received.
/// </summary>
public sealed record SdfFilter
{
    /// <summary>FD: the flow description, an IPFilterRule (RFC 6733 §4.3).</summary>
    public string? FlowDescription { get; init; }

    /// <summary>TTC: the ToS / traffic class (high octet) and its mask (low octet).</summary>
    public ushort? TosTrafficClass { get; init; }

    /// <summary>SPI: the IPsec security parameter index.</summary>
    public uint? SecurityParameterIndex { get; init; }

    /// <summary>FL: the IPv6 flow label (20 bits in 3 octets).</summary>
    public uint? FlowLabel { get; init; }

    /// <summary>BID: the SDF filter id.</summary>
    public uint? SdfFilterId { get; init; }
}

/// <summary>The header an Outer Header Removal takes off (§8.2.64, octet 5).</summary>
public enum OuterHeaderRemovalDescription : byte
{
    /// <summary>GTP-U/UDP/IPv4.</summary>
    GtpuUdpIPv4 = 0,
    /// <summary>GTP-U/UDP/IPv6.</summary>
    GtpuUdpIPv6 = 1,
    /// <summary>UDP/IPv4.</summary>
    UdpIPv4 = 2,
    /// <summary>UDP/IPv6.</summary>
    UdpIPv6 = 3,
    /// <summary>IPv4.</summary>
    IPv4 = 4,
    /// <summary>IPv6.</summary>
    IPv6 = 5,
    /// <summary>GTP-U/UDP/IP, whichever IP version.</summary>
    GtpuUdpIP = 6,
    /// <summary>VLAN S-TAG.</summary>
    VlanSTag = 7,
    /// <summary>S-TAG and C-TAG.</summary>
    STagAndCTag = 8,
}

/// <summary>Outer Header Removal (§8.2.64).</summary>
/// <param name="Description">Which header to remove.</param>
/// <param name="GtpuExtensionHeaderDeletion">Octet 6, when present: bit 1 removes the PDU Session Container extension header.</param>
public sealed record OuterHeaderRemoval(OuterHeaderRemovalDescription Description, byte? GtpuExtensionHeaderDeletion = null);

/// <summary>PDN Type (§8.2.79): the kind of PDU session.</summary>
public enum PdnType : byte
{
    /// <summary>IPv4.</summary>
    IPv4 = 1,
    /// <summary>IPv6.</summary>
    IPv6 = 2,
    /// <summary>IPv4v6.</summary>
    IPv4v6 = 3,
    /// <summary>Non-IP.</summary>
    NonIP = 4,
    /// <summary>Ethernet.</summary>
    Ethernet = 5,
}

/// <summary>PDI (§7.5.2.2-2, grouped): what packets a PDR matches.</summary>
public sealed record Pdi
{
    /// <summary>Where the packets come from (mandatory).</summary>
    public required SourceInterface SourceInterface { get; init; }

    /// <summary>The local F-TEID an uplink packet's GTP-U header must carry.</summary>
    public FTeid? LocalFTeid { get; init; }

    /// <summary>The network instance.</summary>
    public string? NetworkInstance { get; init; }

    /// <summary>The UE's address.</summary>
    public UeIpAddress? UeIpAddress { get; init; }

    /// <summary>Packet filters; a packet matches the PDI if it matches any.</summary>
    public IReadOnlyList<SdfFilter> SdfFilters { get; init; } = [];

    /// <summary>QoS flow ids a packet's PDU Session Container must carry.</summary>
    public IReadOnlyList<byte> Qfis { get; init; } = [];
}

/// <summary>Create PDR (§7.5.2.2, grouped): a packet detection rule.</summary>
public sealed record CreatePdr
{
    /// <summary>The rule's id in the session (mandatory).</summary>
    public required ushort PdrId { get; init; }

    /// <summary>Lower values match first (mandatory).</summary>
    public required uint Precedence { get; init; }

    /// <summary>What the rule matches (mandatory).</summary>
    public required Pdi Pdi { get; init; }

    /// <summary>The outer header to take off matched packets.</summary>
    public OuterHeaderRemoval? OuterHeaderRemoval { get; init; }

    /// <summary>The FAR applied to matched packets.</summary>
    public uint? FarId { get; init; }

    /// <summary>The URRs that count matched packets.</summary>
    public IReadOnlyList<uint> UrrIds { get; init; } = [];

    /// <summary>The QERs enforced on matched packets.</summary>
    public IReadOnlyList<uint> QerIds { get; init; } = [];
}

/// <summary>Update PDR (§7.5.4.2, grouped): changes to a PDR; absent members stay as they were.</summary>
public sealed record UpdatePdr
{
    /// <summary>The rule to change (mandatory).</summary>
    public required ushort PdrId { get; init; }

    /// <summary>A new outer header removal.</summary>
    public OuterHeaderRemoval? OuterHeaderRemoval { get; init; }

    /// <summary>A new precedence.</summary>
    public uint? Precedence { get; init; }

    /// <summary>A new PDI, replacing the old one whole.</summary>
    public Pdi? Pdi { get; init; }

    /// <summary>A new FAR.</summary>
    public uint? FarId { get; init; }

    /// <summary>The URRs, replacing the old list when not empty.</summary>
    public IReadOnlyList<uint> UrrIds { get; init; } = [];

    /// <summary>The QERs, replacing the old list when not empty.</summary>
    public IReadOnlyList<uint> QerIds { get; init; } = [];
}

/// <summary>Remove PDR (§7.5.4.6, grouped).</summary>
/// <param name="PdrId">The rule to remove.</param>
public sealed record RemovePdr(ushort PdrId);

/// <summary>Created PDR (§7.5.3.2, grouped): what the UP function chose for a PDR it created.</summary>
public sealed record CreatedPdr
{
    /// <summary>The rule (mandatory).</summary>
    public required ushort PdrId { get; init; }

    /// <summary>The F-TEID the UP function chose (when asked with CHOOSE).</summary>
    public FTeid? LocalFTeid { get; init; }

    /// <summary>The UE address the UP function chose (when asked with CHV4/CHV6).</summary>
    public UeIpAddress? UeIpAddress { get; init; }
}
