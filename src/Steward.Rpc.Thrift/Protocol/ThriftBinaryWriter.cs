using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Steward.Rpc.Thrift;

/// <summary>TBinaryProtocol's write half, strict: the message header starts with the version word.</summary>
internal sealed class ThriftBinaryWriter : ThriftWriter
{
    private ThriftOutput _out;

    public override ThriftProtocolKind Kind => ThriftProtocolKind.Binary;

    public override void Reset(IBufferWriter<byte> output) => _out.Reset(output);

    public override void Flush() => _out.Flush();

    public override void WriteMessageBegin(in ThriftMessageHeader header)
    {
        WriteI32(unchecked((int)(ThriftBinaryReader.Version1 | (uint)header.Type)));
        WriteString(header.Name);
        WriteI32(header.SequenceId);
    }

    public override void WriteMessageEnd() { }

    public override void WriteStructBegin(string name) { }

    public override void WriteStructEnd() { }

    public override void WriteFieldBegin(string name, ThriftType type, short id)
    {
        var span = _out.GetSpan(3);
        span[0] = (byte)type;
        BinaryPrimitives.WriteInt16BigEndian(span[1..], id);
        _out.Advance(3);
    }

    public override void WriteFieldEnd() { }

    public override void WriteFieldStop() => _out.WriteByte((byte)ThriftType.Stop);

    public override void WriteListBegin(in ThriftListHeader header)
    {
        var span = _out.GetSpan(5);
        span[0] = (byte)header.ElementType;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], header.Count);
        _out.Advance(5);
    }

    public override void WriteListEnd() { }

    public override void WriteSetBegin(in ThriftListHeader header) => WriteListBegin(header);

    public override void WriteSetEnd() { }

    public override void WriteMapBegin(in ThriftMapHeader header)
    {
        var span = _out.GetSpan(6);
        span[0] = (byte)header.KeyType;
        span[1] = (byte)header.ValueType;
        BinaryPrimitives.WriteInt32BigEndian(span[2..], header.Count);
        _out.Advance(6);
    }

    public override void WriteMapEnd() { }

    public override void WriteBool(bool value) => _out.WriteByte(value ? (byte)1 : (byte)0);

    public override void WriteByte(sbyte value) => _out.WriteByte((byte)value);

    public override void WriteI16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(_out.GetSpan(2), value);
        _out.Advance(2);
    }

    public override void WriteI32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_out.GetSpan(4), value);
        _out.Advance(4);
    }

    public override void WriteI64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_out.GetSpan(8), value);
        _out.Advance(8);
    }

    public override void WriteDouble(double value) => WriteI64(BitConverter.DoubleToInt64Bits(value));

    public override void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= ThriftOutput.LargeValue / 3)
        {
            // Encode right after a length slot, then fill the slot in: one pass over the string.
            var span = _out.GetSpan(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
            var written = Encoding.UTF8.GetBytes(value, span[4..]);
            BinaryPrimitives.WriteInt32BigEndian(span, written);
            _out.Advance(4 + written);
            return;
        }
        WriteI32(Encoding.UTF8.GetByteCount(value));
        _out.WriteLargeUtf8(value);
    }

    public override void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteI32(value.Length);
        _out.Write(value);
    }

    public override void WriteUuid(Guid value)
    {
        value.TryWriteBytes(_out.GetSpan(16), bigEndian: true, out _);
        _out.Advance(16);
    }
}
