using System.Buffers.Binary;
using System.Text;

namespace Steward.Rpc.Corba;

/// <summary>
/// Reads CDR in either byte order from one buffer, aligned as <see cref="CdrOutputStream"/> writes it.
/// Every read is bounded: reading past the end, a length larger than what is left, a string without its
/// NUL or nesting deeper than <see cref="CdrLimits.MaxDepth"/> is a MARSHAL <see cref="CorbaSystemException"/>.
/// </summary>
public sealed partial class CdrInputStream
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReadOnlyMemory<byte> _data;
    private int _position;
    private readonly int _origin;
    private readonly int _depth;

    /// <summary>
    /// A reader of <paramref name="data"/> in the byte order <paramref name="littleEndian"/>.
    /// <paramref name="alignmentOffset"/> is where <paramref name="data"/> starts in its message (12 for a body after the GIOP header).
    /// </summary>
    public CdrInputStream(ReadOnlyMemory<byte> data, bool littleEndian, GiopVersion version, CodeSets codeSets, CdrLimits? limits = null, int alignmentOffset = 0)
        : this(data, littleEndian, version, codeSets, limits ?? CdrLimits.Default, -alignmentOffset, 0)
    {
    }

    private CdrInputStream(ReadOnlyMemory<byte> data, bool littleEndian, GiopVersion version, CodeSets codeSets, CdrLimits limits, int origin, int depth)
    {
        _data = data;
        IsLittleEndian = littleEndian;
        Version = version;
        CodeSets = codeSets;
        Limits = limits;
        _origin = origin;
        _depth = depth;
    }

    /// <summary>The byte order of what is being read.</summary>
    public bool IsLittleEndian { get; }

    /// <summary>The GIOP version of the message; it decides the wchar encoding.</summary>
    public GiopVersion Version { get; }

    /// <summary>The transmission code sets for char and wchar.</summary>
    public CodeSets CodeSets { get; }

    /// <summary>The bounds this reader enforces.</summary>
    public CdrLimits Limits { get; }

    /// <summary>How many encapsulations (and TypeCodes, anys) enclose this reader.</summary>
    public int Depth => _depth;

    /// <summary>Bytes read so far.</summary>
    public int Position => _position;

    /// <summary>Bytes not read yet.</summary>
    public int Remaining => _data.Length - _position;

    /// <summary>The bytes not read yet.</summary>
    public ReadOnlyMemory<byte> RemainingMemory => _data[_position..];

    /// <summary>Skips padding up to a multiple of <paramref name="boundary"/> from the alignment origin.</summary>
    public void Align(int boundary)
    {
        var misalignment = (_position - _origin) & (boundary - 1);
        if (misalignment != 0)
        {
            Skip(boundary - misalignment);
        }
    }

    /// <summary>Skips <paramref name="count"/> bytes.</summary>
    public void Skip(int count)
    {
        Need(count);
        _position += count;
    }

    /// <summary>An octet.</summary>
    public byte ReadOctet()
    {
        Need(1);
        return _data.Span[_position++];
    }

    /// <summary>A boolean; an octet other than 0 or 1 is a MARSHAL.</summary>
    public bool ReadBoolean()
    {
        var value = ReadOctet();
        return value switch
        {
            0 => false,
            1 => true,
            _ => throw CorbaSystemException.Marshal($"A CDR boolean is 0 or 1, not {value}."),
        };
    }

    /// <summary><paramref name="count"/> raw octets.</summary>
    public ReadOnlySpan<byte> ReadOctets(int count)
    {
        Need(count);
        var span = _data.Span.Slice(_position, count);
        _position += count;
        return span;
    }

    /// <summary>A short.</summary>
    public short ReadShort() => (short)ReadUShort();

    /// <summary>An unsigned short.</summary>
    public ushort ReadUShort()
    {
        Align(2);
        var span = ReadOctets(2);
        return IsLittleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(span) : BinaryPrimitives.ReadUInt16BigEndian(span);
    }

    /// <summary>A long (32 bits).</summary>
    public int ReadLong() => (int)ReadULong();

    /// <summary>An unsigned long (32 bits).</summary>
    public uint ReadULong()
    {
        Align(4);
        var span = ReadOctets(4);
        return IsLittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(span) : BinaryPrimitives.ReadUInt32BigEndian(span);
    }

    /// <summary>A long long (64 bits).</summary>
    public long ReadLongLong() => (long)ReadULongLong();

    /// <summary>An unsigned long long (64 bits).</summary>
    public ulong ReadULongLong()
    {
        Align(8);
        var span = ReadOctets(8);
        return IsLittleEndian ? BinaryPrimitives.ReadUInt64LittleEndian(span) : BinaryPrimitives.ReadUInt64BigEndian(span);
    }

    /// <summary>A float.</summary>
    public float ReadFloat() => BitConverter.UInt32BitsToSingle(ReadULong());

    /// <summary>A double.</summary>
    public double ReadDouble() => BitConverter.UInt64BitsToDouble(ReadULongLong());

    /// <summary>An enum's value; one not below <paramref name="count"/> (the number of enumerators) is a MARSHAL.</summary>
    public uint ReadEnum(uint count)
    {
        var value = ReadULong();
        if (value >= count)
        {
            throw CorbaSystemException.Marshal($"Enum value {value} is out of range (the enum has {count} enumerators).");
        }
        return value;
    }

    /// <summary>
    /// A sequence's length. Each element takes at least <paramref name="minElementSize"/> bytes, so a
    /// length that more bytes than are left could not hold (or above <see cref="CdrLimits.MaxSequenceLength"/>) is a MARSHAL.
    /// </summary>
    public int ReadLength(int minElementSize = 1)
    {
        var length = ReadULong();
        if (length > (uint)Limits.MaxSequenceLength || (minElementSize > 0 && length > (uint)(Remaining / minElementSize)))
        {
            throw CorbaSystemException.Marshal($"A length of {length} exceeds what the message can hold ({Remaining} bytes left).");
        }
        return (int)length;
    }

    /// <summary>A char in the negotiated char code set: one octet.</summary>
    public char ReadChar()
    {
        var value = ReadOctet();
        if (CodeSets.Char == CodeSets.Utf8 && value >= 0x80)
        {
            throw new CorbaSystemException("DATA_CONVERSION", 0, CompletionStatus.No, $"The octet 0x{value:x2} is not a one-octet UTF-8 char.");
        }
        return (char)value;
    }

    /// <summary>A string: length including NUL, the octets, the NUL. A zero length, a missing NUL or a NUL inside is a MARSHAL.</summary>
    public string ReadString()
    {
        var length = ReadLength();
        if (length == 0)
        {
            throw CorbaSystemException.Marshal("A CDR string's length counts its terminating NUL, so it is never 0.");
        }
        var bytes = ReadOctets(length);
        if (bytes[^1] != 0)
        {
            throw CorbaSystemException.Marshal("A CDR string does not end with NUL.");
        }
        bytes = bytes[..^1];
        // A CORBA string cannot hold NUL (the writer refuses one): a NUL inside is malformed, not data.
        if (bytes.IndexOf((byte)0) >= 0)
        {
            throw CorbaSystemException.Marshal("A CDR string holds a NUL before its end.");
        }
        if (CodeSets.Char == CodeSets.Utf8)
        {
            try
            {
                return Utf8.GetString(bytes);
            }
            catch (DecoderFallbackException ex)
            {
                throw new CorbaSystemException("DATA_CONVERSION", 0, CompletionStatus.No, "A string is not valid UTF-8, the char code set in use.", ex);
            }
        }
        return Encoding.Latin1.GetString(bytes);
    }

    /// <summary>A wchar in UTF-16, as <see cref="CdrOutputStream.WriteWChar"/> writes it for the message's version.</summary>
    public char ReadWChar()
    {
        RequireWideCodeSet();
        if (Version.IsAtLeast(1, 2))
        {
            var length = ReadOctet();
            if (length != 2)
            {
                throw CorbaSystemException.Marshal($"A UTF-16 wchar is 2 octets, not {length}.");
            }
            var span = ReadOctets(2);
            return (char)((span[0] << 8) | span[1]);
        }
        return (char)ReadUShort();
    }

    /// <summary>A wstring in UTF-16, as <see cref="CdrOutputStream.WriteWString"/> writes it for the message's version.</summary>
    public string ReadWString()
    {
        RequireWideCodeSet();
        if (Version.IsAtLeast(1, 2))
        {
            var octets = ReadLength();
            if ((octets & 1) != 0)
            {
                throw CorbaSystemException.Marshal($"A UTF-16 wstring has an even number of octets, not {octets}.");
            }
            var span = ReadOctets(octets);
            var littleEndian = false;
            var start = 0;
            // A byte-order mark, when present, decides the order of the rest (GIOP 1.2, 15.3.1.6).
            if (span.Length >= 2 && ((span[0] == 0xFE && span[1] == 0xFF) || (span[0] == 0xFF && span[1] == 0xFE)))
            {
                littleEndian = span[0] == 0xFF;
                start = 2;
            }
            var chars = new char[(span.Length - start) / 2];
            for (var i = 0; i < chars.Length; i++)
            {
                var at = start + 2 * i;
                chars[i] = littleEndian ? (char)(span[at] | (span[at + 1] << 8)) : (char)((span[at] << 8) | span[at + 1]);
            }
            return new string(chars);
        }
        var units = ReadLength(2);
        if (units == 0)
        {
            throw CorbaSystemException.Marshal("A GIOP 1.1 wstring's length counts its terminating NUL, so it is never 0.");
        }
        var text = new char[units - 1];
        for (var i = 0; i < text.Length; i++)
        {
            text[i] = (char)ReadUShort();
        }
        if (ReadUShort() != 0)
        {
            throw CorbaSystemException.Marshal("A GIOP 1.1 wstring does not end with NUL.");
        }
        return new string(text);
    }

    /// <summary>A sequence: its length (each element at least <paramref name="minElementSize"/> bytes), then each element.</summary>
    public T[] ReadSequence<T>(CdrReader<T> read, int minElementSize = 1)
    {
        ArgumentNullException.ThrowIfNull(read);
        var length = ReadLength(minElementSize);
        var values = new T[length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = read(this);
        }
        return values;
    }

    /// <summary>A sequence of octets.</summary>
    public byte[] ReadOctetSequence() => ReadOctets(ReadLength()).ToArray();

    /// <summary>
    /// An encapsulation: its length, then a reader of its contents in their own byte order with alignment
    /// counted from the byte-order octet. This reader moves past the whole encapsulation.
    /// </summary>
    public CdrInputStream ReadEncapsulation()
    {
        var length = ReadLength();
        var content = _data.Slice(_position, length);
        _position += length;
        return Open(content, Version, CodeSets, Limits, _depth + 1);
    }

    /// <summary>
    /// A reader of an encapsulation held without its length — the contents of an octet sequence, as IIOP profile
    /// bodies, tagged components, service contexts and encapsulated IORs are — in its own byte order, with
    /// alignment counted from the byte-order octet. No char or wchar code set is negotiated for it.
    /// </summary>
    public static CdrInputStream OpenEncapsulation(ReadOnlyMemory<byte> data, CdrLimits? limits = null) =>
        Open(data, GiopVersion.V1_2, CodeSets.Default, limits ?? CdrLimits.Default, 1);

    private static CdrInputStream Open(ReadOnlyMemory<byte> content, GiopVersion version, CodeSets codeSets, CdrLimits limits, int depth)
    {
        if (content.Length == 0)
        {
            throw CorbaSystemException.Marshal("An encapsulation holds at least its byte-order octet.");
        }
        if (depth > limits.MaxDepth)
        {
            throw CorbaSystemException.Marshal($"Encapsulations nest deeper than {limits.MaxDepth}.");
        }
        var order = content.Span[0];
        if (order > 1)
        {
            throw CorbaSystemException.Marshal($"An encapsulation's byte-order octet is 0 or 1, not {order}.");
        }
        return new CdrInputStream(content, order == 1, version, codeSets, limits, 0, depth) { _position = 1 };
    }

    private void RequireWideCodeSet()
    {
        if (!Version.IsAtLeast(1, 1))
        {
            throw CorbaSystemException.Marshal("GIOP 1.0 cannot carry wchar or wstring.");
        }
        if (CodeSets.WChar != CodeSets.Utf16)
        {
            throw CorbaSystemException.Marshal("A wchar arrived but no wchar code set was negotiated.");
        }
    }

    private void Need(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw CorbaSystemException.Marshal($"The message ends {count - Remaining} bytes early (needed {count} at offset {_position}).");
        }
    }
}
