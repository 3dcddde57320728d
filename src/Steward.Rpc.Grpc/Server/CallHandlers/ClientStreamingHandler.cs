namespace Steward.Rpc.Grpc;

/// <summary>Gives the handler a reader over the request stream and writes its one response unless the deadline passed meanwhile.</summary>
internal sealed class ClientStreamingHandler<TRequest, TResponse>(GrpcServerRuntime runtime, Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
    : GrpcMethodHandler(runtime, method) where TRequest : class where TResponse : class
{
    protected override async Task RunAsync(GrpcServerCallContext context)
    {
        var response = await handler(new RequestStreamReader<TRequest>(context, method.RequestMarshaller), context).ConfigureAwait(false);
        if (context.DeadlinePassed)
        {
            return;
        }
        context.WriteMessage(response, method.ResponseMarshaller);
    }
}
