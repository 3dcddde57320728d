namespace Steward.Linux.Netlink;

/// <summary>nlmsghdr flags (linux/netlink.h).</summary>
[Flags]
internal enum NetlinkFlags : ushort
{
    None = 0,
    Request = 0x1,
    Multi = 0x2,
    Ack = 0x4,
    Echo = 0x8,
    DumpInterrupted = 0x10,
    DumpFiltered = 0x20,
    // GET requests
    Root = 0x100,
    Match = 0x200,
    Atomic = 0x400,
    Dump = Root | Match,
    // NEW requests
    Replace = 0x100,
    Exclusive = 0x200,
    Create = 0x400,
    Append = 0x800,
    // ACK replies
    Capped = 0x100,
    AckTlvs = 0x200,
}

/// <summary>Message types of the netlink core and of rtnetlink (linux/rtnetlink.h).</summary>
internal static class NetlinkMessageType
{
    public const ushort Noop = 1;
    public const ushort Error = 2;
    public const ushort Done = 3;
    public const ushort Overrun = 4;

    public const ushort NewLink = 16;
    public const ushort DelLink = 17;
    public const ushort GetLink = 18;
    public const ushort SetLink = 19;
    public const ushort NewAddress = 20;
    public const ushort DelAddress = 21;
    public const ushort GetAddress = 22;
    public const ushort NewRoute = 24;
    public const ushort DelRoute = 25;
    public const ushort GetRoute = 26;
    public const ushort NewNeighbor = 28;
    public const ushort DelNeighbor = 29;
    public const ushort GetNeighbor = 30;

    public static string Name(ushort type) => type switch
    {
        Noop => "NLMSG_NOOP",
        Error => "NLMSG_ERROR",
        Done => "NLMSG_DONE",
        Overrun => "NLMSG_OVERRUN",
        NewLink => "RTM_NEWLINK",
        DelLink => "RTM_DELLINK",
        GetLink => "RTM_GETLINK",
        SetLink => "RTM_SETLINK",
        NewAddress => "RTM_NEWADDR",
        DelAddress => "RTM_DELADDR",
        GetAddress => "RTM_GETADDR",
        NewRoute => "RTM_NEWROUTE",
        DelRoute => "RTM_DELROUTE",
        GetRoute => "RTM_GETROUTE",
        NewNeighbor => "RTM_NEWNEIGH",
        DelNeighbor => "RTM_DELNEIGH",
        GetNeighbor => "RTM_GETNEIGH",
        _ => $"type {type}",
    };
}

/// <summary>Sizes and alignment of the netlink wire format.</summary>
internal static class NetlinkWire
{
    public const int HeaderSize = 16;
    public const int AttributeHeaderSize = 4;
    public const ushort NestedFlag = 0x8000;
    public const ushort NetByteOrderFlag = 0x4000;
    public const ushort AttributeTypeMask = 0x3fff;

    /// <summary>NLMSGERR_ATTR_* carried by extended ACKs.</summary>
    public const ushort ErrorAttributeMessage = 1;
    public const ushort ErrorAttributeOffset = 2;

    public static int Align(int length) => (length + 3) & ~3;
}

/// <summary>Address families used by rtnetlink.</summary>
public static class AddressFamily
{
    /// <summary>AF_UNSPEC: any family (dumps of every family).</summary>
    public const byte Unspecified = 0;
    /// <summary>AF_INET: IPv4.</summary>
    public const byte Inet = 2;
    /// <summary>AF_BRIDGE: bridge forwarding database entries and bridge port settings.</summary>
    public const byte Bridge = 7;
    /// <summary>AF_INET6: IPv6.</summary>
    public const byte Inet6 = 10;
}
