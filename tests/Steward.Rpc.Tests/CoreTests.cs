using System.Buffers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Steward.Rpc.Tests;

public sealed class CoreTests
{
    private static readonly Marshaller<string> Utf8 = Marshallers.Create<string>((s, w) => w.Write(Encoding.UTF8.GetBytes(s)), seq => Encoding.UTF8.GetString(seq.ToArray()));
    private static readonly Method<string, string> Hello = new(MethodType.Unary, "demo.Greeter", "SayHello", Utf8, Utf8);
    private static readonly Method<string, string> Stream = new(MethodType.ServerStreaming, "demo.Greeter", "Stream", Utf8, Utf8);

    private sealed class Tagging(string tag, List<string> log) : Interceptor
    {
        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            log.Add(tag);
            return base.UnaryServerHandler(request, context, continuation);
        }

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, UnaryCallContinuation<TRequest, TResponse> continuation)
        {
            log.Add(tag);
            var headers = context.Options.Headers ?? new Metadata();
            headers.Add("x-" + tag, "1");
            return continuation(request, context.WithOptions(context.Options.WithHeaders(headers)));
        }
    }

    /// <summary>A call invoker that answers from a handler in-process, to see what interceptors hand down.</summary>
    private sealed class RecordingInvoker : CallInvoker
    {
        public Metadata? LastHeaders { get; private set; }

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
        {
            LastHeaders = options.Headers;
            return new AsyncUnaryCall<TResponse>(Task.FromResult((TResponse)(object)("re:" + request)), new DoneState());
        }

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options) => throw new NotSupportedException();
        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options) => throw new NotSupportedException();
        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options) => throw new NotSupportedException();

        private sealed class DoneState : IClientCallState
        {
            public Task<Metadata> ResponseHeadersAsync => Task.FromResult(new Metadata());
            public Status GetStatus() => Status.DefaultSuccess;
            public Metadata GetTrailers() => new();
            public void Dispose() { }
        }
    }

    [Fact]
    public async Task Client_interceptors_run_in_listed_order_and_can_add_headers()
    {
        var log = new List<string>();
        var inner = new RecordingInvoker();
        var invoker = inner.Intercept(new Tagging("a", log), new Tagging("b", log));
        var reply = await invoker.AsyncUnaryCall(Hello, "x", new CallOptions());
        Assert.Equal("re:x", reply);
        Assert.Equal(["a", "b"], log);
        Assert.Equal("1", inner.LastHeaders!.GetValue("x-a"));
        Assert.Equal("1", inner.LastHeaders!.GetValue("x-b"));
    }

    [Fact]
    public async Task Server_interceptors_wrap_handlers_in_the_registry()
    {
        var log = new List<string>();
        var service = ServiceDefinition.CreateBuilder("demo.Greeter")
            .AddMethod(Hello, (string r, ServerCallContext c) => { log.Add("handler"); return Task.FromResult("hi " + r); })
            .Build();
        var registry = new ServiceRegistry([service], [new Tagging("outer", log), new Tagging("inner", log)]);
        var bound = registry.Bind(new UnaryRunner());
        var reply = await bound["/demo.Greeter/SayHello"]("bob");
        Assert.Equal("hi bob", reply);
        Assert.Equal(["outer", "inner", "handler"], log);
    }

    [Fact]
    public void Registry_finds_methods_by_full_name_and_rejects_duplicates()
    {
        var service = ServiceDefinition.CreateBuilder("demo.Greeter")
            .AddMethod(Hello, (string r, ServerCallContext c) => Task.FromResult(r))
            .AddMethod(Stream, (string r, IServerStreamWriter<string> w, ServerCallContext c) => Task.CompletedTask)
            .Build();
        var registry = new ServiceRegistry([service]);
        Assert.True(registry.ContainsService("demo.Greeter"));
        Assert.False(registry.ContainsService("demo.Other"));
        Assert.Equal(MethodType.ServerStreaming, registry.FindMethod("/demo.Greeter/Stream")!.Method.Type);
        Assert.Null(registry.FindMethod("/demo.Greeter/Nope"));
        Assert.Throws<InvalidOperationException>(() => new ServiceRegistry([service, service]));
    }

    [Fact]
    public async Task Bounded_gate_admits_at_most_the_limit()
    {
        using var gate = new CallGate(DispatchMode.BoundedPerConnection, 2);
        var first = await gate.EnterAsync(CancellationToken.None);
        var second = await gate.EnterAsync(CancellationToken.None);
        var third = gate.EnterAsync(CancellationToken.None);
        Assert.False(third.IsCompleted);
        first.Dispose();
        (await third).Dispose();
        second.Dispose();
    }

    [Fact]
    public void AddSteward_builds_a_registry_from_added_services_and_options()
    {
        var services = new ServiceCollection();
        services.AddSteward(o => o.Dispatch = DispatchMode.ThreadPool)
            .AddService(ServiceDefinition.CreateBuilder("demo.Greeter").AddMethod(Hello, (string r, ServerCallContext c) => Task.FromResult(r)).Build());
        using var sp = services.BuildServiceProvider();
        var registry = sp.GetRequiredService<ServiceRegistry>();
        Assert.NotNull(registry.FindMethod("/demo.Greeter/SayHello"));
        Assert.Equal(DispatchMode.ThreadPool, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<StewardServerOptions>>().Value.Dispatch);
    }

    private sealed class UnaryRunner : IServerMethodVisitor<Func<string, Task<string>>>
    {
        public Func<string, Task<string>> VisitUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class =>
            async r => (string)(object)await handler((TRequest)(object)r, null!);
        public Func<string, Task<string>> VisitClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class => _ => throw new NotSupportedException();
        public Func<string, Task<string>> VisitServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class => _ => throw new NotSupportedException();
        public Func<string, Task<string>> VisitDuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class => _ => throw new NotSupportedException();
    }
}
