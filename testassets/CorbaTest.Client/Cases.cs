using Steward.Rpc.Corba;
using Test;

namespace CorbaTest.Client;

/// <summary>A check that did not hold.</summary>
public sealed class CaseFailedException(string message) : Exception(message);

/// <summary>
/// One case per operation and attribute of the contract (the same cases, by the same names, as the omniORB client in
/// testassets/corba/cpp); each throws <see cref="CaseFailedException"/> saying what differed.
/// </summary>
public sealed partial class Cases(CorbaChannel channel)
{
    private readonly OperationsClient _client = new(channel.CreateCallInvoker());

    public IEnumerable<(string Name, Func<Task> Run)> All =>
    [
        ("ping", () => _client.PingAsync()),
        ("opBool", OpBoolAsync),
        ("opOctet", OpOctetAsync),
        ("opShort", OpShortAsync),
        ("opLong", OpLongAsync),
        ("opLongLong", OpLongLongAsync),
        ("opULongLong", OpULongLongAsync),
        ("opFloat", OpFloatAsync),
        ("opDouble", OpDoubleAsync),
        ("opChar", OpCharAsync),
        ("opString", OpStringAsync),
        ("opString non-ASCII", OpStringNonAsciiAsync),
        ("opString long", OpStringLongAsync),
        ("opInOut", OpInOutAsync),
        ("opColor", OpColorAsync),
        ("opRich", OpRichAsync),
        ("opOctetSeq", OpOctetSeqAsync),
        ("opOctetSeq large", OpOctetSeqLargeAsync),
        ("opLongSeq", OpLongSeqAsync),
        ("opLongSeq large", OpLongSeqLargeAsync),
        ("opStringSeq", OpStringSeqAsync),
        ("opPointSeq", OpPointSeqAsync),
        ("opStringSeqSeq", OpStringSeqSeqAsync),
        ("opArray", OpArrayAsync),
        ("opUnion long", OpUnionLongAsync),
        ("opUnion string", OpUnionStringAsync),
        ("opUnion Point", OpUnionPointAsync),
        ("opUnion default", OpUnionDefaultAsync),
        ("opAny long", OpAnyLongAsync),
        ("opAny string", OpAnyStringAsync),
        ("opAny Point", OpAnyPointAsync),
        ("opAny LongSeq", OpAnyLongSeqAsync),
        ("throwBase", ThrowBaseAsync),
        ("throwOther", ThrowOtherAsync),
        ("throwSystem", ThrowSystemAsync),
        ("oneway setValue", OnewaySetValueAsync),
        ("counter attribute", CounterAttributeAsync),
        ("name attribute", NameAttributeAsync),
        ("self", SelfAsync),
        ("_is_a", IsAAsync),
        ("_non_existent", NonExistentAsync),
        ("concurrent calls", ConcurrentCallsAsync),
    ];

    private static void Check(bool condition, string why)
    {
        if (!condition)
        {
            throw new CaseFailedException(why);
        }
    }

