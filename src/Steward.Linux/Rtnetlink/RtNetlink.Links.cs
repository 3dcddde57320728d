using System.Net.NetworkInformation;
using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;
using Steward.Linux.Netlink;

namespace Steward.Linux.Rtnetlink;

public sealed partial class RtNetlink
{
    /// <summary>Every link of the namespace.</summary>
    public IReadOnlyList<Link> GetLinks()
    {
        var w = new NetlinkMessageWriter(NetlinkMessageType.GetLink, NetlinkFlags.Dump);
        w.WriteStruct(new InterfaceInfoMessage());
        return _socket.Dump(w, ParseLink);
    }

    /// <summary>The link with this name, or null when there is none.</summary>
    public Link? FindLink(string name)
    {
        var w = new NetlinkMessageWriter(NetlinkMessageType.GetLink, NetlinkFlags.None);
        w.WriteStruct(new InterfaceInfoMessage());
        w.WriteString(Rt.IflaIfName, name);
        return GetOne(w);
    }

    /// <summary>The link with this index, or null when there is none.</summary>
    public Link? FindLink(int index)
    {
        var w = new NetlinkMessageWriter(NetlinkMessageType.GetLink, NetlinkFlags.None);
        w.WriteStruct(new InterfaceInfoMessage { Index = index });
        return GetOne(w);
    }

    /// <summary>The link named <paramref name="name"/>; a <see cref="NetlinkException"/> with ENODEV when there is none.</summary>
    public Link GetLink(string name) => FindLink(name) ?? throw new NetlinkException("RTM_GETLINK", Errno.ENODEV, $"no link named '{name}'");
    /// <summary>The link with index <paramref name="index"/>; a <see cref="NetlinkException"/> with ENODEV when there is none.</summary>
    public Link GetLink(int index) => FindLink(index) ?? throw new NetlinkException("RTM_GETLINK", Errno.ENODEV, $"no link with index {index}");

    private Link? GetOne(NetlinkMessageWriter w)
    {
        try
        {
            Link? found = null;
            _socket.Execute(w, (in NetlinkHeader h, ReadOnlySpan<byte> p) => found ??= ParseLink(h, p));
            return found;
        }
        catch (NetlinkException e) when (e.Errno == Errno.ENODEV)
        {
            return null;
        }
    }

