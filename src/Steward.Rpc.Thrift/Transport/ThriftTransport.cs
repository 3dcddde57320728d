namespace Steward.Rpc.Thrift;

/// <summary>How Thrift messages are delimited on a byte stream.</summary>
public enum ThriftTransport
{
    /// <summary>TFramedTransport: each message is preceded by its length as a 4-byte big-endian integer.</summary>
    Framed,

    /// <summary>TBufferedTransport (unframed): messages follow each other; the protocol itself says where one ends.</summary>
    Buffered,
}
