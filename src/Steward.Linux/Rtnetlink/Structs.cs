using System.Runtime.InteropServices;

namespace Steward.Linux.Rtnetlink;

#pragma warning disable CA1051 // wire structs: fields are the layout

/// <summary>struct ifinfomsg (16 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct InterfaceInfoMessage
{
    public byte Family;
    public byte Pad;
    public ushort Type;
    public int Index;
    public uint Flags;
    public uint Change;
}

/// <summary>struct ifaddrmsg (8 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct InterfaceAddressMessage
{
    public byte Family;
    public byte PrefixLength;
    public byte Flags;
    public byte Scope;
    public int Index;
}

/// <summary>struct rtmsg (12 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct RouteMessage
{
    public byte Family;
    public byte DestinationLength;
    public byte SourceLength;
    public byte Tos;
    public byte Table;
    public byte Protocol;
    public byte Scope;
    public byte Type;
    public uint Flags;
}

/// <summary>struct ndmsg (12 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NeighborMessage
{
    public byte Family;
    public byte Pad1;
    public ushort Pad2;
    public int Index;
    public ushort State;
    public byte Flags;
    public byte Type;
}

#pragma warning restore CA1051

/// <summary>Attribute numbers and flags from linux/if_link.h, if_addr.h, rtnetlink.h, neighbour.h.</summary>
internal static class Rt
{
    // IFLA_*
    public const ushort IflaAddress = 1, IflaBroadcast = 2, IflaIfName = 3, IflaMtu = 4, IflaLink = 5, IflaMaster = 10,
        IflaProtInfo = 12, IflaTxQueueLength = 13, IflaOperState = 16, IflaLinkInfo = 18, IflaAlias = 20,
        IflaAfSpec = 26, IflaNetNsFd = 28, IflaExtMask = 29, IflaPromiscuity = 30, IflaLinkNetNsId = 37;
    // IFLA_INFO_*
    public const ushort InfoKind = 1, InfoData = 2, InfoSlaveKind = 4, InfoSlaveData = 5;
    public const ushort VethInfoPeer = 1;
    // IFLA_VXLAN_*
    public const ushort VxlanId = 1, VxlanGroup = 2, VxlanLink = 3, VxlanLocal = 4, VxlanTtl = 5, VxlanLearning = 7,
        VxlanPort = 15, VxlanGroup6 = 16, VxlanLocal6 = 17;
    // IFLA_BR_*
    public const ushort BrVlanFiltering = 7;
    // IFLA_BRPORT_*
    public const ushort BrPortMode = 4, BrPortLearning = 8;
    // IFLA_BRIDGE_* inside IFLA_AF_SPEC
    public const ushort BridgeFlags = 0, BridgeVlanInfo = 2;
    public const ushort BridgeFlagsMaster = 1, BridgeFlagsSelf = 2;
    public const ushort BridgeVlanInfoPvid = 2, BridgeVlanInfoUntagged = 4;
    public const uint RtextFilterBrvlan = 2;

    // IFA_*
    public const ushort IfaAddress = 1, IfaLocal = 2, IfaLabel = 3, IfaBroadcast = 4, IfaFlags = 8;

    // RTA_*
    public const ushort RtaDst = 1, RtaSrc = 2, RtaOif = 4, RtaGateway = 5, RtaPriority = 6, RtaPrefSrc = 7, RtaTable = 15;

    // NDA_*
    public const ushort NdaDst = 1, NdaLladdr = 2, NdaVlan = 5, NdaPort = 6, NdaVni = 7, NdaMaster = 9;

    public const uint IffUp = 0x1, IffPromisc = 0x100;
}
