using System.Buffers.Binary;
using System.Text;

namespace Steward.Rpc.Corba;

/// <summary>
/// Writes CDR (CORBA 3.0, chapter 15.3) into a growable buffer: every primitive aligned on its own size
/// relative to the start of the message or of the innermost encapsulation, strings with their length and
/// terminating NUL, wide characters as the GIOP version and the negotiated code sets ask. Steward writes
/// little-endian; big-endian exists for tests that play a big-endian peer. Not thread-safe.
/// </summary>
public sealed partial class CdrOutputStream
{
    private static readonly Encoding Latin1 = Encoding.Latin1;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private byte[] _buffer;
    private int _position;
    // Alignment is computed from this position: -offset of the stream in its message, or an encapsulation's start.
    private int _origin;
    private readonly Stack<(int LengthAt, int Origin, bool LittleEndian)> _encapsulations = new();

    /// <summary>
    /// A stream for <paramref name="version"/> and <paramref name="codeSets"/>. <paramref name="alignmentOffset"/>
    /// is where the stream's first byte sits in its message (12 for a body written after the GIOP header).
    /// </summary>
    public CdrOutputStream(GiopVersion version, CodeSets codeSets, int alignmentOffset = 0, bool littleEndian = true, int initialCapacity = 256)
    {
        Version = version;
        CodeSets = codeSets;
        IsLittleEndian = littleEndian;
        _origin = -alignmentOffset;
        _buffer = new byte[Math.Max(16, initialCapacity)];
    }

    /// <summary>A GIOP 1.2 little-endian stream with the native code sets, at offset 0.</summary>
    public CdrOutputStream() : this(GiopVersion.V1_2, CodeSets.Native) { }

    /// <summary>The GIOP version being written; it decides the wchar encoding.</summary>
    public GiopVersion Version { get; }

    /// <summary>The transmission code sets for char and wchar.</summary>
    public CodeSets CodeSets { get; set; }

    /// <summary>The byte order of the innermost encapsulation (or of the stream).</summary>
    public bool IsLittleEndian { get; private set; }

    /// <summary>How many bytes have been written.</summary>
    public int Position => _position;

    /// <summary>The bytes written so far (valid until the next write).</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _position);

    /// <summary>The bytes written so far (valid until the next write).</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _position);

    /// <summary>A copy of the bytes written so far.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Pads with zeros up to a multiple of <paramref name="boundary"/> (1, 2, 4 or 8) from the alignment origin.</summary>
    public void Align(int boundary)
    {
        var misalignment = (_position - _origin) & (boundary - 1);
        if (misalignment != 0)
        {
            var pad = boundary - misalignment;
            EnsureCapacity(pad);
            _buffer.AsSpan(_position, pad).Clear();
            _position += pad;
        }
    }

    /// <summary>An octet.</summary>
    public void WriteOctet(byte value)
    {
        EnsureCapacity(1);
        _buffer[_position++] = value;
    }

    /// <summary>A boolean: one octet, 0 or 1.</summary>
    public void WriteBoolean(bool value) => WriteOctet(value ? (byte)1 : (byte)0);

    /// <summary>Raw octets, unaligned and without a length (a sequence's elements, an array of octets).</summary>
    public void WriteOctets(ReadOnlySpan<byte> value)
    {
        EnsureCapacity(value.Length);
        value.CopyTo(_buffer.AsSpan(_position));
        _position += value.Length;
    }

    /// <summary>A short, aligned on 2.</summary>
    public void WriteShort(short value) => WriteUShort((ushort)value);

