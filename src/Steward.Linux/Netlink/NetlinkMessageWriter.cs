using System.Buffers.Binary;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace Steward.Linux.Netlink;

/// <summary>
/// Builds one netlink request: the 16-byte nlmsghdr, a family header (ifinfomsg, rtmsg, ...) and
/// attributes, nested ones included. Lengths and sequence number are filled in when it is sent.
/// </summary>
internal sealed class NetlinkMessageWriter
{
    private byte[] _buffer = new byte[256];
    private int _length;

    public NetlinkMessageWriter(ushort type, NetlinkFlags flags)
    {
        Type = type;
        Flags = flags | NetlinkFlags.Request;
        _length = NetlinkWire.HeaderSize;
    }

    public ushort Type { get; }
    public NetlinkFlags Flags { get; set; }
    public int Length => _length;

    /// <summary>Appends a fixed family header such as ifinfomsg; it is padded to 4 bytes.</summary>
    public void WriteStruct<T>(in T value) where T : unmanaged
    {
        var size = Marshal.SizeOf<T>();
        var span = Reserve(size);
        MemoryMarshal.Write(span, in value);
    }

    public void WriteAttribute(ushort type, ReadOnlySpan<byte> value)
    {
        var span = Reserve(NetlinkWire.AttributeHeaderSize + value.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(span, checked((ushort)(NetlinkWire.AttributeHeaderSize + value.Length)));
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], type);
        value.CopyTo(span[NetlinkWire.AttributeHeaderSize..]);
    }

    public void WriteFlag(ushort type) => WriteAttribute(type, []);
    public void WriteU8(ushort type, byte value) => WriteAttribute(type, [value]);

    public void WriteU16(ushort type, ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        MemoryMarshal.Write(b, in value);
        WriteAttribute(type, b);
    }

    /// <summary>A 16-bit value in network byte order (ports).</summary>
    public void WriteU16BigEndian(ushort type, ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, value);
        WriteAttribute(type, b);
    }

    public void WriteU32(ushort type, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        MemoryMarshal.Write(b, in value);
        WriteAttribute(type, b);
    }

    public void WriteI32(ushort type, int value) => WriteU32(type, unchecked((uint)value));

    /// <summary>A NUL-terminated string, as IFLA_IFNAME and IFLA_INFO_KIND expect.</summary>
    public void WriteString(ushort type, string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        Span<byte> b = count < 256 ? stackalloc byte[count + 1] : new byte[count + 1];
        Encoding.UTF8.GetBytes(value, b);
        b[count] = 0;
        WriteAttribute(type, b);
    }

    public void WriteAddress(ushort type, IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out var written);
        WriteAttribute(type, b[..written]);
    }

    /// <summary>Opens a nested attribute; close it with <see cref="EndNested"/>.</summary>
    public int BeginNested(ushort type)
    {
        var start = _length;
        var span = Reserve(NetlinkWire.AttributeHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], (ushort)(type | NetlinkWire.NestedFlag));
        return start;
    }

    /// <summary>Opens an attribute whose payload is written raw (e.g. VETH_INFO_PEER: an ifinfomsg then attributes).</summary>
    public int BeginAttribute(ushort type)
    {
        var start = _length;
        var span = Reserve(NetlinkWire.AttributeHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], type);
        return start;
    }

    public void EndNested(int start) =>
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(start), checked((ushort)(_length - start)));

    /// <summary>Fills in the header and returns the finished message.</summary>
    public ReadOnlySpan<byte> Finish(uint sequence, uint portId = 0)
    {
        var span = _buffer.AsSpan(0, _length);
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)_length);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], Type);
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], (ushort)Flags);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], portId);
        return span;
    }

    private Span<byte> Reserve(int size)
    {
        var aligned = NetlinkWire.Align(size);
        if (_length + aligned > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + aligned));
        }

        var span = _buffer.AsSpan(_length, aligned);
        span.Clear();
        _length += aligned;
        return span[..size];
    }
}
