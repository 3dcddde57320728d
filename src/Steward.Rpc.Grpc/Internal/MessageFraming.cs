using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Pipelines;

namespace Steward.Rpc.Grpc;

/// <summary>gRPC's length-prefixed message: 1 byte compressed flag, 4 bytes big-endian length, the message.</summary>
internal static class MessageFraming
{
    // The Compressed-Flag byte of PROTOCOL-HTTP2's Length-Prefixed-Message.
    private const byte UncompressedFlag = 0;
    private const byte CompressedFlag = 1;

    /// <summary>
    /// Takes one whole frame off the front of <paramref name="buffer"/>. False when more bytes are needed.
    /// The prefix is checked before the body is awaited, so an over-limit length never makes us buffer it.
    /// </summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int? maxSize, out ReadOnlySequence<byte> payload, out bool compressed)
    {
        payload = default;
        compressed = false;
        if (buffer.Length < GrpcProtocol.HeaderSize)
        {
            return false;
        }
        Span<byte> header = stackalloc byte[GrpcProtocol.HeaderSize];
        buffer.Slice(0, GrpcProtocol.HeaderSize).CopyTo(header);
        compressed = header[0] switch
        {
            UncompressedFlag => false,
            CompressedFlag => true,
            _ => throw new RpcException(new Status(StatusCode.Internal, $"Malformed message: compressed flag is {header[0]}, not 0 or 1.")),
        };
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (maxSize is { } max && length > (uint)max)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Received message larger than max ({length} vs. {max})"));
        }
        if (length > int.MaxValue)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Received message length {length} is not supported."));
        }
        if (buffer.Length < GrpcProtocol.HeaderSize + length)
        {
            return false;
        }
        payload = buffer.Slice(GrpcProtocol.HeaderSize, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    /// <summary>Decodes one message's payload, inflating it first if flagged; every failure is a status.</summary>
    public static T Decode<T>(ReadOnlySequence<byte> payload, bool compressed, string? encoding, int? maxSize, Marshaller<T> marshaller)
    {
        byte[]? rented = null;
        try
        {
            if (compressed)
            {
                if (encoding is null || encoding == GrpcProtocol.Identity)
                {
                    throw new RpcException(new Status(StatusCode.Internal, "Message is flagged compressed but the call has no grpc-encoding."));
                }
                if (encoding != GrpcProtocol.Gzip)
                {
                    throw new RpcException(new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding '{encoding}'."));
                }
                payload = Inflate(payload, maxSize ?? int.MaxValue, out rented);
            }
            try
            {
                return marshaller.Deserialize(payload);
            }
            catch (Exception ex) when (ex is not RpcException)
            {
                throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize message: " + ex.Message, debugException: ex));
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static ReadOnlySequence<byte> Inflate(ReadOnlySequence<byte> payload, int maxSize, out byte[] rented)
    {
        rented = ArrayPool<byte>.Shared.Rent(Math.Max(256, (int)Math.Min(payload.Length * 4, 64 * 1024)));
        var total = 0;
        try
        {
            using var gzip = new GZipStream(new SequenceStream(payload), CompressionMode.Decompress);
            while (true)
            {
                if (total == rented.Length)
                {
                    if (total > maxSize)
                    {
                        break;
                    }
                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)rented.Length * 2, Array.MaxLength));
                    rented.AsSpan(0, total).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(rented);
                    rented = bigger;
                }
                var read = gzip.Read(rented, total, rented.Length - total);
                if (read == 0)
                {
                    break;
                }
                total += read;
            }
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Compressed message is not valid gzip: " + ex.Message, debugException: ex));
        }
        if (total > maxSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Received message larger than max after decompression (over {maxSize} bytes)"));
        }
        return new ReadOnlySequence<byte>(rented, 0, total);
    }

    /// <summary>Reads the next message from a body; HasMessage is false at a clean end of the stream.</summary>
    public static async ValueTask<MessageRead<T>> ReadMessageAsync<T>(PipeReader reader, Marshaller<T> marshaller, int? maxSize, string? encoding, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            var buffer = result.Buffer;
            var consumed = buffer.Start;
            try
            {
                if (TryReadFrame(ref buffer, maxSize, out var payload, out var compressed))
                {
                    consumed = buffer.Start;
                    return new MessageRead<T>(true, Decode(payload, compressed, encoding, maxSize, marshaller), compressed);
                }
                if (result.IsCompleted)
                {
                    if (buffer.Length == 0)
                    {
                        return default;
                    }
                    throw new RpcException(new Status(StatusCode.Internal, $"Incomplete message: the stream ended {buffer.Length} bytes into a frame."));
                }
            }
            finally
            {
                reader.AdvanceTo(consumed, buffer.End);
            }
        }
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _scratch;

    /// <summary>Writes one framed message. Sizes known up front go straight to the output; others pass through a reused scratch buffer.</summary>
    public static void WriteFrame<T>(IBufferWriter<byte> output, T message, Marshaller<T> marshaller, int? maxSize, bool gzip)
    {
        if (!gzip)
        {
            var size = marshaller.GetSerializedSize(message);
            if (size >= 0)
            {
                CheckSendSize(size, maxSize);
                var header = output.GetSpan(GrpcProtocol.HeaderSize);
                header[0] = UncompressedFlag;
                BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)size);
                output.Advance(GrpcProtocol.HeaderSize);
                marshaller.Serialize(message, output);
                return;
            }
        }
        var scratch = _scratch ??= new ArrayBufferWriter<byte>(1024);
        scratch.ResetWrittenCount();
        marshaller.Serialize(message, scratch);
        CheckSendSize(scratch.WrittenCount, maxSize);
        ReadOnlySpan<byte> body = scratch.WrittenSpan;
        byte[]? compressedBody = null;
        if (gzip)
        {
            compressedBody = Deflate(body);
            body = compressedBody;
        }
        var span = output.GetSpan(GrpcProtocol.HeaderSize + body.Length);
        span[0] = gzip ? CompressedFlag : UncompressedFlag;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)body.Length);
        body.CopyTo(span[GrpcProtocol.HeaderSize..]);
        output.Advance(GrpcProtocol.HeaderSize + body.Length);
        if (scratch.Capacity > 1024 * 1024)
        {
            _scratch = null; // don't pin a large buffer to the thread after one big message
        }
    }

    private static void CheckSendSize(int size, int? maxSize)
    {
        if (maxSize is { } max && size > max)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Sending message exceeds the maximum configured message size ({size} vs. {max})"));
        }
    }

    private static byte[] Deflate(ReadOnlySpan<byte> body)
    {
        using var ms = new MemoryStream(body.Length / 2 + 64);
        using (var gzip = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(body);
        }
        return ms.ToArray();
    }

    /// <summary>A read-only stream over a sequence (what GZipStream needs to read from).</summary>
    private sealed class SequenceStream(ReadOnlySequence<byte> sequence) : Stream
    {
        private ReadOnlySequence<byte> _rest = sequence;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, _rest.Length);
            _rest.Slice(0, n).CopyTo(buffer);
            _rest = _rest.Slice(n);
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

internal readonly record struct MessageRead<T>(bool HasMessage, T? Message, bool Compressed);
