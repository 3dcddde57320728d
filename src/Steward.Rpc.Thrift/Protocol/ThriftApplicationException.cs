namespace Steward.Rpc.Thrift;

/// <summary>TApplicationException's types, with their wire numbers.</summary>
public enum ThriftApplicationExceptionType
{
    /// <summary>An error of no more specific kind, such as a handler that threw.</summary>
    Unknown = 0,
    /// <summary>The server has no method of that name.</summary>
    UnknownMethod = 1,
    /// <summary>The message type was not one the receiver expects.</summary>
    InvalidMessageType = 2,
    /// <summary>The reply names another method than the call.</summary>
    WrongMethodName = 3,
    /// <summary>The reply's sequence id matches no call.</summary>
    BadSequenceId = 4,
    /// <summary>The reply carried neither a result nor a declared exception.</summary>
    MissingResult = 5,
    /// <summary>The server failed while handling the call.</summary>
    InternalError = 6,
    /// <summary>The call's bytes could not be decoded.</summary>
    ProtocolError = 7,
    /// <summary>A transform the peer asked for is not supported.</summary>
    InvalidTransform = 8,
    /// <summary>The protocol the peer used is not supported.</summary>
    InvalidProtocol = 9,
    /// <summary>The kind of client is not supported.</summary>
    UnsupportedClientType = 10,
}

/// <summary>
/// Thrift's TApplicationException: the error a server sends in an EXCEPTION message instead of a reply
/// (unknown method, handler failure, undecodable arguments …). On the wire it is the struct
/// <c>{1: string message, 2: i32 type}</c>. It is an <see cref="RpcException"/> whose
/// <see cref="RpcException.Status"/> comes from <see cref="Type"/> (see <see cref="ToStatusCode"/>).
/// </summary>
public sealed class ThriftApplicationException : RpcException
{
    /// <summary>An exception of <paramref name="type"/>; its status code follows from the type, its detail is <paramref name="message"/>.</summary>
    public ThriftApplicationException(ThriftApplicationExceptionType type, string? message)
        : base(new Status(ToStatusCode(type), message ?? ""), message ?? type.ToString())
    {
        Type = type;
    }

    /// <summary>The exception's type, as sent on the wire.</summary>
    public ThriftApplicationExceptionType Type { get; }

    /// <summary>
    /// The status a TApplicationException received from a peer stands for:
    /// <list type="table">
    /// <item><term>UnknownMethod</term><description><see cref="StatusCode.Unimplemented"/></description></item>
    /// <item><term>Unknown</term><description><see cref="StatusCode.Unknown"/></description></item>
    /// <item><term>InternalError</term><description><see cref="StatusCode.Internal"/></description></item>
    /// <item><term>ProtocolError</term><description><see cref="StatusCode.Internal"/>: a message the peer could not
    /// decode is a bug in one of the two implementations, not a bad argument of the caller's; gRPC reports an
    /// undecodable message as Internal too, so a client sees the same code on either wire.</description></item>
    /// <item><term>InvalidMessageType, WrongMethodName, BadSequenceId, MissingResult, InvalidTransform,
    /// InvalidProtocol, UnsupportedClientType</term><description><see cref="StatusCode.Internal"/> (the two
    /// sides disagree about the protocol)</description></item>
    /// <item><term>any other number</term><description><see cref="StatusCode.Unknown"/></description></item>
    /// </list>
    /// </summary>
    public static StatusCode ToStatusCode(ThriftApplicationExceptionType type) => type switch
    {
        ThriftApplicationExceptionType.UnknownMethod => StatusCode.Unimplemented,
        ThriftApplicationExceptionType.InvalidMessageType or
        ThriftApplicationExceptionType.WrongMethodName or
        ThriftApplicationExceptionType.BadSequenceId or
        ThriftApplicationExceptionType.MissingResult or
        ThriftApplicationExceptionType.InternalError or
        ThriftApplicationExceptionType.ProtocolError or
        ThriftApplicationExceptionType.InvalidTransform or
        ThriftApplicationExceptionType.InvalidProtocol or
        ThriftApplicationExceptionType.UnsupportedClientType => StatusCode.Internal,
        _ => StatusCode.Unknown,
    };

