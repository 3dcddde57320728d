using Steward.Rpc;
using Steward.Rpc.Thrift;

namespace ThriftTest.Server;

/// <summary>ThriftTest as the contract's comments (and Apache's test servers) define it.</summary>
public sealed class ThriftTestService : global::ThriftTest.ThriftTest.ThriftTestBase
{
    public override Task TestVoid(ServerCallContext context) => Task.CompletedTask;
    public override Task<string> TestString(string? thing, ServerCallContext context) => Task.FromResult(thing ?? "");
    public override Task<bool> TestBool(bool thing, ServerCallContext context) => Task.FromResult(thing);
    public override Task<sbyte> TestByte(sbyte thing, ServerCallContext context) => Task.FromResult(thing);
    public override Task<int> TestI32(int thing, ServerCallContext context) => Task.FromResult(thing);
    public override Task<long> TestI64(long thing, ServerCallContext context) => Task.FromResult(thing);
    public override Task<double> TestDouble(double thing, ServerCallContext context) => Task.FromResult(thing);
    public override Task<byte[]> TestBinary(byte[]? thing, ServerCallContext context) => Task.FromResult(thing ?? []);
    public override Task<Guid> TestUuid(Guid thing, ServerCallContext context) => Task.FromResult(thing);
    public override Task<Xtruct> TestStruct(Xtruct? thing, ServerCallContext context) => Task.FromResult(thing ?? new Xtruct());
    public override Task<Xtruct2> TestNest(Xtruct2? thing, ServerCallContext context) => Task.FromResult(thing ?? new Xtruct2());
    public override Task<Dictionary<int, int>> TestMap(Dictionary<int, int>? thing, ServerCallContext context) => Task.FromResult(thing ?? []);
    public override Task<Dictionary<string, string>> TestStringMap(Dictionary<string, string>? thing, ServerCallContext context) => Task.FromResult(thing ?? []);
    public override Task<HashSet<int>> TestSet(HashSet<int>? thing, ServerCallContext context) => Task.FromResult(thing ?? []);
    public override Task<List<int>> TestList(List<int>? thing, ServerCallContext context) => Task.FromResult(thing ?? []);
    public override Task<Numberz> TestEnum(Numberz thing, ServerCallContext context) => Task.FromResult(thing);
    public override Task<long> TestTypedef(long thing, ServerCallContext context) => Task.FromResult(thing);

    public override Task<Dictionary<int, Dictionary<int, int>>> TestMapMap(int hello, ServerCallContext context) =>
        Task.FromResult(new Dictionary<int, Dictionary<int, int>>
        {
            [-4] = new() { [-4] = -4, [-3] = -3, [-2] = -2, [-1] = -1 },
            [4] = new() { [1] = 1, [2] = 2, [3] = 3, [4] = 4 },
        });

    public override Task<Dictionary<long, Dictionary<Numberz, Insanity>>> TestInsanity(Insanity? argument, ServerCallContext context)
    {
        argument ??= new Insanity();
        return Task.FromResult(new Dictionary<long, Dictionary<Numberz, Insanity>>
        {
            [1] = new() { [Numberz.Two] = argument, [Numberz.Three] = argument },
            [2] = new() { [Numberz.Six] = new Insanity() },
        });
    }

    public override Task<Xtruct> TestMulti(sbyte arg0, int arg1, long arg2, Dictionary<short, string>? arg3, Numberz arg4, long arg5, ServerCallContext context) =>
        Task.FromResult(new Xtruct { StringThing = "Hello2", ByteThing = arg0, I32Thing = arg1, I64Thing = arg2 });

    public override Task TestException(string? arg, ServerCallContext context) => arg switch
    {
        "Xception" => throw new Xception { ErrorCode = 1001, Message_ = arg },
        // Not declared by the method: the client gets a TApplicationException (INTERNAL_ERROR), as from Apache's servers.
        "TException" => throw new ThriftApplicationException(ThriftApplicationExceptionType.InternalError, "This is a TException"),
        _ => Task.CompletedTask,
    };

    public override Task<Xtruct> TestMultiException(string? arg0, string? arg1, ServerCallContext context) => arg0 switch
    {
        "Xception" => throw new Xception { ErrorCode = 1001, Message_ = "This is an Xception" },
        "Xception2" => throw new Xception2 { ErrorCode = 2002, StructThing = new Xtruct { StringThing = "This is an Xception2" } },
        _ => Task.FromResult(new Xtruct { StringThing = arg1 }),
    };

    // A third of the requested time, like Apache's python server: the client does not wait for it.
    public override Task TestOneway(int secondsToSleep, ServerCallContext context) =>
        Task.Delay(TimeSpan.FromSeconds(secondsToSleep / 3.0), context.CancellationToken);
}

public sealed class SecondServiceImpl : global::ThriftTest.SecondService.SecondServiceBase
{
    public override Task<string> SecondtestString(string? thing, ServerCallContext context) => Task.FromResult($"testString(\"{thing}\")");
}
