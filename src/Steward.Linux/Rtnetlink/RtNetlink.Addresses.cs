using System.Net;
using System.Runtime.CompilerServices;
using Steward.Linux.Netlink;

namespace Steward.Linux.Rtnetlink;

public sealed partial class RtNetlink
{
    /// <summary>Addresses of every link, or of one (<paramref name="index"/>), of one family or both.</summary>
    public IReadOnlyList<InterfaceAddress> GetAddresses(int? index = null, byte family = Netlink.AddressFamily.Unspecified)
    {
        var w = new NetlinkMessageWriter(NetlinkMessageType.GetAddress, NetlinkFlags.Dump);
        w.WriteStruct(new InterfaceAddressMessage { Family = family });
        var all = _socket.Dump(w, ParseAddress);
        return index is { } i ? all.FindAll(a => a.InterfaceIndex == i) : all;
    }

    /// <summary>Adds an address; an IPv4 one gets its broadcast address as `ip addr add ... brd +` would.</summary>
    public void AddAddress(int index, IPPrefix prefix, uint flags = 0, bool replace = false) =>
        Execute(AddressRequest(NetlinkMessageType.NewAddress,
            NetlinkFlags.Create | (replace ? NetlinkFlags.Replace : NetlinkFlags.Exclusive), index, prefix, flags));

    /// <summary>Removes <paramref name="prefix"/> from the link with index <paramref name="index"/>.</summary>
    public void DeleteAddress(int index, IPPrefix prefix) =>
        Execute(AddressRequest(NetlinkMessageType.DelAddress, NetlinkFlags.None, index, prefix, 0));

    private static NetlinkMessageWriter AddressRequest(ushort type, NetlinkFlags flags, int index, IPPrefix prefix, uint addressFlags)
    {
        var w = new NetlinkMessageWriter(type, flags);
        w.WriteStruct(new InterfaceAddressMessage
        {
            Family = prefix.Family,
            PrefixLength = (byte)prefix.PrefixLength,
            Flags = (byte)addressFlags,
            Index = index,
        });
        w.WriteAddress(Rt.IfaLocal, prefix.Address);
        w.WriteAddress(Rt.IfaAddress, prefix.Address);
        if (!prefix.IsIPv6 && prefix.PrefixLength < 31 && type == NetlinkMessageType.NewAddress)
        {
            Span<byte> b = stackalloc byte[4];
            prefix.Address.TryWriteBytes(b, out _);
            var host = prefix.PrefixLength == 0 ? uint.MaxValue : uint.MaxValue >> prefix.PrefixLength;
            var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(b) | host;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(b, value);
            w.WriteAttribute(Rt.IfaBroadcast, b);
        }
        if (addressFlags > 0xff)
        {
            w.WriteU32(Rt.IfaFlags, addressFlags);
        }

        return w;
    }

    internal static InterfaceAddress? ParseAddress(in NetlinkHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.Type != NetlinkMessageType.NewAddress)
        {
            return null;
        }

        var msg = NetlinkValue.ReadStruct<InterfaceAddressMessage>(payload, "ifaddrmsg");
        IPAddress? local = null, address = null, broadcast = null;
        string? label = null;
        uint flags = msg.Flags;
        var attrs = new NetlinkAttributeReader(payload[Unsafe.SizeOf<InterfaceAddressMessage>()..]);
        while (attrs.TryRead(out var type, out var v))
        {
            switch (type)
            {
                case Rt.IfaLocal: local = NetlinkValue.Address(v, "IFA_LOCAL"); break;
                case Rt.IfaAddress: address = NetlinkValue.Address(v, "IFA_ADDRESS"); break;
                case Rt.IfaBroadcast: broadcast = NetlinkValue.Address(v, "IFA_BROADCAST"); break;
                case Rt.IfaLabel: label = NetlinkValue.String(v); break;
                case Rt.IfaFlags: flags = NetlinkValue.U32(v, "IFA_FLAGS"); break;
            }
        }
        // IFA_LOCAL is the interface's own address; IFA_ADDRESS is the peer on point-to-point links (and the only one for IPv6).
        var own = local ?? address ?? throw new NetlinkFormatException($"RTM_NEWADDR for index {msg.Index} has no address");
        return new InterfaceAddress(msg.Index, new IPPrefix(own, Math.Min((int)msg.PrefixLength, own.GetAddressBytes().Length * 8)))
        {
            Scope = msg.Scope,
            Flags = flags,
            Label = label,
            Broadcast = broadcast,
            Peer = local is not null && address is not null && !address.Equals(local) ? address : null,
        };
    }
}