    /// <summary>
    /// The TApplicationException type a server sends for a call that ended with <paramref name="code"/>
    /// (Thrift has no richer error channel for undeclared failures):
    /// <list type="table">
    /// <item><term><see cref="StatusCode.Unimplemented"/></term><description>UnknownMethod (what Apache servers send for a method they do not serve)</description></item>
    /// <item><term><see cref="StatusCode.Unknown"/></term><description>Unknown</description></item>
    /// <item><term>every other code (Internal, InvalidArgument, NotFound, DeadlineExceeded, Cancelled …)</term><description>InternalError,
    /// as Apache's processors answer any handler failure; the status detail travels as the message</description></item>
    /// </list>
    /// <see cref="StatusCode.OK"/> is not an error and throws <see cref="ArgumentOutOfRangeException"/>.
    /// </summary>
    public static ThriftApplicationExceptionType FromStatusCode(StatusCode code) => code switch
    {
        StatusCode.OK => throw new ArgumentOutOfRangeException(nameof(code), code, "OK is not an error."),
        StatusCode.Unimplemented => ThriftApplicationExceptionType.UnknownMethod,
        StatusCode.Unknown => ThriftApplicationExceptionType.Unknown,
        _ => ThriftApplicationExceptionType.InternalError,
    };

    /// <summary>
    /// The exception a server sends for a failure of a handler or of decoding:
    /// a <see cref="ThriftApplicationException"/> as it is; a <see cref="ThriftProtocolException"/> (the arguments
    /// could not be decoded) as ProtocolError, as Apache's processors do; an <see cref="RpcException"/> by
    /// <see cref="FromStatusCode"/> with its status detail as the message; anything else as InternalError
    /// carrying only the exception's type name (a handler's exception text is not sent to the peer).
    /// </summary>
    public static ThriftApplicationException FromException(Exception exception, string methodName)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            ThriftApplicationException application => application,
            ThriftProtocolException protocol => new(ThriftApplicationExceptionType.ProtocolError, $"{methodName}: {protocol.Message}"),
            RpcException rpc => new(FromStatusCode(rpc.StatusCode), rpc.Status.Detail),
            _ => new(ThriftApplicationExceptionType.InternalError, $"Internal error processing {methodName}: {exception.GetType().Name}"),
        };
    }

    /// <summary>Writes the exception struct (a message body, after WriteMessageBegin with <see cref="ThriftMessageType.Exception"/>).</summary>
    public void Write(ThriftWriter writer) => Write(writer, Type, Status.Detail);

    /// <summary>Writes a TApplicationException struct without building the exception; as Apache, an empty message is left out.</summary>
    public static void Write(ThriftWriter writer, ThriftApplicationExceptionType type, string? message)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStructBegin("TApplicationException");
        if (!string.IsNullOrEmpty(message))
        {
            writer.WriteFieldBegin("message", ThriftType.String, 1);
            writer.WriteString(message);
            writer.WriteFieldEnd();
        }
        writer.WriteFieldBegin("type", ThriftType.I32, 2);
        writer.WriteI32((int)type);
        writer.WriteFieldEnd();
        writer.WriteFieldStop();
        writer.WriteStructEnd();
    }

    /// <summary>Reads the exception struct; unknown fields are skipped, absent ones default to "" and Unknown.</summary>
    public static ThriftApplicationException Read(ThriftReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string? message = null;
        var type = ThriftApplicationExceptionType.Unknown;
        reader.ReadStructBegin();
        while (true)
        {
            var field = reader.ReadFieldBegin();
            if (field.Type == ThriftType.Stop)
            {
                break;
            }
            switch (field.Id)
            {
                case 1 when field.Type == ThriftType.String:
                    message = reader.ReadString();
                    break;
                case 2 when field.Type == ThriftType.I32:
                    type = (ThriftApplicationExceptionType)reader.ReadI32();
                    break;
                default:
                    reader.Skip(field.Type);
                    break;
            }
            reader.ReadFieldEnd();
        }
        reader.ReadStructEnd();
        return new ThriftApplicationException(type, message);
    }
}
