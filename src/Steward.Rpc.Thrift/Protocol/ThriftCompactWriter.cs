using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Steward.Rpc.Thrift;

/// <summary>
/// TCompactProtocol's write half: field ids as deltas, zigzag varints, bools folded into field headers,
/// doubles little-endian.
/// </summary>
internal sealed class ThriftCompactWriter : ThriftWriter
{
    internal const byte ProtocolId = 0x82;
    internal const byte Version = 1;
    internal const int TypeShift = 5;
    // TCompactProtocol's names: the version sits in the low five bits of the second byte, the message type in the top three.
    internal const int VersionMask = 0x1f;
    internal const int TypeMask = 0xe0;
    internal const int TypeBits = 0x07;
    /// <summary>A field id delta up to this fits in the field header's high nibble; larger ones follow as a varint.</summary>
    internal const int MaxFieldDelta = 15;
    /// <summary>A list or set of up to this many elements has its size in the header's high nibble.</summary>
    internal const int MaxShortListSize = 14;
    /// <summary>The high nibble that says the list or set size follows as a varint.</summary>
    internal const int LongListSizeMarker = 0x0f;
    /// <summary>The low nibble of a field, list or map type byte: the compact type id.</summary>
    internal const int CompactTypeMask = 0x0f;

    internal const byte BooleanTrue = 1;
    internal const byte BooleanFalse = 2;

    private static readonly byte[] TypeToCompactType = BuildCompactTypes();

    private ThriftOutput _out;
    private short _lastFieldId;
    private short[] _lastFieldIds = new short[16];
    private int _nesting;
    private bool _boolFieldPending;
    private short _boolFieldId;

    public override ThriftProtocolKind Kind => ThriftProtocolKind.Compact;

    public override void Reset(IBufferWriter<byte> output)
    {
        _out.Reset(output);
        _lastFieldId = 0;
        _nesting = 0;
        _boolFieldPending = false;
    }

    public override void Flush() => _out.Flush();

    public override void WriteMessageBegin(in ThriftMessageHeader header)
    {
        var span = _out.GetSpan(7);
        span[0] = ProtocolId;
        span[1] = (byte)(Version | (((int)header.Type << TypeShift) & TypeMask));
        var n = 2 + WriteVarint32(span[2..], (uint)header.SequenceId);
        _out.Advance(n);
        WriteString(header.Name);
    }

    public override void WriteMessageEnd() { }

    public override void WriteStructBegin(string name)
    {
        if (_nesting == _lastFieldIds.Length)
        {
            Array.Resize(ref _lastFieldIds, _nesting * 2);
        }
        _lastFieldIds[_nesting++] = _lastFieldId;
        _lastFieldId = 0;
    }

    public override void WriteStructEnd()
    {
        if (_nesting == 0)
        {
            throw new InvalidOperationException("WriteStructEnd without WriteStructBegin.");
        }
        _lastFieldId = _lastFieldIds[--_nesting];
    }

    public override void WriteFieldBegin(string name, ThriftType type, short id)
    {
        if (type == ThriftType.Bool)
        {
            // The value goes into the field header's type nibble, so the header waits for WriteBool.
            _boolFieldPending = true;
            _boolFieldId = id;
            return;
        }
        WriteFieldHeader(CompactType(type), id);
    }

    private void WriteFieldHeader(byte compactType, short id)
    {
        var delta = id - _lastFieldId;
        if (delta is > 0 and <= MaxFieldDelta)
        {
            _out.WriteByte((byte)((delta << 4) | compactType));
        }
        else
        {
            var span = _out.GetSpan(4);
            span[0] = compactType;
            var n = 1 + WriteVarint32(span[1..], ZigZag(id));
            _out.Advance(n);
        }
        _lastFieldId = id;
    }

    public override void WriteFieldEnd() { }

    public override void WriteFieldStop() => _out.WriteByte(0);

    public override void WriteListBegin(in ThriftListHeader header)
    {
        var type = CompactType(header.ElementType);
        if (header.Count is >= 0 and <= MaxShortListSize)
        {
            _out.WriteByte((byte)((header.Count << 4) | type));
            return;
        }
        var span = _out.GetSpan(6);
        span[0] = (byte)((LongListSizeMarker << 4) | type);
        var n = 1 + WriteVarint32(span[1..], (uint)header.Count);
        _out.Advance(n);
    }

