using System.Globalization;
using Steward.Rpc.Ice;
using Test;

namespace Steward.Rpc.CodeGen.Tests.Ice;

/// <summary>The generated servant base and proxy of the interop contract, through the Ice encoding in memory.</summary>
public sealed class IceServiceTests
{
    private static OperationsPrx Proxy(out Servant servant)
    {
        servant = new Servant();
        return new OperationsPrx(new IceLoopbackInvoker(servant.BindService()));
    }

    [Fact]
    public async Task Primitive_operations_return_their_results_and_out_parameters()
    {
        var prx = Proxy(out _);
        await prx.PingAsync();
        Assert.Equal(new OperationsOpBoolResult(false, true), await prx.OpBoolAsync(true));
        Assert.Equal(new OperationsOpByteResult(0xFF ^ 0x02, 1), await prx.OpByteAsync(0xFF, 0x02));
        Assert.Equal(new OperationsOpIntResult(int.MinValue, int.MaxValue - 1), await prx.OpIntAsync(int.MaxValue, 1));
        Assert.Equal(new OperationsOpStringResult("héllo wörld", "wörldhéllo"), await prx.OpStringAsync("héllo", " wörld"));
        Assert.Equal(new OperationsOpColorResult(Color.Blue, Color.Red), await prx.OpColorAsync(Color.Blue));
        Assert.Equal(9, await prx.OpIdempotentAsync(3));
        await prx.SetValueAsync(41);
        Assert.Equal(41, await prx.GetValueAsync());
    }

    [Fact]
    public async Task Structs_sequences_and_dictionaries_round_trip()
    {
        var prx = Proxy(out _);
        var rich = await prx.OpRichAsync(new Rich { I = 1, Str = "abc", P = new Point { X = 1, Y = 2 }, C = Color.Green });
        Assert.Equal(new Rich { I = 2, Str = "ABC", P = new Point { X = 1, Y = 2 }, C = Color.Green }, rich);
        Assert.Equal([3, 2, 1], await prx.OpByteSeqAsync([1, 2, 3]));
        Assert.Equal([new Point { X = 2, Y = 1 }], await prx.OpPointSeqAsync([new Point { X = 1, Y = 2 }]));
        Assert.Equal([["b", "a"], []], await prx.OpStringSeqSeqAsync([["a", "b"], []]));
        var dict = await prx.OpDictAsync(new() { ["a"] = 1, ["b"] = -2 });
        Assert.Equal(new Dictionary<string, int> { ["a"] = 2, ["b"] = -4 }, dict.Doubled);
        Assert.Equal(["x"], (await prx.OpNestedDictAsync(new() { [5] = ["x"] }))[-5]);
    }

    [Fact]
    public async Task Classes_keep_their_most_derived_type_their_sharing_and_their_cycles()
    {
        var prx = Proxy(out _);
        var shape = Assert.IsType<Circle>(await prx.OpShapeAsync(new Circle { Name = "c", Radius = 1.5 }));
        Assert.Equal(("c!", 1.5), (shape.Name, shape.Radius));
        var square = new Square { Name = "s", Side = 2 };
        var seq = await prx.OpShapeSeqAsync([square, new Circle(), square]);
        Assert.Same(seq[0], seq[2]);
        Assert.IsType<Circle>(seq[1]);
        var ring = (await prx.OpCycleAsync(3))!;
        Assert.Equal(1, ring.Value);
        Assert.Same(ring, ring.Next!.Next!.Next);
    }

    [Fact]
    public async Task Declared_exceptions_come_back_as_their_generated_types()
    {
        var prx = Proxy(out _);
        var baseError = await Assert.ThrowsAsync<BaseError>(() => prx.ThrowBaseAsync("why"));
        Assert.Equal("why", baseError.Reason);
        var derived = await Assert.ThrowsAsync<DerivedError>(() => prx.ThrowDerivedAsync("how", 3));
        Assert.Equal(("how", 3), (derived.Reason, derived.Code));
    }

    [Fact]
    public async Task Optional_parameters_set_and_unset_round_trip()
    {
        var prx = Proxy(out _);
        Assert.Equal(new OperationsOpOptionalResult(6, "hihi"), await prx.OpOptionalAsync(5, "hi"));
        Assert.Equal(new OperationsOpOptionalResult(null, null), await prx.OpOptionalAsync(null, null));
    }

    [Fact]
    public void Methods_carry_the_ice_operation_the_transport_needs()
    {
        var definition = new Servant().BindService();
        Assert.Equal(29, definition.Methods.Count(m => m.Method.ServiceName == "Test.Operations"));
        var opInt = OperationsIceMethods.OpInt;
        var idempotent = OperationsIceMethods.OpIdempotent;
        var thrower = OperationsIceMethods.ThrowDerived;
        Assert.Equal(("Test.Operations", "opInt"), (opInt.ServiceName, opInt.Name));
        var op = Assert.IsAssignableFrom<IIceOperation>(opInt.Codecs.Get<IceOperation<OperationsIceMethods.OpIntArgs, OperationsIceMethods.OpIntReply>>());
        Assert.Equal(["::Ice::Object", "::Test::Operations"], op.InterfaceTypeIds);
        Assert.Equal("::Test::Operations", op.InterfaceTypeId);
        Assert.Equal(IceOperationMode.Normal, op.Mode);
        Assert.Equal(IceOperationMode.Idempotent, idempotent.Codecs.Get<IceOperation<OperationsIceMethods.OpIdempotentArgs, OperationsIceMethods.OpIdempotentReply>>()!.Mode);
        var throws = thrower.Codecs.Get<IceOperation<OperationsIceMethods.ThrowDerivedArgs, IceVoid>>()!;
        Assert.True(throws.IsDeclared(new DerivedError()));
        Assert.False(op.IsDeclared(new DerivedError()));
    }

