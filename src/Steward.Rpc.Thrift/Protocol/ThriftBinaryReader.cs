using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Steward.Rpc.Thrift;

/// <summary>
/// TBinaryProtocol's read half: big-endian integers, i32-prefixed strings. Reads both message headers, the
/// strict one (version word first) and the old one (name first), as Apache's TBinaryProtocol does with
/// strictRead=false.
/// </summary>
internal sealed class ThriftBinaryReader : ThriftReader
{
    internal const uint VersionMask = 0xffff0000;
    internal const uint Version1 = 0x80010000;
    /// <summary>The strict header's low byte: the message type (TBinaryProtocol's TYPE_MASK).</summary>
    internal const uint TypeMask = 0x000000ff;

    private ThriftInput _in;
    private int _depth;

    public ThriftBinaryReader(ThriftLimits? limits = null) : base(limits ?? ThriftLimits.Default) { }

    public override ThriftProtocolKind Kind => ThriftProtocolKind.Binary;

    public override long Consumed => _in.Consumed;

    public override void Reset(ReadOnlySequence<byte> input)
    {
        _in.Reset(input);
        _depth = 0;
    }

    public override ThriftMessageHeader ReadMessageBegin()
    {
        var size = ReadI32();
        if (size < 0)
        {
            var version = (uint)size & VersionMask;
            if (version != Version1)
            {
                throw new ThriftProtocolException(ThriftProtocolError.BadVersion, $"Bad version 0x{version:x8} in the binary message header.");
            }
            var type = CheckMessageType((byte)(size & TypeMask));
            var name = ReadString();
            return new ThriftMessageHeader(name, type, ReadI32());
        }
        // The old, non-strict header: the name's length came first.
        var oldName = _in.ReadUtf8(ThriftLimitChecks.CheckLength(size, Limits, _in.Remaining));
        var oldType = CheckMessageType(_in.ReadByte());
        return new ThriftMessageHeader(oldName, oldType, ReadI32());
    }

    internal static ThriftMessageType CheckMessageType(byte type) =>
        type is >= (byte)ThriftMessageType.Call and <= (byte)ThriftMessageType.Oneway
            ? (ThriftMessageType)type
            : throw new ThriftProtocolException(ThriftProtocolError.InvalidData, $"Unknown message type {type}.");

    public override void ReadMessageEnd() { }

    public override void ReadStructBegin() => ThriftLimitChecks.Enter(ref _depth, Limits);

    public override void ReadStructEnd() => ThriftLimitChecks.Exit(ref _depth);

    public override ThriftFieldHeader ReadFieldBegin()
    {
        var type = _in.ReadByte();
        if (type == (byte)ThriftType.Stop)
        {
            return default;
        }
        return new ThriftFieldHeader(ThriftLimitChecks.CheckValueType(type), ReadI16());
    }

    public override void ReadFieldEnd() { }

    public override ThriftListHeader ReadListBegin()
    {
        var elementType = ThriftLimitChecks.CheckValueType(_in.ReadByte());
        var count = ThriftLimitChecks.CheckCount(ReadI32(), Limits, _in.Remaining, MinSize(elementType));
        ThriftLimitChecks.Enter(ref _depth, Limits);
        return new ThriftListHeader(elementType, count);
    }

    public override void ReadListEnd() => ThriftLimitChecks.Exit(ref _depth);

    public override ThriftListHeader ReadSetBegin() => ReadListBegin();

    public override void ReadSetEnd() => ThriftLimitChecks.Exit(ref _depth);

    public override ThriftMapHeader ReadMapBegin()
    {
        var keyType = ThriftLimitChecks.CheckValueType(_in.ReadByte());
        var valueType = ThriftLimitChecks.CheckValueType(_in.ReadByte());
        var count = ThriftLimitChecks.CheckCount(ReadI32(), Limits, _in.Remaining, MinSize(keyType) + MinSize(valueType));
        ThriftLimitChecks.Enter(ref _depth, Limits);
        return new ThriftMapHeader(keyType, valueType, count);
    }

    public override void ReadMapEnd() => ThriftLimitChecks.Exit(ref _depth);

    // Apache reads any byte other than 1 as false.
    public override bool ReadBool() => _in.ReadByte() == 1;

    public override sbyte ReadByte() => (sbyte)_in.ReadByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override short ReadI16()
    {
        Span<byte> scratch = stackalloc byte[2];
        return BinaryPrimitives.ReadInt16BigEndian(_in.Read(2, scratch));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override int ReadI32()
    {
        Span<byte> scratch = stackalloc byte[4];
        return BinaryPrimitives.ReadInt32BigEndian(_in.Read(4, scratch));
    }

    public override long ReadI64()
    {
        Span<byte> scratch = stackalloc byte[8];
        return BinaryPrimitives.ReadInt64BigEndian(_in.Read(8, scratch));
    }

    public override double ReadDouble() => BitConverter.Int64BitsToDouble(ReadI64());

    public override string ReadString() => _in.ReadUtf8(ThriftLimitChecks.CheckLength(ReadI32(), Limits, _in.Remaining));

    public override byte[] ReadBinary() => _in.ReadArray(ThriftLimitChecks.CheckLength(ReadI32(), Limits, _in.Remaining));

    public override Guid ReadUuid()
    {
        Span<byte> scratch = stackalloc byte[16];
        return new Guid(_in.Read(16, scratch), bigEndian: true);
    }

    protected override void SkipScalar(ThriftType type)
    {
        var size = FixedElementSize(type);
        if (size > 0)
        {
            _in.Skip(size);
        }
        else if (type == ThriftType.String)
        {
            _in.Skip(ThriftLimitChecks.CheckLength(ReadI32(), Limits, _in.Remaining));
        }
        else
        {
            throw ThriftLimitChecks.UnknownType((int)type);
        }
    }

    protected override int FixedElementSize(ThriftType type) => FixedSize(type);

    protected override void SkipFixedSizeElements(long byteCount) => _in.Skip(byteCount);

    /// <summary>The encoded size of a fixed-size type, 0 for the others.</summary>
    private static int FixedSize(ThriftType type) => type switch
    {
        ThriftType.Bool or ThriftType.Byte => 1,
        ThriftType.I16 => 2,
        ThriftType.I32 => 4,
        ThriftType.I64 or ThriftType.Double => 8,
        ThriftType.Uuid => 16,
        _ => 0,
    };

    /// <summary>The fewest bytes a value of the type takes (Apache's GetMinSerializedSize).</summary>
    private static int MinSize(ThriftType type) => type switch
    {
        ThriftType.Struct => 1,
        ThriftType.String or ThriftType.List or ThriftType.Set => 4,
        ThriftType.Map => 6,
        _ => FixedSize(type),
    };
}
