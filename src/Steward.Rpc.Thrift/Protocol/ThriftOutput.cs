using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Steward.Rpc.Thrift;

/// <summary>
/// The window a writer fills: one <see cref="IBufferWriter{T}.GetMemory"/> chunk at a time, committed with a
/// single <see cref="IBufferWriter{T}.Advance"/> when the chunk is full or on <see cref="Flush"/>.
/// A mutable struct held in a field of its writer.
/// </summary>
internal struct ThriftOutput
{
    /// <summary>The least we ask the output for, so small values do not each cost a GetMemory.</summary>
    private const int ChunkHint = 512;

    /// <summary>Strings and binaries longer than this are written in pieces instead of one contiguous span.</summary>
    public const int LargeValue = 16 * 1024;

    private IBufferWriter<byte>? _output;
    private Memory<byte> _buffer;
    private int _buffered;

    public void Reset(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _buffer = Memory<byte>.Empty;
        _buffered = 0;
    }

    /// <summary>A span of at least <paramref name="size"/> bytes at the write position.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> GetSpan(int size)
    {
        if (_buffer.Length - _buffered < size)
        {
            Grow(size);
        }
        return _buffer.Span[_buffered..];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(int count) => _buffered += count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteByte(byte value)
    {
        if (_buffered >= _buffer.Length)
        {
            Grow(1);
        }
        _buffer.Span[_buffered++] = value;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= LargeValue)
        {
            bytes.CopyTo(GetSpan(bytes.Length));
            _buffered += bytes.Length;
            return;
        }
        var output = Commit();
        output.Write(bytes);
    }

    /// <summary>Writes a long string's UTF-8 in pieces straight to the output.</summary>
    public void WriteLargeUtf8(string value)
    {
        var output = Commit();
        Encoding.UTF8.GetBytes(value.AsSpan(), output);
    }

    public void Flush()
    {
        Commit();
    }

    private IBufferWriter<byte> Commit()
    {
        var output = _output ?? throw new InvalidOperationException("The writer has no output: call Reset first.");
        if (_buffered > 0)
        {
            output.Advance(_buffered);
        }
        _buffer = Memory<byte>.Empty;
        _buffered = 0;
        return output;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int size)
    {
        var output = Commit();
        _buffer = output.GetMemory(Math.Max(size, ChunkHint));
    }
}
