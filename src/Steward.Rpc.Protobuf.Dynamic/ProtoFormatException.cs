namespace Steward.Rpc.Protobuf.Dynamic;

/// <summary>
/// The one exception bad protobuf text-format or JSON input produces. <see cref="Line"/> and
/// <see cref="Column"/> are 1-based, as editors and compilers count them (JSON input that has no
/// line structure reports line 1 and the byte offset + 1 as column).
/// </summary>
public sealed class ProtoFormatException : Exception
{
    /// <summary>A format error with no position.</summary>
    public ProtoFormatException()
        : this(0, 0, "invalid input") { }

    /// <summary>A format error with no position, described by <paramref name="message"/>.</summary>
    public ProtoFormatException(string message)
        : this(0, 0, message) { }

    /// <summary>A format error described by <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public ProtoFormatException(string message, Exception innerException)
        : base(message, innerException) => Reason = message;

    /// <summary>A format error at <paramref name="line"/>:<paramref name="column"/>; the message names both.</summary>
    public ProtoFormatException(int line, int column, string reason)
        : base($"{line}:{column}: {reason}")
    {
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The 1-based line of the problem, or 0 when unknown.</summary>
    public int Line { get; }
    /// <summary>The 1-based column of the problem, or 0 when unknown.</summary>
    public int Column { get; }
    /// <summary>What was wrong, without the position.</summary>
    public string Reason { get; } = "";
}