    public override void WriteListEnd() { }

    public override void WriteSetBegin(in ThriftListHeader header) => WriteListBegin(header);

    public override void WriteSetEnd() { }

    public override void WriteMapBegin(in ThriftMapHeader header)
    {
        if (header.Count == 0)
        {
            _out.WriteByte(0);
            return;
        }
        var span = _out.GetSpan(6);
        var n = WriteVarint32(span, (uint)header.Count);
        span[n++] = (byte)((CompactType(header.KeyType) << 4) | CompactType(header.ValueType));
        _out.Advance(n);
    }

    public override void WriteMapEnd() { }

    public override void WriteBool(bool value)
    {
        var type = value ? BooleanTrue : BooleanFalse;
        if (_boolFieldPending)
        {
            _boolFieldPending = false;
            WriteFieldHeader(type, _boolFieldId);
            return;
        }
        _out.WriteByte(type);
    }

    public override void WriteByte(sbyte value) => _out.WriteByte((byte)value);

    public override void WriteI16(short value) => WriteI32(value);

    public override void WriteI32(int value)
    {
        var n = WriteVarint32(_out.GetSpan(5), ZigZag(value));
        _out.Advance(n);
    }

    public override void WriteI64(long value)
    {
        var n = WriteVarint64(_out.GetSpan(10), (ulong)((value << 1) ^ (value >> 63)));
        _out.Advance(n);
    }

    public override void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_out.GetSpan(8), value);
        _out.Advance(8);
    }

    public override void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= 42)
        {
            // At most 126 bytes of UTF-8: the length is one varint byte, written after the encoding.
            var span = _out.GetSpan(1 + Encoding.UTF8.GetMaxByteCount(value.Length));
            var written = Encoding.UTF8.GetBytes(value, span[1..]);
            span[0] = (byte)written;
            _out.Advance(1 + written);
            return;
        }
        var count = Encoding.UTF8.GetByteCount(value);
        if (count <= ThriftOutput.LargeValue)
        {
            var span = _out.GetSpan(5 + count);
            var n = WriteVarint32(span, (uint)count);
            n += Encoding.UTF8.GetBytes(value, span[n..]);
            _out.Advance(n);
            return;
        }
        var prefix = WriteVarint32(_out.GetSpan(5), (uint)count);
        _out.Advance(prefix);
        _out.WriteLargeUtf8(value);
    }

    public override void WriteBinary(ReadOnlySpan<byte> value)
    {
        var n = WriteVarint32(_out.GetSpan(5), (uint)value.Length);
        _out.Advance(n);
        _out.Write(value);
    }

    public override void WriteUuid(Guid value)
    {
        value.TryWriteBytes(_out.GetSpan(16), bigEndian: true, out _);
        _out.Advance(16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ZigZag(int value) => (uint)((value << 1) ^ (value >> 31));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int WriteVarint32(Span<byte> span, uint value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        return i;
    }

    private static int WriteVarint64(Span<byte> span, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        return i;
    }

    private static byte CompactType(ThriftType type)
    {
        var compact = (uint)type < (uint)TypeToCompactType.Length ? TypeToCompactType[(int)type] : (byte)0xff;
        return compact != 0xff ? compact : throw new ArgumentOutOfRangeException(nameof(type), type, "Not a value type.");
    }

    private static byte[] BuildCompactTypes()
    {
        var table = new byte[17];
        table.AsSpan().Fill(0xff);
        table[(int)ThriftType.Bool] = BooleanTrue;
        table[(int)ThriftType.Byte] = 3;
        table[(int)ThriftType.I16] = 4;
        table[(int)ThriftType.I32] = 5;
        table[(int)ThriftType.I64] = 6;
        table[(int)ThriftType.Double] = 7;
        table[(int)ThriftType.String] = 8;
        table[(int)ThriftType.List] = 9;
        table[(int)ThriftType.Set] = 10;
        table[(int)ThriftType.Map] = 11;
        table[(int)ThriftType.Struct] = 12;
        table[(int)ThriftType.Uuid] = 13;
        return table;
    }
}
