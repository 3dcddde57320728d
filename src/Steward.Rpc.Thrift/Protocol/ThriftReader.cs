using System.Buffers;

namespace Steward.Rpc.Thrift;

/// <summary>
/// Reads one protocol's encoding (TProtocol's read half) from bytes already received. Every size is
/// checked against <see cref="Limits"/> before anything is allocated, and nesting is bounded by
/// <see cref="ThriftLimits.MaxDepth"/>; bad bytes throw <see cref="ThriftProtocolException"/>.
/// Running out of input throws <see cref="ThriftIncompleteMessageException"/>, so a transport
/// without frames (buffered) can wait for more bytes and try again.
/// Instances are reusable through <see cref="Reset"/> and are not thread-safe.
/// </summary>
public abstract class ThriftReader
{
    protected ThriftReader(ThriftLimits limits)
    {
        Limits = limits ?? throw new ArgumentNullException(nameof(limits));
    }

    public ThriftLimits Limits { get; }

    public abstract ThriftProtocolKind Kind { get; }

    /// <summary>Starts reading a new message from <paramref name="input"/>.</summary>
    public abstract void Reset(ReadOnlySequence<byte> input);

    /// <summary>Bytes of the input consumed so far (a transport advances its buffer by this much).</summary>
    public abstract long Consumed { get; }

    public abstract ThriftMessageHeader ReadMessageBegin();
    public abstract void ReadMessageEnd();
    /// <summary>Enters a struct; throws <see cref="ThriftProtocolError.DepthLimit"/> past <see cref="ThriftLimits.MaxDepth"/>.</summary>
    public abstract void ReadStructBegin();
    public abstract void ReadStructEnd();
    public abstract ThriftFieldHeader ReadFieldBegin();
    public abstract void ReadFieldEnd();
    public abstract ThriftListHeader ReadListBegin();
    public abstract void ReadListEnd();
    public abstract ThriftListHeader ReadSetBegin();
    public abstract void ReadSetEnd();
    public abstract ThriftMapHeader ReadMapBegin();
    public abstract void ReadMapEnd();
    public abstract bool ReadBool();
    public abstract sbyte ReadByte();
    public abstract short ReadI16();
    public abstract int ReadI32();
    public abstract long ReadI64();
    public abstract double ReadDouble();
    public abstract string ReadString();
    public abstract byte[] ReadBinary();
    public abstract Guid ReadUuid();

    /// <summary>Reads past a value of any type (unknown fields), honouring the depth and size limits.</summary>
    public abstract void Skip(ThriftType type);
}

/// <summary>The input ended inside a message: more bytes may complete it (buffered transport), or the peer truncated it.</summary>
public sealed class ThriftIncompleteMessageException : ThriftProtocolException
{
    public ThriftIncompleteMessageException()
        : base(ThriftProtocolError.InvalidData, "The message is truncated: the input ended inside it.") { }
}
