namespace Steward.Rpc.Ice.Tests.Server;

public sealed class InterceptorTests
{
    /// <summary>Lets calls through only with a "token: let-me-in" context entry, and records what it saw.</summary>
    private sealed class Gatekeeper : Interceptor
    {
        public List<string> Seen { get; } = [];

        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            var ice = Assert.IsType<IceServerCallContext>(context);
            lock (Seen)
            {
                Seen.Add($"{context.Protocol} {context.Method} {ice.Identity}");
            }
            return context.RequestHeaders.GetValue("token") == "let-me-in"
                ? continuation(request, context)
                : throw new RpcException(new Status(StatusCode.Unauthenticated, "no token"));
        }
    }

    [Fact]
    public async Task Server_interceptors_see_every_Ice_call_with_its_context()
    {
        var gatekeeper = new Gatekeeper();
        await using var host = await IceTestHost.StartAsync(core: o => o.Interceptors.Add(gatekeeper));
        using var channel = host.CreateChannel();
        var invoker = channel.CreateCallInvoker();
        var token = TestContext.Current.CancellationToken;

        var denied = await Assert.ThrowsAsync<IceUnknownLocalException>(async () =>
            await invoker.AsyncUnaryCall(CalcService.Echo, "x", new CallOptions(cancellationToken: token)));
        Assert.Equal("Unauthenticated: no token", denied.Unknown);
        Assert.Equal("ok", await invoker.AsyncUnaryCall(CalcService.Echo, "ok", new CallOptions(new Metadata { { "token", "let-me-in" } }, cancellationToken: token)));
        Assert.Equal(["ice /Test.Calc/echo calc", "ice /Test.Calc/echo calc"], gatekeeper.Seen);
    }
}