    /// <summary>An unsigned short, aligned on 2.</summary>
    public void WriteUShort(ushort value)
    {
        Align(2);
        EnsureCapacity(2);
        if (IsLittleEndian)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(_position), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_position), value);
        }
        _position += 2;
    }

    /// <summary>A long (32 bits), aligned on 4.</summary>
    public void WriteLong(int value) => WriteULong((uint)value);

    /// <summary>An unsigned long (32 bits), aligned on 4; also an enum's value and every length.</summary>
    public void WriteULong(uint value)
    {
        Align(4);
        EnsureCapacity(4);
        if (IsLittleEndian)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_position), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_position), value);
        }
        _position += 4;
    }

    /// <summary>A long long (64 bits), aligned on 8.</summary>
    public void WriteLongLong(long value) => WriteULongLong((ulong)value);

    /// <summary>An unsigned long long (64 bits), aligned on 8.</summary>
    public void WriteULongLong(ulong value)
    {
        Align(8);
        EnsureCapacity(8);
        if (IsLittleEndian)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(_position), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt64BigEndian(_buffer.AsSpan(_position), value);
        }
        _position += 8;
    }

    /// <summary>A float (IEEE single), aligned on 4.</summary>
    public void WriteFloat(float value) => WriteULong(BitConverter.SingleToUInt32Bits(value));

    /// <summary>A double (IEEE double), aligned on 8.</summary>
    public void WriteDouble(double value) => WriteULongLong(BitConverter.DoubleToUInt64Bits(value));

    /// <summary>An enum's value: an unsigned long.</summary>
    public void WriteEnum(uint value) => WriteULong(value);

    /// <summary>A sequence's or string's length, as an unsigned long.</summary>
    public void WriteLength(int length)
    {
        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "A CDR length is not negative.");
        }
        WriteULong((uint)length);
    }

    /// <summary>
    /// A char in the negotiated char code set: one octet. In UTF-8 only characters below U+0080 fit one
    /// octet; anything else (and anything above U+00FF in ISO-8859-1) is a DATA_CONVERSION.
    /// </summary>
    public void WriteChar(char value)
    {
        var limit = CodeSets.Char == CodeSets.Utf8 ? 0x80 : 0x100;
        if (value >= limit)
        {
            throw new CorbaSystemException("DATA_CONVERSION", 0, CompletionStatus.No,
                $"The character U+{(int)value:X4} does not fit one octet of the char code set 0x{CodeSets.Char:x8}.");
        }
        WriteOctet((byte)value);
    }

    /// <summary>
    /// A string: its length in octets including the terminating NUL (an unsigned long), the octets in the
    /// negotiated char code set, the NUL. A NUL inside the string cannot be sent (BAD_PARAM).
    /// </summary>
    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw CorbaSystemException.BadParam("A CORBA string cannot contain NUL.");
        }
        var encoding = CodeSets.Char == CodeSets.Utf8 ? (Encoding)Utf8 : Latin1;
        if (encoding == Latin1)
        {
            foreach (var c in value)
            {
                if (c > 0xFF)
                {
                    throw new CorbaSystemException("DATA_CONVERSION", 0, CompletionStatus.No,
                        $"The character U+{(int)c:X4} is not in ISO-8859-1, the char code set in use.");
                }
            }
        }
        var count = encoding.GetByteCount(value);
        WriteULong((uint)(count + 1));
        EnsureCapacity(count + 1);
        encoding.GetBytes(value, _buffer.AsSpan(_position));
        _position += count;
        _buffer[_position++] = 0;
    }

    /// <summary>
    /// A wchar in UTF-16. GIOP 1.2 writes an octet length (2) and the code unit big-endian, as omniORB
    /// does; GIOP 1.1 writes the code unit aligned on 2 in the stream's byte order; GIOP 1.0 has no wchar
    /// (BAD_PARAM), nor does a connection whose wchar code set was not negotiated.
    /// </summary>
    public void WriteWChar(char value)
    {
        RequireWideCodeSet();
        if (Version.IsAtLeast(1, 2))
        {
            WriteOctet(2);
            WriteOctet((byte)(value >> 8));
            WriteOctet((byte)value);
        }
        else
        {
            WriteUShort(value);
        }
    }

    /// <summary>
    /// A wstring in UTF-16. GIOP 1.2: the length in octets (an unsigned long), then the code units
    /// big-endian with no BOM and no NUL. GIOP 1.1: the length in code units including a terminating NUL,
    /// then the units in the stream's byte order, then the NUL.
    /// </summary>
    public void WriteWString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        RequireWideCodeSet();
        if (Version.IsAtLeast(1, 2))
        {
            WriteULong((uint)(value.Length * 2));
            EnsureCapacity(value.Length * 2);
            foreach (var c in value)
            {
                _buffer[_position++] = (byte)(c >> 8);
                _buffer[_position++] = (byte)c;
            }
        }
        else
        {
            if (value.Contains('\0', StringComparison.Ordinal))
            {
                throw CorbaSystemException.BadParam("A GIOP 1.1 wstring cannot contain NUL.");
            }
            WriteULong((uint)(value.Length + 1));
            foreach (var c in value)
            {
                WriteUShort(c);
            }
            WriteUShort(0);
        }
    }

    /// <summary>A sequence: its length, then each element written by <paramref name="write"/>.</summary>
    public void WriteSequence<T>(IReadOnlyList<T> values, CdrWriter<T> write)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(write);
        WriteLength(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            write(this, values[i]);
        }
    }

    /// <summary>A sequence of octets: its length, then the octets.</summary>
    public void WriteOctetSequence(ReadOnlySpan<byte> values)
    {
        WriteLength(values.Length);
        WriteOctets(values);
    }

    /// <summary>
    /// Opens an encapsulation: a placeholder for its length, then its byte-order octet. Until the matching
    /// <see cref="EndEncapsulation"/>, alignment counts from the byte-order octet.
    /// </summary>
    public void BeginEncapsulation(bool littleEndian = true)
    {
        WriteULong(0);
        _encapsulations.Push((_position - 4, _origin, IsLittleEndian));
        _origin = _position;
        IsLittleEndian = littleEndian;
        WriteOctet(littleEndian ? (byte)1 : (byte)0);
    }

    /// <summary>Closes the innermost encapsulation, writing its length.</summary>
    public void EndEncapsulation()
    {
        if (_encapsulations.Count == 0)
        {
            throw new InvalidOperationException("No encapsulation is open.");
        }
        var (lengthAt, origin, littleEndian) = _encapsulations.Pop();
        var length = (uint)(_position - lengthAt - 4);
        if (littleEndian)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(lengthAt), length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(lengthAt), length);
        }
        _origin = origin;
        IsLittleEndian = littleEndian;
    }

    /// <summary>
    /// A new stream that has begun an encapsulation to be carried without its length (as the contents of an octet
    /// sequence: profile bodies, tagged components, service contexts); finish it with <see cref="ToEncapsulationData"/>.
    /// </summary>
    public static CdrOutputStream ForEncapsulationData()
    {
        var output = new CdrOutputStream(GiopVersion.V1_2, CodeSets.Default);
        output.BeginEncapsulation();
        return output;
    }

    /// <summary>Ends the encapsulation <see cref="ForEncapsulationData"/> began and returns it without its length: the byte-order octet and what follows.</summary>
    public byte[] ToEncapsulationData()
    {
        EndEncapsulation();
        return WrittenSpan[4..].ToArray();
    }

    /// <summary>Overwrites 4 bytes at <paramref name="position"/> (a length written before its contents) in the stream's byte order.</summary>
    public void PatchULong(int position, uint value)
    {
        if (position < 0 || position + 4 > _position)
        {
            throw new ArgumentOutOfRangeException(nameof(position));
        }
        if (IsLittleEndian)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(position), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(position), value);
        }
    }

    private void RequireWideCodeSet()
    {
        if (!Version.IsAtLeast(1, 1))
        {
            throw CorbaSystemException.BadParam("GIOP 1.0 cannot carry wchar or wstring.");
        }
        if (CodeSets.WChar != CodeSets.Utf16)
        {
            throw CorbaSystemException.BadParam("No wchar code set was negotiated with the peer (its IOR offers none Steward speaks).");
        }
    }

    private void EnsureCapacity(int count)
    {
        if (_buffer.Length - _position < count)
        {
            var size = Math.Max(_buffer.Length * 2, _position + count);
            Array.Resize(ref _buffer, size);
        }
    }
}
