using System.Buffers.Binary;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Codec;

/// <summary>
/// The single-value IEs of §8.2: a writer that puts out the whole IE (type, length, value) and a reader
/// of its value that returns null when the value is malformed. Octets after the fields a reader knows are
/// ignored, as §8.1.1 asks, so a later release's longer IE still reads.
/// </summary>
internal static class LeafIes
{
    public static void WriteU8(ref IeWriter w, IeType type, byte value)
    {
        var at = w.Begin(type);
        w.U8(value);
        w.End(at);
    }

    public static void WriteU16(ref IeWriter w, IeType type, ushort value)
    {
        var at = w.Begin(type);
        w.U16(value);
        w.End(at);
    }

    public static void WriteU32(ref IeWriter w, IeType type, uint value)
    {
        var at = w.Begin(type);
        w.U32(value);
        w.End(at);
    }

    public static byte? ReadU8(ReadOnlySpan<byte> v) => v.Length >= 1 ? v[0] : null;

    public static ushort? ReadU16(ReadOnlySpan<byte> v) => v.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(v) : null;

    public static uint? ReadU32(ReadOnlySpan<byte> v) => v.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(v) : null;

    public static void WriteCause(ref IeWriter w, PfcpCause cause) => WriteU8(ref w, IeType.Cause, (byte)cause);

    public static PfcpCause? ReadCause(ReadOnlySpan<byte> v) => v.Length >= 1 && v[0] != 0 ? (PfcpCause)v[0] : null;

    public static void WriteOffendingIe(ref IeWriter w, IeType offending) => WriteU16(ref w, IeType.OffendingIe, (ushort)offending);

    public static IeType? ReadOffendingIe(ReadOnlySpan<byte> v) => (IeType?)ReadU16(v);

    public static void WriteTime(ref IeWriter w, IeType type, NtpTime time) => WriteU32(ref w, type, time.Seconds);

    public static NtpTime? ReadTime(ReadOnlySpan<byte> v) => ReadU32(v) is { } seconds ? new NtpTime(seconds) : null;

    public static void WriteNodeId(ref IeWriter w, NodeId id)
    {
        var at = w.Begin(IeType.NodeId);
        w.U8((byte)id.Type);
        switch (id.Type)
        {
            case NodeIdType.IPv4:
                w.IPv4(id.Address ?? throw new ArgumentException("an IPv4 Node ID needs an address"));
                break;
            case NodeIdType.IPv6:
                w.IPv6(id.Address ?? throw new ArgumentException("an IPv6 Node ID needs an address"));
                break;
            case NodeIdType.Fqdn:
                w.Labels(id.Fqdn ?? throw new ArgumentException("an FQDN Node ID needs a name"));
                break;
            default:
                throw new ArgumentException($"Node ID type {id.Type} is not defined");
        }

        w.End(at);
    }

    public static NodeId? ReadNodeId(ReadOnlySpan<byte> v)
    {
        if (v.IsEmpty)
        {
            return null;
        }

        return (v[0] & 0x0F) switch
        {
            0 when v.Length >= 5 => new NodeId { Type = NodeIdType.IPv4, Address = Fields.Address(v.Slice(1, 4)) },
            1 when v.Length >= 17 => new NodeId { Type = NodeIdType.IPv6, Address = Fields.Address(v.Slice(1, 16)) },
            2 when v.Length >= 2 => new NodeId { Type = NodeIdType.Fqdn, Fqdn = Fields.LabelsOrText(v[1..]) },
            _ => null,
        };
    }

    public static void WriteFSeid(ref IeWriter w, FSeid fseid)
    {
        if (fseid.IPv4 is null && fseid.IPv6 is null)
        {
            throw new ArgumentException("an F-SEID needs an IPv4 or an IPv6 address");
        }

        var at = w.Begin(IeType.FSeid);
        w.U8((byte)((fseid.IPv4 is null ? 0 : 0b10) | (fseid.IPv6 is null ? 0 : 0b01)));
        w.U64(fseid.Seid);
        if (fseid.IPv4 is { } v4)
        {
            w.IPv4(v4);
        }

        if (fseid.IPv6 is { } v6)
        {
            w.IPv6(v6);
        }

        w.End(at);
    }

    public static FSeid? ReadFSeid(ReadOnlySpan<byte> v)
    {
        if (v.Length < 9)
        {
            return null;
        }

        var hasV4 = (v[0] & 0b10) != 0;
        var hasV6 = (v[0] & 0b01) != 0;
        if ((!hasV4 && !hasV6) || v.Length < 9 + (hasV4 ? 4 : 0) + (hasV6 ? 16 : 0))
        {
            return null;
        }

        var seid = BinaryPrimitives.ReadUInt64BigEndian(v[1..]);
        var at = 9;
        var v4 = hasV4 ? Fields.Address(v.Slice(at, 4)) : null;
        at += hasV4 ? 4 : 0;
        var v6 = hasV6 ? Fields.Address(v.Slice(at, 16)) : null;
        return new FSeid(seid, v4, v6);
    }

