using Thrift;
using ThriftTest;

namespace Anchor;

/// <summary>ThriftTest as the contract's comments (and Apache's test servers) define it, on ApacheThrift's IAsync.</summary>
internal sealed class AnchorHandler : global::ThriftTest.ThriftTest.IAsync
{
    public Task testVoid(CancellationToken cancellationToken = default) => Task.CompletedTask;
    public Task<string> testString(string thing, CancellationToken cancellationToken = default) => Task.FromResult(thing);
    public Task<bool> testBool(bool thing, CancellationToken cancellationToken = default) => Task.FromResult(thing);
    public Task<sbyte> testByte(sbyte thing, CancellationToken cancellationToken = default) => Task.FromResult(thing);
    public Task<int> testI32(int thing, CancellationToken cancellationToken = default) => Task.FromResult(thing);
    public Task<long> testI64(long thing, CancellationToken cancellationToken = default) => Task.FromResult(thing);
    public Task<double> testDouble(double thing, CancellationToken cancellationToken = default) => Task.FromResult(thing);
    public Task<byte[]> testBinary(byte[] thing, CancellationToken cancellationToken = default) => Task.FromResult(thing);
    public Task<Xtruct> testStruct(Xtruct thing, CancellationToken cancellationToken = default) => Task.FromResult(thing);
    public Task<Xtruct2> testNest(Xtruct2 thing, CancellationToken cancellationToken = default) => Task.FromResult(thing);
    public Task<Dictionary<int, int>> testMap(Dictionary<int, int> thing, CancellationToken cancellationToken = default) => Task.FromResult(thing);
    public Task<Dictionary<string, string>> testStringMap(Dictionary<string, string> thing, CancellationToken cancellationToken = default) => Task.FromResult(thing);
    public Task<HashSet<int>> testSet(HashSet<int> thing, CancellationToken cancellationToken = default) => Task.FromResult(thing);
    public Task<List<int>> testList(List<int> thing, CancellationToken cancellationToken = default) => Task.FromResult(thing);
    public Task<Numberz> testEnum(Numberz thing, CancellationToken cancellationToken = default) => Task.FromResult(thing);
    public Task<long> testTypedef(long thing, CancellationToken cancellationToken = default) => Task.FromResult(thing);

    public Task<Dictionary<int, Dictionary<int, int>>> testMapMap(int hello, CancellationToken cancellationToken = default) =>
        Task.FromResult(new Dictionary<int, Dictionary<int, int>>
        {
            [-4] = new() { [-4] = -4, [-3] = -3, [-2] = -2, [-1] = -1 },
            [4] = new() { [1] = 1, [2] = 2, [3] = 3, [4] = 4 },
        });

    public Task<Dictionary<long, Dictionary<Numberz, Insanity>>> testInsanity(Insanity argument, CancellationToken cancellationToken = default) =>
        Task.FromResult(new Dictionary<long, Dictionary<Numberz, Insanity>>
        {
            [1] = new() { [Numberz.TWO] = argument, [Numberz.THREE] = argument },
            [2] = new() { [Numberz.SIX] = new Insanity() },
        });

    public Task<Xtruct> testMulti(sbyte arg0, int arg1, long arg2, Dictionary<short, string> arg3, Numberz arg4, long arg5, CancellationToken cancellationToken = default) =>
        Task.FromResult(new Xtruct { String_thing = "Hello2", Byte_thing = arg0, I32_thing = arg1, I64_thing = arg2 });

    public Task testException(string arg, CancellationToken cancellationToken = default) => arg switch
    {
        "Xception" => throw new Xception { ErrorCode = 1001, Message = arg },
        // Undeclared: the generated processor answers with TApplicationException INTERNAL_ERROR.
        "TException" => throw new TException("This is a TException", null),
        _ => Task.CompletedTask,
    };

    public Task<Xtruct> testMultiException(string arg0, string arg1, CancellationToken cancellationToken = default) => arg0 switch
    {
        "Xception" => throw new Xception { ErrorCode = 1001, Message = "This is an Xception" },
        "Xception2" => throw new Xception2 { ErrorCode = 2002, Struct_thing = new Xtruct { String_thing = "This is an Xception2" } },
        _ => Task.FromResult(new Xtruct { String_thing = arg1 }),
    };

    // A third of the requested time, like Apache's python server: the client does not wait for it.
    public Task testOneway(int secondsToSleep, CancellationToken cancellationToken = default) =>
        Task.Delay(TimeSpan.FromSeconds(secondsToSleep / 3.0), cancellationToken);
}

internal sealed class AnchorSecondHandler : SecondService.IAsync
{
    public Task<string> secondtestString(string thing, CancellationToken cancellationToken = default) =>
        Task.FromResult($"testString(\"{thing}\")");
}
