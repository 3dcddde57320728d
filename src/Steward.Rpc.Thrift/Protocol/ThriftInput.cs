using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Steward.Rpc.Thrift;

/// <summary>
/// A cursor over the bytes a reader decodes. The current segment is read directly; only a value that
/// straddles two segments is copied (into the caller's stack buffer). Every shortfall throws
/// <see cref="ThriftIncompleteMessageException"/>, which is how a buffered transport learns to wait.
/// A mutable struct held in a field of its reader, so calls mutate it in place.
/// </summary>
internal struct ThriftInput
{
    /// <summary>Strings up to this many bytes that straddle segments are decoded from the stack.</summary>
    private const int StackStringBytes = 256;

    private ReadOnlySequence<byte> _sequence;
    private ReadOnlyMemory<byte> _segment;
    private int _offset;
    private SequencePosition _next;
    private long _segmentStart;
    private long _length;

    public void Reset(ReadOnlySequence<byte> input)
    {
        _sequence = input;
        _length = input.Length;
        _segmentStart = 0;
        _offset = 0;
        if (input.IsSingleSegment)
        {
            _segment = input.First;
            _next = input.End;
        }
        else
        {
            _segment = ReadOnlyMemory<byte>.Empty;
            _next = input.Start;
            NextSegment();
        }
    }

    public readonly long Consumed => _segmentStart + _offset;

    public readonly long Remaining => _length - _segmentStart - _offset;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte ReadByte()
    {
        var span = _segment.Span;
        var offset = _offset;
        if ((uint)offset < (uint)span.Length)
        {
            _offset = offset + 1;
            return span[offset];
        }
        return ReadByteSlow();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte PeekByte()
    {
        var span = _segment.Span;
        if ((uint)_offset < (uint)span.Length)
        {
            return span[_offset];
        }
        return PeekByteSlow();
    }

    /// <summary>
    /// The next <paramref name="count"/> bytes: a slice of the input when they lie in one segment,
    /// else copied into <paramref name="scratch"/> (at least <paramref name="count"/> long).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Read(int count, Span<byte> scratch)
    {
        var span = _segment.Span;
        var offset = _offset;
        if (span.Length - offset >= count)
        {
            _offset = offset + count;
            return span.Slice(offset, count);
        }
        CopyTo(scratch[..count]);
        return scratch[..count];
    }

    /// <summary>Decodes <paramref name="byteCount"/> bytes of UTF-8 (already checked against the limits).</summary>
    public string ReadUtf8(int byteCount)
    {
        if (byteCount == 0)
        {
            return string.Empty;
        }
        var span = _segment.Span;
        if (span.Length - _offset >= byteCount)
        {
            var text = Encoding.UTF8.GetString(span.Slice(_offset, byteCount));
            _offset += byteCount;
            return text;
        }
        if (byteCount > Remaining)
        {
            throw new ThriftIncompleteMessageException();
        }
        if (byteCount <= StackStringBytes)
        {
            Span<byte> buffer = stackalloc byte[StackStringBytes];
            CopyTo(buffer[..byteCount]);
            return Encoding.UTF8.GetString(buffer[..byteCount]);
        }
        var rented = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            CopyTo(rented.AsSpan(0, byteCount));
            return Encoding.UTF8.GetString(rented, 0, byteCount);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Copies <paramref name="byteCount"/> bytes into a new array (already checked against the limits).</summary>
    public byte[] ReadArray(int byteCount)
    {
        if (byteCount == 0)
        {
            return [];
        }
        if (byteCount > Remaining)
        {
            throw new ThriftIncompleteMessageException();
        }
        var bytes = GC.AllocateUninitializedArray<byte>(byteCount);
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>
    /// JSON's fast path: when the rest of a string (up to its closing quote) lies in the current segment and
    /// has no escapes, returns it and moves past the quote; otherwise consumes nothing.
    /// </summary>
    public bool TryReadPlainString(int maxLength, out ReadOnlySpan<byte> text)
    {
        var rest = _segment.Span[_offset..];
        var end = rest.IndexOfAny((byte)'"', (byte)'\\');
        if (end < 0 || rest[end] != (byte)'"')
        {
            text = default;
            return false;
        }
        if (end > maxLength)
        {
            throw new ThriftProtocolException(ThriftProtocolError.SizeLimit, $"A JSON string longer than the limit of {maxLength} bytes.");
        }
        text = rest[..end];
        _offset += end + 1;
        return true;
    }

    /// <summary>Fills <paramref name="destination"/> from the input, across segments.</summary>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length > Remaining)
        {
            throw new ThriftIncompleteMessageException();
        }
        while (destination.Length > 0)
        {
            var available = _segment.Span[_offset..];
            if (available.IsEmpty)
            {
                NextSegment();
                continue;
            }
            var n = Math.Min(available.Length, destination.Length);
            available[..n].CopyTo(destination);
            _offset += n;
            destination = destination[n..];
        }
    }

    public void Skip(long byteCount)
    {
        if (byteCount > Remaining)
        {
            throw new ThriftIncompleteMessageException();
        }
        while (byteCount > 0)
        {
            var available = _segment.Length - _offset;
            if (available == 0)
            {
                NextSegment();
                continue;
            }
            var n = (int)Math.Min(available, byteCount);
            _offset += n;
            byteCount -= n;
        }
    }

    private byte ReadByteSlow()
    {
        if (!NextSegment())
        {
            throw new ThriftIncompleteMessageException();
        }
        return _segment.Span[_offset++];
    }

    private byte PeekByteSlow()
    {
        if (!NextSegment())
        {
            throw new ThriftIncompleteMessageException();
        }
        return _segment.Span[_offset];
    }

    /// <summary>Moves past the (fully consumed) current segment to the next non-empty one.</summary>
    private bool NextSegment()
    {
        _segmentStart += _segment.Length;
        _offset = 0;
        while (_sequence.TryGet(ref _next, out var memory, advance: true))
        {
            if (memory.Length > 0)
            {
                _segment = memory;
                return true;
            }
        }
        _segment = ReadOnlyMemory<byte>.Empty;
        return false;
    }
}
