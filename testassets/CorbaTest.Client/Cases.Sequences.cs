using Test;

namespace CorbaTest.Client;

/// <summary>The sequence, array, union and any cases.</summary>
public sealed partial class Cases
{
    private async Task OpOctetSeqAsync()
    {
        SequenceEqual(new byte[] { 0xFF, 3, 2, 1 }, await _client.OpOctetSeqAsync([1, 2, 3, 0xFF]));
        Equal(0, (await _client.OpOctetSeqAsync([])).Length, "empty sequence length");
    }

    private async Task OpOctetSeqLargeAsync()
    {
        var items = Enumerable.Range(0, 300000).Select(i => unchecked((byte)(i * 7))).ToArray();
        SequenceEqual(items.AsEnumerable().Reverse(), await _client.OpOctetSeqAsync(items));
    }

    private async Task OpLongSeqAsync() =>
        SequenceEqual([int.MaxValue, 3, -2, 1], await _client.OpLongSeqAsync([1, -2, 3, int.MaxValue]));

    private async Task OpLongSeqLargeAsync()
    {
        var items = Enumerable.Range(0, 50000).Select(i => i * 31 - 1000).ToArray();
        SequenceEqual(items.AsEnumerable().Reverse(), await _client.OpLongSeqAsync(items));
    }

    private async Task OpStringSeqAsync()
    {
        var r = await _client.OpStringSeqAsync(["a", "", "bc", "dé"]);
        SequenceEqual(["a", "", "bc", "dé"], r.ReturnValue);
        SequenceEqual(["dé", "bc", "", "a"], r.Reversed, "reversed");
    }

    private async Task OpPointSeqAsync()
    {
        var points = Enumerable.Range(0, 3).Select(i => new Point { X = i, Y = -i * 10 }).ToArray();
        var back = await _client.OpPointSeqAsync(points);
        Equal(3, back.Length, "length");
        for (var i = 0; i < 3; i++)
        {
            Equal(-i * 10, back[i].X, $"[{i}].x");
            Equal(i, back[i].Y, $"[{i}].y");
        }
    }

    private async Task OpStringSeqSeqAsync()
    {
        var back = await _client.OpStringSeqSeqAsync([["a", "b", "c"], [], ["x", "yz"]]);
        Equal(3, back.Length, "length");
        SequenceEqual(["c", "b", "a"], back[0], "[0]");
        SequenceEqual([], back[1], "[1]");
        SequenceEqual(["yz", "x"], back[2], "[2]");
    }

    private async Task OpArrayAsync() =>
        SequenceEqual([int.MaxValue, 3, -2, 1], await _client.OpArrayAsync([1, -2, 3, int.MaxValue]));

    private async Task OpUnionLongAsync()
    {
        var back = await _client.OpUnionAsync(new Value { L = 41 });
        Equal(1, back.Discriminator, "discriminator");
        Equal(42, back.L, "l");
    }

    private async Task OpUnionStringAsync()
    {
        var back = await _client.OpUnionAsync(new Value { S = "mixed Case" });
        Equal(2, back.Discriminator, "discriminator");
        Equal("MIXED CASE", back.S, "s");
    }

    private async Task OpUnionPointAsync()
    {
        var back = await _client.OpUnionAsync(new Value { P = new Point { X = 5, Y = -6 } });
        Equal(3, back.Discriminator, "discriminator");
        Equal(-6, back.P.X, "p.x");
        Equal(5, back.P.Y, "p.y");
    }

    private async Task OpUnionDefaultAsync()
    {
        foreach (var d in new[] { 0, 4, -1, 1000000 })
        {
            var v = new Value();
            v.SetB(d % 2 == 0, d);
            var back = await _client.OpUnionAsync(v);
            Equal(d, back.Discriminator, "discriminator");
            Equal(d % 2 != 0, back.B, $"b (discriminator {d})");
        }
    }
}
