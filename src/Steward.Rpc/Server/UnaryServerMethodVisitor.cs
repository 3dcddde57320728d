namespace Steward.Rpc;

/// <summary>
/// The server-side counterpart of <see cref="UnaryCallInvoker"/>: a protocol that carries unary calls only
/// (Thrift, Ice, GIOP) turns the registry's unary methods into its handlers and passes over the streaming
/// ones, which it cannot carry (<see cref="ServiceRegistry.Bind{THandler}"/> then has a null for them).
/// </summary>
/// <typeparam name="THandler">The protocol's handler type.</typeparam>
public abstract class UnaryServerMethodVisitor<THandler> : IServerMethodVisitor<THandler?>
    where THandler : class
{
    /// <summary>The protocol's handler for a unary method, or null when the method lacks the protocol's codec.</summary>
    public abstract THandler? VisitUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
        where TRequest : class where TResponse : class;

    /// <summary>Null: the protocol has no client streams.</summary>
    public THandler? VisitClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class where TResponse : class => null;

    /// <summary>Null: the protocol has no server streams.</summary>
    public THandler? VisitServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class where TResponse : class => null;

    /// <summary>Null: the protocol has no duplex streams.</summary>
    public THandler? VisitDuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class where TResponse : class => null;
}
