using System.Runtime.CompilerServices;

namespace Steward.Rpc.Protobuf;

/// <summary>The low three bits of a tag.</summary>
public enum WireType
{
    /// <summary>A base-128 varint: int32, int64, uint32, uint64, sint32, sint64, bool, enum.</summary>
    Varint = 0,
    /// <summary>Eight little-endian bytes: fixed64, sfixed64, double.</summary>
    Fixed64 = 1,
    /// <summary>A varint length, then that many bytes: string, bytes, messages, packed repeated fields.</summary>
    LengthDelimited = 2,
    /// <summary>The start of a proto2 group; Steward does not support groups and rejects input that has them.</summary>
    StartGroup = 3,
    /// <summary>The end of a proto2 group (rejected, as <see cref="StartGroup"/> is).</summary>
    EndGroup = 4,
    /// <summary>Four little-endian bytes: fixed32, sfixed32, float.</summary>
    Fixed32 = 5,
}

/// <summary>Tag arithmetic and zigzag coding of the protobuf wire format.</summary>
public static class WireFormat
{
    /// <summary>The largest field number protobuf allows (2^29 - 1).</summary>
    public const int MaxFieldNumber = 536_870_911;

    /// <summary>The tag for <paramref name="fieldNumber"/> with <paramref name="wireType"/> in its low three bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint MakeTag(int fieldNumber, WireType wireType) => ((uint)fieldNumber << 3) | (uint)wireType;

    /// <summary>The field number of <paramref name="tag"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int GetFieldNumber(uint tag) => (int)(tag >> 3);

    /// <summary>The wire type in the low three bits of <paramref name="tag"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WireType GetWireType(uint tag) => (WireType)(tag & 7);

    /// <summary>Zigzag coding: 0, -1, 1, -2 … map to 0, 1, 2, 3 …, so small negative numbers stay short.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint EncodeZigZag32(int value) => (uint)((value << 1) ^ (value >> 31));

    /// <summary>Zigzag coding: 0, -1, 1, -2 … map to 0, 1, 2, 3 …, so small negative numbers stay short.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong EncodeZigZag64(long value) => (ulong)((value << 1) ^ (value >> 63));

    /// <summary>The inverse of <see cref="EncodeZigZag32"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DecodeZigZag32(uint value) => (int)(value >> 1) ^ -(int)(value & 1);

    /// <summary>The inverse of <see cref="EncodeZigZag64"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long DecodeZigZag64(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
