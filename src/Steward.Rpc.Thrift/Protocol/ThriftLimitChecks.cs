using System.Runtime.CompilerServices;

namespace Steward.Rpc.Thrift;

/// <summary>The checks every reader makes before it trusts a size or nests deeper.</summary>
internal static class ThriftLimitChecks
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CheckLength(long length, ThriftLimits limits, long remaining)
    {
        if (length < 0)
        {
            throw new ThriftProtocolException(ThriftProtocolError.NegativeSize, $"Negative string or binary length {length}.");
        }
        if (length > limits.MaxStringSize)
        {
            throw new ThriftProtocolException(ThriftProtocolError.SizeLimit, $"String or binary length {length} is past the limit of {limits.MaxStringSize} bytes.");
        }
        if (length > remaining)
        {
            throw new ThriftIncompleteMessageException();
        }
        return (int)length;
    }

    /// <summary>
    /// Checks a container's element count; <paramref name="minElementSize"/> × count must fit in what is left
    /// of the input, so a reader (or generated code pre-sizing a collection) never allocates for elements
    /// the message cannot hold.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CheckCount(long count, ThriftLimits limits, long remaining, int minElementSize)
    {
        if (count < 0)
        {
            throw new ThriftProtocolException(ThriftProtocolError.NegativeSize, $"Negative container size {count}.");
        }
        if (count > limits.MaxContainerSize)
        {
            throw new ThriftProtocolException(ThriftProtocolError.SizeLimit, $"Container size {count} is past the limit of {limits.MaxContainerSize} elements.");
        }
        if (count * minElementSize > remaining)
        {
            throw new ThriftIncompleteMessageException();
        }
        return (int)count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Enter(ref int depth, ThriftLimits limits)
    {
        if (++depth > limits.MaxDepth)
        {
            depth--;
            throw new ThriftProtocolException(ThriftProtocolError.DepthLimit, $"Nesting deeper than the limit of {limits.MaxDepth}.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Exit(ref int depth)
    {
        if (depth > 0)
        {
            depth--;
        }
    }

    /// <summary>A value type id read from the wire; <see cref="ThriftType.Stop"/> and <see cref="ThriftType.Void"/> are not values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ThriftType CheckValueType(byte type)
    {
        if (type > (byte)ThriftType.Uuid || ((1u << type) & ValidValueTypes) == 0)
        {
            throw UnknownType(type);
        }
        return (ThriftType)type;
    }

    private const uint ValidValueTypes =
        (1u << (int)ThriftType.Bool) | (1u << (int)ThriftType.Byte) | (1u << (int)ThriftType.Double) |
        (1u << (int)ThriftType.I16) | (1u << (int)ThriftType.I32) | (1u << (int)ThriftType.I64) |
        (1u << (int)ThriftType.String) | (1u << (int)ThriftType.Struct) | (1u << (int)ThriftType.Map) |
        (1u << (int)ThriftType.Set) | (1u << (int)ThriftType.List) | (1u << (int)ThriftType.Uuid);

    public static ThriftProtocolException UnknownType(int type) =>
        new(ThriftProtocolError.InvalidData, $"Unknown Thrift type id {type}.");
}
