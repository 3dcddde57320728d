using System.Net;
using System.Net.Sockets;

namespace Steward.Pfcp.Ies;

/// <summary>The kind of a Node ID (§8.2.38).</summary>
public enum NodeIdType : byte
{
    /// <summary>An IPv4 address.</summary>
    IPv4 = 0,
    /// <summary>An IPv6 address.</summary>
    IPv6 = 1,
    /// <summary>A fully qualified domain name.</summary>
    Fqdn = 2,
}

/// <summary>Node ID (§8.2.38): how a PFCP entity names itself in an association.</summary>
public sealed record NodeId
{
    /// <summary>Which of <see cref="Address"/> and <see cref="Fqdn"/> is set.</summary>
    public required NodeIdType Type { get; init; }

    /// <summary>The address, for <see cref="NodeIdType.IPv4"/> and <see cref="NodeIdType.IPv6"/>.</summary>
    public IPAddress? Address { get; init; }

    /// <summary>The name, for <see cref="NodeIdType.Fqdn"/> (dotted; labels on the wire).</summary>
    public string? Fqdn { get; init; }

    /// <summary>A Node ID naming an IPv4 or IPv6 address.</summary>
    public static NodeId FromAddress(IPAddress address) => new()
    {
        Type = address.AddressFamily == AddressFamily.InterNetworkV6 ? NodeIdType.IPv6 : NodeIdType.IPv4,
        Address = address,
    };

    /// <summary>A Node ID naming a domain.</summary>
    public static NodeId FromFqdn(string fqdn) => new() { Type = NodeIdType.Fqdn, Fqdn = fqdn };

    /// <inheritdoc/>
    public override string ToString() => Type == NodeIdType.Fqdn ? Fqdn ?? "" : Address?.ToString() ?? "";
}

/// <summary>F-SEID (§8.2.37): a session endpoint id and the address of the node that chose it.</summary>
/// <param name="Seid">The 64-bit session endpoint id.</param>
/// <param name="IPv4">The node's IPv4 address, if any.</param>
/// <param name="IPv6">The node's IPv6 address, if any.</param>
public sealed record FSeid(ulong Seid, IPAddress? IPv4 = null, IPAddress? IPv6 = null);

/// <summary>
/// UP Function Features (§8.2.25): what a UPF supports. Octet 5 of the IE is the low byte,
/// octet 6 the next, and so on; bits not named here are kept as they came.
/// </summary>
[Flags]
public enum UpFunctionFeatures : ulong
{
    /// <summary>No feature.</summary>
    None = 0,
    /// <summary>BUCP: downlink data buffering in the CP function.</summary>
    Bucp = 1UL << 0,
    /// <summary>DDND: the buffering parameter Downlink Data Notification Delay.</summary>
    Ddnd = 1UL << 1,
    /// <summary>DLBD: the buffering parameter DL Buffering Duration.</summary>
    Dlbd = 1UL << 2,
    /// <summary>TRST: traffic steering.</summary>
    Trst = 1UL << 3,
    /// <summary>FTUP: F-TEID allocation and release in the UP function (the CHOOSE flag).</summary>
    Ftup = 1UL << 4,
    /// <summary>PFDM: the PFD management procedure.</summary>
    Pfdm = 1UL << 5,
    /// <summary>HEEU: header enrichment of uplink traffic.</summary>
    Heeu = 1UL << 6,
    /// <summary>TREU: traffic redirection enforcement.</summary>
    Treu = 1UL << 7,
    /// <summary>EMPU: sending End Marker packets.</summary>
    Empu = 1UL << 8,
    /// <summary>PDIU: PDI optimised signalling.</summary>
    Pdiu = 1UL << 9,
    /// <summary>UDBC: UL/DL buffering control.</summary>
    Udbc = 1UL << 10,
    /// <summary>QUOAC: the Quota Action IE.</summary>
    Quoac = 1UL << 11,
    /// <summary>TRACE: trace.</summary>
    Trace = 1UL << 12,
    /// <summary>FRRT: framed routing.</summary>
    Frrt = 1UL << 13,
    /// <summary>PFDE: PFD contents in the PFD management procedure.</summary>
    Pfde = 1UL << 14,
    /// <summary>EPFAR: the Enhanced PFCP Association Release feature.</summary>
    Epfar = 1UL << 15,
    /// <summary>DPDRA: deferred PDR activation.</summary>
    Dpdra = 1UL << 16,
    /// <summary>ADPDP: activating and deactivating pre-defined PDRs.</summary>
    Adpdp = 1UL << 17,
    /// <summary>UEIP: UE IP address allocation in the UP function.</summary>
    Ueip = 1UL << 18,
    /// <summary>SSET: PFCP sessions successively controlled by different SMFs of an SMF set.</summary>
    Sset = 1UL << 19,
    /// <summary>MNOP: measuring the number of packets.</summary>
    Mnop = 1UL << 20,
    /// <summary>MTE: multiple instances of Traffic Endpoint IDs in a PDI.</summary>
    Mte = 1UL << 21,
    /// <summary>BUNDL: PFCP messages bundled.</summary>
    Bundl = 1UL << 22,
    /// <summary>GCOM: 5G VN group communication.</summary>
    Gcom = 1UL << 23,
}

