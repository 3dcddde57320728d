using System.Buffers;
using System.IO.Pipelines;

namespace Steward.Rpc.Thrift;

/// <summary>
/// Tells the transport and protocol of a connection from its first bytes, without consuming them.
/// A message starts with 0x80 (strict binary: version 0x8001), 0x82 (compact: protocol id 0x82) or '['
/// (JSON: the array that holds the message). A frame starts with its big-endian length, whose first byte
/// is 0x00 for every frame up to 16 MB, and is followed by one of those markers. Non-strict binary starts
/// with the big-endian length of the method name, so 0x00 too: byte 4 is then the name's first character
/// when unframed, or 0x00 (the name length's high byte) when framed.
/// </summary>
internal static class ThriftDetection
{
    public const byte StrictBinaryMarker = 0x80;
    public const byte CompactMarker = 0x82;
    public const byte JsonMarker = (byte)'[';

    /// <summary>The transport and protocol, or null when the connection closed before sending anything.</summary>
    public static async ValueTask<(ThriftTransport Transport, ThriftProtocolKind Protocol)?> DetectAsync(
        PipeReader input, ThriftTransport? transport, ThriftProtocolKind? protocol, CancellationToken cancellationToken)
    {
        if (transport is { } fixedTransport && protocol is { } fixedProtocol)
        {
            return (fixedTransport, fixedProtocol);
        }
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            bool found;
            (ThriftTransport, ThriftProtocolKind) detected;
            try
            {
                found = TryDetect(buffer, transport, protocol, out detected);
            }
            catch
            {
                input.AdvanceTo(buffer.Start);
                throw;
            }
            if (found)
            {
                // Nothing consumed or examined: the message reader starts from the same bytes without waiting for more.
                input.AdvanceTo(buffer.Start);
                return detected;
            }
            var length = buffer.Length;
            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                if (length == 0)
                {
                    return null;
                }
                throw new ThriftProtocolException(ThriftProtocolError.InvalidData,
                    $"The connection closed after {length} bytes, before a whole message header.");
            }
        }
    }

    /// <summary>False when more bytes are needed; throws when the bytes are not Thrift.</summary>
    internal static bool TryDetect(ReadOnlySequence<byte> buffer, ThriftTransport? transport, ThriftProtocolKind? protocol, out (ThriftTransport, ThriftProtocolKind) detected)
    {
        detected = default;
        if (buffer.IsEmpty)
        {
            return false;
        }
        var first = buffer.FirstSpan[0];
        var resolvedTransport = transport;
        if (resolvedTransport is null)
        {
            if (IsMarker(first))
            {
                resolvedTransport = ThriftTransport.Buffered;
            }
            else if (first == 0)
            {
                // A frame header starts with 0 for any frame under 16 MB; the byte after it tells framed from buffered.
                if (buffer.Length <= ThriftMessageReader.FrameHeaderSize)
                {
                    return false;
                }
                var afterHeader = ByteAt(buffer, ThriftMessageReader.FrameHeaderSize);
                resolvedTransport = IsMarker(afterHeader) || afterHeader == 0 ? ThriftTransport.Framed : ThriftTransport.Buffered;
            }
            else
            {
                throw NotThrift(first);
            }
        }
        if (protocol is { } known)
        {
            detected = (resolvedTransport.Value, known);
            return true;
        }
        var offset = resolvedTransport == ThriftTransport.Framed ? ThriftMessageReader.FrameHeaderSize : 0;
        if (buffer.Length <= offset)
        {
            return false;
        }
        var marker = ByteAt(buffer, offset);
        ThriftProtocolKind kind;
        switch (marker)
        {
            case StrictBinaryMarker:
            case 0: // non-strict binary: the method name's length
                kind = ThriftProtocolKind.Binary;
                break;
            case CompactMarker:
                kind = ThriftProtocolKind.Compact;
                break;
            case JsonMarker:
                kind = ThriftProtocolKind.Json;
                break;
            default:
                throw NotThrift(marker);
        }
        detected = (resolvedTransport.Value, kind);
        return true;
    }

    private static bool IsMarker(byte b) => b is StrictBinaryMarker or CompactMarker or JsonMarker;

    private static byte ByteAt(ReadOnlySequence<byte> buffer, int index)
    {
        var span = buffer.FirstSpan;
        return index < span.Length ? span[index] : buffer.Slice(index, 1).FirstSpan[0];
    }

    private static ThriftProtocolException NotThrift(byte b) =>
        new(ThriftProtocolError.BadVersion,
            $"The first byte 0x{b:X2} starts no Thrift message: expected 0x80 (binary), 0x82 (compact), '[' (JSON) or a frame length.");
}
