using System.Buffers.Binary;
using System.Text;

namespace Steward.Rpc.Ice;

/// <summary>
/// Writes the Ice encoding 1.1 (little-endian) into a growable buffer: the primitives, sizes, strings
/// and encapsulations here; classes, exceptions and optionals in the other parts of this class.
/// One stream writes one message or one encapsulation at a time; it is not thread-safe.
/// </summary>
public sealed partial class IceOutputStream
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private byte[] _buffer;
    private int _position;
    private readonly Stack<int> _encapsulationStarts = new();

    /// <summary>An empty stream whose buffer starts at <paramref name="initialCapacity"/> bytes.</summary>
    public IceOutputStream(int initialCapacity = 256)
    {
        _buffer = new byte[Math.Max(16, initialCapacity)];
    }

    /// <summary>How many bytes have been written.</summary>
    public int Position => _position;

    /// <summary>The bytes written so far (valid until the next write).</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _position);

    /// <summary>The bytes written so far (valid until the next write).</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _position);

    /// <summary>A copy of the bytes written so far.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Forgets everything written, keeping the buffer for reuse.</summary>
    public void Reset()
    {
        _position = 0;
        _encapsulationStarts.Clear();
        ResetClassState();
    }

    /// <summary>A span of at least <paramref name="size"/> bytes at the current position; follow with <see cref="Advance"/>.</summary>
    public Span<byte> GetSpan(int size)
    {
        EnsureCapacity(size);
        return _buffer.AsSpan(_position);
    }

    /// <summary>Moves the position past <paramref name="count"/> bytes written into <see cref="GetSpan"/>.</summary>
    public void Advance(int count) => _position += count;

    /// <summary>A bool as one byte, 0 or 1.</summary>
    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    /// <summary>An unsigned byte.</summary>
    public void WriteByte(byte value)
    {
        EnsureCapacity(1);
        _buffer[_position++] = value;
    }

    /// <summary>A 16-bit integer, little-endian.</summary>
    public void WriteShort(short value)
    {
        EnsureCapacity(2);
        BinaryPrimitives.WriteInt16LittleEndian(_buffer.AsSpan(_position), value);
        _position += 2;
    }

    /// <summary>A 32-bit integer, little-endian.</summary>
    public void WriteInt(int value)
    {
        EnsureCapacity(4);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_position), value);
        _position += 4;
    }

    /// <summary>A 64-bit integer, little-endian.</summary>
    public void WriteLong(long value)
    {
        EnsureCapacity(8);
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_position), value);
        _position += 8;
    }

    /// <summary>An IEEE 754 single, little-endian.</summary>
    public void WriteFloat(float value)
    {
        EnsureCapacity(4);
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.AsSpan(_position), value);
        _position += 4;
    }

    /// <summary>An IEEE 754 double, little-endian.</summary>
    public void WriteDouble(double value)
    {
        EnsureCapacity(8);
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_position), value);
        _position += 8;
    }

    /// <summary>A size: one byte below 255, else 255 followed by the size as an int.</summary>
    public void WriteSize(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (size < 255)
        {
            WriteByte((byte)size);
        }
        else
        {
            WriteByte(255);
            WriteInt(size);
        }
    }

    /// <summary>A string: its UTF-8 length as a size, then the bytes. Null is written as the empty string, as Ice does.</summary>
    public void WriteString(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            WriteByte(0);
            return;
        }
        var byteCount = Utf8.GetByteCount(value);
        WriteSize(byteCount);
        EnsureCapacity(byteCount);
        _position += Utf8.GetBytes(value, _buffer.AsSpan(_position));
    }

    /// <summary>Raw bytes, with no size in front.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        EnsureCapacity(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
    }

    /// <summary>A <c>sequence&lt;byte&gt;</c>: the count as a size, then the bytes.</summary>
    public void WriteByteSeq(ReadOnlySpan<byte> bytes)
    {
        WriteSize(bytes.Length);
        WriteBytes(bytes);
    }

    /// <summary>A <c>sequence&lt;string&gt;</c>: the count as a size, then each string.</summary>
    public void WriteStringSeq(IReadOnlyCollection<string>? values)
    {
        if (values is null)
        {
            WriteByte(0);
            return;
        }
        WriteSize(values.Count);
        foreach (var value in values)
        {
            WriteString(value);
        }
    }

    /// <summary>An enumerator: in encoding 1.1 its value as a size (<paramref name="value"/> must not be negative).</summary>
    public void WriteEnum(int value) => WriteSize(value);

    /// <summary>Overwrites four bytes at <paramref name="position"/> with <paramref name="value"/> (a size written later).</summary>
    public void RewriteInt(int value, int position) =>
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(position, 4), value);

    /// <summary>Starts an encapsulation of encoding <paramref name="major"/>.<paramref name="minor"/> (1.1 unless told).</summary>
    public void StartEncapsulation(byte major = 1, byte minor = 1)
    {
        _encapsulationStarts.Push(_position);
        WriteInt(0);
        WriteByte(major);
        WriteByte(minor);
    }

    /// <summary>Ends the innermost encapsulation, writing its size (the six header bytes included).</summary>
    public void EndEncapsulation()
    {
        if (_encapsulationStarts.Count == 0)
        {
            throw new InvalidOperationException("No encapsulation was started.");
        }
        var start = _encapsulationStarts.Pop();
        RewriteInt(_position - start, start);
    }

    /// <summary>An empty encapsulation of encoding 1.1 (what a void reply or a call without parameters carries).</summary>
    public void WriteEmptyEncapsulation()
    {
        WriteInt(6);
        WriteByte(1);
        WriteByte(1);
    }

    private void EnsureCapacity(int extra)
    {
        if (_buffer.Length - _position >= extra)
        {
            return;
        }
        var size = Math.Max(_buffer.Length * 2, _position + extra);
        Array.Resize(ref _buffer, size);
    }

    /// <summary>Clears what the class and exception writer keeps between values (instance indexes, type ids).</summary>
    partial void ResetClassState();
}
