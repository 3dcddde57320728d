using System.Buffers;

namespace Steward.Rpc.Thrift;

/// <summary>
/// Writes one protocol's encoding (TProtocol's write half) into an <see cref="IBufferWriter{T}"/>.
/// Synchronous by design: a message is encoded into memory, then the transport frames and sends it.
/// Instances are reusable through <see cref="Reset"/> and are not thread-safe.
/// </summary>
public abstract class ThriftWriter
{
    public abstract ThriftProtocolKind Kind { get; }

    /// <summary>Starts writing a new message into <paramref name="output"/>.</summary>
    public abstract void Reset(IBufferWriter<byte> output);

    /// <summary>Commits what is still buffered to the output (call once, after the message end).</summary>
    public abstract void Flush();

    public abstract void WriteMessageBegin(in ThriftMessageHeader header);
    public abstract void WriteMessageEnd();
    public abstract void WriteStructBegin(string name);
    public abstract void WriteStructEnd();
    public abstract void WriteFieldBegin(string name, ThriftType type, short id);
    public abstract void WriteFieldEnd();
    public abstract void WriteFieldStop();
    public abstract void WriteListBegin(in ThriftListHeader header);
    public abstract void WriteListEnd();
    public abstract void WriteSetBegin(in ThriftListHeader header);
    public abstract void WriteSetEnd();
    public abstract void WriteMapBegin(in ThriftMapHeader header);
    public abstract void WriteMapEnd();
    public abstract void WriteBool(bool value);
    public abstract void WriteByte(sbyte value);
    public abstract void WriteI16(short value);
    public abstract void WriteI32(int value);
    public abstract void WriteI64(long value);
    public abstract void WriteDouble(double value);
    /// <summary>UTF-8 on the wire.</summary>
    public abstract void WriteString(string value);
    public abstract void WriteBinary(ReadOnlySpan<byte> value);
    /// <summary>16 bytes in RFC 4122 (big-endian) order, as Thrift's uuid type is defined.</summary>
    public abstract void WriteUuid(Guid value);
}
