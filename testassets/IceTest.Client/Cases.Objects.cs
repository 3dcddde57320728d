using Steward.Rpc;
using Steward.Rpc.Ice;
using Test;

namespace IceTest.Client;

public sealed partial class Cases
{
    private async Task OpShapeAsync()
    {
        var circle = await _prx.OpShapeAsync(new Circle { Name = "c", Radius = 1.5 });
        Check(circle is Circle { Name: "c!", Radius: 1.5 }, $"expected Circle c! 1.5, got {circle?.GetType().Name} {circle?.Name}");
        var square = await _prx.OpShapeAsync(new Square { Name = "s", Side = 2 });
        Check(square is Square { Name: "s!", Side: 2 }, $"expected Square s! 2, got {square?.GetType().Name} {square?.Name}");
        var shape = await _prx.OpShapeAsync(new Shape { Name = "plain" });
        Check(shape is not null && shape.GetType() == typeof(Shape) && shape.Name == "plain!", $"expected Shape plain!, got {shape?.GetType().Name}");
        Check(await _prx.OpShapeAsync(null) is null, "a null Shape came back non-null");
    }

    private async Task OpShapeSeqAsync()
    {
        var shared = new Circle { Name = "shared", Radius = 1 };
        var got = await _prx.OpShapeSeqAsync([shared, new Square { Name = "sq", Side = 2 }, shared, null]);
        Equal(4, got.Length, "length");
        Check(got[0] is null, "element 0 should be null");
        Check(got[1] is Circle && got[2] is Square && got[3] is Circle, "types came back wrong");
        Check(ReferenceEquals(got[1], got[3]), "the instance sent twice came back as two instances");
    }

    private async Task OpCycleAsync()
    {
        var head = await _prx.OpCycleAsync(5) ?? throw new CaseFailedException("opCycle(5) returned null");
        var node = head;
        for (var i = 1; i <= 5; i++)
        {
            Equal(i, node!.Value, $"node {i}");
            node = node.Next;
        }
        Check(ReferenceEquals(node, head), "node 5's next is not node 1");
        var one = await _prx.OpCycleAsync(1);
        Check(one is { Value: 1 } && ReferenceEquals(one.Next, one), "a ring of one should point to itself");
    }

    private async Task ThrowBaseAsync()
    {
        var ex = await ThrowsAsync<BaseError>(() => _prx.ThrowBaseAsync("why"));
        Check(ex.GetType() == typeof(BaseError), $"expected BaseError itself, got {ex.GetType().Name}");
        Equal("why", ex.Reason, "reason");
    }

    private async Task ThrowDerivedAsync()
    {
        var ex = await ThrowsAsync<DerivedError>(() => _prx.ThrowDerivedAsync("how", 42));
        Equal(("how", 42), (ex.Reason, ex.Code), "reason and code");
    }

    private async Task ThrowUnknownAsync()
    {
        var ex = await ThrowsAsync<IceUnknownException>(() => _prx.ThrowUnknownAsync());
        Check(ex.GetType() == typeof(IceUnknownException), $"expected UnknownException itself, got {ex.GetType().Name}");
    }

    private async Task OpOptionalSetAsync() => Equal(new OperationsOpOptionalResult(6, "abab"), await _prx.OpOptionalAsync(5, "ab"));

    private async Task OpOptionalUnsetAsync() => Equal(new OperationsOpOptionalResult(null, null), await _prx.OpOptionalAsync(null, null));

    private async Task OpContextAsync()
    {
        var got = await _prx.OpContextAsync(new CallOptions(new Metadata { { "user", "alice" }, { "Mixed-Case", "välue" } }));
        Check(got.Count == 2 && got.GetValueOrDefault("user") == "alice" && got.GetValueOrDefault("Mixed-Case") == "välue",
            $"context came back as {{{string.Join(", ", got.Select(e => e.Key + "=" + e.Value))}}}");
        Equal(0, (await _prx.OpContextAsync()).Count, "an empty context");
    }

    private async Task OnewayAsync()
    {
        using var oneway = channel.WithReference(channel.Reference with { Mode = IceInvocationMode.Oneway });
        await new OperationsPrx(oneway.CreateCallInvoker()).SetValueAsync(17);
        await PollValueAsync(17);
    }

    private async Task BatchOnewayAsync()
    {
        using var batch = channel.WithReference(channel.Reference with { Mode = IceInvocationMode.BatchOneway });
        var prx = new OperationsPrx(batch.CreateCallInvoker());
        await prx.SetValueAsync(4);
        await prx.SetValueAsync(5);
        await prx.SetValueAsync(6);
        await batch.FlushBatchAsync();
        await PollValueAsync(6);
    }

    /// <summary>A oneway call has no reply to wait for: ask until the value shows, a bounded number of times.</summary>
    private async Task PollValueAsync(int expected)
    {
        var value = 0;
        for (var i = 0; i < 100; i++)
        {
            value = await _prx.GetValueAsync();
            if (value == expected)
            {
                return;
            }
            await Task.Delay(20);
        }
        throw new CaseFailedException($"getValue: expected {expected}, still {value}");
    }

    private async Task ObjectNotExistAsync()
    {
        using var nobody = channel.WithReference(channel.Reference with { Identity = new IceIdentity("nobody", "cat") });
        var ex = await ThrowsAsync<IceObjectNotExistException>(() => new OperationsPrx(nobody.CreateCallInvoker()).PingAsync());
        Equal(new IceIdentity("nobody", "cat"), ex.Identity, "identity");
        Equal("ping", ex.Operation, "operation");
    }

    private async Task FacetNotExistAsync()
    {
        using var facet = channel.WithReference(channel.Reference with { Facet = "missing" });
        var ex = await ThrowsAsync<IceFacetNotExistException>(() => facet.PingAsync());
        Equal("missing", ex.Facet, "facet");
    }

    private async Task OperationNotExistAsync()
    {
        var op = new IceOperation<IceVoid, IceVoid>("noSuchOperation", IceOperationMode.Normal, (_, _) => { }, _ => IceVoid.Instance, (_, _) => { }, _ => IceVoid.Instance);
        var marshaller = IceMarshaller.Create<IceVoid>((_, _) => { }, _ => IceVoid.Instance);
        var method = new Method<IceVoid, IceVoid>(MethodType.Unary, "Test.Operations", "noSuchOperation", marshaller, marshaller) { Codecs = MethodCodecs.Empty.With(op) };
        var ex = await ThrowsAsync<IceOperationNotExistException>(async () => await channel.CreateCallInvoker().AsyncUnaryCall(method, IceVoid.Instance, default));
        Equal("noSuchOperation", ex.Operation, "operation");
    }

    private async Task ConcurrentCallsAsync()
    {
        var calls = Enumerable.Range(0, 200).Select(i => _prx.OpIntAsync(i, 1)).ToArray();
        var results = await Task.WhenAll(calls);
        for (var i = 0; i < results.Length; i++)
        {
            Equal(new OperationsOpIntResult(i + 1, i - 1), results[i], $"call {i}");
        }
    }

    private async Task IsAAsync()
    {
        Check(await channel.IsAAsync("::Test::Operations"), "ice_isA(::Test::Operations) is false");
        Check(await channel.IsAAsync("::Ice::Object"), "ice_isA(::Ice::Object) is false");
        Check(!await channel.IsAAsync("::Test::Nothing"), "ice_isA(::Test::Nothing) is true");
    }

    private async Task IdAsync() => Equal("::Test::Operations", await channel.IdAsync());

    private async Task IdsAsync() => SequenceEqual(["::Ice::Object", "::Test::Operations"], await channel.IdsAsync());
}
