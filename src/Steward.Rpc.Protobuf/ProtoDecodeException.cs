namespace Steward.Rpc.Protobuf;

/// <summary>
/// The one exception every malformed or over-limit protobuf input produces, whatever went wrong.
/// <see cref="Position"/> is the byte offset in the input where the problem was found.
/// </summary>
public sealed class ProtoDecodeException : Exception
{
    /// <summary>A decode failure with no details.</summary>
    public ProtoDecodeException()
        : this(0, "invalid protobuf input") { }

    /// <summary>A decode failure described by <paramref name="message"/>.</summary>
    public ProtoDecodeException(string message)
        : this(0, message) { }

    /// <summary>A decode failure described by <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public ProtoDecodeException(string message, Exception innerException)
        : base(message, innerException) => Reason = message;

    /// <summary>A decode failure at byte <paramref name="position"/> of the input; the message names both.</summary>
    public ProtoDecodeException(long position, string reason)
        : base($"Invalid protobuf input at byte {position}: {reason}")
    {
        Position = position;
        Reason = reason;
    }

    /// <summary>Offset from the start of the parsed input.</summary>
    public long Position { get; }
    /// <summary>What was wrong, without the position (empty when constructed without one).</summary>
    public string Reason { get; } = "";
}
