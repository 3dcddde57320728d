using System.Net;
using System.Net.NetworkInformation;
using Microsoft.Win32.SafeHandles;

namespace Steward.Linux.Rtnetlink;

/// <summary>A network interface as the kernel reports it (RTM_NEWLINK).</summary>
public sealed record Link
{
    public required int Index { get; init; }
    public required string Name { get; init; }
    /// <summary>IFLA_INFO_KIND: "veth", "bridge", "vxlan", "dummy", ...; null for physical and loopback devices.</summary>
    public string? Kind { get; init; }
    /// <summary>IFLA_INFO_SLAVE_KIND, e.g. "bridge" for a bridge port.</summary>
    public string? SlaveKind { get; init; }
    public uint Flags { get; init; }
    public ushort DeviceType { get; init; }
    public int Mtu { get; init; }
    public PhysicalAddress? HardwareAddress { get; init; }
    /// <summary>IFLA_MASTER: the bridge (or bond) this link is enslaved to.</summary>
    public int? MasterIndex { get; init; }
    /// <summary>IFLA_LINK: for a veth, the peer's index (in the peer's namespace).</summary>
    public int? ParentIndex { get; init; }
    /// <summary>IFLA_LINK_NETNSID: the peer is in another namespace with this id.</summary>
    public int? LinkNetNsId { get; init; }
    public byte OperState { get; init; }
    public int TxQueueLength { get; init; }
    public int Promiscuity { get; init; }
    public string? Alias { get; init; }
    public VxlanInfo? Vxlan { get; init; }
    /// <summary>IFLA_BR_VLAN_FILTERING for a bridge.</summary>
    public bool? VlanFiltering { get; init; }

    public bool IsUp => (Flags & 0x1) != 0;
    public bool IsPromiscuous => (Flags & 0x100) != 0;
}

/// <summary>IFLA_VXLAN_* of a vxlan link.</summary>
public sealed record VxlanInfo(uint Vni)
{
    public IPAddress? Local { get; init; }
    /// <summary>Remote unicast address or multicast group.</summary>
    public IPAddress? Remote { get; init; }
    public ushort Port { get; init; }
    public int? DeviceIndex { get; init; }
    public bool Learning { get; init; } = true;
}

/// <summary>What to create with RTM_NEWLINK; one subtype per kind.</summary>
public abstract record LinkSpec(string Name)
{
    public abstract string Kind { get; }
    public int? Mtu { get; init; }
    public PhysicalAddress? HardwareAddress { get; init; }
    public int? MasterIndex { get; init; }
    public int? TxQueueLength { get; init; }
    /// <summary>Create the link directly in the namespace this descriptor refers to.</summary>
    public SafeFileHandle? Namespace { get; init; }
    public bool Up { get; init; }
}

public sealed record DummySpec(string Name) : LinkSpec(Name)
{
    public override string Kind => "dummy";
}

public sealed record BridgeSpec(string Name) : LinkSpec(Name)
{
    public override string Kind => "bridge";
    public bool? VlanFiltering { get; init; }
}

/// <summary>A veth pair; the peer can be created straight into another namespace.</summary>
public sealed record VethSpec(string Name, string PeerName) : LinkSpec(Name)
{
    public override string Kind => "veth";
    public SafeFileHandle? PeerNamespace { get; init; }
    public PhysicalAddress? PeerHardwareAddress { get; init; }
    public int? PeerMtu { get; init; }
}

public sealed record VxlanSpec(string Name, uint Vni) : LinkSpec(Name)
{
    public override string Kind => "vxlan";
    public IPAddress? Local { get; init; }
    /// <summary>A unicast remote or a multicast group (multicast needs <see cref="DeviceIndex"/>).</summary>
    public IPAddress? Remote { get; init; }
    /// <summary>UDP destination port; the kernel's default (8472) when null. 4789 is IANA's.</summary>
    public ushort? Port { get; init; }
    public int? DeviceIndex { get; init; }
    public bool Learning { get; init; } = true;
    public byte? Ttl { get; init; }
}
