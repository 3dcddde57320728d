using System.Diagnostics;
using Thrift;
using ThriftTest;
using ThriftTestClient = ThriftTest.ThriftTest.Client;

namespace Anchor;

/// <summary>
/// Every ThriftTest method with the values Apache's test clients use, through ApacheThrift's generated client.
/// The case names, values and error bits match testassets/thrift/python/client.py and ThriftTest.Client.
/// </summary>
internal static class AnchorClientCases
{
    public const int Base = 1, Structs = 2, Containers = 4, Exceptions = 8, Unknown = 64;

    // Control characters, JSON escapes, the solidus and non-BMP text.
    public const string Unusual = "\b\t\n/\\\\\r{}:\"\u0001\u007f caf\u00e9 \u30d1\u30a4\u30bd\u30f3 \U0001F600 \u0000 end";

    public static List<(string Name, int Bit, Func<Task> Run)> All(ThriftTestClient client, SecondService.Client? second)
    {
        var cases = new List<(string, int, Func<Task>)>
        {
            ("testVoid", Base, () => client.testVoid()),
            ("testString", Base, async () =>
            {
                foreach (var s in new[] { "Test", "", string.Concat(Enumerable.Repeat("Python", 20)), Unusual })
                {
                    Expect(await client.testString(s), s, "testString");
                }
            }),
            ("testBool", Base, async () =>
            {
                Expect(await client.testBool(true), true, "testBool(true)");
                Expect(await client.testBool(false), false, "testBool(false)");
            }),
            ("testByte", Base, async () =>
            {
                foreach (sbyte v in new sbyte[] { 1, 0, -1, 127, -128 })
                {
                    Expect(await client.testByte(v), v, "testByte");
                }
            }),
            ("testI32", Base, async () =>
            {
                foreach (var v in new[] { -1, 0, 1, int.MaxValue, int.MinValue })
                {
                    Expect(await client.testI32(v), v, "testI32");
                }
            }),
            ("testI64", Base, async () =>
            {
                foreach (var v in new[] { 1L, 0L, -34359738368L, long.MaxValue, long.MinValue })
                {
                    Expect(await client.testI64(v), v, "testI64");
                }
            }),
            ("testDouble", Base, async () =>
            {
                foreach (var v in new[] { -5.235098235, 0.0, -1.0, -0.000341012439638598279, double.MaxValue, double.Epsilon, 1e-10 })
                {
                    Expect(await client.testDouble(v), v, "testDouble");
                }
            }),
            ("testBinary", Base, async () =>
            {
                var ramp = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
                var big = Enumerable.Repeat(new byte[] { 0xff, 0x00, 0x80 }, 1000).SelectMany(b => b).ToArray();
                foreach (var v in new[] { ramp, Array.Empty<byte>(), big })
                {
                    var got = await client.testBinary(v);
                    Check(got.AsSpan().SequenceEqual(v), $"testBinary({v.Length} bytes): got {got.Length} different bytes");
                }
            }),
            ("testStruct", Structs, async () =>
            {
                var x = Zero();
                Expect(await client.testStruct(x), x, "testStruct");
            }),
            ("testNest", Structs, async () =>
            {
                var x = new Xtruct2 { Byte_thing = 1, Struct_thing = Zero(), I32_thing = 5 };
                Expect(await client.testNest(x), x, "testNest");
            }),
            ("testMap", Containers, async () =>
            {
                var x = Enumerable.Range(0, 5).ToDictionary(i => i, i => i - 10);
                ExpectMap(await client.testMap(x), x, "testMap");
                ExpectMap(await client.testMap([]), new Dictionary<int, int>(), "testMap(empty)");
            }),
            ("testStringMap", Containers, async () =>
            {
                var x = new Dictionary<string, string> { ["a"] = "2", ["b"] = "blah", ["some"] = "thing", [""] = "empty key", [Unusual] = Unusual };
                ExpectMap(await client.testStringMap(x), x, "testStringMap");
            }),
            ("testSet", Containers, async () =>
            {
                var x = new HashSet<int> { -2, -1, 0, 1, 2 };
                var got = await client.testSet(x);
                Check(got.SetEquals(x), $"testSet: got {{{string.Join(", ", got)}}}");
            }),
            ("testList", Containers, async () =>
            {
                var x = new List<int> { -2, -1, 0, 1, 2, 2 };
                var got = await client.testList(x);
                Check(got.SequenceEqual(x), $"testList: got [{string.Join(", ", got)}]");
                Check((await client.testList([])).Count == 0, "testList(empty) came back non-empty");
            }),
            ("testEnum", Containers, async () =>
            {
                foreach (var v in new[] { Numberz.ONE, Numberz.TWO, Numberz.THREE, Numberz.FIVE, Numberz.EIGHT })
                {
                    Expect(await client.testEnum(v), v, "testEnum");
                }
            }),
            ("testTypedef", Containers, async () => Expect(await client.testTypedef(309858235082523L), 309858235082523L, "testTypedef")),
            ("testMapMap", Containers, async () =>
            {
                var got = await client.testMapMap(1);
                Check(got.Count == 2 && got.TryGetValue(-4, out var neg) && got.TryGetValue(4, out var pos)
                      && neg.Count == 4 && pos.Count == 4 && neg.All(p => p.Key == p.Value && p.Key is >= -4 and <= -1)
                      && pos.All(p => p.Key == p.Value && p.Key is >= 1 and <= 4),
                      "testMapMap(1): got " + string.Join(", ", got.Select(p => $"{p.Key} => {{{string.Join(", ", p.Value.Select(q => $"{q.Key} => {q.Value}"))}}}")));
            }),
            ("testInsanity", Structs, async () =>
            {
                var argument = new Insanity
                {
                    UserMap = new Dictionary<Numberz, long> { [Numberz.FIVE] = 5000, [Numberz.EIGHT] = 8 },
                    Xtructs = [new Xtruct { String_thing = "Goodbye4", Byte_thing = 4, I32_thing = 4, I64_thing = 4 },
                               new Xtruct { String_thing = "Hello2", Byte_thing = 2, I32_thing = 2, I64_thing = 2 }],
                };
                var whoa = await client.testInsanity(argument);
                Check(whoa.Count == 2 && whoa.ContainsKey(1) && whoa.ContainsKey(2), $"testInsanity: keys {string.Join(", ", whoa.Keys)}");
                Check(whoa[1].Count == 2 && whoa[1].TryGetValue(Numberz.TWO, out var two) && two.Equals(argument)
                      && whoa[1].TryGetValue(Numberz.THREE, out var three) && three.Equals(argument), $"testInsanity[1]: {Show(whoa[1])}");
                // An empty Insanity may arrive with its containers absent or present-and-empty, depending on the peer.
                Check(whoa[2].Count == 1 && whoa[2].TryGetValue(Numberz.SIX, out var empty)
                      && (empty.UserMap is null || empty.UserMap.Count == 0) && (empty.Xtructs is null || empty.Xtructs.Count == 0),
                      $"testInsanity[2]: {Show(whoa[2])}");
            }),
            ("testMulti", Structs, async () =>
            {
                var got = await client.testMulti(74, 0xff00ff, 0xffffffffd0d0L, new Dictionary<short, string> { [0] = "abc", [1] = "one" }, Numberz.FIVE, 0xf0f0f0);
                Expect(got, new Xtruct { String_thing = "Hello2", Byte_thing = 74, I32_thing = 0xff00ff, I64_thing = 0xffffffffd0d0L }, "testMulti");
            }),
            ("testException", Exceptions, async () =>
            {
                await client.testException("Safe");
                try
                {
                    await client.testException("Xception");
                    Fail("testException(Xception) returned normally");
                }
                catch (Xception x)
                {
                    Check(x.ErrorCode == 1001 && x.Message == "Xception", $"testException(Xception): {x.ErrorCode} {x.Message}");
                }
                try
                {
                    await client.testException("TException");
                    Fail("testException(TException) returned normally");
                }
                catch (TApplicationException)
                {
                }
                await client.testException("success");
            }),
            ("testMultiException", Exceptions, async () =>
            {
                try
                {
                    await client.testMultiException("Xception", "ignore");
                    Fail("testMultiException(Xception) returned normally");
                }
                catch (Xception x)
                {
                    Check(x.ErrorCode == 1001 && x.Message == "This is an Xception", $"testMultiException(Xception): {x.ErrorCode} {x.Message}");
                }
                try
                {
                    await client.testMultiException("Xception2", "ignore");
                    Fail("testMultiException(Xception2) returned normally");
                }
                catch (Xception2 x)
                {
                    Check(x.ErrorCode == 2002 && x.Struct_thing?.String_thing == "This is an Xception2", $"testMultiException(Xception2): {x.ErrorCode} {x.Struct_thing}");
                }
                Expect((await client.testMultiException("success", "foobar")).String_thing, "foobar", "testMultiException(success)");
            }),
            ("testOneway", Base, async () =>
            {
                var watch = Stopwatch.StartNew();
                await client.testOneway(1);
                // Apache's clients check this loosely: a client that waited for the server's sleep would take >= 1 s.
                Check(watch.Elapsed < TimeSpan.FromSeconds(3), $"testOneway(1) blocked for {watch.Elapsed.TotalSeconds:0.0} s");
                // No reply may follow a oneway call: the next call must get its own answer.
                Expect(await client.testString("after oneway"), "after oneway", "testString after testOneway");
            }),
        };
        if (second is not null)
        {
            cases.Add(("secondtestString", Base, async () =>
                Expect(await second.secondtestString("foobar"), "testString(\"foobar\")", "SecondService.secondtestString")));
        }
        return cases;
    }

    private static Xtruct Zero() => new() { String_thing = "Zero", Byte_thing = 1, I32_thing = -3, I64_thing = -5 };

    private static string Show<TKey, TValue>(Dictionary<TKey, TValue> map) where TKey : notnull =>
        "{" + string.Join(", ", map.Select(p => $"{p.Key} => {p.Value}")) + "}";

    private static void Expect<T>(T actual, T expected, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(actual, expected))
        {
            Fail($"{what}: expected {expected}, got {actual}");
        }
    }

    private static void ExpectMap<TKey, TValue>(Dictionary<TKey, TValue> actual, Dictionary<TKey, TValue> expected, string what) where TKey : notnull
    {
        var same = actual.Count == expected.Count
                   && expected.All(p => actual.TryGetValue(p.Key, out var v) && EqualityComparer<TValue>.Default.Equals(v, p.Value));
        Check(same, $"{what}: expected {Show(expected)}, got {Show(actual)}");
    }

    private static void Check(bool condition, string failure)
    {
        if (!condition)
        {
            Fail(failure);
        }
    }

    private static void Fail(string message) => throw new CaseFailedException(message);
}

internal sealed class CaseFailedException(string message) : Exception(message);
