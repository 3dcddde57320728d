using System.Net.NetworkInformation;
using System.Net;
using System.Runtime.CompilerServices;
using Steward.Linux.Netlink;

namespace Steward.Linux.Rtnetlink;

public sealed partial class RtNetlink
{
    /// <summary>Neighbours of a family; AF_BRIDGE lists bridge and vxlan FDB entries.</summary>
    public IReadOnlyList<Neighbor> GetNeighbors(byte family = Netlink.AddressFamily.Unspecified, int? index = null)
    {
        var w = new NetlinkMessageWriter(NetlinkMessageType.GetNeighbor, NetlinkFlags.Dump);
        w.WriteStruct(new NeighborMessage { Family = family });
        var all = _socket.Dump(w, ParseNeighbor);
        return index is { } i ? all.FindAll(n => n.InterfaceIndex == i) : all;
    }

    /// <summary>Adds (or with <paramref name="replace"/>, adds or updates) a neighbour.</summary>
    public void AddNeighbor(Neighbor neighbor, bool replace = false) =>
        Execute(NeighborRequest(NetlinkMessageType.NewNeighbor,
            NetlinkFlags.Create | (replace ? NetlinkFlags.Replace : NetlinkFlags.Exclusive), neighbor));

    /// <summary>Appends an FDB entry: several remotes for one MAC, as `bridge fdb append` (vxlan flooding).</summary>
    public void AppendNeighbor(Neighbor neighbor) =>
        Execute(NeighborRequest(NetlinkMessageType.NewNeighbor, NetlinkFlags.Create | NetlinkFlags.Append, neighbor));

    /// <summary>Deletes the neighbour or FDB entry that matches <paramref name="neighbor"/>.</summary>
    public void DeleteNeighbor(Neighbor neighbor) =>
        Execute(NeighborRequest(NetlinkMessageType.DelNeighbor, NetlinkFlags.None, neighbor));

    private static NetlinkMessageWriter NeighborRequest(ushort type, NetlinkFlags flags, Neighbor n)
    {
        ArgumentNullException.ThrowIfNull(n);
        var w = new NetlinkMessageWriter(type, flags);
        w.WriteStruct(new NeighborMessage { Family = n.Family, Index = n.InterfaceIndex, State = n.State, Flags = n.Flags });
        if (n.Destination is { } dst)
        {
            w.WriteAddress(Rt.NdaDst, dst);
        }

        if (n.HardwareAddress is { } mac)
        {
            WriteMac(w, Rt.NdaLladdr, mac);
        }

        if (n.Vlan is { } vlan)
        {
            w.WriteU16(Rt.NdaVlan, vlan);
        }

        if (n.Vni is { } vni)
        {
            w.WriteU32(Rt.NdaVni, vni);
        }

        if (n.Port is { } port)
        {
            w.WriteU16BigEndian(Rt.NdaPort, port);
        }

        if (n.MasterIndex is { } master)
        {
            w.WriteU32(Rt.NdaMaster, (uint)master);
        }

        return w;
    }

    internal static Neighbor? ParseNeighbor(in NetlinkHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.Type != NetlinkMessageType.NewNeighbor)
        {
            return null;
        }

        var msg = NetlinkValue.ReadStruct<NeighborMessage>(payload, "ndmsg");
        IPAddress? dst = null;
        PhysicalAddress? mac = null;
        ushort? vlan = null, port = null;
        uint? vni = null;
        int? master = null;
        var attrs = new NetlinkAttributeReader(payload[Unsafe.SizeOf<NeighborMessage>()..]);
        while (attrs.TryRead(out var type, out var v))
        {
            switch (type)
            {
                case Rt.NdaDst: dst = NetlinkValue.Address(v, "NDA_DST"); break;
                case Rt.NdaLladdr: mac = ReadMac(v); break;
                case Rt.NdaVlan: vlan = NetlinkValue.U16(v, "NDA_VLAN"); break;
                case Rt.NdaVni: vni = NetlinkValue.U32(v, "NDA_VNI"); break;
                case Rt.NdaPort: port = NetlinkValue.U16BigEndian(v, "NDA_PORT"); break;
                case Rt.NdaMaster: master = NetlinkValue.I32(v, "NDA_MASTER"); break;
            }
        }
        return new Neighbor(msg.Index)
        {
            Family = msg.Family,
            Destination = dst,
            HardwareAddress = mac,
            State = msg.State,
            Flags = msg.Flags,
            Vlan = vlan,
            Vni = vni,
            Port = port,
            MasterIndex = master,
        };
    }
}
