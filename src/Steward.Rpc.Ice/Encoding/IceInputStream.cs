using System.Buffers.Binary;
using System.Text;

namespace Steward.Rpc.Ice;

/// <summary>
/// Reads the Ice encoding 1.1 from one contiguous buffer (a whole message: they are bounded by
/// <see cref="IceLimits.MaxMessageSize"/>): the primitives, sizes, strings and encapsulations here;
/// classes, exceptions and optionals in the other parts of this class. Every read is bounded by the
/// data and by the innermost encapsulation; bad bytes end in an <see cref="IceMarshalException"/>.
/// </summary>
public sealed partial class IceInputStream
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReadOnlyMemory<byte> _data;
    private int _position;
    private int _end;
    private readonly Stack<(int End, byte Major, byte Minor)> _encapsulations = new();

    /// <summary>A stream over <paramref name="data"/>, bounded by <paramref name="limits"/> (the defaults when null).</summary>
    public IceInputStream(ReadOnlyMemory<byte> data, IceLimits? limits = null)
    {
        _data = data;
        _end = data.Length;
        Limits = limits ?? IceLimits.Default;
    }

    /// <summary>The bounds this stream enforces.</summary>
    public IceLimits Limits { get; }

    /// <summary>Bytes read so far from the start of the data.</summary>
    public int Position => _position;

    /// <summary>Bytes left before the end of the innermost encapsulation (or of the data).</summary>
    public int Remaining => _end - _position;

    /// <summary>The encoding of the innermost encapsulation being read; 1.1 outside any.</summary>
    public (byte Major, byte Minor) Encoding => _encapsulations.Count == 0 ? ((byte)1, (byte)1) : (_encapsulations.Peek().Major, _encapsulations.Peek().Minor);

    /// <summary>A bool: any byte but 0 is true, as Ice reads it.</summary>
    public bool ReadBool() => ReadByte() != 0;

    /// <summary>An unsigned byte.</summary>
    public byte ReadByte()
    {
        Need(1);
        return _data.Span[_position++];
    }

    /// <summary>A 16-bit integer, little-endian.</summary>
    public short ReadShort()
    {
        Need(2);
        var value = BinaryPrimitives.ReadInt16LittleEndian(_data.Span.Slice(_position));
        _position += 2;
        return value;
    }

    /// <summary>A 32-bit integer, little-endian.</summary>
    public int ReadInt()
    {
        Need(4);
        var value = BinaryPrimitives.ReadInt32LittleEndian(_data.Span.Slice(_position));
        _position += 4;
        return value;
    }

    /// <summary>A 64-bit integer, little-endian.</summary>
    public long ReadLong()
    {
        Need(8);
        var value = BinaryPrimitives.ReadInt64LittleEndian(_data.Span.Slice(_position));
        _position += 8;
        return value;
    }

    /// <summary>An IEEE 754 single, little-endian.</summary>
    public float ReadFloat()
    {
        Need(4);
        var value = BinaryPrimitives.ReadSingleLittleEndian(_data.Span.Slice(_position));
        _position += 4;
        return value;
    }

    /// <summary>An IEEE 754 double, little-endian.</summary>
    public double ReadDouble()
    {
        Need(8);
        var value = BinaryPrimitives.ReadDoubleLittleEndian(_data.Span.Slice(_position));
        _position += 8;
        return value;
    }

    /// <summary>A size (one byte, or 255 then an int); a negative one is a marshal error.</summary>
    public int ReadSize()
    {
        var first = ReadByte();
        if (first < 255)
        {
            return first;
        }
        var size = ReadInt();
        if (size < 0)
        {
            throw new IceMarshalException($"Negative size {size}.");
        }
        return size;
    }

    /// <summary>
    /// The element count of a sequence or dictionary, checked against the bytes left: each element takes at
    /// least <paramref name="minElementSize"/> bytes, so a count the data cannot hold fails before anything is allocated.
    /// </summary>
    public int ReadAndCheckSeqSize(int minElementSize)
    {
        var size = ReadSize();
        if ((long)size * Math.Max(1, minElementSize) > Remaining)
        {
            throw new IceMarshalException($"A sequence of {size} elements cannot fit in the {Remaining} bytes left.");
        }
        return size;
    }

    /// <summary>A string (size, then UTF-8); invalid UTF-8 is a marshal error.</summary>
    public string ReadString()
    {
        var length = ReadSize();
        if (length == 0)
        {
            return "";
        }
        var bytes = ReadBytes(length);
        try
        {
            return Utf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new IceMarshalException("A string is not valid UTF-8.", ex);
        }
    }

    /// <summary><paramref name="count"/> raw bytes, without copying.</summary>
    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        Need(count);
        var span = _data.Span.Slice(_position, count);
        _position += count;
        return span;
    }

    /// <summary><paramref name="count"/> raw bytes as memory over the stream's data, without copying.</summary>
    public ReadOnlyMemory<byte> ReadMemory(int count)
    {
        Need(count);
        var memory = _data.Slice(_position, count);
        _position += count;
        return memory;
    }

    /// <summary>A <c>sequence&lt;byte&gt;</c>.</summary>
    public byte[] ReadByteSeq() => ReadBytes(ReadAndCheckSeqSize(1)).ToArray();

    /// <summary>A <c>sequence&lt;string&gt;</c>.</summary>
    public string[] ReadStringSeq()
    {
        var count = ReadAndCheckSeqSize(1);
        var values = new string[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = ReadString();
        }
        return values;
    }

    /// <summary>An enumerator of an enum whose largest value is <paramref name="maxValue"/>; out of range is a marshal error.</summary>
    public int ReadEnum(int maxValue)
    {
        var value = ReadSize();
        if (value > maxValue)
        {
            throw new IceMarshalException($"Enumerator {value} is out of range (the largest is {maxValue}).");
        }
        return value;
    }

    /// <summary>
    /// Enters an encapsulation: reads its size (at least the six header bytes, at most what is left) and
    /// encoding; reads are then bounded by its end. Only encoding 1.0 and 1.1 are accepted.
    /// </summary>
    public (byte Major, byte Minor) StartEncapsulation()
    {
        var start = _position;
        var size = ReadInt();
        if (size < 6 || size - 4 > Remaining)
        {
            throw new IceMarshalException($"An encapsulation of {size} bytes does not fit the {Remaining + 4} bytes left.");
        }
        var major = ReadByte();
        var minor = ReadByte();
        if (major != 1 || minor > 1)
        {
            throw new IceMarshalException($"Unsupported encoding {major}.{minor} (Steward reads 1.0 and 1.1).");
        }
        _encapsulations.Push((_end, major, minor));
        _end = start + size;
        return (major, minor);
    }

    /// <summary>Leaves the innermost encapsulation, which must have been read to its end.</summary>
    public void EndEncapsulation()
    {
        if (_encapsulations.Count == 0)
        {
            throw new InvalidOperationException("No encapsulation was started.");
        }
        if (_position != _end)
        {
            throw new IceMarshalException($"The encapsulation has {_end - _position} bytes left unread.");
        }
        _end = _encapsulations.Pop().End;
    }

    /// <summary>Skips a whole encapsulation (size and encoding checked) and returns its encoding.</summary>
    public (byte Major, byte Minor) SkipEncapsulation()
    {
        var encoding = StartEncapsulation();
        _position = _end;
        EndEncapsulation();
        return encoding;
    }

    /// <summary>Reads a whole encapsulation, header included, as memory over the data (to pass on unread).</summary>
    public ReadOnlyMemory<byte> ReadEncapsulationBytes()
    {
        var start = _position;
        SkipEncapsulation();
        return _data.Slice(start, _position - start);
    }

    /// <summary>Skips <paramref name="count"/> bytes.</summary>
    public void Skip(int count)
    {
        Need(count);
        _position += count;
    }

    private void Need(int count)
    {
        if (count < 0 || count > _end - _position)
        {
            throw new IceMarshalException($"Needed {count} bytes, {_end - _position} left (the data ends early).");
        }
    }
}
