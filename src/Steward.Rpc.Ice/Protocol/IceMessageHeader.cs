using System.Buffers.Binary;

namespace Steward.Rpc.Ice;

/// <summary>The kinds of Ice protocol 1.0 messages (the header's message type byte).</summary>
public enum IceMessageType : byte
{
    /// <summary>One request; its id is 0 for a oneway call.</summary>
    Request = 0,
    /// <summary>Several oneway requests, none answered.</summary>
    BatchRequest = 1,
    /// <summary>The answer to a twoway request.</summary>
    Reply = 2,
    /// <summary>Sent by the server when it accepts a connection (and by Ice 3.7 peers as a heartbeat).</summary>
    ValidateConnection = 3,
    /// <summary>A graceful close: the sender sends nothing more.</summary>
    CloseConnection = 4,
}

/// <summary>
/// The 14-byte header every Ice protocol 1.0 message starts with: magic <c>IceP</c>, protocol 1.0,
/// protocol encoding 1.0, message type, compression status and the message size (header included).
/// </summary>
public readonly record struct IceMessageHeader(IceMessageType Type, byte CompressionStatus, int Size)
{
    /// <summary>The header's length in bytes.</summary>
    public const int Length = 14;

    /// <summary>Writes a header for a message of <paramref name="type"/> whose total size is <paramref name="size"/>.</summary>
    public static void Write(Span<byte> destination, IceMessageType type, int size)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException("The destination is shorter than a header.", nameof(destination));
        }
        destination[0] = (byte)'I';
        destination[1] = (byte)'c';
        destination[2] = (byte)'e';
        destination[3] = (byte)'P';
        destination[4] = 1;
        destination[5] = 0;
        destination[6] = 1;
        destination[7] = 0;
        destination[8] = (byte)type;
        destination[9] = 0;
        BinaryPrimitives.WriteInt32LittleEndian(destination[10..], size);
    }

    /// <summary>A message that is only a header (ValidateConnection, CloseConnection).</summary>
    public static byte[] HeaderOnly(IceMessageType type)
    {
        var bytes = new byte[Length];
        Write(bytes, type, Length);
        return bytes;
    }

    /// <summary>
    /// Reads and checks a header: the magic, protocol 1.x, protocol encoding 1.x, a known message type, no
    /// compression, a size between the header's length and <paramref name="maxMessageSize"/>.
    /// Each failure is the <see cref="IceProtocolException"/> Ice itself raises for it.
    /// </summary>
    public static IceMessageHeader Read(ReadOnlySpan<byte> source, int maxMessageSize)
    {
        if (source.Length < Length)
        {
            throw new IceProtocolException($"A message header needs {Length} bytes, got {source.Length}.");
        }
        if (source[0] != 'I' || source[1] != 'c' || source[2] != 'e' || source[3] != 'P')
        {
            throw new IceBadMagicException(source[..4].ToArray());
        }
        if (source[4] != 1)
        {
            throw new IceUnsupportedProtocolException($"Unsupported protocol {source[4]}.{source[5]} (Steward speaks Ice protocol 1.0).");
        }
        if (source[6] != 1)
        {
            throw new IceUnsupportedProtocolException($"Unsupported protocol encoding {source[6]}.{source[7]} (Steward speaks 1.0).");
        }
        var type = source[8];
        if (type > (byte)IceMessageType.CloseConnection)
        {
            throw new IceProtocolException($"Unknown message type {type}.");
        }
        var compression = source[9];
        if (compression == 2)
        {
            throw new IceProtocolException("Compressed messages are not supported (compression status 2); call without -z.");
        }
        if (compression > 2)
        {
            throw new IceProtocolException($"Invalid compression status {compression}.");
        }
        var size = BinaryPrimitives.ReadInt32LittleEndian(source[10..]);
        if (size < Length)
        {
            throw new IceProtocolException($"Illegal message size {size} (a message is at least its {Length}-byte header).");
        }
        if (size > maxMessageSize)
        {
            throw new IceMemoryLimitException($"A message of {size} bytes is larger than the limit of {maxMessageSize} bytes.");
        }
        var messageType = (IceMessageType)type;
        if (messageType is IceMessageType.ValidateConnection or IceMessageType.CloseConnection && size != Length)
        {
            throw new IceProtocolException($"A {messageType} message must be {Length} bytes, not {size}.");
        }
        return new IceMessageHeader(messageType, compression, size);
    }
}

/// <summary>The first four bytes are not <c>IceP</c> (Ice::BadMagicException).</summary>
public sealed class IceBadMagicException : IceProtocolException
{
    /// <summary>An exception reporting the bytes found.</summary>
    public IceBadMagicException(byte[] magic)
        : base($"Bad magic {Convert.ToHexString(magic)} (expected 49636550, \"IceP\").") => Magic = magic;

    /// <summary>The four bytes received instead of <c>IceP</c>.</summary>
    public IReadOnlyList<byte> Magic { get; }
}

/// <summary>A protocol or protocol encoding other than 1.x (Ice::UnsupportedProtocolException / UnsupportedEncodingException).</summary>
public sealed class IceUnsupportedProtocolException : IceProtocolException
{
    /// <summary>An exception saying which version was offered.</summary>
    public IceUnsupportedProtocolException(string message) : base(message) { }
}
