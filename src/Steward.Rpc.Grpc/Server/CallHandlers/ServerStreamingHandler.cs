namespace Steward.Rpc.Grpc;

/// <summary>Reads exactly one request and lets the handler write any number of responses.</summary>
internal sealed class ServerStreamingHandler<TRequest, TResponse>(GrpcServerRuntime runtime, Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
    : GrpcMethodHandler(runtime, method) where TRequest : class where TResponse : class
{
    protected override async Task RunAsync(GrpcServerCallContext context)
    {
        var request = await context.ReadSingleMessageAsync(method.RequestMarshaller).ConfigureAwait(false);
        await handler(request, new ResponseStreamWriter<TResponse>(context, method.ResponseMarshaller), context).ConfigureAwait(false);
    }
}
