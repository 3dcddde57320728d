namespace Steward.Rpc.Protobuf;

/// <summary>
/// Value equality for generated messages. Floating-point fields compare by bit pattern, as
/// Google.Protobuf does, so NaN equals itself and 0.0 differs from -0.0 (both survive a round trip).
/// </summary>
public static class ProtoEquality
{
    /// <summary>True when both have the same bit pattern (NaN equals itself, 0.0 differs from -0.0).</summary>
    public static bool Equals(double left, double right) => BitConverter.DoubleToInt64Bits(left) == BitConverter.DoubleToInt64Bits(right);
    /// <summary>True when both have the same bit pattern (NaN equals itself, 0.0 differs from -0.0).</summary>
    public static bool Equals(float left, float right) => BitConverter.SingleToInt32Bits(left) == BitConverter.SingleToInt32Bits(right);
    /// <summary>A hash of the bit pattern, consistent with <see cref="Equals(double, double)"/>.</summary>
    public static int GetHashCode(double value) => BitConverter.DoubleToInt64Bits(value).GetHashCode();
    /// <summary>A hash of the bit pattern, consistent with <see cref="Equals(float, float)"/>.</summary>
    public static int GetHashCode(float value) => BitConverter.SingleToInt32Bits(value);

    /// <summary>Compares doubles by bit pattern, for repeated and map fields.</summary>
    public static IEqualityComparer<double> DoubleComparer { get; } = new BitwiseDouble();
    /// <summary>Compares floats by bit pattern, for repeated and map fields.</summary>
    public static IEqualityComparer<float> FloatComparer { get; } = new BitwiseFloat();

    /// <summary>True when both lists hold equal elements in the same order (by <paramref name="comparer"/>, else the default).</summary>
    public static bool ListEquals<T>(List<T> left, List<T> right, IEqualityComparer<T>? comparer = null)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Count != right.Count)
        {
            return false;
        }
        comparer ??= EqualityComparer<T>.Default;
        for (var i = 0; i < left.Count; i++)
        {
            if (!comparer.Equals(left[i], right[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A hash of the elements in order, consistent with <see cref="ListEquals{T}"/>.</summary>
    public static int ListHashCode<T>(List<T> list, IEqualityComparer<T>? comparer = null)
    {
        ArgumentNullException.ThrowIfNull(list);
        comparer ??= EqualityComparer<T>.Default;
        var hash = new HashCode();
        foreach (var item in list)
        {
            hash.Add(item is null ? 0 : comparer.GetHashCode(item));
        }
        return hash.ToHashCode();
    }

    /// <summary>Maps are equal when they hold the same pairs, whatever the insertion order.</summary>
    public static bool MapEquals<TKey, TValue>(Dictionary<TKey, TValue> left, Dictionary<TKey, TValue> right, IEqualityComparer<TValue>? comparer = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Count != right.Count)
        {
            return false;
        }
        comparer ??= EqualityComparer<TValue>.Default;
        foreach (var pair in left)
        {
            if (!right.TryGetValue(pair.Key, out var other) || !comparer.Equals(pair.Value, other))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A hash of the pairs that ignores their order, consistent with <see cref="MapEquals{TKey, TValue}"/>.</summary>
    public static int MapHashCode<TKey, TValue>(Dictionary<TKey, TValue> map, IEqualityComparer<TValue>? comparer = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(map);
        comparer ??= EqualityComparer<TValue>.Default;
        var hash = 0;
        foreach (var pair in map)
        {
            // Order-independent: insertion order is not part of a map's value.
            hash ^= HashCode.Combine(pair.Key, pair.Value is null ? 0 : comparer.GetHashCode(pair.Value));
        }
        return hash;
    }

    private sealed class BitwiseDouble : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => ProtoEquality.Equals(x, y);
        public int GetHashCode(double obj) => ProtoEquality.GetHashCode(obj);
    }

    private sealed class BitwiseFloat : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => ProtoEquality.Equals(x, y);
        public int GetHashCode(float obj) => ProtoEquality.GetHashCode(obj);
    }
}
