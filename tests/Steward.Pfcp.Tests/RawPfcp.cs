using System.Buffers.Binary;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Tests;

/// <summary>Hand-built PFCP octets for the bad-input tests: whatever the codec would refuse to write.</summary>
internal static class RawPfcp
{
    public static byte[] Ie(IeType type, params byte[] value) => Ie((ushort)type, value);

    public static byte[] Ie(ushort type, byte[] value)
    {
        var ie = new byte[4 + value.Length];
        BinaryPrimitives.WriteUInt16BigEndian(ie, type);
        BinaryPrimitives.WriteUInt16BigEndian(ie.AsSpan(2), (ushort)value.Length);
        value.CopyTo(ie, 4);
        return ie;
    }

    public static byte[] Group(IeType type, params byte[][] ies) => Ie(type, [.. ies.SelectMany(i => i)]);

    public static byte[] VendorIe(ushort type, ushort enterprise, params byte[] data)
    {
        var value = new byte[2 + data.Length];
        BinaryPrimitives.WriteUInt16BigEndian(value, enterprise);
        data.CopyTo(value, 2);
        return Ie(type, value);
    }

    public static byte[] Message(PfcpMessageType type, ulong? seid, uint sequence, params byte[][] ies)
    {
        var body = ies.SelectMany(i => i).ToArray();
        var header = seid is { } s ? PfcpHeader.ForSession(type, s, sequence) : PfcpHeader.ForNode(type, sequence);
        var message = new byte[header.HeaderLength + body.Length];
        header.Write(message, body.Length);
        body.CopyTo(message, header.HeaderLength);
        return message;
    }

    public static byte[] NodeIdV4(byte a, byte b, byte c, byte d) => Ie(IeType.NodeId, 0, a, b, c, d);

    public static byte[] Recovery(uint seconds)
    {
        var value = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(value, seconds);
        return Ie(IeType.RecoveryTimeStamp, value);
    }

    public static byte[] U16(IeType type, ushort v)
    {
        var value = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(value, v);
        return Ie(type, value);
    }

    public static byte[] U32(IeType type, uint v)
    {
        var value = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(value, v);
        return Ie(type, value);
    }
}
