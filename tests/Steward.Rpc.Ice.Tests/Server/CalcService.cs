using System.Collections.Concurrent;

namespace Steward.Rpc.Ice.Tests.Server;

// Hand-written Methods and IceOperations, shaped as the Slice generator shapes them for CalcSlice.Text.
public sealed record AddArgs(int A, int B);

public sealed class Boxed<T>(T value)
{
    public T Value { get; } = value;
}

/// <summary>The Slice exception <c>Test::CalcError</c>, declared by <c>fail</c>.</summary>
public sealed class CalcError(string reason) : IceUserException(reason)
{
    static CalcError() => IceTypeRegistry.RegisterException("::Test::CalcError", () => new CalcError(""));

    public override string IceId => "::Test::CalcError";

    public string Reason { get; private set; } = reason;

    /// <summary>Runs the registration (generated code registers from a module initializer).</summary>
    public static void Register()
    {
    }

    protected override void IceWriteImpl(IceOutputStream output)
    {
        output.StartSlice(IceId, -1, true);
        output.WriteString(Reason);
        output.EndSlice();
    }

    protected override void IceReadImpl(IceInputStream input)
    {
        input.StartSlice();
        Reason = input.ReadString();
        input.EndSlice();
    }
}

/// <summary>A Slice exception that no operation declares.</summary>
public sealed class StrayError() : IceUserException("stray")
{
    public override string IceId => "::Test::StrayError";

    protected override void IceWriteImpl(IceOutputStream output)
    {
        output.StartSlice(IceId, -1, true);
        output.EndSlice();
    }

    protected override void IceReadImpl(IceInputStream input)
    {
        input.StartSlice();
        input.EndSlice();
    }
}

public static class CalcService
{
    public const string Name = "Test.Calc";
    public static readonly string[] TypeIds = ["::Ice::Object", "::Test::Calc"];

    /// <summary>The Slice the Python peers load.</summary>
    public const string Slice = """
        module Test
        {
            exception CalcError { string reason; }
            interface Calc
            {
                string echo(string text);
                int add(int a, int b);
                void fail(string kind) throws CalcError;
                void notify(string text);
                string context(string key);
                int slow(int ms);
            }
        }
        """;

    public static readonly Method<string, string> Echo = Create<string, string>("echo",
        (o, v) => o.WriteString(v), i => i.ReadString(), (o, v) => o.WriteString(v), i => i.ReadString());

    public static readonly Method<AddArgs, Boxed<int>> Add = Create<AddArgs, Boxed<int>>("add",
        (o, v) => { o.WriteInt(v.A); o.WriteInt(v.B); }, i => new AddArgs(i.ReadInt(), i.ReadInt()),
        (o, v) => o.WriteInt(v.Value), i => new Boxed<int>(i.ReadInt()));

    public static readonly Method<string, IceVoid> Fail = Create<string, IceVoid>("fail",
        (o, v) => o.WriteString(v), i => i.ReadString(), (_, _) => { }, _ => IceVoid.Instance, declared: e => e is CalcError);

    public static readonly Method<string, IceVoid> Notify = Create<string, IceVoid>("notify",
        (o, v) => o.WriteString(v), i => i.ReadString(), (_, _) => { }, _ => IceVoid.Instance);

    public static readonly Method<string, string> Context = Create<string, string>("context",
        (o, v) => o.WriteString(v), i => i.ReadString(), (o, v) => o.WriteString(v), i => i.ReadString());

    public static readonly Method<Boxed<int>, Boxed<int>> Slow = Create<Boxed<int>, Boxed<int>>("slow",
        (o, v) => o.WriteInt(v.Value), i => new Boxed<int>(i.ReadInt()), (o, v) => o.WriteInt(v.Value), i => new Boxed<int>(i.ReadInt()));

    private static Method<TArgs, TResult> Create<TArgs, TResult>(string name, IceWriter<TArgs> writeArgs, IceReader<TArgs> readArgs,
        IceWriter<TResult> writeResult, IceReader<TResult> readResult, Func<IceUserException, bool>? declared = null)
        where TArgs : class where TResult : class =>
        new(MethodType.Unary, Name, name, IceMarshaller.Create(writeArgs, readArgs), IceMarshaller.Create(writeResult, readResult))
        {
            Codecs = MethodCodecs.Empty.With(new IceOperation<TArgs, TResult>(name, IceOperationMode.Normal, writeArgs, readArgs, writeResult, readResult)
            {
                InterfaceTypeIds = TypeIds,
                InterfaceTypeId = "::Test::Calc",
                DeclaredExceptions = declared,
            }),
        };

    /// <summary>What the servant saw; one instance per test host.</summary>
    public sealed class State
    {
        public ConcurrentQueue<string> Notified { get; } = new();
        public SemaphoreSlim NotifiedSignal { get; } = new(0);
        public TaskCompletionSource SlowGate { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public static ServiceDefinition Bind(State state)
    {
        CalcError.Register();
        return ServiceDefinition.CreateBuilder(Name)
        .AddMethod(Echo, (text, _) => Task.FromResult(text))
        .AddMethod(Add, (args, _) => Task.FromResult(new Boxed<int>(args.A + args.B)))
        .AddMethod(Fail, (kind, _) => kind switch
        {
            "declared" => throw new CalcError("declared failure"),
            "undeclared" => throw new StrayError(),
            "rpc" => throw new RpcException(new Status(StatusCode.PermissionDenied, "no entry")),
            "notexist" => throw new IceObjectNotExistException(new IceIdentity("gone"), "", "fail"),
            _ => throw new InvalidOperationException("boom: " + kind),
        })
        .AddMethod(Notify, (text, _) =>
        {
            state.Notified.Enqueue(text);
            state.NotifiedSignal.Release();
            return Task.FromResult(IceVoid.Instance);
        })
        .AddMethod(Context, (key, context) => Task.FromResult(context.RequestHeaders.GetValue(key) ?? "<none>"))
        .AddMethod(Slow, async (ms, context) =>
        {
            // Negative: wait for the test to open the gate (used to prove calls overlap); positive: just return it.
            if (ms.Value < 0)
            {
                await state.SlowGate.Task.WaitAsync(context.CancellationToken);
            }
            return ms;
        })
        .Build();
    }
}
