using S = global::Compat.Steward;

namespace Steward.Rpc.Protobuf.Compat.Tests;

/// <summary>
/// Mutated encodings of valid messages (seeded, so every run sees the same inputs): decoding may
/// only succeed or throw <see cref="ProtoDecodeException"/>; whatever decodes re-encodes stably.
/// </summary>
public class FuzzTests
{
    private const int Seeds = 200;
    private const int MutationsPerSeed = 520;

    [Fact]
    public void Over_100000_mutated_inputs_either_parse_or_throw_ProtoDecodeException()
    {
        var total = 0;
        var rejected = 0;
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var original = Filler.Everything(new Values(seed)).Item2.ToByteArray();
            var random = new Random(seed * 7919);
            for (var i = 0; i < MutationsPerSeed; i++)
            {
                var input = Mutate(original, random);
                total++;
                S.Everything parsed;
                try
                {
                    parsed = S.Everything.Parse(input, new ProtoReaderOptions { RecursionLimit = 100 });
                }
                catch (ProtoDecodeException ex)
                {
                    rejected++;
                    Assert.InRange(ex.Position, 0, input.Length);
                    continue;
                }
                catch (Exception ex)
                {
                    Assert.Fail($"seed {seed} mutation {i}: {ex.GetType().Name}: {ex.Message}\ninput {Convert.ToHexString(input)}");
                    throw;
                }
                var once = parsed.ToByteArray();
                var twice = S.Everything.Parse(once).ToByteArray();
                if (!once.AsSpan().SequenceEqual(twice))
                {
                    Assert.Fail($"seed {seed} mutation {i}: re-encoding is not stable\ninput {Convert.ToHexString(input)}");
                }
            }
        }
        Assert.True(total >= 100_000);
        // The corpus must exercise both paths, or it tests nothing.
        Assert.InRange(rejected, total / 20, total - total / 20);
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var data = new List<byte>(original);
        var rounds = 1 + random.Next(3);
        for (var r = 0; r < rounds; r++)
        {
            var position = data.Count == 0 ? 0 : random.Next(data.Count);
            switch (random.Next(7))
            {
                case 0 when data.Count > 0:
                    data[position] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data.RemoveRange(position, data.Count - position);
                    break;
                case 2:
                    data.InsertRange(position, Varint(RandomVarintValue(random)));
                    break;
                case 3 when data.Count > 0:
                    // Length tampering: overwrite a byte with a varint that may claim far more than is there.
                    data.RemoveAt(position);
                    data.InsertRange(position, Varint(RandomVarintValue(random)));
                    break;
                case 4 when data.Count > 0:
                    var length = Math.Min(random.Next(1, 16), data.Count - position);
                    data.InsertRange(random.Next(data.Count), data.GetRange(position, length));
                    break;
                case 5 when data.Count > 0:
                    data.RemoveRange(position, Math.Min(random.Next(1, 8), data.Count - position));
                    break;
                default:
                    // A random tag with any wire type (groups and 6/7 included).
                    data.InsertRange(position, Varint(((ulong)random.Next(0, 40) << 3) | (uint)random.Next(8)));
                    break;
            }
        }
        return data.ToArray();
    }

    private static ulong RandomVarintValue(Random random) => random.Next(6) switch
    {
        0 => (ulong)random.Next(128),
        1 => (ulong)random.Next(1 << 14),
        2 => ulong.MaxValue,
        3 => (ulong)int.MaxValue + (ulong)random.Next(1000),
        4 => unchecked((ulong)(long)-random.Next(1, 100)),
        _ => (ulong)random.NextInt64(),
    };

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }
        bytes.Add((byte)value);
        return bytes.ToArray();
    }
}
