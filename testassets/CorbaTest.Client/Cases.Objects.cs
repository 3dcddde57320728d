using Steward.Rpc.Corba;
using Test;
using TypeCode = Steward.Rpc.Corba.TypeCode;

namespace CorbaTest.Client;

/// <summary>The any, exception, oneway, attribute and object-reference cases.</summary>
public sealed partial class Cases
{
    private static readonly TypeCode PointType = TypeCode.CreateStruct("IDL:Test/Point:1.0", "Point", ("x", TypeCode.Long), ("y", TypeCode.Long));
    private static readonly TypeCode LongSeqType = TypeCode.CreateAlias("IDL:Test/LongSeq:1.0", "LongSeq", TypeCode.CreateSequence(TypeCode.Long));

    private async Task OpAnyLongAsync()
    {
        var back = await _client.OpAnyAsync(CorbaAny.FromLong(-123456));
        Check(back.Value is int, $"the returned any does not hold a long: {back}");
        Equal(-123456, back.Get<int>());
    }

    private async Task OpAnyStringAsync()
    {
        var back = await _client.OpAnyAsync(CorbaAny.FromString("in an any"));
        Check(back.Value is string, $"the returned any does not hold a string: {back}");
        Equal("in an any", back.Get<string>());
    }

    private async Task OpAnyPointAsync()
    {
        var back = await _client.OpAnyAsync(CorbaAny.FromStruct(PointType, 7, 8));
        Check(back.Value is CorbaStructValue && back.Type.Equivalent(PointType), $"the returned any does not hold a Test::Point: {back}");
        var point = back.Get<CorbaStructValue>();
        Equal<object?>(7, point["x"], "x");
        Equal<object?>(8, point["y"], "y");
    }

    private async Task OpAnyLongSeqAsync()
    {
        var back = await _client.OpAnyAsync(CorbaAny.FromArray(LongSeqType, new[] { 9, 8, 7 }));
        Check(back.Value is int[] && back.Type.Equivalent(LongSeqType), $"the returned any does not hold a Test::LongSeq: {back}");
        SequenceEqual([9, 8, 7], back.Get<int[]>());
    }

    private async Task ThrowBaseAsync()
    {
        var e = await Raises<BaseError>(() => _client.ThrowBaseAsync("base reason"));
        Equal("base reason", e.Reason, "reason");
    }

    private async Task ThrowOtherAsync()
    {
        var e = await Raises<OtherError>(() => _client.ThrowOtherAsync(17, "other reason"));
        Equal(17, e.Code, "code");
        Equal("other reason", e.Reason, "reason");
    }

    private async Task ThrowSystemAsync()
    {
        var e = await Raises<CorbaSystemException>(() => _client.ThrowSystemAsync());
        Equal("BAD_PARAM", e.Name, "system exception");
        Equal(7u, e.Minor, "minor code");
        Equal(CompletionStatus.Yes, e.Completed, "completion status");
    }

    private async Task OnewaySetValueAsync()
    {
        await _client.SetValueAsync(1234);
        await PollValueAsync(1234);
        await _client.SetValueAsync(-5);
        await PollValueAsync(-5);
    }

    // A oneway and the twoway after it may be dispatched concurrently, so the stored value is read until it shows up
    // (bounded, so a lost oneway is a failure, not a hang).
    private async Task PollValueAsync(int expected)
    {
        var value = 0;
        for (var i = 0; i < 200; i++)
        {
            value = await _client.GetValueAsync();
            if (value == expected)
            {
                return;
            }
            await Task.Delay(25);
        }
        throw new CaseFailedException($"getValue: expected {expected}, still {value}");
    }

    private async Task CounterAttributeAsync()
    {
        await _client.SetCounterAsync(0);
        Equal(0, await _client.GetCounterAsync(), "counter");
        await _client.SetCounterAsync(77);
        Equal(77, await _client.GetCounterAsync(), "counter");
        await _client.SetCounterAsync(0);
    }

    private async Task NameAttributeAsync() => Equal("steward", await _client.GetNameAsync(), "name");

    private async Task SelfAsync()
    {
        var other = await _client.SelfAsync();
        Check(!other.IsNil, "self() returned a nil reference");
        var mine = channel.Reference.FindIiopProfile();
        var theirs = other.FindIiopProfile();
        Check(theirs is not null, "self() returned a reference without an IIOP profile");
        Check(mine!.Host == theirs!.Host && mine.Port == theirs.Port && mine.ObjectKey.AsSpan().SequenceEqual(theirs.ObjectKey),
            $"self() returned {theirs.Host}:{theirs.Port}, not the object at {mine.Host}:{mine.Port}");
        using var otherChannel = channel.WithReference(other);
        var client = new OperationsClient(otherChannel.CreateCallInvoker());
        Equal("steward", await client.GetNameAsync(), "name through the returned reference");
        Equal("xy", (await client.OpStringAsync("x", "y")).ReturnValue, "opString through the returned reference");
    }

    private async Task IsAAsync()
    {
        Check(await channel.IsAAsync("IDL:Test/Operations:1.0"), "_is_a(IDL:Test/Operations:1.0) is false");
        Check(!await channel.IsAAsync("IDL:Test/Nothing:1.0"), "_is_a(IDL:Test/Nothing:1.0) is true");
    }

    private async Task NonExistentAsync() => Check(!await channel.NonExistentAsync(), "_non_existent() is true for the served object");

    private async Task ConcurrentCallsAsync()
    {
        var errors = await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                var r = await _client.OpLongAsync(t * 1000, i);
                if (r.ReturnValue != t * 1000 + i || r.Diff != t * 1000 - i)
                {
                    return $"task {t} got a wrong result";
                }
            }
            return null;
        })));
        foreach (var error in errors)
        {
            Check(error is null, error!);
        }
    }
}