    private static void Equal<T>(T expected, T actual, string what = "result")
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new CaseFailedException($"{what}: expected {expected}, got {actual}");
        }
    }

    private static void SequenceEqual<T>(IEnumerable<T> expected, IEnumerable<T> actual, string what = "result")
    {
        var e = expected.ToArray();
        var a = actual.ToArray();
        if (!e.SequenceEqual(a))
        {
            var first = Enumerable.Range(0, Math.Min(e.Length, a.Length)).Cast<int?>().FirstOrDefault(i => !EqualityComparer<T>.Default.Equals(e[i!.Value], a[i.Value]));
            throw new CaseFailedException(first is int i
                ? $"{what}: [{i}] expected {e[i]}, got {a[i]} ({e.Length} and {a.Length} elements)"
                : $"{what}: expected {e.Length} elements, got {a.Length}");
        }
    }

    /// <summary>Runs <paramref name="call"/>, which must raise <typeparamref name="TException"/>; returns it.</summary>
    private static async Task<TException> Raises<TException>(Func<Task> call)
        where TException : Exception
    {
        try
        {
            await call();
        }
        catch (TException ex)
        {
            return ex;
        }
        catch (CorbaSystemException ex)
        {
            throw new CaseFailedException($"expected {typeof(TException).Name}, got {ex.Name} minor {ex.Minor}");
        }
        catch (CorbaUserException ex)
        {
            throw new CaseFailedException($"expected {typeof(TException).Name}, got {ex.RepositoryId}");
        }
        throw new CaseFailedException($"expected {typeof(TException).Name}, the call returned normally");
    }

    private async Task OpBoolAsync()
    {
        var r = await _client.OpBoolAsync(false);
        Equal(true, r.ReturnValue);
        Equal(false, r.B, "b");
        r = await _client.OpBoolAsync(true);
        Equal(false, r.ReturnValue);
        Equal(true, r.B, "b");
    }

    private async Task OpOctetAsync()
    {
        var r = await _client.OpOctetAsync(0xF0, 0x10);
        Equal((byte)0xE0, r.ReturnValue);
        Equal((byte)0x00, r.Sum, "sum");
        r = await _client.OpOctetAsync(0xFF, 0x02);
        Equal((byte)0xFD, r.ReturnValue);
        Equal((byte)0x01, r.Sum, "sum");
    }

    private async Task OpShortAsync()
    {
        var r = await _client.OpShortAsync(1010, 7);
        Equal((short)1017, r.ReturnValue);
        Equal((short)1003, r.Diff, "diff");
        r = await _client.OpShortAsync(short.MaxValue, 1);
        Equal(short.MinValue, r.ReturnValue);
        Equal((short)32766, r.Diff, "diff");
    }

    private async Task OpLongAsync()
    {
        var r = await _client.OpLongAsync(100010, 3);
        Equal(100013, r.ReturnValue);
        Equal(100007, r.Diff, "diff");
        r = await _client.OpLongAsync(int.MinValue, 1);
        Equal(int.MinValue + 1, r.ReturnValue);
        Equal(int.MaxValue, r.Diff, "diff");
    }

    private async Task OpLongLongAsync()
    {
        var r = await _client.OpLongLongAsync(1L << 40, 5);
        Equal((1L << 40) + 5, r.ReturnValue);
        Equal((1L << 40) - 5, r.Diff, "diff");
        r = await _client.OpLongLongAsync(long.MaxValue, 1);
        Equal(long.MinValue, r.ReturnValue);
        Equal(long.MaxValue - 1, r.Diff, "diff");
    }

    private async Task OpULongLongAsync()
    {
        var r = await _client.OpULongLongAsync(0x8000000000000000UL);
        Equal(0x8000000000000001UL, r.ReturnValue);
        Equal(0x4000000000000000UL, r.Half, "half");
        r = await _client.OpULongLongAsync(ulong.MaxValue);
        Equal(0UL, r.ReturnValue);
        Equal(ulong.MaxValue / 2, r.Half, "half");
    }

    private async Task OpFloatAsync()
    {
        var r = await _client.OpFloatAsync(3.5f);
        Equal(7f, r.ReturnValue);
        Equal(1.75f, r.Half, "half");
    }

    private async Task OpDoubleAsync()
    {
        var r = await _client.OpDoubleAsync(-1e300);
        Equal(-2e300, r.ReturnValue);
        Equal(-0.5e300, r.Half, "half");
    }

    private async Task OpCharAsync()
    {
        Equal('b', await _client.OpCharAsync('a'));
        Equal('1', await _client.OpCharAsync('0'));
    }

    private async Task OpStringAsync()
    {
        var r = await _client.OpStringAsync("hello", "world");
        Equal("helloworld", r.ReturnValue);
        Equal("worldhello", r.Ba, "ba");
        r = await _client.OpStringAsync("", "");
        Equal("", r.ReturnValue);
        Equal("", r.Ba, "ba");
    }

    private async Task OpStringNonAsciiAsync()
    {
        var r = await _client.OpStringAsync("grüß", "café");
        Equal("grüßcafé", r.ReturnValue);
        Equal("cafégrüß", r.Ba, "ba");
    }

    private async Task OpStringLongAsync()
    {
        // Long enough to be sent in several fragments by a peer that fragments.
        var a = new string('x', 100000);
        var b = new string('y', 70001);
        var r = await _client.OpStringAsync(a, b);
        Check(r.ReturnValue == a + b, $"result: expected {a.Length + b.Length} characters a + b, got {r.ReturnValue.Length} that differ");
        Check(r.Ba == b + a, $"ba: expected {a.Length + b.Length} characters b + a, got {r.Ba.Length} that differ");
    }

    private async Task OpInOutAsync()
    {
        var r = await _client.OpInOutAsync(21, "ab");
        Equal(42, r.A, "a");
        Equal("abab", r.S, "s");
    }

    private async Task OpColorAsync()
    {
        var r = await _client.OpColorAsync(Color.Red);
        Equal(Color.Red, r.ReturnValue);
        Equal(Color.Green, r.Next, "next");
        r = await _client.OpColorAsync(Color.Green);
        Equal(Color.Blue, r.Next, "next");
        r = await _client.OpColorAsync(Color.Blue);
        Equal(Color.Blue, r.ReturnValue);
        Equal(Color.Red, r.Next, "next");
    }

    private async Task OpRichAsync()
    {
        var rich = new Rich
        {
            B = true,
            O = 0xAB,
            S = -2,
            Us = 65535,
            L = -100,
            Ul = 4000000000u,
            Ll = -(1L << 50),
            Ull = 18000000000000000000UL,
            F = 1.5f,
            D = -2.25,
            C = 'q',
            Str = "héllo, world",
            Col = Color.Blue,
            P = new Point { X = 3, Y = -4 },
        };
        var back = await _client.OpRichAsync(rich);
        Equal(true, back.B, "b");
        Equal((byte)0xAB, back.O, "o");
        Equal((short)-2, back.S, "s");
        Equal((ushort)65535, back.Us, "us");
        Equal(-99, back.L, "l");
        Equal(4000000000u, back.Ul, "ul");
        Equal(-(1L << 50), back.Ll, "ll");
        Equal(18000000000000000000UL, back.Ull, "ull");
        Equal(1.5f, back.F, "f");
        Equal(-2.25, back.D, "d");
        Equal('q', back.C, "c");
        Equal("HÉLLO, WORLD", back.Str, "str");
        Equal(Color.Blue, back.Col, "col");
        Equal(3, back.P.X, "p.x");
        Equal(-4, back.P.Y, "p.y");
    }
}
