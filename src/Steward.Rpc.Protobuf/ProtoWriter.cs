using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Steward.Rpc.Protobuf;

/// <summary>
/// Writes protobuf wire format into a span whose size was computed beforehand with
/// <c>CalculateSize</c>. Knowing the size up front lets every length prefix be written before its
/// body without a second buffer; writing past the span is a bug in the size computation and throws.
/// </summary>
public ref struct ProtoWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    public ProtoWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int Position => _position;

    /// <summary>Writes a precomputed tag (field number and wire type).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteTag(uint tag) => WriteVarint32(tag);

    /// <summary>A one-byte tag, as generated code emits for field numbers below 16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteRawTag(byte b0) => _buffer[_position++] = b0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteRawTag(byte b0, byte b1)
    {
        var span = _buffer.Slice(_position, 2);
        span[1] = b1;
        span[0] = b0;
        _position += 2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteVarint32(uint value)
    {
        if (value < 0x80)
        {
            _buffer[_position++] = (byte)value;
            return;
        }
        WriteVarint64Slow(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteVarint64(ulong value)
    {
        if (value < 0x80)
        {
            _buffer[_position++] = (byte)value;
            return;
        }
        WriteVarint64Slow(value);
    }

    private void WriteVarint64Slow(ulong value)
    {
        var buffer = _buffer;
        var position = _position;
        while (value >= 0x80)
        {
            buffer[position++] = (byte)(value | 0x80);
            value >>= 7;
        }
        buffer[position++] = (byte)value;
        _position = position;
    }

    /// <summary>int32 and enums: negative values are sign-extended to 64 bits (ten bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt32(int value)
    {
        if (value >= 0)
        {
            WriteVarint32((uint)value);
        }
        else
        {
            WriteVarint64Slow((ulong)(long)value);
        }
    }

    public void WriteInt64(long value) => WriteVarint64((ulong)value);
    public void WriteUInt32(uint value) => WriteVarint32(value);
    public void WriteUInt64(ulong value) => WriteVarint64(value);
    public void WriteSInt32(int value) => WriteVarint32(WireFormat.EncodeZigZag32(value));
    public void WriteSInt64(long value) => WriteVarint64(WireFormat.EncodeZigZag64(value));
    public void WriteEnum(int value) => WriteInt32(value);
    public void WriteBool(bool value) => _buffer[_position++] = value ? (byte)1 : (byte)0;

    public void WriteFixed32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.Slice(_position, 4), value);
        _position += 4;
    }

    public void WriteFixed64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.Slice(_position, 8), value);
        _position += 8;
    }

    public void WriteSFixed32(int value) => WriteFixed32((uint)value);
    public void WriteSFixed64(long value) => WriteFixed64((ulong)value);
    public void WriteFloat(float value) => WriteFixed32(BitConverter.SingleToUInt32Bits(value));
    public void WriteDouble(double value) => WriteFixed64(BitConverter.DoubleToUInt64Bits(value));

    public void WriteLength(int length) => WriteVarint32((uint)length);

    /// <summary>Length-prefixed UTF-8 (unpaired surrogates become U+FFFD, as Google.Protobuf does).</summary>
    public void WriteString(string value)
    {
        // Short strings fit a one-byte prefix whatever their UTF-8 length, so the count is skipped.
        if (value.Length <= 127 / 3)
        {
            var written = Encoding.UTF8.GetBytes(value, _buffer.Slice(_position + 1));
            _buffer[_position] = (byte)written;
            _position += written + 1;
            return;
        }
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarint32((uint)length);
        Encoding.UTF8.GetBytes(value, _buffer.Slice(_position, length));
        _position += length;
    }

    public void WriteBytes(ByteString value)
    {
        WriteVarint32((uint)value.Length);
        WriteRawBytes(value.Span);
    }

    public void WriteRawBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.Slice(_position));
        _position += bytes.Length;
    }

    /// <summary>
    /// An embedded message: its cached size as the prefix, then its body. Valid only right after
    /// <c>CalculateSize</c> ran on the outermost message (the generated entry points do that).
    /// </summary>
    public void WriteMessage(IProtoMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        WriteVarint32((uint)message.GetCachedSize());
        message.WriteTo(ref this);
    }
}
