using System.Net;
using System.Net.NetworkInformation;
using Microsoft.Win32.SafeHandles;

namespace Steward.Linux.Rtnetlink;

/// <summary>A network interface as the kernel reports it (RTM_NEWLINK).</summary>
public sealed record Link
{
    /// <summary>The interface index, unique within its network namespace.</summary>
    public required int Index { get; init; }
    /// <summary>The interface name (IFLA_IFNAME).</summary>
    public required string Name { get; init; }
    /// <summary>IFLA_INFO_KIND: "veth", "bridge", "vxlan", "dummy", ...; null for physical and loopback devices.</summary>
    public string? Kind { get; init; }
    /// <summary>IFLA_INFO_SLAVE_KIND, e.g. "bridge" for a bridge port.</summary>
    public string? SlaveKind { get; init; }
    /// <summary>The IFF_* device flags (ifi_flags).</summary>
    public uint Flags { get; init; }
    /// <summary>The ARPHRD_* hardware type (ifi_type), such as 1 for Ethernet.</summary>
    public ushort DeviceType { get; init; }
    /// <summary>The MTU in bytes.</summary>
    public int Mtu { get; init; }
    /// <summary>The MAC address; null for devices without one.</summary>
    public PhysicalAddress? HardwareAddress { get; init; }
    /// <summary>IFLA_MASTER: the bridge (or bond) this link is enslaved to.</summary>
    public int? MasterIndex { get; init; }
    /// <summary>IFLA_LINK: for a veth, the peer's index (in the peer's namespace).</summary>
    public int? ParentIndex { get; init; }
    /// <summary>IFLA_LINK_NETNSID: the peer is in another namespace with this id.</summary>
    public int? LinkNetNsId { get; init; }
    /// <summary>The RFC 2863 operational state (IF_OPER_*; 6 is up).</summary>
    public byte OperState { get; init; }
    /// <summary>The transmit queue length in packets.</summary>
    public int TxQueueLength { get; init; }
    /// <summary>How many users have asked for promiscuous mode.</summary>
    public int Promiscuity { get; init; }
    /// <summary>The free-text alias (<c>ip link set alias</c>); null when unset.</summary>
    public string? Alias { get; init; }
    /// <summary>The VXLAN settings of a vxlan link; null for other kinds.</summary>
    public VxlanInfo? Vxlan { get; init; }
    /// <summary>IFLA_BR_VLAN_FILTERING for a bridge.</summary>
    public bool? VlanFiltering { get; init; }

    /// <summary>True when the device is administratively up (IFF_UP).</summary>
    public bool IsUp => (Flags & Rt.IffUp) != 0;
    /// <summary>True when the device is in promiscuous mode (IFF_PROMISC).</summary>
    public bool IsPromiscuous => (Flags & Rt.IffPromisc) != 0;
}

/// <summary>IFLA_VXLAN_* of a vxlan link.</summary>
public sealed record VxlanInfo(uint Vni)
{
    /// <summary>The local tunnel endpoint; null when the kernel picks one.</summary>
    public IPAddress? Local { get; init; }
    /// <summary>Remote unicast address or multicast group.</summary>
    public IPAddress? Remote { get; init; }
    /// <summary>The UDP destination port, in host byte order.</summary>
    public ushort Port { get; init; }
    /// <summary>The underlying device for the tunnel's traffic; null when unset.</summary>
    public int? DeviceIndex { get; init; }
    /// <summary>Whether remote MAC addresses are learnt from received packets.</summary>
    public bool Learning { get; init; } = true;
}

/// <summary>What to create with RTM_NEWLINK; one subtype per kind.</summary>
public abstract record LinkSpec(string Name)
{
    /// <summary>IFLA_INFO_KIND of the link to create, such as "veth".</summary>
    public abstract string Kind { get; }
    /// <summary>The MTU to set; the kind's default when null.</summary>
    public int? Mtu { get; init; }
    /// <summary>The MAC address to set; a random one when null.</summary>
    public PhysicalAddress? HardwareAddress { get; init; }
    /// <summary>The bridge to enslave the new link to; none when null.</summary>
    public int? MasterIndex { get; init; }
    /// <summary>The transmit queue length to set; the kind's default when null.</summary>
    public int? TxQueueLength { get; init; }
    /// <summary>Create the link directly in the namespace this descriptor refers to.</summary>
    public SafeFileHandle? Namespace { get; init; }
    /// <summary>Bring the link up once created.</summary>
    public bool Up { get; init; }
}

/// <summary>A dummy link: an interface that drops what it is sent, for addresses that need a device.</summary>
/// <param name="Name">The interface name.</param>
public sealed record DummySpec(string Name) : LinkSpec(Name)
{
    /// <summary>Always "dummy".</summary>
    public override string Kind => "dummy";
}

/// <summary>A Linux bridge.</summary>
/// <param name="Name">The interface name.</param>
public sealed record BridgeSpec(string Name) : LinkSpec(Name)
{
    /// <summary>Always "bridge".</summary>
    public override string Kind => "bridge";
    /// <summary>Turn VLAN filtering on or off; the kernel's default (off) when null.</summary>
    public bool? VlanFiltering { get; init; }
}

/// <summary>A veth pair; the peer can be created straight into another namespace.</summary>
public sealed record VethSpec(string Name, string PeerName) : LinkSpec(Name)
{
    /// <summary>Always "veth".</summary>
    public override string Kind => "veth";
    /// <summary>The network namespace to create the peer in; the current one when null.</summary>
    public SafeFileHandle? PeerNamespace { get; init; }
    /// <summary>The peer's MAC address; a random one when null.</summary>
    public PhysicalAddress? PeerHardwareAddress { get; init; }
    /// <summary>The peer's MTU; the same as the link's when null.</summary>
    public int? PeerMtu { get; init; }
}

/// <summary>A VXLAN tunnel device.</summary>
/// <param name="Name">The interface name.</param>
/// <param name="Vni">The VXLAN network identifier (24 bits).</param>
public sealed record VxlanSpec(string Name, uint Vni) : LinkSpec(Name)
{
    /// <summary>Always "vxlan".</summary>
    public override string Kind => "vxlan";
    /// <summary>The local tunnel endpoint; the kernel picks one when null.</summary>
    public IPAddress? Local { get; init; }
    /// <summary>A unicast remote or a multicast group (multicast needs <see cref="DeviceIndex"/>).</summary>
    public IPAddress? Remote { get; init; }
    /// <summary>UDP destination port; the kernel's default (8472) when null. 4789 is IANA's.</summary>
    public ushort? Port { get; init; }
    /// <summary>The device the tunnel's UDP traffic leaves by; routing decides when null.</summary>
    public int? DeviceIndex { get; init; }
    /// <summary>Learn remote MAC addresses from received packets (flannel turns this off and programs the FDB).</summary>
    public bool Learning { get; init; } = true;
    /// <summary>The outer IP TTL; the kernel's default when null.</summary>
    public byte? Ttl { get; init; }
}
