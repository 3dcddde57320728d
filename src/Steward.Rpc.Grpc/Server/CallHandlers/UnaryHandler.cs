namespace Steward.Rpc.Grpc;

/// <summary>Reads exactly one request, runs the handler and writes its one response unless the deadline passed meanwhile.</summary>
internal sealed class UnaryHandler<TRequest, TResponse>(GrpcServerRuntime runtime, Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
    : GrpcMethodHandler(runtime, method) where TRequest : class where TResponse : class
{
    protected override async Task RunAsync(GrpcServerCallContext context)
    {
        var request = await context.ReadSingleMessageAsync(method.RequestMarshaller).ConfigureAwait(false);
        var response = await handler(request, context).ConfigureAwait(false);
        if (context.DeadlinePassed)
        {
            return;
        }
        context.WriteMessage(response, method.ResponseMarshaller);
    }
}
