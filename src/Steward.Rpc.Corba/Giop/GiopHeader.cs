using System.Buffers.Binary;

namespace Steward.Rpc.Corba;

/// <summary>The GIOP message types (CORBA 3.0, 15.4.1); Fragment exists from GIOP 1.1 on.</summary>
public enum GiopMessageType : byte
{
    /// <summary>A request from a client.</summary>
    Request = 0,
    /// <summary>A reply to a request.</summary>
    Reply = 1,
    /// <summary>The client no longer waits for a request's reply.</summary>
    CancelRequest = 2,
    /// <summary>Asks whether the server serves an object key.</summary>
    LocateRequest = 3,
    /// <summary>The answer to a LocateRequest.</summary>
    LocateReply = 4,
    /// <summary>The server is closing the connection; requests without a reply were not processed.</summary>
    CloseConnection = 5,
    /// <summary>The peer sent something that is not a valid GIOP message.</summary>
    MessageError = 6,
    /// <summary>The continuation of a fragmented message.</summary>
    Fragment = 7,
}

/// <summary>
/// The 12-byte GIOP message header: the magic <c>GIOP</c>, the version, the flags (bit 0: little-endian; bit 1,
/// GIOP 1.1 and later: more fragments follow), the message type and the size of what follows the header.
/// </summary>
internal readonly record struct GiopHeader(GiopVersion Version, bool LittleEndian, bool MoreFragments, GiopMessageType Type, int BodySize)
{
    public const int Length = 12;

    /// <summary>The whole message's size, header included.</summary>
    public int MessageSize => Length + BodySize;

    /// <summary>Decodes and checks a header; a bad magic, version, type or size is a <see cref="GiopProtocolException"/>.</summary>
    public static GiopHeader Read(ReadOnlySpan<byte> head, int maxMessageSize)
    {
        if (head.Length < Length)
        {
            throw new GiopProtocolException("A GIOP header is 12 bytes.");
        }
        if (head[0] != (byte)'G' || head[1] != (byte)'I' || head[2] != (byte)'O' || head[3] != (byte)'P')
        {
            throw new GiopProtocolException($"Bad magic 0x{head[0]:x2}{head[1]:x2}{head[2]:x2}{head[3]:x2}: not a GIOP message.");
        }
        var version = new GiopVersion(head[4], head[5]);
        if (!version.IsSupported)
        {
            throw new GiopProtocolException($"GIOP {version} is not supported (1.0 to 1.2 are).");
        }
        var flags = head[6];
        bool littleEndian;
        var more = false;
        if (version.Minor == 0)
        {
            // GIOP 1.0: the octet is the byte_order boolean.
            if (flags > 1)
            {
                throw new GiopProtocolException($"A GIOP 1.0 byte_order is 0 or 1, not {flags}.");
            }
            littleEndian = flags == 1;
        }
        else
        {
            littleEndian = (flags & 1) != 0;
            more = (flags & 2) != 0;
        }
        var type = head[7];
        if (type > (byte)GiopMessageType.Fragment || (type == (byte)GiopMessageType.Fragment && version.Minor == 0))
        {
            throw new GiopProtocolException($"Message type {type} does not exist in GIOP {version}.");
        }
        var size = littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(head[8..]) : BinaryPrimitives.ReadUInt32BigEndian(head[8..]);
        if (size > (uint)(maxMessageSize - Length))
        {
            throw new GiopProtocolException($"A message of {size} bytes exceeds the limit of {maxMessageSize}.");
        }
        return new GiopHeader(version, littleEndian, more, (GiopMessageType)type, (int)size);
    }

    /// <summary>Writes the header (the size as <see cref="BodySize"/>) into the first 12 bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        destination[0] = (byte)'G';
        destination[1] = (byte)'I';
        destination[2] = (byte)'O';
        destination[3] = (byte)'P';
        destination[4] = Version.Major;
        destination[5] = Version.Minor;
        destination[6] = (byte)((LittleEndian ? 1 : 0) | (MoreFragments && Version.Minor > 0 ? 2 : 0));
        destination[7] = (byte)Type;
        if (LittleEndian)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], (uint)BodySize);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[8..], (uint)BodySize);
        }
    }

    /// <summary>A whole header-only message (CloseConnection, MessageError) in <paramref name="version"/>, little-endian.</summary>
    public static byte[] HeaderOnly(GiopMessageType type, GiopVersion version)
    {
        var message = new byte[Length];
        new GiopHeader(version, true, false, type, 0).Write(message);
        return message;
    }
}

/// <summary>
/// A message that is not valid GIOP (bad header, undecodable message header, broken fragments): the peer is sent
/// MessageError and the connection is closed.
/// </summary>
internal sealed class GiopProtocolException : Exception
{
    public GiopProtocolException(string message) : base(message) { }

    public GiopProtocolException(string message, Exception inner) : base(message, inner) { }
}
