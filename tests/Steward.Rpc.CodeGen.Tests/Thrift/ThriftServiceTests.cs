using System.Buffers;
using CodeGenTests.Thrift;
using CodeGenTests.Thrift.Shared;
using Steward.Rpc.Thrift;
using TT = global::ThriftTest;

namespace Steward.Rpc.CodeGen.Tests.Thrift;

/// <summary>Generated descriptors, server bases and clients, joined by an in-memory Thrift round trip.</summary>
public class ThriftServiceTests
{
    public static TheoryData<ThriftProtocolKind> Protocols => ThriftWire.Protocols;

    private sealed class CalculatorImpl : Calculator.CalculatorBase
    {
        public List<string?> Fired { get; } = [];

        public override Task<int> Add(int a, int b, ServerCallContext context) =>
            a < 0 ? throw new Broken { Code = a } : Task.FromResult(a + b);

        public override Task<Point> Move(Point? p, int dx, string options, int context_, ServerCallContext context) =>
            options == "missing"
                ? throw new NotFound { Message_ = "no " + options, Code = context_ }
                : Task.FromResult(new Point { X = (p?.X ?? 0) + dx, Y = p?.Y });

        public override Task Fire(string? @event, ServerCallContext context)
        {
            Fired.Add(@event);
            return Task.CompletedTask;
        }

        public override async Task Fail(int code, ServerCallContext context)
        {
            await Task.Yield();
            switch (code)
            {
                case 0: return;
                case 1: throw new NotFound { Code = 1 };
                case 2: throw new Broken { Code = 2 };
                default: throw new InvalidOperationException("undeclared " + code);
            }
        }

        // A result with neither success nor an exception: the client must say so, not invent a value.
        public override Task<Point> Nothing(ServerCallContext context) => Task.FromResult<Point>(null!);

        public override Task<Defaults> Defaults(Defaults? d, ServerCallContext context) => Task.FromResult(d ?? new Defaults());

        // Declared by shared.Base, which Calculator extends.
        public override Task<int> Ping(int value, ServerCallContext context) => Task.FromResult(value + 1);

        public override Task<SharedStruct> Lookup(int key, ServerCallContext context) => Task.FromResult(new SharedStruct { Key = key, Value = "k" + key });
    }

    [Fact]
    public void Descriptors_carry_the_declared_names_oneway_struct_marshallers_and_a_thrift_codec()
    {
        Assert.Equal("Calculator", Calculator.ServiceName);
        Assert.Equal("ThriftTest", TT.ThriftTest.ServiceName);
        Assert.Equal("testI32", TT.ThriftTest.TestI32Method.Name);
        Assert.Equal("ThriftTest", TT.ThriftTest.TestI32Method.ServiceName);
        Assert.Equal(MethodType.Unary, Calculator.AddMethod.Type);
        Assert.False(Calculator.AddMethod.IsOneway);
        Assert.True(Calculator.FireMethod.IsOneway);
        Assert.True(TT.ThriftTest.TestOnewayMethod.IsOneway);
        Assert.Same(ThriftStructMarshaller<Calculator.add_args>.Default, Calculator.AddMethod.RequestMarshaller);
        Assert.Same(ThriftStructMarshaller<Calculator.add_result>.Default, Calculator.AddMethod.ResponseMarshaller);
        Assert.NotNull(Calculator.AddMethod.Codecs.Get<ThriftMethodCodec<Calculator.add_args, Calculator.add_result>>());
        // Inherited methods keep the parent's structs but travel under the child's service name.
        Assert.Equal("Calculator", Calculator.PingMethod.ServiceName);
        Assert.Equal("Base", Base.PingMethod.ServiceName);
        Assert.IsType<ThriftStructMarshaller<Base.ping_args>>(Calculator.PingMethod.RequestMarshaller);
    }

    [Fact]
    public void BindService_binds_own_and_inherited_methods_under_the_childs_name()
    {
        var calculator = new CalculatorImpl().BindService();
        Assert.Equal("Calculator", calculator.Name);
        Assert.Equal(
            ["add", "defaults", "fail", "fire", "lookup", "move", "nothing", "ping", "reset"],
            calculator.Methods.Select(m => m.Method.Name).Order());
        Assert.All(calculator.Methods, m => Assert.Equal("Calculator", m.Method.ServiceName));

        var scientific = new ScientificImpl().BindService();
        Assert.Equal("Scientific", scientific.Name);
        Assert.Equal(10, scientific.Methods.Count);
        Assert.Contains(scientific.Methods, m => m.Method.Name == "ping");
    }

