using System.Diagnostics;
using Steward.Rpc.Ice;
using Test;
using M = Test.OperationsIceMethods;

namespace Steward.Rpc.CodeGen.Tests.Ice;

/// <summary>
/// Mutated encapsulations (bytes flipped, set to markers, inserted, removed, truncated) of valid encodings with
/// classes, shared instances, cycles, optionals, unknown slices and exceptions: each decodes or fails with an
/// <see cref="IceMarshalException"/>, never with another exception, a hang or a crash.
/// </summary>
public sealed class IceFuzzTests(ITestOutputHelper output)
{
    private const int Iterations = 120_000;


    private static List<(string Name, byte[] Bytes, Func<IceInputStream, object?> Read)> Seeds()
    {
        Func<IceInputStream, object?> twoValues = i => (IceWire.ReadOne(i), IceWire.ReadOne(i));
        Func<IceInputStream, object?> exception = i => i.ReadException();
        var seeds = new List<(string, byte[], Func<IceInputStream, object?>)>
        {
            ("rich", IcePeer.Encoded("rich"), Rich.IceRead),
            ("dict", IcePeer.Encoded("dict"), M.OpNestedDictArgs.Read),
            ("params", IcePeer.Encoded("params"), M.OpOptionalArgs.Read),
        };
        foreach (var suffix in new[] { "-compact", "-sliced" })
        {
            seeds.Add(("shapes" + suffix, IcePeer.Encoded("shapes" + suffix), M.OpShapeSeqArgs.Read));
            seeds.Add(("cycle" + suffix, IcePeer.Encoded("cycle" + suffix), M.OpCycleReply.Read));
            seeds.Add(("derived" + suffix, IcePeer.Encoded("derived" + suffix), exception));
            seeds.Add(("unseen" + suffix, IcePeer.Encoded("unseen" + suffix), exception));
            seeds.Add(("withclass" + suffix, IcePeer.Encoded("withclass" + suffix), exception));
            seeds.Add(("opt" + suffix, IcePeer.Encoded("opt" + suffix), twoValues));
            seeds.Add(("tiny" + suffix, IcePeer.Encoded("tiny" + suffix), twoValues));
            seeds.Add(("hidden" + suffix, IcePeer.Encoded("hidden" + suffix), twoValues));
        }
        return seeds;
    }

    [Fact]
    public void Mutated_encapsulations_decode_or_fail_only_with_a_marshal_exception()
    {
        var seed = Environment.GetEnvironmentVariable("STEWARD_ICE_FUZZ_SEED") is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 20261207;
        output.WriteLine($"Ice fuzz seed {seed} (set STEWARD_ICE_FUZZ_SEED to replay)");
        var seeds = Seeds();
        var random = new Random(seed);
        var limits = new IceLimits { MaxDepth = 50, MaxInstances = 1000 };
        var decoded = 0;
        var rejected = 0;
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < Iterations; n++)
        {
            var (name, original, read) = seeds[random.Next(seeds.Count)];
            var bytes = Mutate(original, random);
            try
            {
                IceWire.Decapsulate(bytes, read, limits);
                decoded++;
            }
            catch (IceMarshalException)
            {
                rejected++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"Seed {seed}, iteration {n}, from '{name}': {Convert.ToHexString(bytes)} threw {ex}");
            }
        }
        output.WriteLine($"{decoded} decoded, {rejected} rejected in {clock.ElapsedMilliseconds} ms");
        // Both outcomes must occur, or the mutations are not reaching the decoder.
        Assert.True(decoded > 0 && rejected > 0, $"{decoded} decoded, {rejected} rejected");
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var edits = 1 + random.Next(4);
        for (var e = 0; e < edits; e++)
        {
            // The six header bytes are left alone mostly, so that the decoder (not the size check) sees the damage.
            var at = bytes.Count > 6 ? 6 + random.Next(bytes.Count - 6) : random.Next(Math.Max(1, bytes.Count));
            var kind = random.Next(7);
            if (at >= bytes.Count && kind is not 3 and not 6)
            {
                continue;
            }
            switch (kind)
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes[at] = random.Next(4) switch { 0 => 0xFF, 1 => 0x01, 2 => 0x00, _ => 0x7F };
                    break;
                case 3:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 4:
                    if (bytes.Count > 7)
                    {
                        bytes.RemoveAt(at);
                    }
                    break;
                case 5:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    var from = 6 + random.Next(Math.Max(1, original.Length - 6));
                    var length = Math.Min(random.Next(1, 12), original.Length - from);
                    if (length > 0)
                    {
                        bytes.InsertRange(at, original.Skip(from).Take(length));
                    }
                    break;
            }
        }
        var result = bytes.ToArray();
        if (result.Length >= 4 && random.Next(4) != 0)
        {
            // Mostly keep the encapsulation size consistent with the mutated body.
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(result, result.Length);
        }
        return result;
    }
}
