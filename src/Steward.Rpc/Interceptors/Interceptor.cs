namespace Steward.Rpc;

/// <summary>The method and options of a client call, as an interceptor sees (and may replace) them.</summary>
public readonly struct ClientInterceptorContext<TRequest, TResponse>
    where TRequest : class where TResponse : class
{
    /// <summary>The context of a call to <paramref name="method"/> with <paramref name="options"/>.</summary>
    public ClientInterceptorContext(Method<TRequest, TResponse> method, CallOptions options)
    {
        Method = method;
        Options = options;
    }

    /// <summary>The method being called.</summary>
    public Method<TRequest, TResponse> Method { get; }
    /// <summary>The call's options as they stand at this interceptor.</summary>
    public CallOptions Options { get; }
    /// <summary>The same call with other options, to pass on to the continuation.</summary>
    public ClientInterceptorContext<TRequest, TResponse> WithOptions(CallOptions options) => new(Method, options);
}

/// <summary>Starts a unary call with the next interceptor, or the invoker after the last.</summary>
public delegate AsyncUnaryCall<TResponse> UnaryCallContinuation<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context)
    where TRequest : class where TResponse : class;
/// <summary>Starts a server-streaming call with the next interceptor, or the invoker after the last.</summary>
public delegate AsyncServerStreamingCall<TResponse> ServerStreamingCallContinuation<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context)
    where TRequest : class where TResponse : class;
/// <summary>Starts a client-streaming call with the next interceptor, or the invoker after the last.</summary>
public delegate AsyncClientStreamingCall<TRequest, TResponse> ClientStreamingCallContinuation<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
    where TRequest : class where TResponse : class;
/// <summary>Starts a duplex call with the next interceptor, or the invoker after the last.</summary>
public delegate AsyncDuplexStreamingCall<TRequest, TResponse> DuplexStreamingCallContinuation<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
    where TRequest : class where TResponse : class;

/// <summary>
/// Intercepts calls on either side. Override the members for the call kinds you care about; the defaults pass through.
/// Client side: wrap a <see cref="CallInvoker"/> with <see cref="CallInvokerExtensions.Intercept"/>.
/// Server side: add to the server options' interceptor list; the dispatcher wraps every handler with it.
/// </summary>
public abstract class Interceptor
{
    /// <summary>Intercepts a client's unary call; call <paramref name="continuation"/> to go on with it.</summary>
    public virtual AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, UnaryCallContinuation<TRequest, TResponse> continuation)
        where TRequest : class where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(request, context);
    }

    /// <summary>Intercepts a client's server-streaming call; call <paramref name="continuation"/> to go on with it.</summary>
    public virtual AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, ServerStreamingCallContinuation<TRequest, TResponse> continuation)
        where TRequest : class where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(request, context);
    }

    /// <summary>Intercepts a client's client-streaming call; call <paramref name="continuation"/> to go on with it.</summary>
    public virtual AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, ClientStreamingCallContinuation<TRequest, TResponse> continuation)
        where TRequest : class where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(context);
    }

    /// <summary>Intercepts a client's duplex call; call <paramref name="continuation"/> to go on with it.</summary>
    public virtual AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, DuplexStreamingCallContinuation<TRequest, TResponse> continuation)
        where TRequest : class where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(context);
    }

    /// <summary>Intercepts a unary call on the server; <paramref name="continuation"/> runs the next interceptor or the handler.</summary>
    public virtual Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        where TRequest : class where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(request, context);
    }

    /// <summary>Intercepts a client-streaming call on the server; <paramref name="continuation"/> runs the next interceptor or the handler.</summary>
    public virtual Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
        where TRequest : class where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(requestStream, context);
    }

    /// <summary>Intercepts a server-streaming call on the server; <paramref name="continuation"/> runs the next interceptor or the handler.</summary>
    public virtual Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
        where TRequest : class where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(request, responseStream, context);
    }

    /// <summary>Intercepts a duplex call on the server; <paramref name="continuation"/> runs the next interceptor or the handler.</summary>
    public virtual Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
        where TRequest : class where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(requestStream, responseStream, context);
    }
}
