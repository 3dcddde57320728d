using Test;

namespace IceTest.Client;

public sealed partial class Cases
{
    private async Task OpBoolAsync()
    {
        Equal(new OperationsOpBoolResult(false, true), await _prx.OpBoolAsync(true));
        Equal(new OperationsOpBoolResult(true, false), await _prx.OpBoolAsync(false));
    }

    private async Task OpByteAsync() => Equal(new OperationsOpByteResult(0xFF ^ 0x0F, (0xFF + 0x0F) & 0xFF), await _prx.OpByteAsync(0xFF, 0x0F));

    private async Task OpShortAsync() =>
        Equal(new OperationsOpShortResult(short.MinValue, short.MaxValue - 1), await _prx.OpShortAsync(short.MaxValue, 1));

    private async Task OpIntAsync()
    {
        Equal(new OperationsOpIntResult(int.MinValue, int.MaxValue - 1), await _prx.OpIntAsync(int.MaxValue, 1));
        Equal(new OperationsOpIntResult(-3, 7), await _prx.OpIntAsync(2, -5));
    }

    private async Task OpLongAsync() => Equal(new OperationsOpLongResult(long.MinValue, long.MaxValue - 1), await _prx.OpLongAsync(long.MaxValue, 1));

    private async Task OpFloatAsync() => Equal(new OperationsOpFloatResult(3.5f, 0.875f), await _prx.OpFloatAsync(1.75f));

    private async Task OpDoubleAsync() => Equal(new OperationsOpDoubleResult(-1e300, -2.5e299), await _prx.OpDoubleAsync(-5e299));

    private async Task OpStringAsync() => Equal(new OperationsOpStringResult("héllo wörld ✓", " wörld ✓héllo"), await _prx.OpStringAsync("héllo", " wörld ✓"));

    private async Task OpStringLongAsync()
    {
        var a = new string('a', 70_000) + "€";
        var b = string.Concat(Enumerable.Repeat("ü✓", 40_000));
        var result = await _prx.OpStringAsync(a, b);
        Check(result.ReturnValue == a + b, "a + b came back different");
        Check(result.Ba == b + a, "b + a came back different");
    }

    private async Task OpColorAsync()
    {
        Equal(new OperationsOpColorResult(Color.Red, Color.Green), await _prx.OpColorAsync(Color.Red));
        Equal(new OperationsOpColorResult(Color.Blue, Color.Red), await _prx.OpColorAsync(Color.Blue));
    }

    private async Task OpRichAsync()
    {
        var sent = new Rich { B = true, Y = 7, S = -2, I = 41, L = 1L << 40, F = 0.5f, D = -0.25, Str = "mixed Case é", C = Color.Green, P = new Point { X = 3, Y = -4 } };
        var got = await _prx.OpRichAsync(sent);
        var expected = new Rich { B = true, Y = 7, S = -2, I = 42, L = 1L << 40, F = 0.5f, D = -0.25, Str = "MIXED CASE É", C = Color.Green, P = new Point { X = 3, Y = -4 } };
        Equal(expected, got);
    }

    private async Task OpByteSeqAsync()
    {
        SequenceEqual<byte>([3, 2, 1, 0, 255], await _prx.OpByteSeqAsync([255, 0, 1, 2, 3]));
        SequenceEqual<byte>([], await _prx.OpByteSeqAsync([]));
    }

    private async Task OpIntSeqAsync()
    {
        var sent = Enumerable.Range(-500, 1000).ToArray();
        SequenceEqual(sent.AsEnumerable().Reverse(), await _prx.OpIntSeqAsync(sent));
    }

    private async Task OpStringSeqAsync()
    {
        string[] sent = ["a", "", "ç", "long " + new string('x', 300)];
        var result = await _prx.OpStringSeqAsync(sent);
        SequenceEqual(sent, result.ReturnValue);
        SequenceEqual(sent.AsEnumerable().Reverse(), result.Reversed, "reversed");
    }

    private async Task OpPointSeqAsync() =>
        SequenceEqual([new Point { X = 2, Y = 1 }, new Point { X = -4, Y = 3 }], await _prx.OpPointSeqAsync([new Point { X = 1, Y = 2 }, new Point { X = 3, Y = -4 }]));

    private async Task OpStringSeqSeqAsync()
    {
        var got = await _prx.OpStringSeqSeqAsync([["a", "b", "c"], [], ["z"]]);
        Equal(3, got.Length, "length");
        SequenceEqual(["c", "b", "a"], got[0]);
        SequenceEqual([], got[1]);
        SequenceEqual(["z"], got[2]);
    }

    private async Task OpDictAsync()
    {
        var sent = new Dictionary<string, int> { ["one"] = 1, ["minus"] = -7, [""] = 0 };
        var result = await _prx.OpDictAsync(sent);
        Check(result.ReturnValue.Count == 3 && sent.All(e => result.ReturnValue.TryGetValue(e.Key, out var v) && v == e.Value), "d came back different");
        Check(result.Doubled.Count == 3 && sent.All(e => result.Doubled.TryGetValue(e.Key, out var v) && v == e.Value * 2), "doubled is wrong");
    }

    private async Task OpNestedDictAsync()
    {
        var got = await _prx.OpNestedDictAsync(new Dictionary<int, string[]> { [5] = ["x", "y"], [-2] = [] });
        Check(got.Count == 2 && got.TryGetValue(-5, out var five) && five.SequenceEqual(["x", "y"]) && got.TryGetValue(2, out var two) && two.Length == 0,
            "keys not negated or values changed");
    }

    private async Task OpIdempotentAsync() => Equal(-21, await _prx.OpIdempotentAsync(-7));
}