    private sealed class ScientificImpl : Scientific.ScientificBase
    {
        public override Task<double> Sqrt(double x, ServerCallContext context) => Task.FromResult(Math.Sqrt(x));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Client_to_server_round_trip_returns_values_and_throws_declared_exceptions(ThriftProtocolKind kind)
    {
        var server = new CalculatorImpl();
        var invoker = new LoopbackInvoker(server.BindService(), kind);
        var client = new Calculator.CalculatorClient(invoker);

        Assert.Equal(5, await client.AddAsync(2, 3));
        var broken = await Assert.ThrowsAsync<Broken>(() => client.AddAsync(-7, 1));
        Assert.Equal(-7, broken.Code);

        Assert.Equal(new Point { X = 11, Y = 2 }, await client.MoveAsync(new Point { X = 1, Y = 2 }, 10, "ok", 0));
        var notFound = await Assert.ThrowsAsync<NotFound>(() => client.MoveAsync(null, 0, "missing", 99));
        Assert.Equal("no missing", notFound.Message);
        Assert.Equal(99, notFound.Code);

        var defaults = new Defaults { Number = -1, Flag = null };
        var echoed = await client.DefaultsAsync(defaults);
        // An unset optional field is not sent, so the receiver keeps its IDL default, as in Apache Thrift.
        Assert.True(echoed.Flag);
        echoed.Flag = null;
        Assert.Equal(defaults, echoed);

        Assert.Equal(["Calculator:add", "Calculator:add", "Calculator:move", "Calculator:move", "Calculator:defaults"], invoker.Calls);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Void_methods_return_or_throw_their_declared_exceptions_and_undeclared_ones_reach_the_transport(ThriftProtocolKind kind)
    {
        var client = new Calculator.CalculatorClient(new LoopbackInvoker(new CalculatorImpl().BindService(), kind));
        await client.FailAsync(0);
        Assert.Equal(1, (await Assert.ThrowsAsync<NotFound>(() => client.FailAsync(1))).Code);
        Assert.Equal(2, (await Assert.ThrowsAsync<Broken>(() => client.FailAsync(2))).Code);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.FailAsync(3));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Oneway_calls_reach_the_server_and_read_no_reply(ThriftProtocolKind kind)
    {
        var server = new CalculatorImpl();
        var client = new Calculator.CalculatorClient(new LoopbackInvoker(server.BindService(), kind));
        await client.FireAsync("bang");
        await client.FireAsync(null);
        Assert.Equal(["bang", null], server.Fired);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task A_result_without_success_or_exception_is_MissingResult(ThriftProtocolKind kind)
    {
        var client = new Calculator.CalculatorClient(new LoopbackInvoker(new CalculatorImpl().BindService(), kind));
        var ex = await Assert.ThrowsAsync<ThriftApplicationException>(() => client.NothingAsync());
        Assert.Equal(ThriftApplicationExceptionType.MissingResult, ex.Type);
        Assert.Contains("nothing", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Inherited_methods_are_served_and_called_through_the_child(ThriftProtocolKind kind)
    {
        var invoker = new LoopbackInvoker(new CalculatorImpl().BindService(), kind);
        var client = new Calculator.CalculatorClient(invoker);
        Assert.Equal(8, await client.PingAsync(7));
        Assert.Equal(new SharedStruct { Key = 3, Value = "k3" }, await client.LookupAsync(3));
        var unimplemented = await Assert.ThrowsAsync<RpcException>(() => client.ResetAsync());
        Assert.Equal(StatusCode.Unimplemented, unimplemented.StatusCode);
        Assert.Equal(["Calculator:ping", "Calculator:lookup", "Calculator:reset"], invoker.Calls);

        var scientific = new Scientific.ScientificClient(new LoopbackInvoker(new ScientificImpl().BindService(), kind));
        Assert.Equal(3.0, await scientific.SqrtAsync(9));
        Assert.Equal(StatusCode.Unimplemented, (await Assert.ThrowsAsync<RpcException>(() => scientific.AddAsync(1, 2))).StatusCode);
    }

    [Fact]
    public async Task Names_that_collide_with_generated_members_are_renamed()
    {
        var names = new NamesImpl();
        var client = new Names.NamesClient(new LoopbackInvoker(names.BindService(), ThriftProtocolKind.Compact));
        await client.BindServiceAsync();
        Assert.Equal(6, await client.CalculateSumAsync(5));
        Assert.True(names.Bound);
    }

    private sealed class NamesImpl : Names.NamesBase
    {
        public bool Bound { get; private set; }

        public override Task BindService_(ServerCallContext context)
        {
            Bound = true;
            return Task.CompletedTask;
        }

        public override Task<int> CalculateSum(int sum_args, ServerCallContext context) => Task.FromResult(sum_args + 1);
    }

    private sealed class ThriftTestImpl : TT.ThriftTest.ThriftTestBase
    {
        public int Oneway { get; private set; }

        public override Task<int> TestI32(int thing, ServerCallContext context) => Task.FromResult(thing);

        public override Task<TT.Xtruct> TestMultiException(string? arg0, string? arg1, ServerCallContext context) => arg0 switch
        {
            "Xception" => throw new TT.Xception { ErrorCode = 1001, Message_ = "This is an Xception" },
            "Xception2" => throw new TT.Xception2 { ErrorCode = 2002, StructThing = new TT.Xtruct { StringThing = "This is an Xception2" } },
            _ => Task.FromResult(new TT.Xtruct { StringThing = arg1 }),
        };

        public override Task<Dictionary<long, Dictionary<TT.Numberz, TT.Insanity>>> TestInsanity(TT.Insanity? argument, ServerCallContext context) =>
            Task.FromResult(new Dictionary<long, Dictionary<TT.Numberz, TT.Insanity>>
            {
                [1] = new() { [TT.Numberz.Two] = argument!, [TT.Numberz.Three] = argument! },
                [2] = new() { [TT.Numberz.Six] = new TT.Insanity() },
            });

        public override Task TestOneway(int secondsToSleep, ServerCallContext context)
        {
            Oneway = secondsToSleep;
            return Task.CompletedTask;
        }
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task ThriftTest_client_and_server_base_speak_the_cross_test_contract(ThriftProtocolKind kind)
    {
        var server = new ThriftTestImpl();
        var client = new TT.ThriftTest.ThriftTestClient(new LoopbackInvoker(server.BindService(), kind));
        Assert.Equal(-1, await client.TestI32Async(-1));
        Assert.Equal("x", (await client.TestMultiExceptionAsync("ok", "x")).StringThing);
        Assert.Equal(1001, (await Assert.ThrowsAsync<TT.Xception>(() => client.TestMultiExceptionAsync("Xception", "x"))).ErrorCode);
        var x2 = await Assert.ThrowsAsync<TT.Xception2>(() => client.TestMultiExceptionAsync("Xception2", "x"));
        Assert.Equal("This is an Xception2", x2.StructThing!.StringThing);
        var insanity = new TT.Insanity { UserMap = new() { [TT.Numberz.Five] = 5 }, Xtructs = [] };
        var crazy = await client.TestInsanityAsync(insanity);
        Assert.Equal(insanity, crazy[1][TT.Numberz.Three]);
        Assert.Equal(new TT.Insanity(), crazy[2][TT.Numberz.Six]);
        await client.TestOnewayAsync(3);
        Assert.Equal(3, server.Oneway);
        Assert.Equal(StatusCode.Unimplemented, (await Assert.ThrowsAsync<RpcException>(() => client.TestVoidAsync())).StatusCode);
    }

    [Fact]
    public void Method_marshallers_encode_the_args_struct_in_the_compact_protocol()
    {
        var args = new Calculator.move_args { P = new Point { X = 1 }, Dx = 2, Options = "o", Context = 3 };
        var output = new ArrayBufferWriter<byte>();
        Calculator.MoveMethod.RequestMarshaller.Serialize(args, output);
        Assert.Equal(args, Calculator.MoveMethod.RequestMarshaller.Deserialize(new ReadOnlySequence<byte>(output.WrittenMemory)));
        Assert.Equal(args, ThriftWire.Read<Calculator.move_args>(output.WrittenSpan.ToArray(), ThriftProtocolKind.Compact));
    }
}
