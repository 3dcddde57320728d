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

    /// <summary>A writer filling <paramref name="buffer"/> from its start; it must be large enough (generated code sizes it first).</summary>
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

    /// <summary>A two-byte tag, as generated code emits for field numbers 16 to 2047.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteRawTag(byte b0, byte b1)
    {
        var span = _buffer.Slice(_position, 2);
        span[1] = b1;
        span[0] = b0;
        _position += 2;
    }

    /// <paramref name="value"/> as a base-128 varint (1 to 5 bytes).
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

    /// <paramref name="value"/> as a base-128 varint (1 to 10 bytes).
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

    /// <summary>An <c>int64</c> value (negative values take ten bytes).</summary>
    public void WriteInt64(long value) => WriteVarint64((ulong)value);
    /// <summary>A <c>uint32</c> value.</summary>
    public void WriteUInt32(uint value) => WriteVarint32(value);
    /// <summary>A <c>uint64</c> value.</summary>
    public void WriteUInt64(ulong value) => WriteVarint64(value);
    /// <summary>A zigzag-encoded <c>sint32</c> value.</summary>
    public void WriteSInt32(int value) => WriteVarint32(WireFormat.EncodeZigZag32(value));
    /// <summary>A zigzag-encoded <c>sint64</c> value.</summary>
    public void WriteSInt64(long value) => WriteVarint64(WireFormat.EncodeZigZag64(value));
    /// <summary>An enum value, written as its <c>int32</c> number.</summary>
    public void WriteEnum(int value) => WriteInt32(value);
    /// <summary>A <c>bool</c> value as one byte, 0 or 1.</summary>
    public void WriteBool(bool value) => _buffer[_position++] = value ? (byte)1 : (byte)0;

    /// <summary>Four little-endian bytes (<c>fixed32</c>).</summary>
    public void WriteFixed32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.Slice(_position, 4), value);
        _position += 4;
    }

    /// <summary>Eight little-endian bytes (<c>fixed64</c>).</summary>
    public void WriteFixed64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.Slice(_position, 8), value);
        _position += 8;
    }

    /// <summary>An <c>sfixed32</c> value.</summary>
    public void WriteSFixed32(int value) => WriteFixed32((uint)value);
    /// <summary>An <c>sfixed64</c> value.</summary>
    public void WriteSFixed64(long value) => WriteFixed64((ulong)value);
    /// <summary>A <c>float</c> value in its IEEE 754 bits.</summary>
    public void WriteFloat(float value) => WriteFixed32(BitConverter.SingleToUInt32Bits(value));
    /// <summary>A <c>double</c> value in its IEEE 754 bits.</summary>
    public void WriteDouble(double value) => WriteFixed64(BitConverter.DoubleToUInt64Bits(value));

    /// <summary>The length prefix of a length-delimited value.</summary>
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

    /// <summary>A length-prefixed <c>bytes</c> value.</summary>
    public void WriteBytes(ByteString value)
    {
        WriteVarint32((uint)value.Length);
        WriteRawBytes(value.Span);
    }

    /// <paramref name="bytes"/> as they are, with no prefix (already-encoded fields).
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