/// <summary>CP Function Features (§8.2.58): what an SMF supports. Octet 5 is the low byte.</summary>
[Flags]
public enum CpFunctionFeatures : ushort
{
    /// <summary>No feature.</summary>
    None = 0,
    /// <summary>LOAD: load control.</summary>
    Load = 1 << 0,
    /// <summary>OVRL: overload control.</summary>
    Ovrl = 1 << 1,
    /// <summary>EPFAR: the Enhanced PFCP Association Release feature.</summary>
    Epfar = 1 << 2,
    /// <summary>SSET: SMF set.</summary>
    Sset = 1 << 3,
    /// <summary>BUNDL: PFCP messages bundled.</summary>
    Bundl = 1 << 4,
    /// <summary>MPAS: multiple PFCP associations to one SMF set.</summary>
    Mpas = 1 << 5,
    /// <summary>ARDR: additional usage reports in the Session Deletion Response.</summary>
    Ardr = 1 << 6,
    /// <summary>UIAUR: UE IP address usage reporting.</summary>
    Uiaur = 1 << 7,
    /// <summary>PSUCC: partial success of session establishment and modification.</summary>
    Psucc = 1 << 8,
    /// <summary>RPGUR: peer GTP-U entity restart reporting.</summary>
    Rpgur = 1 << 9,
}

/// <summary>Node Report Type (§8.2.69): what a Node Report Request reports.</summary>
[Flags]
public enum NodeReportType : byte
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>UPFR: a user plane path failure report.</summary>
    UserPlanePathFailure = 1 << 0,
    /// <summary>UPRR: a user plane path recovery report.</summary>
    UserPlanePathRecovery = 1 << 1,
    /// <summary>CKDR: a clock drift report.</summary>
    ClockDrift = 1 << 2,
    /// <summary>GPQR: a GTP-U path QoS report.</summary>
    GtpuPathQos = 1 << 3,
}

/// <summary>Remote GTP-U Peer (§8.2.70): a GTP-U peer the UPF lost (or found again).</summary>
public sealed record RemoteGtpuPeer
{
    /// <summary>The peer's IPv4 address, if any.</summary>
    public IPAddress? IPv4 { get; init; }

    /// <summary>The peer's IPv6 address, if any.</summary>
    public IPAddress? IPv6 { get; init; }

    /// <summary>The interface the peer is on (the DI flag).</summary>
    public DestinationInterface? DestinationInterface { get; init; }

    /// <summary>The network instance the peer is in (the NI flag).</summary>
    public string? NetworkInstance { get; init; }
}

/// <summary>User Plane Path Failure Report (§7.4.5.1.2, grouped): the GTP-U peers whose path failed.</summary>
public sealed record UserPlanePathFailureReport
{
    /// <summary>One or more peers.</summary>
    public required IReadOnlyList<RemoteGtpuPeer> RemoteGtpuPeers { get; init; }
}
