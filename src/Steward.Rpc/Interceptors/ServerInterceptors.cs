namespace Steward.Rpc;

/// <summary>Wraps the handlers of bound methods with server interceptors (done once at start-up, not per call).</summary>
public static class ServerInterceptors
{
    /// <summary>Returns the definition with its handler wrapped; the first interceptor listed runs first.</summary>
    public static ServerMethodDefinition Intercept(this ServerMethodDefinition definition, IReadOnlyList<Interceptor> interceptors)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(interceptors);
        for (var i = interceptors.Count - 1; i >= 0; i--)
        {
            definition = definition.Accept(new Wrapper(interceptors[i]));
        }
        return definition;
    }

    private sealed class Wrapper(Interceptor interceptor) : IServerMethodVisitor<ServerMethodDefinition>
    {
        public ServerMethodDefinition VisitUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class =>
            ServerMethodDefinition.Create(method, (UnaryServerMethod<TRequest, TResponse>)((r, c) => interceptor.UnaryServerHandler(r, c, handler)));

        public ServerMethodDefinition VisitClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class =>
            ServerMethodDefinition.Create(method, (ClientStreamingServerMethod<TRequest, TResponse>)((s, c) => interceptor.ClientStreamingServerHandler(s, c, handler)));

        public ServerMethodDefinition VisitServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class =>
            ServerMethodDefinition.Create(method, (ServerStreamingServerMethod<TRequest, TResponse>)((r, w, c) => interceptor.ServerStreamingServerHandler(r, w, c, handler)));

        public ServerMethodDefinition VisitDuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class =>
            ServerMethodDefinition.Create(method, (DuplexStreamingServerMethod<TRequest, TResponse>)((s, w, c) => interceptor.DuplexStreamingServerHandler(s, w, c, handler)));
    }
}
