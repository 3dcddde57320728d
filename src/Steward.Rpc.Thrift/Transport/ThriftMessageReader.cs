using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Steward.Rpc.Thrift;

/// <summary>Decodes one whole message with the protocol reader (header, body, message end).</summary>
internal delegate T ThriftMessageParser<TState, T>(ThriftReader reader, TState state);

/// <summary>
/// Cuts Thrift messages out of a <see cref="PipeReader"/> for either transport and hands each to a
/// synchronous parser.
/// Framed: the length prefix is checked against <see cref="ThriftLimits.MaxFrameSize"/> before any byte of
/// the body is awaited, and the body is only ever buffered as it arrives.
/// Buffered: the parser is tried on what has arrived; <see cref="ThriftIncompleteMessageException"/> means
/// "wait for more", up to <see cref="ThriftLimits.MaxMessageSize"/>.
/// A message bigger than <see cref="AccumulateThreshold"/> that is still incomplete is moved out of the pipe
/// into a growing pooled buffer: a pipe pauses its writer once too much is left unconsumed (Kestrel's
/// socket transport at 1 MB), so waiting in the pipe for a 16 MB frame would never finish.
/// A read cancelled with <see cref="PipeReader.CancelPendingRead"/> is simply read again (the server's
/// close watch cancels its own read that way, and may race with a read of ours).
/// </summary>
internal sealed class ThriftMessageReader : IDisposable
{
    internal const int DefaultAccumulateThreshold = 64 * 1024;
    /// <summary>TFramedTransport's frame header: the body's length as a big-endian i32.</summary>
    internal const int FrameHeaderSize = 4;

    private readonly PipeReader _input;
    private readonly ThriftLimits _limits;
    // Bytes moved out of the pipe: a large message in progress, or (buffered) what followed the last one.
    private byte[]? _carry;
    private int _carryLength;

    public ThriftMessageReader(PipeReader input, ThriftTransport transport, ThriftReader reader, ThriftLimits limits, int accumulateThreshold = DefaultAccumulateThreshold)
    {
        _input = input;
        Transport = transport;
        Reader = reader;
        _limits = limits;
        AccumulateThreshold = accumulateThreshold;
    }

    public ThriftTransport Transport { get; }
    public ThriftReader Reader { get; }
    public int AccumulateThreshold { get; }

    /// <summary>
    /// Reads and parses the next message. Returns false when the input ends cleanly between messages;
    /// throws <see cref="ThriftProtocolException"/> for bad framing or a message cut short by the end of input.
    /// </summary>
    public ValueTask<(bool Read, T Value)> ReadAsync<TState, T>(ThriftMessageParser<TState, T> parser, TState state, CancellationToken cancellationToken) =>
        Transport == ThriftTransport.Framed
            ? ReadFramedAsync(parser, state, cancellationToken)
            : ReadBufferedAsync(parser, state, cancellationToken);

    // Pooled builders: one of these runs per message, and most wait for the socket.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(bool, T)> ReadFramedAsync<TState, T>(ThriftMessageParser<TState, T> parser, TState state, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (result.IsCanceled)
            {
                _input.AdvanceTo(buffer.Start);
                continue;
            }
            if (buffer.Length >= FrameHeaderSize)
            {
                var length = ReadFrameLength(buffer);
                if (length < 0 || length > _limits.MaxFrameSize)
                {
                    _input.AdvanceTo(buffer.Start);
                    throw length < 0
                        ? new ThriftProtocolException(ThriftProtocolError.NegativeSize, $"Frame length {length} is negative.")
                        : new ThriftProtocolException(ThriftProtocolError.SizeLimit, $"Frame length {length} exceeds the maximum frame size of {_limits.MaxFrameSize} bytes.");
                }
                if (buffer.Length - FrameHeaderSize >= length)
                {
                    var frame = buffer.Slice(FrameHeaderSize, length);
                    try
                    {
                        return (true, ParseFrame(parser, state, frame, length));
                    }
                    finally
                    {
                        _input.AdvanceTo(frame.End);
                    }
                }
                if (buffer.Length >= AccumulateThreshold && !result.IsCompleted)
                {
                    return (true, await AccumulateFrameAsync(parser, state, length, buffer, cancellationToken).ConfigureAwait(false));
                }
            }
            if (result.IsCompleted)
            {
                var received = buffer.Length;
                var expected = received >= FrameHeaderSize ? $" of {(long)FrameHeaderSize + ReadFrameLength(buffer)}" : "";
                _input.AdvanceTo(buffer.End);
                if (received == 0)
                {
                    return (false, default!);
                }
                throw new ThriftProtocolException(ThriftProtocolError.InvalidData,
                    $"The connection closed inside a frame ({received} bytes received{expected}).");
            }
            _input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private T ParseFrame<TState, T>(ThriftMessageParser<TState, T> parser, TState state, ReadOnlySequence<byte> frame, int length)
    {
        Reader.Reset(frame);
        try
        {
            return parser(Reader, state);
        }
        catch (ThriftIncompleteMessageException ex)
        {
            throw new ThriftProtocolException(ThriftProtocolError.InvalidData, $"The message does not fit in its frame of {length} bytes.", ex);
        }
    }

