namespace Steward.Rpc.Protobuf;

/// <summary>
/// The one exception every malformed or over-limit protobuf input produces, whatever went wrong.
/// <see cref="Position"/> is the byte offset in the input where the problem was found.
/// </summary>
public sealed class ProtoDecodeException : Exception
{
    public ProtoDecodeException()
        : this(0, "invalid protobuf input") { }

    public ProtoDecodeException(string message)
        : this(0, message) { }

    public ProtoDecodeException(string message, Exception innerException)
        : base(message, innerException) => Reason = message;

    public ProtoDecodeException(long position, string reason)
        : base($"Invalid protobuf input at byte {position}: {reason}")
    {
        Position = position;
        Reason = reason;
    }

    /// <summary>Offset from the start of the parsed input.</summary>
    public long Position { get; }
    public string Reason { get; } = "";
}