    /// <summary>Creates a link (NLM_F_CREATE|NLM_F_EXCL: an existing name is EEXIST) and returns it as the kernel reports it.</summary>
    public Link CreateLink(LinkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var w = new NetlinkMessageWriter(NetlinkMessageType.NewLink, NetlinkFlags.Create | NetlinkFlags.Exclusive);
        w.WriteStruct(new InterfaceInfoMessage { Flags = spec.Up ? Rt.IffUp : 0, Change = spec.Up ? Rt.IffUp : 0 });
        w.WriteString(Rt.IflaIfName, spec.Name);
        if (spec.Mtu is { } mtu)
        {
            w.WriteU32(Rt.IflaMtu, (uint)mtu);
        }

        if (spec.HardwareAddress is { } mac)
        {
            WriteMac(w, Rt.IflaAddress, mac);
        }

        if (spec.MasterIndex is { } master)
        {
            w.WriteU32(Rt.IflaMaster, (uint)master);
        }

        if (spec.TxQueueLength is { } q)
        {
            w.WriteU32(Rt.IflaTxQueueLength, (uint)q);
        }

        if (spec.Namespace is { } ns)
        {
            w.WriteU32(Rt.IflaNetNsFd, (uint)Fd(ns));
        }

        var info = w.BeginNested(Rt.IflaLinkInfo);
        w.WriteString(Rt.InfoKind, spec.Kind);
        switch (spec)
        {
            case VethSpec veth:
                var data = w.BeginNested(Rt.InfoData);
                var peer = w.BeginAttribute(Rt.VethInfoPeer);
                w.WriteStruct(new InterfaceInfoMessage());
                w.WriteString(Rt.IflaIfName, veth.PeerName);
                if ((veth.PeerMtu ?? veth.Mtu) is { } peerMtu)
                {
                    w.WriteU32(Rt.IflaMtu, (uint)peerMtu);
                }

                if (veth.PeerHardwareAddress is { } peerMac)
                {
                    WriteMac(w, Rt.IflaAddress, peerMac);
                }

                if (veth.PeerNamespace is { } peerNs)
                {
                    w.WriteU32(Rt.IflaNetNsFd, (uint)Fd(peerNs));
                }

                w.EndNested(peer);
                w.EndNested(data);
                break;
            case BridgeSpec bridge when bridge.VlanFiltering is { } filtering:
                var bdata = w.BeginNested(Rt.InfoData);
                w.WriteU8(Rt.BrVlanFiltering, filtering ? (byte)1 : (byte)0);
                w.EndNested(bdata);
                break;
            case VxlanSpec vx:
                var vdata = w.BeginNested(Rt.InfoData);
                w.WriteU32(Rt.VxlanId, vx.Vni);
                if (vx.Local is { } local)
                {
                    w.WriteAddress(FamilyOf(local) == Netlink.AddressFamily.Inet6 ? Rt.VxlanLocal6 : Rt.VxlanLocal, local);
                }

                if (vx.Remote is { } remote)
                {
                    w.WriteAddress(FamilyOf(remote) == Netlink.AddressFamily.Inet6 ? Rt.VxlanGroup6 : Rt.VxlanGroup, remote);
                }

                if (vx.DeviceIndex is { } dev)
                {
                    w.WriteU32(Rt.VxlanLink, (uint)dev);
                }

                if (vx.Port is { } port)
                {
                    w.WriteU16BigEndian(Rt.VxlanPort, port);
                }

                if (vx.Ttl is { } ttl)
                {
                    w.WriteU8(Rt.VxlanTtl, ttl);
                }

                w.WriteU8(Rt.VxlanLearning, vx.Learning ? (byte)1 : (byte)0);
                w.EndNested(vdata);
                break;
        }
        w.EndNested(info);
        Execute(w, spec.Namespace, (spec as VethSpec)?.PeerNamespace);
        // A link created into another namespace cannot be looked up from here.
        return spec.Namespace is null ? GetLink(spec.Name) : new Link { Index = 0, Name = spec.Name, Kind = spec.Kind };
    }

    /// <summary>Deletes the link with index <paramref name="index"/> (and, for a veth, its peer).</summary>
    public void DeleteLink(int index)
    {
        var w = new NetlinkMessageWriter(NetlinkMessageType.DelLink, NetlinkFlags.None);
        w.WriteStruct(new InterfaceInfoMessage { Index = index });
        Execute(w);
    }

    /// <summary>Deletes the link if it exists; returns whether it did.</summary>
    public bool DeleteLink(string name)
    {
        if (FindLink(name) is not { } link)
        {
            return false;
        }

        try
        {
            DeleteLink(link.Index);
            return true;
        }
        catch (NetlinkException e) when (e.Errno == Errno.ENODEV)
        {
            return false;
        }
    }

    /// <summary>Brings the link up (<c>ip link set up</c>).</summary>
    public void SetUp(int index) => SetFlags(index, Rt.IffUp, Rt.IffUp);
    /// <summary>Takes the link down.</summary>
    public void SetDown(int index) => SetFlags(index, 0, Rt.IffUp);
    /// <summary>Turns promiscuous mode on or off.</summary>
    public void SetPromiscuous(int index, bool on) => SetFlags(index, on ? Rt.IffPromisc : 0, Rt.IffPromisc);

    /// <summary>Sets the MTU in bytes.</summary>
    public void SetMtu(int index, int mtu) => SetLink(index, w => w.WriteU32(Rt.IflaMtu, (uint)mtu));
    /// <summary>Sets the transmit queue length (qlen): how many packets wait for a slow reader of a TUN device before the kernel drops.</summary>
    public void SetTxQueueLength(int index, int length) => SetLink(index, w => w.WriteU32(Rt.IflaTxQueueLength, (uint)length));
    /// <summary>Sets the MAC address.</summary>
    public void SetHardwareAddress(int index, PhysicalAddress mac) => SetLink(index, w => WriteMac(w, Rt.IflaAddress, mac));
    /// <summary>Enslaves the link to a bridge; 0 releases it (nomaster).</summary>
    public void SetMaster(int index, int masterIndex) => SetLink(index, w => w.WriteU32(Rt.IflaMaster, (uint)masterIndex));
    /// <summary>Renames the link; the kernel refuses while it is up.</summary>
    public void Rename(int index, string newName) => SetLink(index, w => w.WriteString(Rt.IflaIfName, newName));

