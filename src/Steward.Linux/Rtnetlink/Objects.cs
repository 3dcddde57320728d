using System.Net;
using System.Net.NetworkInformation;

namespace Steward.Linux.Rtnetlink;

/// <summary>An interface address (RTM_NEWADDR).</summary>
public sealed record InterfaceAddress(int InterfaceIndex, IPPrefix Prefix)
{
    public byte Scope { get; init; }
    public uint Flags { get; init; }
    public string? Label { get; init; }
    /// <summary>IFA_ADDRESS when it differs from IFA_LOCAL (the peer of a point-to-point link).</summary>
    public IPAddress? Peer { get; init; }
    public IPAddress? Broadcast { get; init; }
}

/// <summary>Interface address flags (IFA_F_*).</summary>
public static class AddressFlags
{
    public const uint NoDad = 0x02;
    public const uint Permanent = 0x80;
    public const uint NoPrefixRoute = 0x200;
}

/// <summary>Route scope (RT_SCOPE_*).</summary>
public static class RouteScope
{
    public const byte Universe = 0;
    public const byte Link = 253;
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
    public const byte MainTable = 254;
    public const byte ProtocolBoot = 3;
    public const byte ProtocolKernel = 2;
    public const byte ProtocolStatic = 4;

    public IPPrefix? Destination { get; init; }
    public IPAddress? Gateway { get; init; }
    public int? OutputInterface { get; init; }
    public IPAddress? PreferredSource { get; init; }
    public uint? Priority { get; init; }
    public uint Table { get; init; } = MainTable;
    public byte Protocol { get; init; } = ProtocolBoot;
    public byte Scope { get; init; } = RouteScope.Universe;
    /// <summary>The route type, one of <see cref="RouteType"/>'s RTN_* values; unicast unless set.</summary>
    public byte Type { get; init; } = RouteType.Unicast;
    /// <summary>AF_INET or AF_INET6; taken from the addresses when zero.</summary>
    public byte Family { get; init; }
    /// <summary>rtm_flags, e.g. <see cref="OnLink"/>.</summary>
    public uint Flags { get; init; }

    /// <summary>RTNH_F_ONLINK: the gateway is reachable on the device even though no subnet says so (overlay routes via a VTEP).</summary>
    public const uint OnLink = 4;

    public bool IsDefault => Destination is null || Destination.Value.PrefixLength == 0;
}

/// <summary>Neighbour states (NUD_*) and flags (NTF_*).</summary>
public static class NeighborState
{
    public const ushort Incomplete = 0x01, Reachable = 0x02, Stale = 0x04, Delay = 0x08, Probe = 0x10,
        Failed = 0x20, NoArp = 0x40, Permanent = 0x80;
    public const byte FlagSelf = 0x02, FlagMaster = 0x04;
}

/// <summary>A neighbour (ARP/NDP entry) or, with family AF_BRIDGE, a bridge/vxlan FDB entry.</summary>
public sealed record Neighbor(int InterfaceIndex)
{
    public byte Family { get; init; } = Netlink.AddressFamily.Inet;
    public IPAddress? Destination { get; init; }
    public PhysicalAddress? HardwareAddress { get; init; }
    public ushort State { get; init; } = NeighborState.Permanent;
    public byte Flags { get; init; }
    public ushort? Vlan { get; init; }
    public uint? Vni { get; init; }
    public ushort? Port { get; init; }
    public int? MasterIndex { get; init; }
}