    private async ValueTask<T> AccumulateFrameAsync<TState, T>(ThriftMessageParser<TState, T> parser, TState state, int length, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        // Grow with what has arrived, never to the claimed length up front.
        var body = buffer.Slice(FrameHeaderSize);
        var own = ArrayPool<byte>.Shared.Rent((int)Math.Min(length, Math.Max(body.Length * 2, AccumulateThreshold)));
        var filled = (int)body.Length;
        body.CopyTo(own);
        _input.AdvanceTo(buffer.End);
        try
        {
            while (filled < length)
            {
                var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
                var data = result.Buffer;
                var take = (int)Math.Min(data.Length, length - filled);
                if (filled + take > own.Length)
                {
                    own = Grow(own, filled, Math.Min(length, Math.Max(own.Length * 2, filled + take)));
                }
                data.Slice(0, take).CopyTo(own.AsSpan(filled));
                filled += take;
                _input.AdvanceTo(data.GetPosition(take));
                if (filled < length && result.IsCompleted)
                {
                    throw new ThriftProtocolException(ThriftProtocolError.InvalidData,
                        $"The connection closed inside a frame ({4L + filled} bytes received of {4L + length}).");
                }
            }
            return ParseFrame(parser, state, new ReadOnlySequence<byte>(own, 0, length), length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(own);
        }
    }

    // Pooled builders: one of these runs per message, and most wait for the socket.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(bool, T)> ReadBufferedAsync<TState, T>(ThriftMessageParser<TState, T> parser, TState state, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_carryLength > 0)
            {
                return (true, await AccumulateBufferedAsync(parser, state, attempted: 0, cancellationToken).ConfigureAwait(false));
            }
            var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (result.IsCanceled)
            {
                _input.AdvanceTo(buffer.Start);
                continue;
            }
            if (buffer.IsEmpty)
            {
                _input.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    return (false, default!);
                }
                continue;
            }
            T value;
            Reader.Reset(buffer);
            try
            {
                value = parser(Reader, state);
            }
            catch (ThriftIncompleteMessageException) when (!result.IsCompleted)
            {
                CheckMessageSize(buffer.Length);
                if (buffer.Length >= AccumulateThreshold)
                {
                    AppendCarry(buffer);
                    _input.AdvanceTo(buffer.End);
                    return (true, await AccumulateBufferedAsync(parser, state, attempted: _carryLength, cancellationToken).ConfigureAwait(false));
                }
                _input.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }
            catch
            {
                _input.AdvanceTo(buffer.Start, buffer.End);
                throw;
            }
            _input.AdvanceTo(buffer.GetPosition(Reader.Consumed));
            return (true, value);
        }
    }

    /// <summary>
    /// Buffered, large or left over: everything is moved out of the pipe. The parser restarts from the
    /// beginning of the message on each try, so it is tried again only once the input has doubled or the
    /// peer has paused (nothing more to read right now) — not on every packet.
    /// </summary>
    private async ValueTask<T> AccumulateBufferedAsync<TState, T>(ThriftMessageParser<TState, T> parser, TState state, int attempted, CancellationToken cancellationToken)
    {
        var completed = false;
        while (true)
        {
            while (!completed && _carryLength < 2L * attempted + 1 && _input.TryRead(out var more))
            {
                completed = Take(more);
            }
            if (_carryLength > attempted)
            {
                Reader.Reset(new ReadOnlySequence<byte>(_carry!, 0, _carryLength));
                try
                {
                    var value = parser(Reader, state);
                    DropCarry((int)Reader.Consumed);
                    return value;
                }
                catch (ThriftIncompleteMessageException) when (!completed)
                {
                    attempted = _carryLength;
                }
                catch (ThriftIncompleteMessageException ex)
                {
                    throw new ThriftProtocolException(ThriftProtocolError.InvalidData,
                        $"The connection closed inside a message ({_carryLength} bytes received).", ex);
                }
            }
            if (completed)
            {
                throw new ThriftProtocolException(ThriftProtocolError.InvalidData,
                    $"The connection closed inside a message ({_carryLength} bytes received).");
            }
            completed = Take(await _input.ReadAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    private bool Take(ReadResult result)
    {
        AppendCarry(result.Buffer);
        _input.AdvanceTo(result.Buffer.End);
        return result.IsCompleted;
    }

    private void AppendCarry(ReadOnlySequence<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }
        var needed = _carryLength + data.Length;
        CheckMessageSize(needed);
        if (_carry is null || needed > _carry.Length)
        {
            var size = (int)Math.Min(Math.Max(needed, (_carry?.Length ?? AccumulateThreshold) * 2L), Math.Max(needed, _limits.MaxMessageSize));
            _carry = Grow(_carry, _carryLength, size);
        }
        data.CopyTo(_carry.AsSpan(_carryLength));
        _carryLength = (int)needed;
    }

    private void DropCarry(int consumed)
    {
        var rest = _carryLength - consumed;
        if (rest > 0)
        {
            Buffer.BlockCopy(_carry!, consumed, _carry!, 0, rest);
            _carryLength = rest;
            return;
        }
        _carryLength = 0;
        ArrayPool<byte>.Shared.Return(_carry!);
        _carry = null;
    }

    private void CheckMessageSize(long length)
    {
        if (length > _limits.MaxMessageSize)
        {
            throw new ThriftProtocolException(ThriftProtocolError.SizeLimit,
                $"The message is longer than the maximum message size of {_limits.MaxMessageSize} bytes.");
        }
    }

    private static byte[] Grow(byte[]? old, int used, int size)
    {
        var grown = ArrayPool<byte>.Shared.Rent(size);
        if (old is not null)
        {
            Buffer.BlockCopy(old, 0, grown, 0, used);
            ArrayPool<byte>.Shared.Return(old);
        }
        return grown;
    }

    private static int ReadFrameLength(ReadOnlySequence<byte> buffer)
    {
        Span<byte> prefix = stackalloc byte[FrameHeaderSize];
        buffer.Slice(0, FrameHeaderSize).CopyTo(prefix);
        return BinaryPrimitives.ReadInt32BigEndian(prefix);
    }

    public void Dispose()
    {
        if (_carry is not null)
        {
            ArrayPool<byte>.Shared.Return(_carry);
            _carry = null;
            _carryLength = 0;
        }
    }
}
