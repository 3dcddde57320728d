using System.Diagnostics;
using System.Globalization;
using System.Text;
using Steward.Rpc.Corba.Tests.Any;
using Steward.Rpc.Corba.Tests.Ior;

namespace Steward.Rpc.Corba.Tests.Fuzz;

/// <summary>
/// Seeded mutation fuzzing of the bounded decoders: TypeCodes and anys in CDR (both byte orders, both code-set
/// choices), encapsulated IORs, IOR: strings and corbaloc/corbaname URLs. Each mutated input (octets flipped, set
/// to boundary values, inserted, removed, truncated, or a 4-octet length overwritten) either decodes or fails with
/// a <see cref="CorbaSystemException"/>: MARSHAL for malformed CDR, BAD_PARAM for a malformed string or URL,
/// DATA_CONVERSION for a string that is not UTF-8 when UTF-8 is the char code set; never another exception.
/// What decodes is written again and reads back equal (a NUL inside a string is refused when reading, as the writer
/// refuses it). About 105,000 inputs per run; STEWARD_FUZZ_ITERATIONS
/// multiplies that (a long run), STEWARD_CORBA_FUZZ_SEED replays one seed.
/// </summary>
public sealed class CorbaFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] CdrErrors = ["MARSHAL", "DATA_CONVERSION"];
    private static readonly string[] StringErrors = ["BAD_PARAM"];

    private static int Multiplier => int.TryParse(Environment.GetEnvironmentVariable("STEWARD_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var factor) && factor > 0 ? factor : 1;

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("STEWARD_CORBA_FUZZ_SEED"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed) ? seed : 20261207;

    private const string Markers = "0123456789abcdefIOR:%/.#\\,@[]";

    private static readonly CdrLimits Limits = new() { MaxDepth = 32, MaxSequenceLength = 1 << 20 };

    [Fact]
    public void Mutated_anys_decode_or_fail_with_a_system_exception()
    {
        var seeds = new List<(byte[] Bytes, bool LittleEndian)>();
        foreach (var name in TestTypes.Names)
        {
            seeds.Add((TestTypes.Encode(TestTypes.Make(name)), true));
            seeds.Add((TestTypes.Encode(TestTypes.Make(name), littleEndian: false), false));
        }
        seeds.Add((TestTypes.Encode(CorbaAny.FromAny(CorbaAny.FromWString("w\u00e9"))), true));
        var node = TypeCode.Read(new CdrInputStream(TypeCodeTests.RecursiveNode(), true, GiopVersion.V1_2, CodeSets.Native));
        seeds.Add((TestTypes.Encode(new CorbaAny(node, new CorbaStructValue(node, new object?[] { new CorbaStructValue(node, Array.Empty<object?>(), 2) }, 1))), true));

        Run("any", 45_000, seeds, (bytes, littleEndian, codeSets) =>
        {
            var any = CorbaAny.Read(new CdrInputStream(bytes, littleEndian, GiopVersion.V1_2, codeSets, Limits));
            return () =>
            {
                var again = new CdrOutputStream(GiopVersion.V1_2, codeSets);
                CorbaAny.Write(again, any);
                var reread = CorbaAny.Read(new CdrInputStream(again.ToArray(), true, GiopVersion.V1_2, codeSets, Limits));
                Assert.True(any.Equals(reread), $"{any} was written and read back as {reread}");
            };
        }, CdrErrors);
    }

    [Fact]
    public void Mutated_TypeCodes_decode_or_fail_with_a_system_exception()
    {
        var seeds = new List<(byte[] Bytes, bool LittleEndian)> { (TypeCodeTests.RecursiveNode(), true) };
        foreach (var type in new[] { TestTypes.Rich, TestTypes.Value, TestTypes.PointSeq, TestTypes.LongArray,
            TypeCode.CreateUnion("IDL:U:1.0", "U", TestTypes.Color, 0, (null, "d", TypeCode.Any), (1u, "g", TypeCode.CreateWString(4))) })
        {
            foreach (var littleEndian in new[] { true, false })
            {
                var stream = new CdrOutputStream(GiopVersion.V1_2, CodeSets.Native, littleEndian: littleEndian);
                TypeCode.Write(stream, type);
                seeds.Add((stream.ToArray(), littleEndian));
            }
        }

        Run("TypeCode", 30_000, seeds, (bytes, littleEndian, codeSets) =>
        {
            var type = TypeCode.Read(new CdrInputStream(bytes, littleEndian, GiopVersion.V1_2, codeSets, Limits));
            return () =>
            {
                var again = new CdrOutputStream(GiopVersion.V1_2, codeSets);
                TypeCode.Write(again, type);
                var reread = TypeCode.Read(new CdrInputStream(again.ToArray(), true, GiopVersion.V1_2, codeSets, Limits));
                Assert.True(type.Equal(reread), $"{type} was written and read back as {reread}");
            };
        }, CdrErrors);
    }

    [Fact]
    public void Mutated_encapsulated_IORs_decode_or_fail_with_a_system_exception()
    {
        var seeds = new List<(byte[] Bytes, bool LittleEndian)>();
        foreach (var ior in SampleIors.All().Select(row => row.Data.Item2))
        {
            seeds.Add((Convert.FromHexString(ior[4..]), true));
        }

        Run("IOR", 15_000, seeds, (bytes, _, _) =>
        {
            var reference = CorbaObjectReference.FromEncapsulation(bytes, Limits);
            _ = IorDescription.Describe(reference);
            return () => Assert.Equal(reference.ToString(), CorbaObjectReference.FromEncapsulation(reference.ToEncapsulation(), Limits).ToString());
        }, CdrErrors);
    }

    [Fact]
    public void Mutated_IOR_strings_and_URLs_parse_or_fail_with_bad_param()
    {
        var texts = SampleIors.All().Select(row => row.Data.Item2).Concat([
            "corbaloc:iiop:1.2@127.0.0.1:2809,:h2,iiop:[::1]:99/Name%20Service", "corbaloc::h/k", "corbaname::h:5#a.b/c\\.d.e",
            "corbaname:iiop:1.1@h/Other#x/y.z", "corbaloc:rir:/NameService"]).ToList();
        var seeds = texts.Select(t => (Encoding.Latin1.GetBytes(t), true)).ToList();

        Run("string", 15_000, seeds, (bytes, _, _) =>
        {
            var text = Encoding.Latin1.GetString(bytes);
            if (text.StartsWith("corbaname", StringComparison.OrdinalIgnoreCase))
            {
                var url = CorbaUrl.Parse(text);
                return () => Assert.Equal(url.ToString(), CorbaUrl.Parse(url.ToString()).ToString());
            }
            var reference = CorbaObjectReference.Parse(text);
            return () => Assert.Equal(reference.ToString(), CorbaObjectReference.Parse(reference.ToString()).ToString());
        }, StringErrors);
    }

    // decode decodes (throwing only one of allowed) and returns the check that writes what it decoded again.
    private void Run(string what, int iterations, List<(byte[] Bytes, bool LittleEndian)> seeds, Func<byte[], bool, CodeSets, Action> decode, string[] allowed)
    {
        var seed = Seed;
        iterations *= Multiplier;
        output.WriteLine($"{what} fuzz seed {seed} (set STEWARD_CORBA_FUZZ_SEED to replay), {iterations} inputs");
        var random = new Random(seed);
        var decoded = 0;
        var rejected = new Dictionary<string, int>();
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < iterations; n++)
        {
            var (original, littleEndian) = seeds[random.Next(seeds.Count)];
            var bytes = Mutate(original, random);
            var codeSets = random.Next(2) == 0 ? CodeSets.Native : CodeSets.Default;
            Action rewrite;
            try
            {
                rewrite = decode(bytes, littleEndian, codeSets);
                decoded++;
            }
            catch (CorbaSystemException ex) when (allowed.Contains(ex.Name))
            {
                rejected[ex.Name] = rejected.GetValueOrDefault(ex.Name) + 1;
                continue;
            }
            catch (Exception ex)
            {
                Assert.Fail($"{what} seed {seed}, input {n}: {Convert.ToHexString(bytes)} threw {ex}");
                return;
            }
            try
            {
                rewrite();
            }
            catch (Exception ex)
            {
                Assert.Fail($"{what} seed {seed}, input {n}: {Convert.ToHexString(bytes)} decoded but writing it again threw {ex}");
            }
        }
        output.WriteLine($"{decoded} decoded, rejected {string.Join(", ", rejected.Select(r => $"{r.Value} with {r.Key}"))} in {clock.ElapsedMilliseconds} ms");
        // Both outcomes must occur, or the mutations are not reaching the decoder.
        Assert.True(decoded > 0 && rejected.Count > 0, $"{decoded} decoded, {rejected.Values.Sum()} rejected");
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var edits = 1 + random.Next(3);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)(random.Next(5) switch { 0 => 0, 1 => 0xff, 2 => 0x7f, 3 => 0x80, _ => random.Next(256) });
                    break;
                case 2:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 3:
                    bytes.RemoveAt(at);
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 5:
                    // A length or kind: overwrite four octets at an aligned offset with a boundary value.
                    var aligned = at & ~3;
                    var value = random.Next(6) switch { 0 => 0xffffffffu, 1 => 0x7fffffffu, 2 => 0u, 3 => 1u, 4 => (uint)random.Next(64), _ => (uint)random.Next() };
                    for (var i = 0; i < 4 && aligned + i < bytes.Count; i++)
                    {
                        bytes[aligned + i] = (byte)(value >> (8 * i));
                    }
                    break;
                default:
                    bytes[at] = (byte)Markers[random.Next(Markers.Length)];
                    break;
            }
        }
        return [.. bytes];
    }
}
