using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace Steward.Rpc.Protobuf;

/// <summary>
/// Reads protobuf wire format from one contiguous span. Every read checks the current limit (the
/// end of the input or of the embedded message being read), every length is checked against the
/// bytes that remain before anything is allocated, and every failure is a <see cref="ProtoDecodeException"/>
/// carrying the byte offset.
/// </summary>
public ref struct ProtoReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _recursionLimit;
    private int _position;
    private int _limit;
    private int _depth;
    private int _lastTagStart;

    /// <summary>A reader over the whole of <paramref name="buffer"/>, with the limits of <paramref name="options"/> (the defaults when null); an input over the size limit throws at once.</summary>
    public ProtoReader(ReadOnlySpan<byte> buffer, ProtoReaderOptions? options = null)
    {
        options ??= ProtoReaderOptions.Default;
        if (buffer.Length > options.MaxMessageSize)
        {
            ThrowAt(0, $"message of {buffer.Length} bytes exceeds the maximum of {options.MaxMessageSize}");
        }
        _buffer = buffer;
        _recursionLimit = options.RecursionLimit;
        _position = 0;
        _limit = buffer.Length;
        _depth = 0;
        _lastTagStart = 0;
    }

    /// <summary>The offset of the next byte to read.</summary>
    public readonly int Position => _position;

    /// <summary>True when the current message (or the whole input) has been consumed.</summary>
    public readonly bool IsAtEnd => _position >= _limit;

    /// <summary>Where the most recent tag began; unknown-field capture copies from here.</summary>
    public readonly int LastTagStart => _lastTagStart;

    /// <summary>
    /// Reads the next tag, or returns 0 at the end of the current message. Rejects field number 0,
    /// the group wire types (proto3 has no groups) and the undefined wire types 6 and 7.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadTag()
    {
        if (_position >= _limit)
        {
            return 0;
        }
        _lastTagStart = _position;
        uint tag = _buffer[_position];
        if (tag < 0x80)
        {
            _position++;
        }
        else
        {
            var value = ReadVarint64Slow();
            if (value > uint.MaxValue)
            {
                ThrowAt(_lastTagStart, "tag does not fit in 32 bits");
            }
            tag = (uint)value;
        }
        if (tag < 8 || (tag & 7) is 3 or 4 or 6 or 7)
        {
            ThrowBadTag(tag);
        }
        return tag;
    }

    [DoesNotReturn]
    private readonly void ThrowBadTag(uint tag)
    {
        var wireType = tag & 7;
        if (tag >> 3 == 0)
        {
            ThrowAt(_lastTagStart, "field number 0 is not allowed");
        }
        if (wireType is 3 or 4)
        {
            ThrowAt(_lastTagStart, $"field {tag >> 3} uses group wire type {wireType}; groups do not exist in proto3");
        }
        ThrowAt(_lastTagStart, $"field {tag >> 3} has invalid wire type {wireType}");
    }

    /// <summary>A base-128 varint of up to ten bytes; a longer or truncated one throws.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadVarint64()
    {
        if (_position < _limit)
        {
            var b = _buffer[_position];
            if (b < 0x80)
            {
                _position++;
                return b;
            }
        }
        return ReadVarint64Slow();
    }

    private ulong ReadVarint64Slow()
    {
        var start = _position;
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _limit)
            {
                ThrowAt(start, "truncated varint");
            }
            ulong b = _buffer[_position++];
            result |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }
        ThrowAt(start, "varint longer than 10 bytes");
        return 0;
    }

    /// <summary>A varint truncated to 32 bits (how int32/uint32/enum values are read, like Google.Protobuf).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadVarint32() => (uint)ReadVarint64();

    /// <summary>An <c>int32</c> field value.</summary>
    public int ReadInt32() => (int)ReadVarint64();
    /// <summary>An <c>int64</c> field value.</summary>
    public long ReadInt64() => (long)ReadVarint64();
    /// <summary>A <c>uint32</c> field value.</summary>
    public uint ReadUInt32() => (uint)ReadVarint64();
    /// <summary>A <c>uint64</c> field value.</summary>
    public ulong ReadUInt64() => ReadVarint64();
    /// <summary>A zigzag-encoded <c>sint32</c> field value.</summary>
    public int ReadSInt32() => WireFormat.DecodeZigZag32((uint)ReadVarint64());
    /// <summary>A zigzag-encoded <c>sint64</c> field value.</summary>
    public long ReadSInt64() => WireFormat.DecodeZigZag64(ReadVarint64());
    /// <summary>An enum field value as its number (unknown numbers are kept as they are).</summary>
    public int ReadEnum() => (int)ReadVarint64();
    /// <summary>A <c>bool</c> field value: any non-zero varint is true.</summary>
    public bool ReadBool() => ReadVarint64() != 0;

    /// <summary>Four little-endian bytes (<c>fixed32</c>).</summary>
    public uint ReadFixed32()
    {
        if (_limit - _position < 4)
        {
            ThrowAt(_position, "truncated fixed32");
        }
        var value = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.Slice(_position, 4));
        _position += 4;
        return value;
    }

    /// <summary>Eight little-endian bytes (<c>fixed64</c>).</summary>
    public ulong ReadFixed64()
    {
        if (_limit - _position < 8)
        {
            ThrowAt(_position, "truncated fixed64");
        }
        var value = BinaryPrimitives.ReadUInt64LittleEndian(_buffer.Slice(_position, 8));
        _position += 8;
        return value;
    }

    /// <summary>An <c>sfixed32</c> field value.</summary>
    public int ReadSFixed32() => (int)ReadFixed32();
    /// <summary>An <c>sfixed64</c> field value.</summary>
    public long ReadSFixed64() => (long)ReadFixed64();
    /// <summary>A <c>float</c> field value.</summary>
    public float ReadFloat() => BitConverter.UInt32BitsToSingle(ReadFixed32());
    /// <summary>A <c>double</c> field value.</summary>
    public double ReadDouble() => BitConverter.UInt64BitsToDouble(ReadFixed64());

    /// <summary>A length prefix, checked to be non-negative and to fit in what remains of the current message.</summary>
    public int ReadLength()
    {
        var start = _position;
        var value = ReadVarint64();
        if (value > int.MaxValue)
        {
            ThrowAt(start, value > uint.MaxValue ? "negative or oversized length" : $"negative length {(int)value}");
        }
        var length = (int)value;
        if (length > _limit - _position)
        {
            ThrowAt(start, $"length {length} runs past the end of the message ({_limit - _position} bytes left)");
        }
        return length;
    }

    /// <summary>Invalid UTF-8 is replaced with U+FFFD, as Google.Protobuf does.</summary>
    public string ReadString()
    {
        var length = ReadLength();
        if (length == 0)
        {
            return "";
        }
        var value = Encoding.UTF8.GetString(_buffer.Slice(_position, length));
        _position += length;
        return value;
    }

    /// <summary>A length-prefixed <c>bytes</c> value, copied out of the input.</summary>
    public ByteString ReadBytes()
    {
        var length = ReadLength();
        if (length == 0)
        {
            return ByteString.Empty;
        }
        var value = _buffer.Slice(_position, length).ToArray();
        _position += length;
        return new ByteString(value);
    }

    /// <summary>Reads the length of an embedded message and narrows the limit to it; pair with <see cref="EndMessage"/>.</summary>
    public int BeginMessage()
    {
        var length = ReadLength();
        if (_depth >= _recursionLimit)
        {
            ThrowAt(_position, $"messages nested deeper than the recursion limit of {_recursionLimit}");
        }
        _depth++;
        var outer = _limit;
        _limit = _position + length;
        return outer;
    }

    /// <summary>Restores the enclosing limit. The embedded message must have been read to its end.</summary>
    public void EndMessage(int outerLimit)
    {
        if (_position != _limit)
        {
            ThrowAt(_position, "embedded message not fully consumed");
        }
        _depth--;
        _limit = outerLimit;
    }

    /// <summary>Reads an embedded message into <paramref name="message"/> (merging).</summary>
    public void ReadMessage(IProtoMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var outer = BeginMessage();
        message.MergeFrom(ref this);
        EndMessage(outer);
    }

    /// <summary>Skips the value of the field whose tag was just read.</summary>
    public void SkipField(uint tag)
    {
        switch (tag & 7)
        {
            case 0:
                ReadVarint64();
                break;
            case 1:
                Skip(8, "truncated fixed64");
                break;
            case 2:
                var length = ReadLength();
                _position += length;
                break;
            case 5:
                Skip(4, "truncated fixed32");
                break;
            default:
                ThrowBadTag(tag);
                break;
        }
    }

    private void Skip(int count, string reason)
    {
        if (_limit - _position < count)
        {
            ThrowAt(_position, reason);
        }
        _position += count;
    }

    /// <summary>The raw bytes from <paramref name="start"/> to the current position (for unknown fields).</summary>
    public readonly ReadOnlySpan<byte> RawSince(int start) => _buffer.Slice(start, _position - start);

    /// <summary>A known field arrived with a wire type its declared type cannot have.</summary>
    [DoesNotReturn]
    public readonly void ThrowWrongWireType(uint tag) =>
        ThrowAt(_lastTagStart, $"field {tag >> 3} has wire type {tag & 7}, which does not match its declared type");

    /// <summary>Bounds of a packed repeated field: returns the end position; loop while <see cref="Position"/> is below it.</summary>
    public int BeginPacked()
    {
        var length = ReadLength();
        return _position + length;
    }

    /// <summary>Reads packed values up to <paramref name="end"/> only (the limit is narrowed while doing so).</summary>
    public int NarrowTo(int end)
    {
        var outer = _limit;
        _limit = end;
        return outer;
    }

    /// <summary>Puts back the limit <see cref="NarrowTo"/> returned, once the packed values are read.</summary>
    public void RestoreLimit(int outer) => _limit = outer;

    /// <summary>Throws the <see cref="ProtoDecodeException"/> for a problem at byte <paramref name="position"/>.</summary>
    [DoesNotReturn]
    public static void ThrowAt(long position, string reason) => throw new ProtoDecodeException(position, reason);
}