    /// <summary>Moves the link into the namespace the descriptor refers to; its index there may differ.</summary>
    public void SetNamespace(int index, SafeFileHandle netns)
    {
        SetLink(index, w => w.WriteU32(Rt.IflaNetNsFd, (uint)Fd(netns)));
        GC.KeepAlive(netns);
    }

    /// <summary>Bridge port hairpin mode (IFLA_BRPORT_MODE): frames may go back out the port they came in on.</summary>
    public void SetHairpin(int index, bool on) => SetBridgePort(index, Rt.BrPortMode, on);
    /// <summary>Bridge port learning (IFLA_BRPORT_LEARNING): whether source MACs seen on the port enter the FDB.</summary>
    public void SetLearning(int index, bool on) => SetBridgePort(index, Rt.BrPortLearning, on);

    /// <summary>Adds a VLAN to a bridge port (or, with <paramref name="self"/>, to the bridge device itself).</summary>
    public void AddBridgeVlan(int index, ushort vid, bool pvid, bool untagged, bool self = false)
    {
        var w = new NetlinkMessageWriter(NetlinkMessageType.SetLink, NetlinkFlags.None);
        w.WriteStruct(new InterfaceInfoMessage { Family = Netlink.AddressFamily.Bridge, Index = index });
        var spec = w.BeginNested(Rt.IflaAfSpec);
        if (self)
        {
            w.WriteU16(Rt.BridgeFlags, Rt.BridgeFlagsSelf);
        }

        Span<byte> info = stackalloc byte[4];
        var flags = (ushort)((pvid ? Rt.BridgeVlanInfoPvid : 0) | (untagged ? Rt.BridgeVlanInfoUntagged : 0));
        BitConverter.TryWriteBytes(info, flags);
        BitConverter.TryWriteBytes(info[2..], vid);
        w.WriteAttribute(Rt.BridgeVlanInfo, info);
        w.EndNested(spec);
        Execute(w);
    }

    private void SetBridgePort(int index, ushort attribute, bool on)
    {
        var w = new NetlinkMessageWriter(NetlinkMessageType.SetLink, NetlinkFlags.None);
        w.WriteStruct(new InterfaceInfoMessage { Family = Netlink.AddressFamily.Bridge, Index = index });
        var nest = w.BeginNested(Rt.IflaProtInfo);
        w.WriteU8(attribute, on ? (byte)1 : (byte)0);
        w.EndNested(nest);
        Execute(w);
    }

    private void SetFlags(int index, uint flags, uint change)
    {
        var w = new NetlinkMessageWriter(NetlinkMessageType.SetLink, NetlinkFlags.None);
        w.WriteStruct(new InterfaceInfoMessage { Index = index, Flags = flags, Change = change });
        Execute(w);
    }

    private void SetLink(int index, Action<NetlinkMessageWriter> attributes)
    {
        var w = new NetlinkMessageWriter(NetlinkMessageType.SetLink, NetlinkFlags.None);
        w.WriteStruct(new InterfaceInfoMessage { Index = index });
        attributes(w);
        Execute(w);
    }

    internal static Link? ParseLink(in NetlinkHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.Type != NetlinkMessageType.NewLink)
        {
            return null;
        }

