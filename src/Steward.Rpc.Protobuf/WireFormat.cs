using System.Runtime.CompilerServices;

namespace Steward.Rpc.Protobuf;

/// <summary>The low three bits of a tag.</summary>
public enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}

public static class WireFormat
{
    public const int MaxFieldNumber = 536_870_911;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint MakeTag(int fieldNumber, WireType wireType) => ((uint)fieldNumber << 3) | (uint)wireType;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int GetFieldNumber(uint tag) => (int)(tag >> 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WireType GetWireType(uint tag) => (WireType)(tag & 7);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint EncodeZigZag32(int value) => (uint)((value << 1) ^ (value >> 31));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong EncodeZigZag64(long value) => (ulong)((value << 1) ^ (value >> 63));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DecodeZigZag32(uint value) => (int)(value >> 1) ^ -(int)(value & 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long DecodeZigZag64(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
