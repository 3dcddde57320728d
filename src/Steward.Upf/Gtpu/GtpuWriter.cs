using System.Buffers.Binary;

namespace Steward.Upf.Gtpu;

/// <summary>
/// Writes GTP-U messages (TS 29.281 §7) into caller buffers; nothing is allocated. Every method
/// returns the octets written and throws <see cref="ArgumentException"/> when the buffer is too small.
/// </summary>
public static class GtpuWriter
{
    /// <summary>The longest G-PDU header <see cref="WriteGPduHeader"/> writes (8 + 4 optional + an 8-octet PDU Session Container).</summary>
    public const int MaxGPduHeaderLength = 20;

    /// <summary>The length of the G-PDU header <see cref="WriteGPduHeader"/> writes for <paramref name="container"/>.</summary>
    public static int GPduHeaderLength(PduSessionContainer? container) =>
        container is { } c ? 12 + c.EncodedLength : 8;

    /// <summary>
    /// Writes a G-PDU header for a T-PDU of <paramref name="payloadLength"/> octets that follows
    /// it; with a PDU Session Container when one is given (E set, no sequence number, as gNBs and
    /// UPFs send them). <paramref name="destination"/> must be exactly the header's room, which is
    /// <see cref="GPduHeaderLength"/>: the caller places it right before the payload.
    /// </summary>
    public static int WriteGPduHeader(Span<byte> destination, uint teid, int payloadLength, PduSessionContainer? container)
    {
        var headerLength = GPduHeaderLength(container);
        if (destination.Length < headerLength)
        {
            throw new ArgumentException($"a G-PDU header needs {headerLength} octets", nameof(destination));
        }

        var messageLength = headerLength - 8 + payloadLength;
        if ((uint)messageLength > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(payloadLength), $"a {payloadLength}-octet T-PDU does not fit GTP-U's 16-bit length");
        }

        if (container is { } c)
        {
            WriteMandatory(destination, 0x34, GtpuMessageType.GPdu, messageLength, teid);
            destination[8] = 0;
            destination[9] = 0;
            destination[10] = 0;
            destination[11] = (byte)GtpuExtensionType.PduSessionContainer;
            c.Write(destination[12..], GtpuExtensionType.None);
        }
        else
        {
            WriteMandatory(destination, 0x30, GtpuMessageType.GPdu, messageLength, teid);
        }

        return headerLength;
    }

    /// <summary>Writes a whole G-PDU: the header, then <paramref name="tpdu"/>.</summary>
    public static int WriteGPdu(Span<byte> destination, uint teid, ReadOnlySpan<byte> tpdu, PduSessionContainer? container)
    {
        var headerLength = GPduHeaderLength(container);
        Need(destination, headerLength + tpdu.Length);
        WriteGPduHeader(destination[..headerLength], teid, tpdu.Length, container);
        tpdu.CopyTo(destination[headerLength..]);
        return headerLength + tpdu.Length;
    }

    /// <summary>Echo Request (§7.2.1): TEID 0, S set with <paramref name="sequenceNumber"/>, no IE.</summary>
    public static int WriteEchoRequest(Span<byte> destination, ushort sequenceNumber)
    {
        Need(destination, 12);
        WriteWithSequence(destination, GtpuMessageType.EchoRequest, 0, sequenceNumber, 0);
        return 12;
    }

    /// <summary>Echo Response (§7.2.2): the request's sequence number and the Recovery IE (restart counter 0, as GTP-U requires).</summary>
    public static int WriteEchoResponse(Span<byte> destination, ushort sequenceNumber)
    {
        Need(destination, 14);
        WriteWithSequence(destination, GtpuMessageType.EchoResponse, 0, sequenceNumber, 2);
        destination[12] = (byte)GtpuIeType.Recovery;
        destination[13] = 0;
        return 14;
    }

    /// <summary>
    /// Error Indication (§7.3.1): TEID 0, the TEID the sender did not know in TEID Data I, and the
    /// sender's own address (where the G-PDU was sent to) in GTP-U Peer Address.
    /// </summary>
    public static int WriteErrorIndication(Span<byte> destination, uint unknownTeid, uint peerAddress, ushort sequenceNumber = 0)
    {
        const int length = 12 + 5 + 7;
        Need(destination, length);
        WriteWithSequence(destination, GtpuMessageType.ErrorIndication, 0, sequenceNumber, 12);
        destination[12] = (byte)GtpuIeType.TeidDataI;
        BinaryPrimitives.WriteUInt32BigEndian(destination[13..], unknownTeid);
        destination[17] = (byte)GtpuIeType.GtpuPeerAddress;
        BinaryPrimitives.WriteUInt16BigEndian(destination[18..], 4);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], peerAddress);
        return length;
    }

    /// <summary>End Marker (§7.3.2): the tunnel's TEID, no payload.</summary>
    public static int WriteEndMarker(Span<byte> destination, uint teid)
    {
        Need(destination, 8);
        WriteMandatory(destination, 0x30, GtpuMessageType.EndMarker, 0, teid);
        return 8;
    }

    /// <summary>Supported Extension Headers Notification (§7.3.3): the extension header types this node understands.</summary>
    public static int WriteSupportedExtensionHeadersNotification(Span<byte> destination, ushort sequenceNumber, ReadOnlySpan<byte> types)
    {
        if (types.Length > byte.MaxValue)
        {
            throw new ArgumentException("at most 255 extension header types", nameof(types));
        }

        var length = 12 + 2 + types.Length;
        Need(destination, length);
        WriteWithSequence(destination, GtpuMessageType.SupportedExtensionHeadersNotification, 0, sequenceNumber, 2 + types.Length);
        destination[12] = (byte)GtpuIeType.ExtensionHeaderTypeList;
        destination[13] = (byte)types.Length;
        types.CopyTo(destination[14..]);
        return length;
    }

    private static void WriteWithSequence(Span<byte> destination, GtpuMessageType type, uint teid, ushort sequenceNumber, int ieLength)
    {
        WriteMandatory(destination, 0x32, type, 4 + ieLength, teid);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], sequenceNumber);
        destination[10] = 0;
        destination[11] = 0;
    }

    private static void WriteMandatory(Span<byte> destination, byte flags, GtpuMessageType type, int length, uint teid)
    {
        destination[0] = flags;
        destination[1] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], teid);
    }

    private static void Need(Span<byte> destination, int length)
    {
        if (destination.Length < length)
        {
            throw new ArgumentException($"the message needs {length} octets, the buffer has {destination.Length}", nameof(destination));
        }
    }
}
