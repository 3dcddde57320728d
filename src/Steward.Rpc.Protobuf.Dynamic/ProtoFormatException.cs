namespace Steward.Rpc.Protobuf.Dynamic;

/// <summary>
/// The one exception bad protobuf text-format or JSON input produces. <see cref="Line"/> and
/// <see cref="Column"/> are 1-based, as editors and compilers count them (JSON input that has no
/// line structure reports line 1 and the byte offset + 1 as column).
/// </summary>
public sealed class ProtoFormatException : Exception
{
    public ProtoFormatException()
        : this(0, 0, "invalid input") { }

    public ProtoFormatException(string message)
        : this(0, 0, message) { }

    public ProtoFormatException(string message, Exception innerException)
        : base(message, innerException) => Reason = message;

    public ProtoFormatException(int line, int column, string reason)
        : base($"{line}:{column}: {reason}")
    {
        Line = line;
        Column = column;
        Reason = reason;
    }

    public int Line { get; }
    public int Column { get; }
    public string Reason { get; } = "";
}