    private sealed class Servant : OperationsBase
    {
        private int _value;

        public override Task PingAsync(ServerCallContext context) => Task.CompletedTask;
        public override Task<OperationsOpBoolResult> OpBoolAsync(bool a, ServerCallContext context) => Task.FromResult(new OperationsOpBoolResult(!a, a));
        public override Task<OperationsOpByteResult> OpByteAsync(byte a, byte b, ServerCallContext context) => Task.FromResult(new OperationsOpByteResult((byte)(a ^ b), (byte)((a + b) & 0xff)));
        public override Task<OperationsOpShortResult> OpShortAsync(short a, short b, ServerCallContext context) => Task.FromResult(new OperationsOpShortResult(unchecked((short)(a + b)), unchecked((short)(a - b))));
        public override Task<OperationsOpIntResult> OpIntAsync(int a, int b, ServerCallContext context) => Task.FromResult(new OperationsOpIntResult(unchecked(a + b), unchecked(a - b)));
        public override Task<OperationsOpLongResult> OpLongAsync(long a, long b, ServerCallContext context) => Task.FromResult(new OperationsOpLongResult(unchecked(a + b), unchecked(a - b)));
        public override Task<OperationsOpFloatResult> OpFloatAsync(float a, ServerCallContext context) => Task.FromResult(new OperationsOpFloatResult(a * 2, a / 2));
        public override Task<OperationsOpDoubleResult> OpDoubleAsync(double a, ServerCallContext context) => Task.FromResult(new OperationsOpDoubleResult(a * 2, a / 2));
        public override Task<OperationsOpStringResult> OpStringAsync(string a, string b, ServerCallContext context) => Task.FromResult(new OperationsOpStringResult(a + b, b.TrimStart() + a));
        public override Task<OperationsOpColorResult> OpColorAsync(Color c, ServerCallContext context) => Task.FromResult(new OperationsOpColorResult(c, (Color)(((int)c + 1) % 3)));

        public override Task<Rich> OpRichAsync(Rich r, ServerCallContext context)
        {
            r.I++;
            r.Str = r.Str.ToUpper(CultureInfo.InvariantCulture);
            return Task.FromResult(r);
        }

        public override Task<byte[]> OpByteSeqAsync(byte[] s, ServerCallContext context) => Task.FromResult(s.Reverse().ToArray());
        public override Task<int[]> OpIntSeqAsync(int[] s, ServerCallContext context) => Task.FromResult(s.Reverse().ToArray());
        public override Task<OperationsOpStringSeqResult> OpStringSeqAsync(string[] a, ServerCallContext context) => Task.FromResult(new OperationsOpStringSeqResult(a, a.Reverse().ToArray()));
        public override Task<Point[]> OpPointSeqAsync(Point[] s, ServerCallContext context) => Task.FromResult(s.Select(p => new Point { X = p.Y, Y = p.X }).ToArray());
        public override Task<string[][]> OpStringSeqSeqAsync(string[][] s, ServerCallContext context) => Task.FromResult(s.Select(i => i.Reverse().ToArray()).ToArray());
        public override Task<OperationsOpDictResult> OpDictAsync(Dictionary<string, int> d, ServerCallContext context) => Task.FromResult(new OperationsOpDictResult(d, d.ToDictionary(e => e.Key, e => e.Value * 2)));
        public override Task<Dictionary<int, string[]>> OpNestedDictAsync(Dictionary<int, string[]> d, ServerCallContext context) => Task.FromResult(d.ToDictionary(e => -e.Key, e => e.Value));

        public override Task<Shape?> OpShapeAsync(Shape? s, ServerCallContext context)
        {
            s!.Name += "!";
            return Task.FromResult<Shape?>(s);
        }

        public override Task<Shape?[]> OpShapeSeqAsync(Shape?[] s, ServerCallContext context) => Task.FromResult(s.Reverse().ToArray());

        public override Task<Node?> OpCycleAsync(int n, ServerCallContext context)
        {
            var nodes = Enumerable.Range(1, n).Select(i => new Node { Value = i }).ToArray();
            for (var i = 0; i < n; i++)
            {
                nodes[i].Next = nodes[(i + 1) % n];
            }
            return Task.FromResult<Node?>(nodes.FirstOrDefault());
        }

        public override Task ThrowBaseAsync(string reason, ServerCallContext context) => throw new BaseError(reason);
        public override Task ThrowDerivedAsync(string reason, int code, ServerCallContext context) => throw new DerivedError(reason, code);
        public override Task ThrowUnknownAsync(ServerCallContext context) => throw new InvalidOperationException("unknown");
        public override Task<OperationsOpOptionalResult> OpOptionalAsync(int? a, string? s, ServerCallContext context) => Task.FromResult(new OperationsOpOptionalResult(a + 1, s is null ? null : s + s));
        public override Task<Dictionary<string, string>> OpContextAsync(ServerCallContext context) => Task.FromResult(new Dictionary<string, string>());

        public override Task SetValueAsync(int v, ServerCallContext context)
        {
            _value = v;
            return Task.CompletedTask;
        }

        public override Task<int> GetValueAsync(ServerCallContext context) => Task.FromResult(_value);
        public override Task<int> OpIdempotentAsync(int a, ServerCallContext context) => Task.FromResult(a * 3);
    }
}
