using System.Buffers.Binary;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace Steward.Linux.Netlink;

/// <summary>One nlmsghdr as read from a datagram.</summary>
internal readonly record struct NetlinkHeader(uint Length, ushort Type, NetlinkFlags Flags, uint Sequence, uint PortId);

/// <summary>Walks the messages of one received datagram; every length field is checked against what is left.</summary>
internal ref struct NetlinkMessageReader
{
    private ReadOnlySpan<byte> _rest;

    public NetlinkMessageReader(ReadOnlySpan<byte> datagram) => _rest = datagram;

    public bool TryRead(out NetlinkHeader header, out ReadOnlySpan<byte> payload)
    {
        if (_rest.IsEmpty)
        {
            header = default;
            payload = default;
            return false;
        }
        if (_rest.Length < NetlinkWire.HeaderSize)
        {
            throw new NetlinkFormatException($"netlink reply truncated: {_rest.Length} bytes left, a message header needs {NetlinkWire.HeaderSize}");
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(_rest);
        if (length < NetlinkWire.HeaderSize || length > (uint)_rest.Length)
        {
            throw new NetlinkFormatException($"netlink message length {length} is invalid: {_rest.Length} bytes left in the reply, minimum {NetlinkWire.HeaderSize}");
        }

        header = new NetlinkHeader(length,
            BinaryPrimitives.ReadUInt16LittleEndian(_rest[4..]),
            (NetlinkFlags)BinaryPrimitives.ReadUInt16LittleEndian(_rest[6..]),
            BinaryPrimitives.ReadUInt32LittleEndian(_rest[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(_rest[12..]));
        payload = _rest[NetlinkWire.HeaderSize..(int)length];
        var next = Math.Min(NetlinkWire.Align((int)length), _rest.Length);
        _rest = _rest[next..];
        return true;
    }
}

/// <summary>Walks a run of rtattr/nlattr; a length field that points past the end is an error, not a crash.</summary>
internal ref struct NetlinkAttributeReader
{
    private ReadOnlySpan<byte> _rest;

    public NetlinkAttributeReader(ReadOnlySpan<byte> attributes) => _rest = attributes;

    /// <summary>Reads the next attribute; false at the end of the attributes.</summary>
    /// <param name="type">The attribute type with the nested/byte-order flags masked off.</param>
    /// <param name="value">The attribute's payload, without its header and padding.</param>
    public bool TryRead(out ushort type, out ReadOnlySpan<byte> value)
    {
        // Trailing padding shorter than a header is allowed by the format.
        if (_rest.Length < NetlinkWire.AttributeHeaderSize)
        {
            type = 0;
            value = default;
            return false;
        }
        var length = BinaryPrimitives.ReadUInt16LittleEndian(_rest);
        if (length < NetlinkWire.AttributeHeaderSize || length > _rest.Length)
        {
            throw new NetlinkFormatException($"netlink attribute length {length} is invalid: {_rest.Length} bytes left, minimum {NetlinkWire.AttributeHeaderSize}");
        }

        type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(_rest[2..]) & NetlinkWire.AttributeTypeMask);
        value = _rest[NetlinkWire.AttributeHeaderSize..length];
        _rest = _rest[Math.Min(NetlinkWire.Align(length), _rest.Length)..];
        return true;
    }
}

/// <summary>Typed reads of attribute values, each checking the value's size.</summary>
internal static class NetlinkValue
{
    public static T ReadStruct<T>(ReadOnlySpan<byte> payload, string what) where T : unmanaged
    {
        var size = Marshal.SizeOf<T>();
        if (payload.Length < size)
        {
            throw new NetlinkFormatException($"{what} truncated: {payload.Length} bytes, needs {size}");
        }

        return MemoryMarshal.Read<T>(payload);
    }

    public static byte U8(ReadOnlySpan<byte> v, string what) => v.Length >= 1 ? v[0] : throw Short(what, v, 1);
    public static ushort U16(ReadOnlySpan<byte> v, string what) => v.Length >= 2 ? MemoryMarshal.Read<ushort>(v) : throw Short(what, v, 2);
    public static ushort U16BigEndian(ReadOnlySpan<byte> v, string what) => v.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(v) : throw Short(what, v, 2);
    public static uint U32(ReadOnlySpan<byte> v, string what) => v.Length >= 4 ? MemoryMarshal.Read<uint>(v) : throw Short(what, v, 4);
    public static int I32(ReadOnlySpan<byte> v, string what) => unchecked((int)U32(v, what));

    public static string String(ReadOnlySpan<byte> v)
    {
        var nul = v.IndexOf((byte)0);
        return Encoding.UTF8.GetString(nul >= 0 ? v[..nul] : v);
    }

    public static IPAddress Address(ReadOnlySpan<byte> v, string what) => v.Length switch
    {
        4 or 16 => new IPAddress(v),
        _ => throw new NetlinkFormatException($"{what}: an address of {v.Length} bytes (expected 4 or 16)"),
    };

    private static NetlinkFormatException Short(string what, ReadOnlySpan<byte> v, int need) =>
        new($"{what} truncated: {v.Length} bytes, needs {need}");
}
