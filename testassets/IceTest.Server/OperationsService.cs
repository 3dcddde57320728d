using Steward.Rpc;
using Test;

namespace IceTest.Server;

/// <summary>The contract's Operations, doing exactly what StewardTest.ice's comments say.</summary>
public sealed class OperationsService : OperationsBase
{
    private int _value;

    public override Task PingAsync(ServerCallContext context) => Task.CompletedTask;

    public override Task<OperationsOpBoolResult> OpBoolAsync(bool a, ServerCallContext context) => Task.FromResult(new OperationsOpBoolResult(!a, a));

    public override Task<OperationsOpByteResult> OpByteAsync(byte a, byte b, ServerCallContext context) =>
        Task.FromResult(new OperationsOpByteResult((byte)(a ^ b), (byte)((a + b) & 0xff)));

    public override Task<OperationsOpShortResult> OpShortAsync(short a, short b, ServerCallContext context) =>
        Task.FromResult(new OperationsOpShortResult(unchecked((short)(a + b)), unchecked((short)(a - b))));

    public override Task<OperationsOpIntResult> OpIntAsync(int a, int b, ServerCallContext context) =>
        Task.FromResult(new OperationsOpIntResult(unchecked(a + b), unchecked(a - b)));

    public override Task<OperationsOpLongResult> OpLongAsync(long a, long b, ServerCallContext context) =>
        Task.FromResult(new OperationsOpLongResult(unchecked(a + b), unchecked(a - b)));

    public override Task<OperationsOpFloatResult> OpFloatAsync(float a, ServerCallContext context) => Task.FromResult(new OperationsOpFloatResult(a * 2, a / 2));

    public override Task<OperationsOpDoubleResult> OpDoubleAsync(double a, ServerCallContext context) => Task.FromResult(new OperationsOpDoubleResult(a * 2, a / 2));

    public override Task<OperationsOpStringResult> OpStringAsync(string a, string b, ServerCallContext context) =>
        Task.FromResult(new OperationsOpStringResult(a + b, b + a));

    public override Task<OperationsOpColorResult> OpColorAsync(Color c, ServerCallContext context) =>
        Task.FromResult(new OperationsOpColorResult(c, c == Color.Blue ? Color.Red : c + 1));

    public override Task<Rich> OpRichAsync(Rich r, ServerCallContext context)
    {
        r.I++;
        r.Str = r.Str.ToUpperInvariant();
        return Task.FromResult(r);
    }

    public override Task<byte[]> OpByteSeqAsync(byte[] s, ServerCallContext context) => Task.FromResult(s.AsEnumerable().Reverse().ToArray());

    public override Task<int[]> OpIntSeqAsync(int[] s, ServerCallContext context) => Task.FromResult(s.AsEnumerable().Reverse().ToArray());

    public override Task<OperationsOpStringSeqResult> OpStringSeqAsync(string[] a, ServerCallContext context) =>
        Task.FromResult(new OperationsOpStringSeqResult(a, a.AsEnumerable().Reverse().ToArray()));

    public override Task<Point[]> OpPointSeqAsync(Point[] s, ServerCallContext context) =>
        Task.FromResult(s.Select(p => new Point { X = p.Y, Y = p.X }).ToArray());

    public override Task<string[][]> OpStringSeqSeqAsync(string[][] s, ServerCallContext context) =>
        Task.FromResult(s.Select(inner => inner.AsEnumerable().Reverse().ToArray()).ToArray());

    public override Task<OperationsOpDictResult> OpDictAsync(Dictionary<string, int> d, ServerCallContext context) =>
        Task.FromResult(new OperationsOpDictResult(d, d.ToDictionary(e => e.Key, e => unchecked(e.Value * 2), StringComparer.Ordinal)));

    public override Task<Dictionary<int, string[]>> OpNestedDictAsync(Dictionary<int, string[]> d, ServerCallContext context) =>
        Task.FromResult(d.ToDictionary(e => unchecked(-e.Key), e => e.Value));

    public override Task<Shape?> OpShapeAsync(Shape? s, ServerCallContext context)
    {
        if (s is not null)
        {
            s.Name += "!";
        }
        return Task.FromResult(s);
    }

    public override Task<Shape?[]> OpShapeSeqAsync(Shape?[] s, ServerCallContext context) => Task.FromResult(s.AsEnumerable().Reverse().ToArray());

    public override Task<Node?> OpCycleAsync(int n, ServerCallContext context)
    {
        if (n <= 0)
        {
            return Task.FromResult<Node?>(null);
        }
        var nodes = new Node[n];
        for (var i = 0; i < n; i++)
        {
            nodes[i] = new Node { Value = i + 1 };
        }
        for (var i = 0; i < n; i++)
        {
            nodes[i].Next = nodes[(i + 1) % n];
        }
        return Task.FromResult<Node?>(nodes[0]);
    }

    public override Task ThrowBaseAsync(string reason, ServerCallContext context) => throw new BaseError(reason);

    public override Task ThrowDerivedAsync(string reason, int code, ServerCallContext context) => throw new DerivedError(reason, code);

    public override Task ThrowUnknownAsync(ServerCallContext context) => throw new InvalidOperationException("a non-Ice failure in the servant");

    public override Task<OperationsOpOptionalResult> OpOptionalAsync(int? a, string? s, ServerCallContext context) =>
        Task.FromResult(new OperationsOpOptionalResult(a + 1, s is null ? null : s + s));

    public override Task<Dictionary<string, string>> OpContextAsync(ServerCallContext context)
    {
        var received = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in context.RequestHeaders)
        {
            received[entry.Key] = entry.Value;
        }
        return Task.FromResult(received);
    }

    public override Task SetValueAsync(int v, ServerCallContext context)
    {
        Volatile.Write(ref _value, v);
        return Task.CompletedTask;
    }

    public override Task<int> GetValueAsync(ServerCallContext context) => Task.FromResult(Volatile.Read(ref _value));

    public override Task<int> OpIdempotentAsync(int a, ServerCallContext context) => Task.FromResult(unchecked(a * 3));
}
