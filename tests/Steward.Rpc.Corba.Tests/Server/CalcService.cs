using System.Collections.Concurrent;

namespace Steward.Rpc.Corba.Tests.Server;

// Hand-written Methods and CorbaOperations, shaped as the IDL emitter shapes them for:
//   module Test { exception CalcError { string reason; };
//     interface Calc { string echo(in string text); long add(in long a, in long b); void fail(in string kind) raises (CalcError);
//       oneway void notify(in string text); long slow(in long ms); wstring wecho(in wstring text); }; };
public sealed record AddArgs(int A, int B);

public sealed class Boxed<T>(T value)
{
    public T Value { get; } = value;
}

/// <summary>The IDL exception <c>Test::CalcError</c>, declared by <c>fail</c>.</summary>
public sealed class CalcError(string reason) : CorbaUserException(reason)
{
    public const string Id = "IDL:Test/CalcError:1.0";

    public override string RepositoryId => Id;

    public string Reason { get; } = reason;

    public override void WriteMembers(CdrOutputStream output) => output.WriteString(Reason);

    public static CorbaUserException ReadMembers(CdrInputStream input) => new CalcError(input.ReadString());
}

/// <summary>An IDL exception that no operation declares.</summary>
public sealed class StrayError() : CorbaUserException("stray")
{
    public override string RepositoryId => "IDL:Test/StrayError:1.0";

    public override void WriteMembers(CdrOutputStream output)
    {
    }
}

public static class CalcService
{
    public const string Name = "Test.Calc";
    public const string RepositoryId = "IDL:Test/Calc:1.0";
    public static readonly string[] RepositoryIds = [RepositoryId];

    public static readonly Method<Boxed<string>, Boxed<string>> Echo = Create<Boxed<string>, Boxed<string>>("echo",
        (o, v) => o.WriteString(v.Value), i => new Boxed<string>(i.ReadString()), (o, v) => o.WriteString(v.Value), i => new Boxed<string>(i.ReadString()));

    public static readonly Method<AddArgs, Boxed<int>> Add = Create<AddArgs, Boxed<int>>("add",
        (o, v) => { o.WriteLong(v.A); o.WriteLong(v.B); }, i => new AddArgs(i.ReadLong(), i.ReadLong()),
        (o, v) => o.WriteLong(v.Value), i => new Boxed<int>(i.ReadLong()));

    public static readonly Method<Boxed<string>, CorbaVoid> Fail = Create<Boxed<string>, CorbaVoid>("fail",
        (o, v) => o.WriteString(v.Value), i => new Boxed<string>(i.ReadString()), CorbaVoid.Write, CorbaVoid.Read,
        declared: new Dictionary<string, CdrReader<CorbaUserException>> { [CalcError.Id] = CalcError.ReadMembers });

    public static readonly Method<Boxed<string>, CorbaVoid> Notify = Create<Boxed<string>, CorbaVoid>("notify",
        (o, v) => o.WriteString(v.Value), i => new Boxed<string>(i.ReadString()), CorbaVoid.Write, CorbaVoid.Read, oneway: true);

    public static readonly Method<Boxed<int>, Boxed<int>> Slow = Create<Boxed<int>, Boxed<int>>("slow",
        (o, v) => o.WriteLong(v.Value), i => new Boxed<int>(i.ReadLong()), (o, v) => o.WriteLong(v.Value), i => new Boxed<int>(i.ReadLong()));

    public static readonly Method<Boxed<string>, Boxed<string>> WEcho = Create<Boxed<string>, Boxed<string>>("wecho",
        (o, v) => o.WriteWString(v.Value), i => new Boxed<string>(i.ReadWString()), (o, v) => o.WriteWString(v.Value), i => new Boxed<string>(i.ReadWString()));

    public static Method<TArgs, TResult> Create<TArgs, TResult>(string name, CdrWriter<TArgs> writeArgs, CdrReader<TArgs> readArgs,
        CdrWriter<TResult> writeResult, CdrReader<TResult> readResult, IReadOnlyDictionary<string, CdrReader<CorbaUserException>>? declared = null, bool oneway = false)
        where TArgs : class where TResult : class =>
        new(MethodType.Unary, Name, name, CorbaMarshaller.Create(writeArgs, readArgs), CorbaMarshaller.Create(writeResult, readResult))
        {
            IsOneway = oneway,
            Codecs = MethodCodecs.Empty.With(new CorbaOperation<TArgs, TResult>(name, oneway, writeArgs, readArgs, writeResult, readResult)
            {
                InterfaceRepositoryId = RepositoryId,
                RepositoryIds = RepositoryIds,
                UserExceptions = declared ?? new Dictionary<string, CdrReader<CorbaUserException>>(),
            }),
        };

    /// <summary>What the servant saw; one instance per test host.</summary>
    public sealed class State
    {
        public ConcurrentQueue<string> Notified { get; } = new();
        public SemaphoreSlim NotifiedSignal { get; } = new(0);
        public TaskCompletionSource SlowGate { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource<bool> SlowCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public ConcurrentQueue<byte[]> Keys { get; } = new();
    }

    public static ServiceDefinition Bind(State state) => ServiceDefinition.CreateBuilder(Name)
        .AddMethod(Echo, (text, context) =>
        {
            state.Keys.Enqueue(((CorbaServerCallContext)context).ObjectKey);
            return Task.FromResult(text);
        })
        .AddMethod(Add, (args, _) => Task.FromResult(new Boxed<int>(args.A + args.B)))
        .AddMethod(Fail, (kind, _) => kind.Value switch
        {
            "declared" => throw new CalcError("declared failure"),
            "undeclared" => throw new StrayError(),
            "rpc" => throw new RpcException(new Status(StatusCode.PermissionDenied, "no entry")),
            "system" => throw new CorbaSystemException("NO_RESOURCES", 7, CompletionStatus.Yes),
            _ => throw new InvalidOperationException("boom: " + kind.Value),
        })
        .AddMethod(Notify, (text, _) =>
        {
            state.Notified.Enqueue(text.Value);
            state.NotifiedSignal.Release();
            return Task.FromResult(CorbaVoid.Instance);
        })
        .AddMethod(Slow, async (ms, context) =>
        {
            // Negative: wait for the test to open the gate (proves calls overlap, or waits to be cancelled); positive: return it.
            if (ms.Value < 0)
            {
                try
                {
                    await state.SlowGate.Task.WaitAsync(context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    state.SlowCancelled.TrySetResult(true);
                    throw;
                }
            }
            return ms;
        })
        .AddMethod(WEcho, (text, _) => Task.FromResult(text))
        .Build();
}
