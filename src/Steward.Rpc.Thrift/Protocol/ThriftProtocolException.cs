namespace Steward.Rpc.Thrift;

/// <summary>TProtocolException's error types, with their wire numbers.</summary>
public enum ThriftProtocolError
{
    /// <summary>An error of no more specific kind.</summary>
    Unknown = 0,
    /// <summary>Bytes that do not decode: an unknown type id, a bad escape, a value out of range.</summary>
    InvalidData = 1,
    /// <summary>A string, binary or container with a negative size.</summary>
    NegativeSize = 2,
    /// <summary>A size past <see cref="ThriftLimits"/>.</summary>
    SizeLimit = 3,
    /// <summary>A message header of another protocol or version.</summary>
    BadVersion = 4,
    /// <summary>Something the protocol defines that this implementation does not do.</summary>
    NotImplemented = 5,
    /// <summary>Nesting deeper than <see cref="ThriftLimits.MaxDepth"/>.</summary>
    DepthLimit = 6,
}

/// <summary>Bytes that are not a valid message of the protocol in use (TProtocolException).</summary>
public class ThriftProtocolException : Exception
{
    /// <summary>An exception of kind <paramref name="error"/>.</summary>
    public ThriftProtocolException(ThriftProtocolError error, string message) : base(message)
    {
        Error = error;
    }

    /// <summary>An exception of kind <paramref name="error"/> caused by <paramref name="inner"/>.</summary>
    public ThriftProtocolException(ThriftProtocolError error, string message, Exception inner) : base(message, inner)
    {
        Error = error;
    }

    /// <summary>What kind of protocol error this is.</summary>
    public ThriftProtocolError Error { get; }
}
