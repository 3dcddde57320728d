using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Steward.Rpc.Thrift;

/// <summary>TCompactProtocol's read half (see <see cref="ThriftCompactWriter"/> for the encoding).</summary>
internal sealed class ThriftCompactReader : ThriftReader
{
    private static readonly ThriftType[] CompactTypeToType =
    [
        ThriftType.Stop, ThriftType.Bool, ThriftType.Bool, ThriftType.Byte, ThriftType.I16, ThriftType.I32,
        ThriftType.I64, ThriftType.Double, ThriftType.String, ThriftType.List, ThriftType.Set, ThriftType.Map,
        ThriftType.Struct, ThriftType.Uuid,
    ];

    private ThriftInput _in;
    private int _depth;
    private short _lastFieldId;
    private short[] _lastFieldIds = new short[16];
    private int _nesting;
    /// <summary>A bool field's value, read with its header: -1 none, else 0 or 1.</summary>
    private sbyte _pendingBool = -1;

    public ThriftCompactReader(ThriftLimits? limits = null) : base(limits ?? ThriftLimits.Default) { }

    public override ThriftProtocolKind Kind => ThriftProtocolKind.Compact;

    public override long Consumed => _in.Consumed;

    public override void Reset(ReadOnlySequence<byte> input)
    {
        _in.Reset(input);
        _depth = 0;
        _nesting = 0;
        _lastFieldId = 0;
        _pendingBool = -1;
    }

    public override ThriftMessageHeader ReadMessageBegin()
    {
        var protocolId = _in.ReadByte();
        if (protocolId != ThriftCompactWriter.ProtocolId)
        {
            throw new ThriftProtocolException(ThriftProtocolError.BadVersion, $"Expected the compact protocol id 0x82, got 0x{protocolId:x2}.");
        }
        var versionAndType = _in.ReadByte();
        var version = versionAndType & ThriftCompactWriter.VersionMask;
        if (version != ThriftCompactWriter.Version)
        {
            throw new ThriftProtocolException(ThriftProtocolError.BadVersion, $"Expected compact protocol version 1, got {version}.");
        }
        var type = ThriftBinaryReader.CheckMessageType((byte)((versionAndType >> ThriftCompactWriter.TypeShift) & ThriftCompactWriter.TypeBits));
        var sequenceId = (int)ReadVarint32();
        return new ThriftMessageHeader(ReadString(), type, sequenceId);
    }

    public override void ReadMessageEnd() { }

    public override void ReadStructBegin()
    {
        ThriftLimitChecks.Enter(ref _depth, Limits);
        if (_nesting == _lastFieldIds.Length)
        {
            Array.Resize(ref _lastFieldIds, _nesting * 2);
        }
        _lastFieldIds[_nesting++] = _lastFieldId;
        _lastFieldId = 0;
    }

    public override void ReadStructEnd()
    {
        ThriftLimitChecks.Exit(ref _depth);
        if (_nesting > 0)
        {
            _lastFieldId = _lastFieldIds[--_nesting];
        }
    }

    public override ThriftFieldHeader ReadFieldBegin()
    {
        var header = _in.ReadByte();
        if (header == 0)
        {
            return default;
        }
        var compactType = header & ThriftCompactWriter.CompactTypeMask;
        var delta = header >> 4;
        var id = delta == 0 ? (short)ZigZag(ReadVarint32()) : (short)(_lastFieldId + delta);
        var type = ToType(compactType);
        if (type == ThriftType.Stop)
        {
            throw ThriftLimitChecks.UnknownType(compactType);
        }
        if (type == ThriftType.Bool)
        {
            _pendingBool = compactType == ThriftCompactWriter.BooleanTrue ? (sbyte)1 : (sbyte)0;
        }
        _lastFieldId = id;
        return new ThriftFieldHeader(type, id);
    }

    public override void ReadFieldEnd() { }

    public override ThriftListHeader ReadListBegin()
    {
        var header = _in.ReadByte();
        long count = header >> 4;
        if (count == ThriftCompactWriter.LongListSizeMarker)
        {
            // Apache reads the unsigned varint as an int: 2^31 and up are negative sizes.
            count = (int)ReadVarint32();
        }
        var type = ToType(header & ThriftCompactWriter.CompactTypeMask);
        if (type == ThriftType.Stop && count != 0)
        {
            throw ThriftLimitChecks.UnknownType(0);
        }
        var checkedCount = ThriftLimitChecks.CheckCount(count, Limits, _in.Remaining, MinSize(type));
        ThriftLimitChecks.Enter(ref _depth, Limits);
        return new ThriftListHeader(type, checkedCount);
    }

    public override void ReadListEnd() => ThriftLimitChecks.Exit(ref _depth);

