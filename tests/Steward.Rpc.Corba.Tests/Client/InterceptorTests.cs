using System.Collections.Concurrent;
using Steward.Rpc.Corba.Tests.Server;

namespace Steward.Rpc.Corba.Tests.Client;

/// <summary>The core's interceptors run around GIOP calls on both sides.</summary>
public sealed class InterceptorTests
{
    private sealed class Recorder(ConcurrentQueue<string> seen, string side) : Interceptor
    {
        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            seen.Enqueue($"{side} {context.Method} {context.Protocol}");
            return continuation(request, context);
        }

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
            UnaryCallContinuation<TRequest, TResponse> continuation)
        {
            seen.Enqueue($"{side} {context.Method.FullName}");
            return continuation(request, context);
        }
    }

    [Fact]
    public async Task Server_and_client_interceptors_see_each_call()
    {
        var seen = new ConcurrentQueue<string>();
        await using var host = await CorbaTestHost.StartAsync(core: o => o.Interceptors.Add(new Recorder(seen, "server")));
        var options = new CorbaChannelOptions();
        options.Interceptors.Add(new Recorder(seen, "client"));
        using var channel = host.CreateChannel(options: options);
        var sum = await channel.CreateCallInvoker().AsyncUnaryCall(CalcService.Add, new AddArgs(1, 2), new CallOptions(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(3, sum.Value);
        Assert.Equal(["client /Test.Calc/add", "server /Test.Calc/add corba"], seen);
    }
}
