namespace Steward.Rpc.Grpc;

/// <summary>Gives the handler the request stream and the response stream at once.</summary>
internal sealed class DuplexStreamingHandler<TRequest, TResponse>(GrpcServerRuntime runtime, Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
    : GrpcMethodHandler(runtime, method) where TRequest : class where TResponse : class
{
    protected override Task RunAsync(GrpcServerCallContext context) =>
        handler(new RequestStreamReader<TRequest>(context, method.RequestMarshaller), new ResponseStreamWriter<TResponse>(context, method.ResponseMarshaller), context);
}