        var msg = NetlinkValue.ReadStruct<InterfaceInfoMessage>(payload, "ifinfomsg");
        string? name = null, kind = null, slaveKind = null, alias = null;
        int mtu = 0, txq = 0, promisc = 0;
        int? master = null, parent = null, netnsid = null;
        byte oper = 0;
        PhysicalAddress? mac = null;
        VxlanInfo? vxlan = null;
        bool? vlanFiltering = null;
        var attrs = new NetlinkAttributeReader(payload[Unsafe.SizeOf<InterfaceInfoMessage>()..]);
        while (attrs.TryRead(out var type, out var v))
        {
            switch (type)
            {
                case Rt.IflaIfName: name = NetlinkValue.String(v); break;
                case Rt.IflaMtu: mtu = NetlinkValue.I32(v, "IFLA_MTU"); break;
                case Rt.IflaAddress: mac = ReadMac(v); break;
                case Rt.IflaMaster: master = NetlinkValue.I32(v, "IFLA_MASTER"); break;
                case Rt.IflaLink: parent = NetlinkValue.I32(v, "IFLA_LINK"); break;
                case Rt.IflaLinkNetNsId: netnsid = NetlinkValue.I32(v, "IFLA_LINK_NETNSID"); break;
                case Rt.IflaOperState: oper = NetlinkValue.U8(v, "IFLA_OPERSTATE"); break;
                case Rt.IflaTxQueueLength: txq = NetlinkValue.I32(v, "IFLA_TXQLEN"); break;
                case Rt.IflaPromiscuity: promisc = NetlinkValue.I32(v, "IFLA_PROMISCUITY"); break;
                case Rt.IflaAlias: alias = NetlinkValue.String(v); break;
                case Rt.IflaLinkInfo:
                    ParseLinkInfo(v, out kind, out slaveKind, out vxlan, out vlanFiltering);
                    break;
            }
        }
        if (name is null)
        {
            throw new NetlinkFormatException($"RTM_NEWLINK for index {msg.Index} has no IFLA_IFNAME");
        }

        return new Link
        {
            Index = msg.Index,
            Name = name,
            Kind = kind,
            SlaveKind = slaveKind,
            Flags = msg.Flags,
            DeviceType = msg.Type,
            Mtu = mtu,
            HardwareAddress = mac,
            MasterIndex = master,
            ParentIndex = parent,
            LinkNetNsId = netnsid,
            OperState = oper,
            TxQueueLength = txq,
            Promiscuity = promisc,
            Alias = alias,
            Vxlan = vxlan,
            VlanFiltering = vlanFiltering,
        };
    }

    private static void ParseLinkInfo(ReadOnlySpan<byte> value, out string? kind, out string? slaveKind,
        out VxlanInfo? vxlan, out bool? vlanFiltering)
    {
        kind = slaveKind = null;
        vxlan = null;
        vlanFiltering = null;
        ReadOnlySpan<byte> data = default;
        var info = new NetlinkAttributeReader(value);
        while (info.TryRead(out var type, out var v))
        {
            if (type == Rt.InfoKind)
            {
                kind = NetlinkValue.String(v);
            }
            else if (type == Rt.InfoSlaveKind)
            {
                slaveKind = NetlinkValue.String(v);
            }
            else if (type == Rt.InfoData)
            {
                data = v;
            }
        }
        if (data.IsEmpty)
        {
            return;
        }

        if (kind == "vxlan")
        {
            var vx = new VxlanInfo(0);
            var r = new NetlinkAttributeReader(data);
            while (r.TryRead(out var type, out var v))
            {
                vx = type switch
                {
                    Rt.VxlanId => vx with { Vni = NetlinkValue.U32(v, "IFLA_VXLAN_ID") },
                    Rt.VxlanLocal or Rt.VxlanLocal6 => vx with { Local = NetlinkValue.Address(v, "IFLA_VXLAN_LOCAL") },
                    Rt.VxlanGroup or Rt.VxlanGroup6 => vx with { Remote = NetlinkValue.Address(v, "IFLA_VXLAN_GROUP") },
                    Rt.VxlanPort => vx with { Port = NetlinkValue.U16BigEndian(v, "IFLA_VXLAN_PORT") },
                    Rt.VxlanLink => vx with { DeviceIndex = NetlinkValue.I32(v, "IFLA_VXLAN_LINK") },
                    Rt.VxlanLearning => vx with { Learning = NetlinkValue.U8(v, "IFLA_VXLAN_LEARNING") != 0 },
                    _ => vx,
                };
            }
            vxlan = vx;
        }
        else if (kind == "bridge")
        {
            var r = new NetlinkAttributeReader(data);
            while (r.TryRead(out var type, out var v))
            {
                if (type == Rt.BrVlanFiltering)
                {
                    vlanFiltering = NetlinkValue.U8(v, "IFLA_BR_VLAN_FILTERING") != 0;
                }
            }
        }
    }
}
