namespace Steward.Rpc.Tests;

/// <summary>The base of the unary-only protocols' invokers (Thrift, Ice): what it refuses and how a call's status reads.</summary>
public sealed class UnaryCallInvokerTests
{
    private static readonly Marshaller<string> Text = Marshallers.Create<string>((_, _) => { }, _ => "");
    private static readonly Method<string, string> Unary = new(MethodType.Unary, "s.S", "Unary", Text, Text);
    private static readonly Method<string, string> Duplex = new(MethodType.DuplexStreaming, "s.S", "Duplex", Text, Text);

    /// <summary>Answers "echo" calls with their request, fails "fail" with NotFound, and has no codec for "nocodec".</summary>
    private sealed class EchoInvoker() : UnaryCallInvoker("Toy")
    {
        public int Calls { get; private set; }

        protected override Task<TResponse> CallAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
        {
            Calls++;
            return request switch
            {
                "fail" => Task.FromException<TResponse>(new RpcException(new Status(StatusCode.NotFound, "gone"))),
                "nocodec" => Task.FromException<TResponse>(NoCodec(method)),
                _ => Task.FromResult((TResponse)(object)request),
            };
        }
    }

    [Fact]
    public async Task A_unary_call_reaches_the_protocol_and_its_status_reads_ok_with_no_headers_or_trailers()
    {
        var invoker = new EchoInvoker();
        using var call = invoker.AsyncUnaryCall(Unary, "hi", default);
        Assert.Equal("hi", await call.ResponseAsync);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Empty(await call.ResponseHeadersAsync);
        Assert.Empty(call.GetTrailers());
    }

    [Fact]
    public async Task A_failed_call_reports_the_rpc_exceptions_status()
    {
        using var call = new EchoInvoker().AsyncUnaryCall(Unary, "fail", default);
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Equal(StatusCode.NotFound, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task A_method_without_the_protocols_codec_gets_unimplemented_naming_the_protocol()
    {
        using var call = new EchoInvoker().AsyncUnaryCall(Unary, "nocodec", default);
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Equal("Method /s.S/Unary has no Toy codec in Method.Codecs, so it cannot be called over Toy.", ex.Status.Detail);
    }

    [Fact]
    public async Task Streaming_kinds_are_refused_with_unimplemented_and_never_reach_the_protocol()
    {
        var invoker = new EchoInvoker();
        var ex = Assert.Throws<RpcException>(() => invoker.AsyncDuplexStreamingCall(Duplex, default));
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Equal("Toy carries unary calls only; /s.S/Duplex is DuplexStreaming.", ex.Status.Detail);
        Assert.Throws<RpcException>(() => invoker.AsyncServerStreamingCall(Duplex, "x", default));
        Assert.Throws<RpcException>(() => invoker.AsyncClientStreamingCall(Duplex, default));
        using var mismatched = invoker.AsyncUnaryCall(Duplex, "x", default);
        Assert.Equal(StatusCode.Unimplemented, (await Assert.ThrowsAsync<RpcException>(() => mismatched.ResponseAsync)).StatusCode);
        Assert.Equal(0, invoker.Calls);
    }
}

/// <summary>The server-side base of the unary-only protocols: unary methods become handlers, streaming ones none.</summary>
public sealed class UnaryServerMethodVisitorTests
{
    private static readonly Marshaller<string> Text = Marshallers.Create<string>((_, _) => { }, _ => "");

    private sealed class NameVisitor : UnaryServerMethodVisitor<string>
    {
        public override string? VisitUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler) =>
            "unary:" + method.Name;
    }

    [Fact]
    public void Unary_methods_get_a_handler_and_streaming_methods_get_none()
    {
        var service = ServiceDefinition.CreateBuilder("s.S")
            .AddMethod(new Method<string, string>(MethodType.Unary, "s.S", "One", Text, Text), new UnaryServerMethod<string, string>((request, _) => Task.FromResult(request)))
            .AddMethod(new Method<string, string>(MethodType.ServerStreaming, "s.S", "Many", Text, Text), new ServerStreamingServerMethod<string, string>((_, _, _) => Task.CompletedTask))
            .AddMethod(new Method<string, string>(MethodType.ClientStreaming, "s.S", "Up", Text, Text), new ClientStreamingServerMethod<string, string>((_, _) => Task.FromResult("")))
            .AddMethod(new Method<string, string>(MethodType.DuplexStreaming, "s.S", "Both", Text, Text), new DuplexStreamingServerMethod<string, string>((_, _, _) => Task.CompletedTask))
            .Build();

        var handlers = new ServiceRegistry([service]).Bind(new NameVisitor());

        Assert.Equal("unary:One", handlers["/s.S/One"]);
        Assert.Null(handlers["/s.S/Many"]);
        Assert.Null(handlers["/s.S/Up"]);
        Assert.Null(handlers["/s.S/Both"]);
    }
}
