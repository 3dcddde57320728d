using System.Buffers;

namespace Steward.Rpc.Thrift;

/// <summary>
/// Writes one protocol's encoding (TProtocol's write half) into an <see cref="IBufferWriter{T}"/>.
/// Synchronous by design: a message is encoded into memory, then the transport frames and sends it.
/// Instances are reusable through <see cref="Reset"/> and are not thread-safe.
/// </summary>
public abstract class ThriftWriter
{
    /// <summary>The protocol this writer encodes.</summary>
    public abstract ThriftProtocolKind Kind { get; }

    /// <summary>Starts writing a new message into <paramref name="output"/>.</summary>
    public abstract void Reset(IBufferWriter<byte> output);

    /// <summary>Commits what is still buffered to the output (call once, after the message end).</summary>
    public abstract void Flush();

    /// <summary>Writes a message header: name, type and sequence id.</summary>
    public abstract void WriteMessageBegin(in ThriftMessageHeader header);
    /// <summary>Ends the message.</summary>
    public abstract void WriteMessageEnd();
    /// <summary>Starts a struct; <paramref name="name"/> is written only by protocols that carry names (none of Steward's three).</summary>
    public abstract void WriteStructBegin(string name);
    /// <summary>Ends a struct started with <see cref="WriteStructBegin"/>.</summary>
    public abstract void WriteStructEnd();
    /// <summary>Starts a field with its type and id; the value follows.</summary>
    public abstract void WriteFieldBegin(string name, ThriftType type, short id);
    /// <summary>Ends the field whose value was just written.</summary>
    public abstract void WriteFieldEnd();
    /// <summary>Marks the end of a struct's fields; write it before <see cref="WriteStructEnd"/>.</summary>
    public abstract void WriteFieldStop();
    /// <summary>Starts a list: the element type and count, then that many values.</summary>
    public abstract void WriteListBegin(in ThriftListHeader header);
    /// <summary>Ends a list.</summary>
    public abstract void WriteListEnd();
    /// <summary>Starts a set: the element type and count, then that many values.</summary>
    public abstract void WriteSetBegin(in ThriftListHeader header);
    /// <summary>Ends a set.</summary>
    public abstract void WriteSetEnd();
    /// <summary>Starts a map: key and value types and count, then that many key and value pairs.</summary>
    public abstract void WriteMapBegin(in ThriftMapHeader header);
    /// <summary>Ends a map.</summary>
    public abstract void WriteMapEnd();
    /// <summary>Writes a boolean (in compact, a bool field's value goes into its field header).</summary>
    public abstract void WriteBool(bool value);
    /// <summary>Writes a signed byte.</summary>
    public abstract void WriteByte(sbyte value);
    /// <summary>Writes a 16-bit integer.</summary>
    public abstract void WriteI16(short value);
    /// <summary>Writes a 32-bit integer.</summary>
    public abstract void WriteI32(int value);
    /// <summary>Writes a 64-bit integer.</summary>
    public abstract void WriteI64(long value);
    /// <summary>Writes a double.</summary>
    public abstract void WriteDouble(double value);
    /// <summary>UTF-8 on the wire.</summary>
    public abstract void WriteString(string value);
    /// <summary>Writes bytes (base64 in JSON).</summary>
    public abstract void WriteBinary(ReadOnlySpan<byte> value);
    /// <summary>16 bytes in RFC 4122 (big-endian) order, as Thrift's uuid type is defined.</summary>
    public abstract void WriteUuid(Guid value);
}
