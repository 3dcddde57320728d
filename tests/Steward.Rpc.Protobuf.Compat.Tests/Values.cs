using System.Text;

namespace Steward.Rpc.Protobuf.Compat.Tests;

/// <summary>Seeded random values biased towards the edges of each type's range.</summary>
internal sealed class Values(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly double[] EdgeDoubles =
        [0.0, -0.0, 1.0, -1.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MinValue, double.MaxValue, double.Epsilon, 0.1];
    private static readonly float[] EdgeFloats =
        [0f, -0f, 1f, -1f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MinValue, float.MaxValue, float.Epsilon, 0.1f];
    private static readonly string[] EdgeStrings =
    [
        "", "a", "héllo wörld ✓", "😀 emoji and 中文", new string('x', 42), new string('é', 42), new string('€', 43),
        new string('z', 127), new string('y', 128), new string('w', 5000), "nul\0inside", "tab\tnewline\n",
    ];

    public bool Chance(int percent = 50) => _random.Next(100) < percent;
    public int Count(int max = 5) => _random.Next(max + 1);

    public double Double() => Chance(40) ? EdgeDoubles[_random.Next(EdgeDoubles.Length)] : (_random.NextDouble() - 0.5) * Math.Pow(10, _random.Next(-10, 20));
    public float Float() => Chance(40) ? EdgeFloats[_random.Next(EdgeFloats.Length)] : (float)((_random.NextDouble() - 0.5) * Math.Pow(10, _random.Next(-5, 10)));
    public int Int32() => Chance(40) ? Pick<int>(0, -1, 1, int.MinValue, int.MaxValue, 127, 128, -128, 16383, 16384) : (int)_random.NextInt64(int.MinValue, (long)int.MaxValue + 1) >> _random.Next(32);
    public long Int64() => Chance(40) ? Pick<long>(0L, -1L, 1L, long.MinValue, long.MaxValue, int.MinValue, uint.MaxValue, 1L << 35) : _random.NextInt64(long.MinValue, long.MaxValue) >> _random.Next(64);
    public uint UInt32() => Chance(40) ? Pick<uint>(0u, 1u, uint.MaxValue, 127u, 128u, int.MaxValue) : (uint)_random.NextInt64(0, (long)uint.MaxValue + 1) >> _random.Next(32);
    public ulong UInt64() => Chance(40) ? Pick<ulong>(0UL, 1UL, ulong.MaxValue, long.MaxValue, 1UL << 63, uint.MaxValue) : (ulong)_random.NextInt64(long.MinValue, long.MaxValue) >> _random.Next(64);
    public bool Bool() => Chance();

    public string String()
    {
        if (Chance(60))
        {
            return EdgeStrings[_random.Next(EdgeStrings.Length)];
        }
        var builder = new StringBuilder();
        var length = _random.Next(60);
        for (var i = 0; i < length; i++)
        {
            builder.Append(_random.Next(4) switch
            {
                0 => (char)_random.Next(0x20, 0x7F),
                1 => (char)_random.Next(0xA0, 0x800),
                2 => (char)_random.Next(0x800, 0xD800),
                _ => "𝄞",
            });
        }
        return builder.ToString();
    }

    public byte[] Bytes()
    {
        var bytes = new byte[Chance(30) ? 0 : _random.Next(300)];
        _random.NextBytes(bytes);
        return bytes;
    }

    public int Enum() => Pick(0, 1, -1, int.MinValue, int.MaxValue, 7, -99);

    public T Pick<T>(params T[] items) => items[_random.Next(items.Length)];
}
