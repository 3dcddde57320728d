using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Steward.Rpc.Protobuf;

/// <summary>Encoded sizes, used by generated <c>CalculateSize</c> methods (values only; tags are added by the caller).</summary>
public static class ProtoSize
{
    /// <summary>The number of bytes <paramref name="value"/> takes as a varint (1 to 5).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Varint32(uint value) => (BitOperations.Log2(value | 1) * 9 + 73) >> 6;

    /// <summary>The number of bytes <paramref name="value"/> takes as a varint (1 to 10).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Varint64(ulong value) => (BitOperations.Log2(value | 1) * 9 + 73) >> 6;

    /// <summary>The number of bytes the tag of <paramref name="fieldNumber"/> takes (the wire type does not change it).</summary>
    public static int Tag(int fieldNumber) => Varint32(WireFormat.MakeTag(fieldNumber, WireType.Varint));

    /// <summary>Negative int32 values are sign-extended to ten bytes on the wire.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Int32(int value) => value >= 0 ? Varint32((uint)value) : 10;

    /// <summary>The encoded size of an <c>int64</c> value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Int64(long value) => Varint64((ulong)value);

    /// <summary>The encoded size of a <c>uint32</c> value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int UInt32(uint value) => Varint32(value);

    /// <summary>The encoded size of a <c>uint64</c> value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int UInt64(ulong value) => Varint64(value);

    /// <summary>The encoded size of a zigzag-encoded <c>sint32</c> value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SInt32(int value) => Varint32(WireFormat.EncodeZigZag32(value));

    /// <summary>The encoded size of a zigzag-encoded <c>sint64</c> value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SInt64(long value) => Varint64(WireFormat.EncodeZigZag64(value));

    /// <summary>The encoded size of an enum value (as an <c>int32</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Enum(int value) => Int32(value);

    /// <summary>The size of a length prefix for <paramref name="length"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Length(int length) => Varint32((uint)length);

    /// <summary>Length prefix plus UTF-8 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int String(string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        return Varint32((uint)bytes) + bytes;
    }

    /// <summary>Length prefix plus the bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Bytes(ByteString value) => Varint32((uint)value.Length) + value.Length;

    /// <summary>Length prefix plus body of an embedded message (computes and caches the body size).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Message(IProtoMessage value)
    {
        var size = value.CalculateSize();
        return Varint32((uint)size) + size;
    }
}
