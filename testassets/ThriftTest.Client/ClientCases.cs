using System.Diagnostics;
using Steward.Rpc.Thrift;
using ThriftTestClient = ThriftTest.ThriftTest.ThriftTestClient;

namespace ThriftTest.Client;

/// <summary>
/// Every ThriftTest method with the values Apache's test clients use, through Steward's generated client.
/// The case names, values and error bits match testassets/thrift/python/client.py and ThriftTest.Anchor, plus
/// testUuid for peers whose code knows uuid.
/// </summary>
internal static class ClientCases
{
    public const int Base = 1, Structs = 2, Containers = 4, Exceptions = 8, Unknown = 64;

    // Control characters, JSON escapes, the solidus and non-BMP text.
    public const string Unusual = "\b\t\n/\\\\\r{}:\"\u0001\u007f caf\u00e9 \u30d1\u30a4\u30bd\u30f3 \U0001F600 \u0000 end";

    public static List<(string Name, int Bit, Func<Task> Run)> All(ThriftTestClient client, SecondService.SecondServiceClient? second, bool withUuid)
    {
        var cases = new List<(string, int, Func<Task>)>
        {
            ("testVoid", Base, () => client.TestVoidAsync()),
            ("testString", Base, async () =>
            {
                foreach (var s in new[] { "Test", "", string.Concat(Enumerable.Repeat("Python", 20)), Unusual })
                {
                    Expect(await client.TestStringAsync(s), s, "testString");
                }
            }),
            ("testBool", Base, async () =>
            {
                Expect(await client.TestBoolAsync(true), true, "testBool(true)");
                Expect(await client.TestBoolAsync(false), false, "testBool(false)");
            }),
            ("testByte", Base, async () =>
            {
                foreach (sbyte v in new sbyte[] { 1, 0, -1, 127, -128 })
                {
                    Expect(await client.TestByteAsync(v), v, "testByte");
                }
            }),
            ("testI32", Base, async () =>
            {
                foreach (var v in new[] { -1, 0, 1, int.MaxValue, int.MinValue })
                {
                    Expect(await client.TestI32Async(v), v, "testI32");
                }
            }),
            ("testI64", Base, async () =>
            {
                foreach (var v in new[] { 1L, 0L, -34359738368L, long.MaxValue, long.MinValue })
                {
                    Expect(await client.TestI64Async(v), v, "testI64");
                }
            }),
            ("testDouble", Base, async () =>
            {
                foreach (var v in new[] { -5.235098235, 0.0, -1.0, -0.000341012439638598279, double.MaxValue, double.Epsilon, 1e-10 })
                {
                    Expect(await client.TestDoubleAsync(v), v, "testDouble");
                }
            }),
            ("testBinary", Base, async () =>
            {
                var ramp = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
                var big = Enumerable.Repeat(new byte[] { 0xff, 0x00, 0x80 }, 1000).SelectMany(b => b).ToArray();
                foreach (var v in new[] { ramp, Array.Empty<byte>(), big })
                {
                    var got = await client.TestBinaryAsync(v);
                    Check(got.AsSpan().SequenceEqual(v), $"testBinary({v.Length} bytes): got {got.Length} different bytes");
                }
            }),
            ("testUuid", Base, async () =>
            {
                // Apache's value (its bytes in order 00..ff on the wire) and a random one.
                foreach (var v in new[] { new Guid("00112233-4455-6677-8899-aabbccddeeff"), Guid.NewGuid() })
                {
                    Expect(await client.TestUuidAsync(v), v, "testUuid");
                }
            }),
            ("testStruct", Structs, async () =>
            {
                var x = Zero();
                Expect(await client.TestStructAsync(x), x, "testStruct");
            }),
            ("testNest", Structs, async () =>
            {
                var x = new Xtruct2 { ByteThing = 1, StructThing = Zero(), I32Thing = 5 };
                Expect(await client.TestNestAsync(x), x, "testNest");
            }),
            ("testMap", Containers, async () =>
            {
                var x = Enumerable.Range(0, 5).ToDictionary(i => i, i => i - 10);
                ExpectMap(await client.TestMapAsync(x), x, "testMap");
                ExpectMap(await client.TestMapAsync([]), new Dictionary<int, int>(), "testMap(empty)");
            }),
            ("testStringMap", Containers, async () =>
            {
                var x = new Dictionary<string, string> { ["a"] = "2", ["b"] = "blah", ["some"] = "thing", [""] = "empty key", [Unusual] = Unusual };
                ExpectMap(await client.TestStringMapAsync(x), x, "testStringMap");
            }),
            ("testSet", Containers, async () =>
            {
                var x = new HashSet<int> { -2, -1, 0, 1, 2 };
                var got = await client.TestSetAsync(x);
                Check(got.SetEquals(x), $"testSet: got {{{string.Join(", ", got)}}}");
            }),
            ("testList", Containers, async () =>
            {
                var x = new List<int> { -2, -1, 0, 1, 2, 2 };
                var got = await client.TestListAsync(x);
                Check(got.SequenceEqual(x), $"testList: got [{string.Join(", ", got)}]");
                Check((await client.TestListAsync([])).Count == 0, "testList(empty) came back non-empty");
            }),
            ("testEnum", Containers, async () =>
            {
                foreach (var v in new[] { Numberz.One, Numberz.Two, Numberz.Three, Numberz.Five, Numberz.Eight })
                {
                    Expect(await client.TestEnumAsync(v), v, "testEnum");
                }
            }),
            ("testTypedef", Containers, async () => Expect(await client.TestTypedefAsync(309858235082523L), 309858235082523L, "testTypedef")),
            ("testMapMap", Containers, async () =>
            {
                var got = await client.TestMapMapAsync(1);
                Check(got.Count == 2 && got.TryGetValue(-4, out var neg) && got.TryGetValue(4, out var pos)
                      && neg.Count == 4 && pos.Count == 4 && neg.All(p => p.Key == p.Value && p.Key is >= -4 and <= -1)
                      && pos.All(p => p.Key == p.Value && p.Key is >= 1 and <= 4),
                      "testMapMap(1): got " + string.Join(", ", got.Select(p => $"{p.Key} => {{{string.Join(", ", p.Value.Select(q => $"{q.Key} => {q.Value}"))}}}")));
            }),
            ("testInsanity", Structs, async () =>
            {
                var argument = new Insanity
                {
                    UserMap = new Dictionary<Numberz, long> { [Numberz.Five] = 5000, [Numberz.Eight] = 8 },
                    Xtructs = [new Xtruct { StringThing = "Goodbye4", ByteThing = 4, I32Thing = 4, I64Thing = 4 },
                               new Xtruct { StringThing = "Hello2", ByteThing = 2, I32Thing = 2, I64Thing = 2 }],
                };
                var whoa = await client.TestInsanityAsync(argument);
                Check(whoa.Count == 2 && whoa.ContainsKey(1) && whoa.ContainsKey(2), $"testInsanity: keys {string.Join(", ", whoa.Keys)}");
                Check(whoa[1].Count == 2 && whoa[1].TryGetValue(Numberz.Two, out var two) && two.Equals(argument)
                      && whoa[1].TryGetValue(Numberz.Three, out var three) && three.Equals(argument), $"testInsanity[1]: {Show(whoa[1])}");
                // An empty Insanity may arrive with its containers absent or present-and-empty, depending on the peer.
                Check(whoa[2].Count == 1 && whoa[2].TryGetValue(Numberz.Six, out var empty)
                      && (empty.UserMap is null || empty.UserMap.Count == 0) && (empty.Xtructs is null || empty.Xtructs.Count == 0),
                      $"testInsanity[2]: {Show(whoa[2])}");
            }),
            ("testMulti", Structs, async () =>
            {
                var got = await client.TestMultiAsync(74, 0xff00ff, 0xffffffffd0d0L, new Dictionary<short, string> { [0] = "abc", [1] = "one" }, Numberz.Five, 0xf0f0f0);
                Expect(got, new Xtruct { StringThing = "Hello2", ByteThing = 74, I32Thing = 0xff00ff, I64Thing = 0xffffffffd0d0L }, "testMulti");
            }),
            ("testException", Exceptions, async () =>
            {
                await client.TestExceptionAsync("Safe");
                try
                {
                    await client.TestExceptionAsync("Xception");
                    Fail("testException(Xception) returned normally");
                }
                catch (Xception x)
                {
                    Check(x.ErrorCode == 1001 && x.Message_ == "Xception", $"testException(Xception): {x.ErrorCode} {x.Message_}");
                }
                try
                {
                    await client.TestExceptionAsync("TException");
                    Fail("testException(TException) returned normally");
                }
                catch (ThriftApplicationException)
                {
                }
                await client.TestExceptionAsync("success");
            }),
            ("testMultiException", Exceptions, async () =>
            {
                try
                {
                    await client.TestMultiExceptionAsync("Xception", "ignore");
                    Fail("testMultiException(Xception) returned normally");
                }
                catch (Xception x)
                {
                    Check(x.ErrorCode == 1001 && x.Message_ == "This is an Xception", $"testMultiException(Xception): {x.ErrorCode} {x.Message_}");
                }
                try
                {
                    await client.TestMultiExceptionAsync("Xception2", "ignore");
                    Fail("testMultiException(Xception2) returned normally");
                }
                catch (Xception2 x)
                {
                    Check(x.ErrorCode == 2002 && x.StructThing?.StringThing == "This is an Xception2", $"testMultiException(Xception2): {x.ErrorCode} {x.StructThing}");
                }
                Expect((await client.TestMultiExceptionAsync("success", "foobar")).StringThing, "foobar", "testMultiException(success)");
            }),
            ("testOneway", Base, async () =>
            {
                var watch = Stopwatch.StartNew();
                await client.TestOnewayAsync(1);
                // Apache's clients check this loosely: a client that waited for the server's sleep would take >= 1 s.
                Check(watch.Elapsed < TimeSpan.FromSeconds(3), $"testOneway(1) blocked for {watch.Elapsed.TotalSeconds:0.0} s");
                // No reply may follow a oneway call: the next call must get its own answer.
                Expect(await client.TestStringAsync("after oneway"), "after oneway", "testString after testOneway");
            }),
        };
        if (!withUuid)
        {
            cases.RemoveAll(c => c.Item1 == "testUuid");
        }
        if (second is not null)
        {
            cases.Add(("secondtestString", Base, async () =>
                Expect(await second.SecondtestStringAsync("foobar"), "testString(\"foobar\")", "SecondService.secondtestString")));
        }
        return cases;
    }

    private static Xtruct Zero() => new() { StringThing = "Zero", ByteThing = 1, I32Thing = -3, I64Thing = -5 };

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