    public override ThriftListHeader ReadSetBegin() => ReadListBegin();

    public override void ReadSetEnd() => ThriftLimitChecks.Exit(ref _depth);

    public override ThriftMapHeader ReadMapBegin()
    {
        long count = (int)ReadVarint32();
        ThriftType keyType = ThriftType.Stop, valueType = ThriftType.Stop;
        if (count != 0)
        {
            var types = _in.ReadByte();
            keyType = ToType(types >> 4);
            valueType = ToType(types & ThriftCompactWriter.CompactTypeMask);
            if (keyType == ThriftType.Stop || valueType == ThriftType.Stop)
            {
                throw ThriftLimitChecks.UnknownType(0);
            }
        }
        var checkedCount = ThriftLimitChecks.CheckCount(count, Limits, _in.Remaining, MinSize(keyType) + MinSize(valueType));
        ThriftLimitChecks.Enter(ref _depth, Limits);
        return new ThriftMapHeader(keyType, valueType, checkedCount);
    }

    public override void ReadMapEnd() => ThriftLimitChecks.Exit(ref _depth);

    public override bool ReadBool()
    {
        var pending = _pendingBool;
        if (pending >= 0)
        {
            _pendingBool = -1;
            return pending == 1;
        }
        return _in.ReadByte() == ThriftCompactWriter.BooleanTrue;
    }

    public override sbyte ReadByte() => (sbyte)_in.ReadByte();

    public override short ReadI16() => (short)ZigZag(ReadVarint32());

    public override int ReadI32() => ZigZag(ReadVarint32());

    public override long ReadI64()
    {
        var value = ReadVarint64();
        return (long)(value >> 1) ^ -(long)(value & 1);
    }

    public override double ReadDouble()
    {
        Span<byte> scratch = stackalloc byte[8];
        return BinaryPrimitives.ReadDoubleLittleEndian(_in.Read(8, scratch));
    }

    public override string ReadString() => _in.ReadUtf8(ThriftLimitChecks.CheckLength((int)ReadVarint32(), Limits, _in.Remaining));

    public override byte[] ReadBinary() => _in.ReadArray(ThriftLimitChecks.CheckLength((int)ReadVarint32(), Limits, _in.Remaining));

    public override Guid ReadUuid()
    {
        Span<byte> scratch = stackalloc byte[16];
        return new Guid(_in.Read(16, scratch), bigEndian: true);
    }

    protected override void SkipScalar(ThriftType type)
    {
        switch (type)
        {
            case ThriftType.Bool:
                // A bool field's value came with its header; a bool in a container is a byte.
                ReadBool();
                break;
            case ThriftType.Byte:
                _in.Skip(1);
                break;
            case ThriftType.I16:
            case ThriftType.I32:
            case ThriftType.I64:
                ReadVarint64();
                break;
            case ThriftType.Double:
                _in.Skip(8);
                break;
            case ThriftType.Uuid:
                _in.Skip(16);
                break;
            case ThriftType.String:
                _in.Skip(ThriftLimitChecks.CheckLength((int)ReadVarint32(), Limits, _in.Remaining));
                break;
            default:
                throw ThriftLimitChecks.UnknownType((int)type);
        }
    }

    protected override int FixedElementSize(ThriftType type) => FixedSize(type);

    protected override void SkipFixedSizeElements(long byteCount) => _in.Skip(byteCount);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ZigZag(uint value) => (int)(value >> 1) ^ -(int)(value & 1);

    private uint ReadVarint32()
    {
        uint result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = _in.ReadByte();
            result |= (uint)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }
        throw new ThriftProtocolException(ThriftProtocolError.InvalidData, "A varint longer than 5 bytes where an i32 was expected.");
    }

    private ulong ReadVarint64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = _in.ReadByte();
            result |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }
        throw new ThriftProtocolException(ThriftProtocolError.InvalidData, "A varint longer than 10 bytes.");
    }

    private static ThriftType ToType(int compactType) =>
        compactType < CompactTypeToType.Length ? CompactTypeToType[compactType] : throw ThriftLimitChecks.UnknownType(compactType);

    /// <summary>The encoded size of a fixed-size element (bools in containers take a byte), 0 for the others.</summary>
    private static int FixedSize(ThriftType type) => type switch
    {
        ThriftType.Bool or ThriftType.Byte => 1,
        ThriftType.Double => 8,
        ThriftType.Uuid => 16,
        _ => 0,
    };

    /// <summary>The fewest bytes a value of the type takes as a container element.</summary>
    private static int MinSize(ThriftType type) => type switch
    {
        ThriftType.Double => 8,
        ThriftType.Uuid => 16,
        ThriftType.Stop => 0,
        _ => 1,
    };
}
