using System.Buffers.Binary;

namespace Steward.Pfcp.Wire;

/// <summary>
/// The PFCP message header (3GPP TS 29.244 §7.2.2). Node messages carry no SEID (S = 0, 8 octets);
/// session messages carry one (S = 1, 16 octets). <see cref="MessageLength"/> counts every octet
/// after the first four, as the spec defines it.
/// </summary>
public readonly record struct PfcpHeader
{
    /// <summary>The only version this specification defines.</summary>
    public const byte CurrentVersion = 1;

    /// <summary>Octets of a header without a SEID.</summary>
    public const int NodeHeaderLength = 8;

    /// <summary>Octets of a header with a SEID.</summary>
    public const int SessionHeaderLength = 16;

    /// <summary>The largest sequence number: it is 24 bits on the wire.</summary>
    public const uint MaxSequenceNumber = 0xFF_FFFF;

    /// <summary>The version field (3 bits); 1 for every message this code writes.</summary>
    public byte Version { get; init; }

    /// <summary>FO: another PFCP message follows this one in the same datagram.</summary>
    public bool FollowOn { get; init; }

    /// <summary>The message type (octet 2).</summary>
    public PfcpMessageType MessageType { get; init; }

    /// <summary>Octets after the first four: the rest of the header and the IEs.</summary>
    public ushort MessageLength { get; init; }

    /// <summary>The session endpoint id, for session messages (the S flag).</summary>
    public ulong? Seid { get; init; }

    /// <summary>24 bits: a response carries its request's number, which is how the two are matched.</summary>
    public uint SequenceNumber { get; init; }

    /// <summary>0 (highest) to 15, when the MP flag is set; session messages only.</summary>
    public byte? MessagePriority { get; init; }

    /// <summary>Octets the header itself takes.</summary>
    public int HeaderLength => Seid is null ? NodeHeaderLength : SessionHeaderLength;

    /// <summary>Octets of the whole message, header included.</summary>
    public int TotalLength => 4 + MessageLength;

    /// <summary>A header for a node message.</summary>
    public static PfcpHeader ForNode(PfcpMessageType type, uint sequenceNumber) =>
        new() { Version = CurrentVersion, MessageType = type, SequenceNumber = sequenceNumber };

    /// <summary>A header for a session message.</summary>
    public static PfcpHeader ForSession(PfcpMessageType type, ulong seid, uint sequenceNumber, byte? priority = null) =>
        new() { Version = CurrentVersion, MessageType = type, Seid = seid, SequenceNumber = sequenceNumber, MessagePriority = priority };

    /// <summary>Writes the header with <paramref name="bodyLength"/> octets of IEs after it; returns the octets written.</summary>
    public int Write(Span<byte> destination, int bodyLength)
    {
        if (SequenceNumber > MaxSequenceNumber)
        {
            throw new ArgumentOutOfRangeException(nameof(SequenceNumber), SequenceNumber, "a PFCP sequence number has 24 bits");
        }

        if (MessagePriority is > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(MessagePriority), MessagePriority, "a PFCP message priority has 4 bits");
        }

        if (MessagePriority is not null && Seid is null)
        {
            throw new InvalidOperationException("only session messages (with a SEID) carry a message priority");
        }

        var headerLength = HeaderLength;
        var messageLength = headerLength - 4 + bodyLength;
        if (messageLength > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(bodyLength), bodyLength, "a PFCP message is at most 65535 octets after its first four");
        }

        var flags = (byte)((Version == 0 ? CurrentVersion : Version) << 5);
        if (FollowOn)
        {
            flags |= 0b100;
        }

        if (MessagePriority is not null)
        {
            flags |= 0b010;
        }

        if (Seid is not null)
        {
            flags |= 0b001;
        }

        destination[0] = flags;
        destination[1] = (byte)MessageType;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)messageLength);
        var at = 4;
        if (Seid is { } seid)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination[4..], seid);
            at = 12;
        }

        destination[at] = (byte)(SequenceNumber >> 16);
        destination[at + 1] = (byte)(SequenceNumber >> 8);
        destination[at + 2] = (byte)SequenceNumber;
        destination[at + 3] = (byte)((MessagePriority ?? 0) << 4);
        return headerLength;
    }

    /// <summary>
    /// Reads a header. Fails (returns false with a reason) on a datagram shorter than its header,
    /// a length field that points past the datagram, or a version other than 1 — the caller
    /// answers the last with Version Not Supported Response (§7.4.4.7).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out PfcpHeader header, out PfcpHeaderError error)
    {
        header = default;
        if (source.Length < 4)
        {
            error = PfcpHeaderError.Truncated;
            return false;
        }

        var flags = source[0];
        var version = (byte)(flags >> 5);
        var hasSeid = (flags & 0b001) != 0;
        var hasPriority = (flags & 0b010) != 0;
        var messageLength = BinaryPrimitives.ReadUInt16BigEndian(source[2..]);
        header = new PfcpHeader { Version = version, MessageType = (PfcpMessageType)source[1], MessageLength = messageLength, FollowOn = (flags & 0b100) != 0 };
        if (version != CurrentVersion)
        {
            error = PfcpHeaderError.UnsupportedVersion;
            return false;
        }

        var headerLength = hasSeid ? SessionHeaderLength : NodeHeaderLength;
        if (messageLength + 4 < headerLength || source.Length < headerLength)
        {
            error = PfcpHeaderError.Truncated;
            return false;
        }

        if (source.Length < 4 + messageLength)
        {
            error = PfcpHeaderError.LengthBeyondDatagram;
            return false;
        }

        var at = 4;
        ulong? seid = null;
        if (hasSeid)
        {
            seid = BinaryPrimitives.ReadUInt64BigEndian(source[4..]);
            at = 12;
        }

        var sequence = (uint)((source[at] << 16) | (source[at + 1] << 8) | source[at + 2]);
        byte? priority = hasPriority && hasSeid ? (byte)(source[at + 3] >> 4) : null;
        header = header with { Seid = seid, SequenceNumber = sequence, MessagePriority = priority };
        error = PfcpHeaderError.None;
        return true;
    }
}

/// <summary>Why a PFCP header could not be read.</summary>
public enum PfcpHeaderError
{
    /// <summary>The header was read.</summary>
    None,
    /// <summary>Fewer octets than the header needs.</summary>
    Truncated,
    /// <summary>The message length field points past the end of the datagram.</summary>
    LengthBeyondDatagram,
    /// <summary>A version other than 1.</summary>
    UnsupportedVersion,
}
