namespace Steward.Rpc.Thrift;

/// <summary>TProtocolException's error types, with their wire numbers.</summary>
public enum ThriftProtocolError
{
    Unknown = 0,
    InvalidData = 1,
    NegativeSize = 2,
    SizeLimit = 3,
    BadVersion = 4,
    NotImplemented = 5,
    DepthLimit = 6,
}

/// <summary>Bytes that are not a valid message of the protocol in use (TProtocolException).</summary>
public class ThriftProtocolException : Exception
{
    public ThriftProtocolException(ThriftProtocolError error, string message) : base(message)
    {
        Error = error;
    }

    public ThriftProtocolException(ThriftProtocolError error, string message, Exception inner) : base(message, inner)
    {
        Error = error;
    }

    public ThriftProtocolError Error { get; }
}
