using System.Buffers;
using Steward.Pfcp.Messages;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Codec;

/// <summary>Writes and reads PFCP messages (3GPP TS 29.244 §7, §8).</summary>
public static partial class PfcpCodec
{
    /// <summary>Octets <paramref name="message"/> takes on the wire, header included.</summary>
    public static int GetEncodedLength(PfcpMessage message)
    {
        var measure = IeWriter.Measure();
        WriteBody(ref measure, message);
        return HeaderOf(message).HeaderLength + measure.Position;
    }

    /// <summary>Writes <paramref name="message"/> into <paramref name="destination"/>; returns the octets written. Throws if it does not fit.</summary>
    public static int Encode(PfcpMessage message, Span<byte> destination)
    {
        var header = HeaderOf(message);
        var headerLength = header.HeaderLength;
        if (destination.Length < headerLength)
        {
            throw new ArgumentException($"the destination has {destination.Length} octets; a PFCP header needs {headerLength}");
        }

        var body = IeWriter.Into(destination[headerLength..]);
        WriteBody(ref body, message);
        header.Write(destination, body.Position);
        return headerLength + body.Position;
    }

    /// <summary>Writes <paramref name="message"/> to <paramref name="writer"/>.</summary>
    public static void Encode(PfcpMessage message, IBufferWriter<byte> writer)
    {
        var length = GetEncodedLength(message);
        var written = Encode(message, writer.GetSpan(length));
        writer.Advance(written);
    }

    /// <summary>The encoding of <paramref name="message"/> in a new array.</summary>
    public static byte[] Encode(PfcpMessage message)
    {
        var bytes = new byte[GetEncodedLength(message)];
        Encode(message, bytes);
        return bytes;
    }

    private static PfcpHeader HeaderOf(PfcpMessage message) => message switch
    {
        PfcpSessionMessage session => PfcpHeader.ForSession(message.MessageType, session.Seid, message.SequenceNumber, session.MessagePriority),
        _ => PfcpHeader.ForNode(message.MessageType, message.SequenceNumber),
    };

    /// <summary>
    /// Reads the first PFCP message of <paramref name="datagram"/>. Never throws on bad input: the result
    /// is a message or an error saying what the receiver must answer (§7.6).
    /// </summary>
    public static PfcpDecodeResult Decode(ReadOnlySpan<byte> datagram, PfcpLimits? limits = null)
    {
        if (!PfcpHeader.TryRead(datagram, out var header, out var headerError))
        {
            return HeaderFailure(datagram, header, headerError);
        }

        var consumed = header.TotalLength;
        var type = header.MessageType;
        if (!IsDecodable(type))
        {
            return Failure(PfcpDecodeAction.Discard, header, PfcpCause.ServiceNotSupported, null, $"message type {(byte)type} is not one this codec knows", consumed);
        }

        if (type.IsSessionMessage() != header.Seid.HasValue)
        {
            return Failure(PfcpDecodeAction.Discard, header, PfcpCause.MandatoryIeIncorrect, null,
                $"{type} {(header.Seid.HasValue ? "carries" : "lacks")} a SEID in its header (the S flag)", consumed);
        }

        var body = datagram[header.HeaderLength..consumed];
        try
        {
            var message = ReadBody(header, body, new DecodeContext(limits ?? PfcpLimits.Default));
            return PfcpDecodeResult.Success(message, consumed);
        }
        catch (PfcpDecodeException e)
        {
            var action = type.IsRequest() ? PfcpDecodeAction.Reject : PfcpDecodeAction.Discard;
            return Failure(action, header, e.Cause, e.OffendingIe, e.Message, consumed);
        }
    }

    private static PfcpDecodeResult HeaderFailure(ReadOnlySpan<byte> datagram, PfcpHeader partial, PfcpHeaderError error)
    {
        switch (error)
        {
            case PfcpHeaderError.UnsupportedVersion:
                return Failure(PfcpDecodeAction.AnswerVersionNotSupported, partial, PfcpCause.RequestRejected, null,
                    $"PFCP version {partial.Version}; only version {PfcpHeader.CurrentVersion} is known", datagram.Length);
            case PfcpHeaderError.LengthBeyondDatagram:
                // §7.6.3: a request whose length field disagrees with the datagram is answered "Invalid length".
                // Reading the header again over the octets that did arrive gives the SEID and sequence number to answer with.
                Span<byte> copy = stackalloc byte[PfcpHeader.SessionHeaderLength];
                var available = Math.Min(datagram.Length, copy.Length);
                datagram[..available].CopyTo(copy);
                copy[2] = 0;
                copy[3] = (byte)(available - 4);
                if (PfcpHeader.TryRead(copy[..available], out var header, out _) && IsDecodable(header.MessageType)
                    && header.MessageType.IsRequest() && header.MessageType.IsSessionMessage() == header.Seid.HasValue)
                {
                    return Failure(PfcpDecodeAction.Reject, header with { MessageLength = partial.MessageLength }, PfcpCause.InvalidLength, null,
                        $"the header says {partial.TotalLength} octets; the datagram has {datagram.Length}", datagram.Length);
                }

                return Failure(PfcpDecodeAction.Discard, partial, PfcpCause.InvalidLength, null,
                    $"the header says {partial.TotalLength} octets; the datagram has {datagram.Length}", datagram.Length);
            default:
                return Failure(PfcpDecodeAction.Discard, null, PfcpCause.InvalidLength, null,
                    $"{datagram.Length} octets cannot hold a PFCP header", datagram.Length);
        }
    }

    private static PfcpDecodeResult Failure(PfcpDecodeAction action, PfcpHeader? header, PfcpCause cause, IeType? offending, string reason, int consumed) =>
        PfcpDecodeResult.Failure(new PfcpDecodeError { Action = action, Header = header, Cause = cause, OffendingIe = offending, Reason = reason }, consumed);

    private static bool IsDecodable(PfcpMessageType type) => type switch
    {
        PfcpMessageType.PfdManagementRequest or PfcpMessageType.PfdManagementResponse
            or PfcpMessageType.SessionSetDeletionRequest or PfcpMessageType.SessionSetDeletionResponse => false,
        _ => type.IsKnown(),
    };
}
