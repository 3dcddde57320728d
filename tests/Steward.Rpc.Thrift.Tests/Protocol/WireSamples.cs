using static Steward.Rpc.Thrift.Tests.Protocol.WireNode;

namespace Steward.Rpc.Thrift.Tests.Protocol;

/// <summary>The messages every protocol test writes and reads: edge values of each type, then seeded random trees.</summary>
public static class WireSamples
{
    public static readonly string[] Strings =
    [
        "", "hello", "héllo wörld ✓ 日本語 😀 𝄞",
        "\u0001\b\t\n\f\r\"\\/ !#$%&'()*+,-./0\u001f\u007f~",
        new string('x', 300), string.Concat(Enumerable.Repeat("ü€😀", 2000)),
    ];

    public static readonly double[] Doubles =
    [
        0.0, -0.0, 1.0, -1.5, 0.1, 1.0 / 3, 123.456, 1e-300, 1e300, double.Epsilon, double.MaxValue, double.MinValue,
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, 4503599627370496.5, 9007199254740993,
    ];

    public static WireNode Scalars()
    {
        var fields = new List<(short, WireNode)>
        {
            (1, Of(true)), (2, Of(false)),
            (3, Of(sbyte.MinValue)), (4, Of(sbyte.MaxValue)), (5, Of((sbyte)0)),
            (6, Of(short.MinValue)), (7, Of(short.MaxValue)),
            (8, Of(int.MinValue)), (9, Of(int.MaxValue)), (10, Of(0)), (11, Of(-1)),
            (12, Of(long.MinValue)), (13, Of(long.MaxValue)), (14, Of(1L << 40)),
        };
        short id = 20;
        foreach (var d in Doubles)
        {
            fields.Add((id++, Of(d)));
        }
        foreach (var s in Strings)
        {
            fields.Add((id++, Of(s)));
        }
        foreach (var length in new[] { 0, 1, 2, 3, 4, 5, 255, 1000 })
        {
            fields.Add((id++, Of(Bytes(length, length))));
        }
        fields.Add((id++, Of(Guid.Empty)));
        fields.Add((id++, Of(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"))));
        fields.Add((id++, Of(Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"))));
        return Struct([.. fields]);
    }

    public static WireNode LargeBinary() => Struct((1, Of(Bytes(100_000, 7))), (2, Of(new string('é', 40_000))));

    /// <summary>Ids that force the compact protocol's long form: jumps past 15, negative, backwards, the extremes; bools among them.</summary>
    public static WireNode FieldIds() => Struct(
        (1, Of(1)), (16, Of(true)), (17, Of(false)), (33, Of(2)), (100, Of(false)), (99, Of(3)), (-1, Of(true)),
        (-5, Of("neg")), (0, Of(4L)), (short.MaxValue, Of(true)), (short.MinValue, Of(5)), (15, Of(6)), (30, Of(true)));

    public static WireNode Nested(int depth) =>
        depth == 0 ? Struct((1, Of("leaf"))) : Struct((1, Of(depth)), (2, Nested(depth - 1)), (3, Of(true)));

    public static WireNode Containers() => Struct(
        (1, List(WireKind.I32)),
        (2, Set(WireKind.String)),
        (3, Map(WireKind.String, WireKind.I32)),
        (4, Map(WireKind.Struct, WireKind.List)),
        (5, List(WireKind.Bool, Of(true), Of(false), Of(true))),
        (6, List(WireKind.I32, [.. Enumerable.Range(-7, 14).Select(Of)])),
        (7, List(WireKind.I32, [.. Enumerable.Range(-7, 15).Select(Of)])),
        (8, List(WireKind.I64, [.. Enumerable.Range(0, 300).Select(i => Of((long)i * 1_000_000_007))])),
        (9, Set(WireKind.Binary, Of(Bytes(3, 1)), Of(Array.Empty<byte>()))),
        (10, Map(WireKind.String, WireKind.I32, (Of("a"), Of(1)), (Of("b\"\\"), Of(-2)))),
        (11, Map(WireKind.I32, WireKind.String, (Of(1), Of("one")), (Of(-2), Of("minus two")))),
        (12, Map(WireKind.I64, WireKind.Double, (Of(long.MaxValue), Of(double.NaN)), (Of(0L), Of(-0.0)))),
        (13, Map(WireKind.Bool, WireKind.Bool, (Of(true), Of(false)), (Of(false), Of(true)))),
        (14, Map(WireKind.Double, WireKind.Byte, (Of(1.5), Of((sbyte)-1)), (Of(double.NegativeInfinity), Of((sbyte)2)))),
        (15, Map(WireKind.Uuid, WireKind.Binary, (Of(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff")), Of(Bytes(5, 2))))),
        (16, List(WireKind.List, List(WireKind.I16, Of((short)1)), List(WireKind.I16), List(WireKind.I16, Of(short.MinValue), Of(short.MaxValue)))),
        (17, Map(WireKind.String, WireKind.List, (Of("k"), List(WireKind.Map, Map(WireKind.I32, WireKind.String, (Of(7), Of("seven"))))))),
        (18, List(WireKind.Struct, Struct((1, Of("x"))), Struct(), Struct((2, Of(true))))),
        (19, Set(WireKind.Uuid, Of(Guid.Empty))),
        (20, List(WireKind.Double, [.. Doubles.Select(Of)])),
        (21, List(WireKind.String, [.. Strings.Take(4).Select(Of)])),
        (22, Map(WireKind.I16, WireKind.Struct, (Of((short)3), Struct((1, Of(1.25)))))),
        (23, Set(WireKind.Set, Set(WireKind.Byte, Of((sbyte)1))))
    );

    public static IEnumerable<WireMessage> Fixed()
    {
        yield return new WireMessage("testScalars", ThriftMessageType.Call, 1, Scalars());
        yield return new WireMessage("ThriftTest:testI32", ThriftMessageType.Reply, int.MaxValue, FieldIds());
        yield return new WireMessage("", ThriftMessageType.Exception, int.MinValue, Nested(20));
        yield return new WireMessage("nön-ascii ✓", ThriftMessageType.Oneway, -1, Containers());
        yield return new WireMessage("large", ThriftMessageType.Call, 0, LargeBinary());
        yield return new WireMessage("empty", ThriftMessageType.Call, 300, Struct());
    }

    public static IEnumerable<WireMessage> Random(int seed, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var type = (ThriftMessageType)random.Next(1, 5);
            yield return new WireMessage("m" + random.Next(1000), type, random.Next(int.MinValue, int.MaxValue), RandomStruct(random, 4));
        }
    }

    public static IEnumerable<WireMessage> All() => Fixed().Concat(Random(20261127, 40));

    private static WireNode RandomStruct(Random random, int depth)
    {
        var fields = new List<(short, WireNode)>();
        var count = random.Next(0, 8);
        short id = 0;
        for (var i = 0; i < count; i++)
        {
            id = random.Next(4) == 0 ? (short)random.Next(short.MinValue, short.MaxValue) : (short)(id + random.Next(1, 20));
            var kind = RandomKind(random, depth);
            fields.Add((id, RandomValue(random, kind, depth)));
        }
        return Struct([.. fields]);
    }

    private static WireKind RandomKind(Random random, int depth) =>
        (WireKind)random.Next(0, depth > 0 ? 13 : 9);

    private static WireNode RandomValue(Random random, WireKind kind, int depth)
    {
        switch (kind)
        {
            case WireKind.Bool: return Of(random.Next(2) == 1);
            case WireKind.Byte: return Of((sbyte)random.Next(-128, 128));
            case WireKind.I16: return Of((short)random.Next(short.MinValue, short.MaxValue + 1));
            case WireKind.I32: return Of(random.Next(3) == 0 ? random.Next(-100, 100) : random.Next(int.MinValue, int.MaxValue));
            case WireKind.I64: return Of(random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64));
            case WireKind.Double: return Of(random.Next(4) == 0 ? Doubles[random.Next(Doubles.Length)] : BitConverter.Int64BitsToDouble(random.NextInt64()));
            case WireKind.String: return Of(RandomString(random));
            case WireKind.Binary: return Of(Bytes(random.Next(0, 40), random.Next()));
            case WireKind.Uuid:
            {
                var bytes = new byte[16];
                random.NextBytes(bytes);
                return Of(new Guid(bytes));
            }
            case WireKind.Struct: return RandomStruct(random, depth - 1);
            case WireKind.List:
            case WireKind.Set:
            {
                var element = RandomKind(random, depth - 1);
                var items = Enumerable.Range(0, random.Next(0, 20)).Select(_ => RandomValue(random, element, depth - 1)).ToArray();
                return kind == WireKind.List ? List(element, items) : Set(element, items);
            }
            default:
            {
                // Scalar keys: every protocol carries those (JSON quotes them as object keys).
                var key = (WireKind)random.Next(0, 9);
                var value = RandomKind(random, depth - 1);
                var entries = Enumerable.Range(0, random.Next(0, 6))
                    .Select(_ => (RandomValue(random, key, 0), RandomValue(random, value, depth - 1))).ToArray();
                return Map(key, value, entries);
            }
        }
    }

    private static string RandomString(Random random)
    {
        const string alphabet = "abcXYZ019 \"\\/\b\f\n\r\t\u0001\u001f\u007fé€✓日😀";
        var length = random.Next(0, 16);
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < length; i++)
        {
            var c = alphabet[random.Next(alphabet.Length)];
            if (char.IsSurrogate(c))
            {
                sb.Append("😀");
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
