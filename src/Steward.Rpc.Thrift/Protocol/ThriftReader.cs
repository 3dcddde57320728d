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
    /// <summary>A reader bounded by <paramref name="limits"/>.</summary>
    protected ThriftReader(ThriftLimits limits)
    {
        Limits = limits ?? throw new ArgumentNullException(nameof(limits));
    }

    /// <summary>The bounds every size and nesting level read is checked against.</summary>
    public ThriftLimits Limits { get; }

    /// <summary>The protocol this reader decodes.</summary>
    public abstract ThriftProtocolKind Kind { get; }

    /// <summary>Starts reading a new message from <paramref name="input"/>.</summary>
    public abstract void Reset(ReadOnlySequence<byte> input);

    /// <summary>Bytes of the input consumed so far (a transport advances its buffer by this much).</summary>
    public abstract long Consumed { get; }

    /// <summary>Reads a message header; a bad protocol id or version is <see cref="ThriftProtocolError.BadVersion"/>.</summary>
    public abstract ThriftMessageHeader ReadMessageBegin();
    /// <summary>Reads the end of the message.</summary>
    public abstract void ReadMessageEnd();
    /// <summary>Enters a struct; throws <see cref="ThriftProtocolError.DepthLimit"/> past <see cref="ThriftLimits.MaxDepth"/>.</summary>
    public abstract void ReadStructBegin();
    /// <summary>Leaves the struct entered by <see cref="ReadStructBegin"/>.</summary>
    public abstract void ReadStructEnd();
    /// <summary>Reads the next field header; its type is <see cref="ThriftType.Stop"/> after the last field.</summary>
    public abstract ThriftFieldHeader ReadFieldBegin();
    /// <summary>Reads the end of the field whose value was just read or skipped.</summary>
    public abstract void ReadFieldEnd();
    /// <summary>Reads a list header, its count checked against the limits and the input left; enters one nesting level.</summary>
    public abstract ThriftListHeader ReadListBegin();
    /// <summary>Leaves the list.</summary>
    public abstract void ReadListEnd();
    /// <summary>Reads a set header, its count checked against the limits and the input left; enters one nesting level.</summary>
    public abstract ThriftListHeader ReadSetBegin();
    /// <summary>Leaves the set.</summary>
    public abstract void ReadSetEnd();
    /// <summary>Reads a map header, its count checked against the limits and the input left; enters one nesting level.</summary>
    public abstract ThriftMapHeader ReadMapBegin();
    /// <summary>Leaves the map.</summary>
    public abstract void ReadMapEnd();
    /// <summary>Reads a boolean.</summary>
    public abstract bool ReadBool();
    /// <summary>Reads a signed byte.</summary>
    public abstract sbyte ReadByte();
    /// <summary>Reads a 16-bit integer; one out of range is <see cref="ThriftProtocolError.InvalidData"/>.</summary>
    public abstract short ReadI16();
    /// <summary>Reads a 32-bit integer; one out of range is <see cref="ThriftProtocolError.InvalidData"/>.</summary>
    public abstract int ReadI32();
    /// <summary>Reads a 64-bit integer.</summary>
    public abstract long ReadI64();
    /// <summary>Reads a double.</summary>
    public abstract double ReadDouble();
    /// <summary>Reads a UTF-8 string, its length checked against <see cref="ThriftLimits.MaxStringSize"/>.</summary>
    public abstract string ReadString();
    /// <summary>Reads bytes, their length checked against <see cref="ThriftLimits.MaxStringSize"/>.</summary>
    public abstract byte[] ReadBinary();
    /// <summary>Reads a UUID.</summary>
    public abstract Guid ReadUuid();

    /// <summary>
    /// Reads past a value of any type (unknown fields), honouring the depth and size limits: one recursion for
    /// every protocol, through the same Begin/End calls a reader of the value makes, so each protocol checks
    /// exactly what it checks when reading. A run of container elements whose encoding has a fixed size
    /// (<see cref="FixedElementSize"/>) is passed over in one step.
    /// </summary>
    public void Skip(ThriftType type)
    {
        switch (type)
        {
            case ThriftType.Struct:
                ReadStructBegin();
                while (true)
                {
                    var field = ReadFieldBegin();
                    if (field.Type == ThriftType.Stop)
                    {
                        break;
                    }
                    Skip(field.Type);
                    ReadFieldEnd();
                }
                ReadStructEnd();
                break;
            case ThriftType.List:
            {
                var list = ReadListBegin();
                SkipElements(list.ElementType, list.Count);
                ReadListEnd();
                break;
            }
            case ThriftType.Set:
            {
                var set = ReadSetBegin();
                SkipElements(set.ElementType, set.Count);
                ReadSetEnd();
                break;
            }
            case ThriftType.Map:
            {
                var map = ReadMapBegin();
                var keySize = FixedElementSize(map.KeyType);
                var valueSize = FixedElementSize(map.ValueType);
                if (keySize > 0 && valueSize > 0)
                {
                    SkipFixedSizeElements((long)(keySize + valueSize) * map.Count);
                }
                else
                {
                    for (var i = 0; i < map.Count; i++)
                    {
                        Skip(map.KeyType);
                        Skip(map.ValueType);
                    }
                }
                ReadMapEnd();
                break;
            }
            default:
                SkipScalar(type);
                break;
        }
    }

    /// <summary>
    /// Reads past one value that is neither a struct nor a container (bool, byte, integers, double, string or
    /// binary, uuid); any other type id throws <see cref="ThriftProtocolError.InvalidData"/>.
    /// </summary>
    protected abstract void SkipScalar(ThriftType type);

    /// <summary>
    /// The bytes every container element of <paramref name="type"/> takes in this encoding, or 0 where the size
    /// varies (then <see cref="Skip"/> walks the elements one at a time). A protocol that returns more than 0
    /// must implement <see cref="SkipFixedSizeElements"/>.
    /// </summary>
    protected virtual int FixedElementSize(ThriftType type) => 0;

    /// <summary>Passes over <paramref name="byteCount"/> bytes of fixed-size container elements without looking at them.</summary>
    protected virtual void SkipFixedSizeElements(long byteCount) =>
        throw new NotSupportedException($"{GetType().Name} has no fixed-size elements to skip.");

    private void SkipElements(ThriftType elementType, int count)
    {
        var size = FixedElementSize(elementType);
        if (size > 0)
        {
            SkipFixedSizeElements((long)size * count);
            return;
        }
        for (var i = 0; i < count; i++)
        {
            Skip(elementType);
        }
    }
}

/// <summary>The input ended inside a message: more bytes may complete it (buffered transport), or the peer truncated it.</summary>
public sealed class ThriftIncompleteMessageException : ThriftProtocolException
{
    /// <summary>An exception for input that ended inside a message.</summary>
    public ThriftIncompleteMessageException()
        : base(ThriftProtocolError.InvalidData, "The message is truncated: the input ended inside it.") { }
}
