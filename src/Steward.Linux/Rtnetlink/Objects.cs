using System.Net;
using System.Net.NetworkInformation;

namespace Steward.Linux.Rtnetlink;

/// <summary>An interface address (RTM_NEWADDR).</summary>
public sealed record InterfaceAddress(int InterfaceIndex, IPPrefix Prefix)
{
    /// <summary>The RT_SCOPE_* scope of the address.</summary>
    public byte Scope { get; init; }
    /// <summary>The IFA_F_* flags, see <see cref="AddressFlags"/>.</summary>
    public uint Flags { get; init; }
    /// <summary>The address label (IFA_LABEL), such as "eth0:1"; null when none.</summary>
    public string? Label { get; init; }
    /// <summary>IFA_ADDRESS when it differs from IFA_LOCAL (the peer of a point-to-point link).</summary>
    public IPAddress? Peer { get; init; }
    /// <summary>The IPv4 broadcast address; null for IPv6 or when none is set.</summary>
    public IPAddress? Broadcast { get; init; }
}

/// <summary>Interface address flags (IFA_F_*).</summary>
public static class AddressFlags
{
    /// <summary>IFA_F_NODAD: skip IPv6 duplicate address detection.</summary>
    public const uint NoDad = 0x02;
    /// <summary>IFA_F_PERMANENT: a configured address, not one from autoconfiguration.</summary>
    public const uint Permanent = 0x80;
    /// <summary>IFA_F_NOPREFIXROUTE: do not add the prefix route for the address.</summary>
    public const uint NoPrefixRoute = 0x200;
}

/// <summary>Route scope (RT_SCOPE_*).</summary>
public static class RouteScope
{
    /// <summary>RT_SCOPE_UNIVERSE: a route or address valid everywhere.</summary>
    public const byte Universe = 0;
    /// <summary>RT_SCOPE_LINK: valid on the attached link only (a directly connected route).</summary>
    public const byte Link = 253;
    /// <summary>RT_SCOPE_HOST: valid on this host only.</summary>
    public const byte Host = 254;

    /// <summary>RT_SCOPE_NOWHERE: no destination; in a delete request it matches a route of any scope.</summary>
    public const byte Nowhere = 255;
}

/// <summary>Route types (RTN_* in linux/rtnetlink.h).</summary>
public static class RouteType
{
    /// <summary>RTN_UNICAST: a gateway or direct route, the kind `ip route add` makes.</summary>
    public const byte Unicast = 1;

    /// <summary>RTN_LOCAL: the destination is an address of this host.</summary>
    public const byte Local = 2;

    /// <summary>RTN_BROADCAST: delivered locally as broadcast.</summary>
    public const byte Broadcast = 3;

    /// <summary>RTN_BLACKHOLE: packets are dropped silently.</summary>
    public const byte Blackhole = 6;

    /// <summary>RTN_UNREACHABLE: packets are dropped with "host unreachable".</summary>
    public const byte Unreachable = 7;
}

/// <summary>A route (RTM_NEWROUTE). <see cref="Destination"/> null is the default route.</summary>
public sealed record Route
{
    /// <summary>RT_TABLE_MAIN: the table <c>ip route</c> shows.</summary>
    public const byte MainTable = 254;
    /// <summary>RTPROT_BOOT: added by a tool such as <c>ip route add</c>.</summary>
    public const byte ProtocolBoot = 3;
    /// <summary>RTPROT_KERNEL: added by the kernel (prefix routes).</summary>
    public const byte ProtocolKernel = 2;
    /// <summary>RTPROT_STATIC: added by an administrator.</summary>
    public const byte ProtocolStatic = 4;

    /// <summary>The destination network; null for the default route.</summary>
    public IPPrefix? Destination { get; init; }
    /// <summary>The next hop; null for an on-link route.</summary>
    public IPAddress? Gateway { get; init; }
    /// <summary>The index of the device the route leaves by; null when the gateway decides.</summary>
    public int? OutputInterface { get; init; }
    /// <summary>The source address for locally originated packets; null when the kernel chooses.</summary>
    public IPAddress? PreferredSource { get; init; }
    /// <summary>The metric; lower wins; null for the kernel's default.</summary>
    public uint? Priority { get; init; }
    /// <summary>The routing table id; main unless set.</summary>
    public uint Table { get; init; } = MainTable;
    /// <summary>Who installed the route (RTPROT_*); boot unless set.</summary>
    public byte Protocol { get; init; } = ProtocolBoot;
    /// <summary>The route's scope (RT_SCOPE_*); on-link routes without a gateway become link scope when added.</summary>
    public byte Scope { get; init; } = RouteScope.Universe;
    /// <summary>The route type, one of <see cref="RouteType"/>'s RTN_* values; unicast unless set.</summary>
    public byte Type { get; init; } = RouteType.Unicast;
    /// <summary>AF_INET or AF_INET6; taken from the addresses when zero.</summary>
    public byte Family { get; init; }
    /// <summary>rtm_flags, e.g. <see cref="OnLink"/>.</summary>
    public uint Flags { get; init; }

    /// <summary>RTNH_F_ONLINK: the gateway is reachable on the device even though no subnet says so (overlay routes via a VTEP).</summary>
    public const uint OnLink = 4;

    /// <summary>True for a default route (no destination, or a zero-length prefix).</summary>
    public bool IsDefault => Destination is null || Destination.Value.PrefixLength == 0;
}

/// <summary>Neighbour states (NUD_*) and flags (NTF_*).</summary>
public static class NeighborState
{
    /// <summary>NUD_* neighbour states, combined as the kernel reports them; Permanent entries never expire.</summary>
    public const ushort Incomplete = 0x01, Reachable = 0x02, Stale = 0x04, Delay = 0x08, Probe = 0x10,
        Failed = 0x20, NoArp = 0x40, Permanent = 0x80;
    /// <summary>NTF_SELF and NTF_MASTER: whether an FDB entry is on the device itself or on its bridge.</summary>
    public const byte FlagSelf = 0x02, FlagMaster = 0x04;
}

/// <summary>A neighbour (ARP/NDP entry) or, with family AF_BRIDGE, a bridge/vxlan FDB entry.</summary>
public sealed record Neighbor(int InterfaceIndex)
{
    /// <summary>AF_INET or AF_INET6 for ARP/NDP entries, AF_BRIDGE for FDB entries.</summary>
    public byte Family { get; init; } = Netlink.AddressFamily.Inet;
    /// <summary>The neighbour's IP address (for FDB entries on vxlan: the remote endpoint).</summary>
    public IPAddress? Destination { get; init; }
    /// <summary>The neighbour's MAC address.</summary>
    public PhysicalAddress? HardwareAddress { get; init; }
    /// <summary>The NUD_* state, see <see cref="NeighborState"/>; permanent unless set.</summary>
    public ushort State { get; init; } = NeighborState.Permanent;
    /// <summary>The NTF_* flags.</summary>
    public byte Flags { get; init; }
    /// <summary>The VLAN of an FDB entry; null when none.</summary>
    public ushort? Vlan { get; init; }
    /// <summary>The VXLAN network identifier of an FDB entry; null for the device's own.</summary>
    public uint? Vni { get; init; }
    /// <summary>The UDP port of a vxlan FDB entry's remote; null for the device's own.</summary>
    public ushort? Port { get; init; }
    /// <summary>The bridge of an FDB entry; null when none.</summary>
    public int? MasterIndex { get; init; }
}
