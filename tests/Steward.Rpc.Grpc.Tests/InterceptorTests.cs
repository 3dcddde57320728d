namespace Steward.Rpc.Grpc.Tests;

public sealed class InterceptorTests
{
    private sealed class StampServer : Interceptor
    {
        public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            var response = await continuation(request, context);
            context.ResponseTrailers.Add("x-stamp", "server saw " + (context.RequestHeaders.GetValue("x-client") ?? "nothing"));
            return response;
        }
    }

    private sealed class StampClient : Interceptor
    {
        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, UnaryCallContinuation<TRequest, TResponse> continuation)
        {
            var headers = context.Options.Headers ?? new Metadata();
            headers.Add("x-client", "stamped");
            return continuation(request, context.WithOptions(context.Options.WithHeaders(headers)));
        }
    }

    [Fact]
    public async Task Client_and_server_interceptors_run_around_a_real_call()
    {
        await using var server = await TestServer.StartAsync(o => o.Interceptors.Add(new StampServer()));
        var options = new GrpcChannelOptions();
        options.Interceptors.Add(new StampClient());
        using var channel = server.CreateChannel(options);
        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, "x", new CallOptions());
        Assert.Equal("x", await call);
        Assert.Equal("server saw stamped", call.GetTrailers().GetValue("x-stamp"));
    }
}