    public static void WriteUpFunctionFeatures(ref IeWriter w, UpFunctionFeatures features)
    {
        var at = w.Begin(IeType.UpFunctionFeatures);
        w.FlagOctets((ulong)features, Math.Max(2, OctetsNeeded((ulong)features)));
        w.End(at);
    }

    public static UpFunctionFeatures? ReadUpFunctionFeatures(ReadOnlySpan<byte> v) =>
        v.IsEmpty ? null : (UpFunctionFeatures)Fields.FlagOctets(v, 8);

    public static void WriteCpFunctionFeatures(ref IeWriter w, CpFunctionFeatures features)
    {
        var at = w.Begin(IeType.CpFunctionFeatures);
        w.FlagOctets((ulong)features, Math.Max(1, OctetsNeeded((ulong)features)));
        w.End(at);
    }

    public static CpFunctionFeatures? ReadCpFunctionFeatures(ReadOnlySpan<byte> v) =>
        v.IsEmpty ? null : (CpFunctionFeatures)Fields.FlagOctets(v, 2);

    public static void WriteNetworkInstance(ref IeWriter w, string name)
    {
        var at = w.Begin(IeType.NetworkInstance);
        w.Labels(name);
        w.End(at);
    }

    public static string? ReadNetworkInstance(ReadOnlySpan<byte> v) => v.IsEmpty ? null : Fields.LabelsOrText(v);

    public static void WriteRemoteGtpuPeer(ref IeWriter w, RemoteGtpuPeer peer)
    {
        var at = w.Begin(IeType.RemoteGtpuPeer);
        w.U8((byte)((peer.IPv6 is null ? 0 : 0b0001) | (peer.IPv4 is null ? 0 : 0b0010)
            | (peer.DestinationInterface is null ? 0 : 0b0100) | (peer.NetworkInstance is null ? 0 : 0b1000)));
        if (peer.IPv4 is { } v4)
        {
            w.IPv4(v4);
        }

        if (peer.IPv6 is { } v6)
        {
            w.IPv6(v6);
        }

        if (peer.DestinationInterface is { } di)
        {
            // The field holds a Destination Interface IE's value: one octet, after its 2-octet length.
            w.U16(1);
            w.U8((byte)di);
        }

        if (peer.NetworkInstance is { } ni)
        {
            w.U16((ushort)IeWriter.LabelsLength(ni));
            w.Labels(ni);
        }

        w.End(at);
    }

    public static RemoteGtpuPeer? ReadRemoteGtpuPeer(ReadOnlySpan<byte> v)
    {
        if (v.IsEmpty)
        {
            return null;
        }

        var flags = v[0];
        var at = 1;
        System.Net.IPAddress? v4 = null, v6 = null;
        DestinationInterface? di = null;
        string? ni = null;
        if ((flags & 0b0010) != 0)
        {
            if (v.Length < at + 4)
            {
                return null;
            }

            v4 = Fields.Address(v.Slice(at, 4));
            at += 4;
        }

        if ((flags & 0b0001) != 0)
        {
            if (v.Length < at + 16)
            {
                return null;
            }

            v6 = Fields.Address(v.Slice(at, 16));
            at += 16;
        }

        if ((flags & 0b0100) != 0)
        {
            if (v.Length < at + 2 || BinaryPrimitives.ReadUInt16BigEndian(v[at..]) is var length && (length < 1 || v.Length < at + 2 + length))
            {
                return null;
            }

            di = (DestinationInterface)(v[at + 2] & 0x0F);
            at += 2 + length;
        }

        if ((flags & 0b1000) != 0)
        {
            if (v.Length < at + 2 || BinaryPrimitives.ReadUInt16BigEndian(v[at..]) is var length && (length < 1 || v.Length < at + 2 + length))
            {
                return null;
            }

            ni = Fields.LabelsOrText(v.Slice(at + 2, length));
        }

        return v4 is null && v6 is null ? null : new RemoteGtpuPeer { IPv4 = v4, IPv6 = v6, DestinationInterface = di, NetworkInstance = ni };
    }

    public static int OctetsNeeded(ulong value)
    {
        var octets = 0;
        while (value != 0)
        {
            octets++;
            value >>= 8;
        }

        return octets;
    }
}
