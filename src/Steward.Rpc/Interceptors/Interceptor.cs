namespace Steward.Rpc;

/// <summary>The method and options of a client call, as an interceptor sees (and may replace) them.</summary>
public readonly struct ClientInterceptorContext<TRequest, TResponse>
    where TRequest : class where TResponse : class
{
    public ClientInterceptorContext(Method<TRequest, TResponse> method, CallOptions options)
    {
        Method = method;
        Options = options;
    }

    public Method<TRequest, TResponse> Method { get; }
    public CallOptions Options { get; }
    public ClientInterceptorContext<TRequest, TResponse> WithOptions(CallOptions options) => new(Method, options);
}

public delegate AsyncUnaryCall<TResponse> UnaryCallContinuation<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context)
    where TRequest : class where TResponse : class;
public delegate AsyncServerStreamingCall<TResponse> ServerStreamingCallContinuation<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context)
    where TRequest : class where TResponse : class;
public delegate AsyncClientStreamingCall<TRequest, TResponse> ClientStreamingCallContinuation<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
    where TRequest : class where TResponse : class;
public delegate AsyncDuplexStreamingCall<TRequest, TResponse> DuplexStreamingCallContinuation<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
    where TRequest : class where TResponse : class;

/// <summary>
/// Intercepts calls on either side. Override the members for the call kinds you care about; the defaults pass through.
/// Client side: wrap a <see cref="CallInvoker"/> with <see cref="CallInvokerExtensions.Intercept"/>.
/// Server side: add to the server options' interceptor list; the dispatcher wraps every handler with it.
/// </summary>
public abstract class Interceptor
{
    public virtual AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, UnaryCallContinuation<TRequest, TResponse> continuation)
        where TRequest : class where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(request, context);
    }

    public virtual AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, ServerStreamingCallContinuation<TRequest, TResponse> continuation)
        where TRequest : class where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(request, context);
    }

    public virtual AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, ClientStreamingCallContinuation<TRequest, TResponse> continuation)
        where TRequest : class where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(context);
    }

    public virtual AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, DuplexStreamingCallContinuation<TRequest, TResponse> continuation)
        where TRequest : class where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(context);
    }

    public virtual Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        where TRequest : class where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(request, context);
    }

    public virtual Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
        where TRequest : class where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(requestStream, context);
    }

    public virtual Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
        where TRequest : class where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(request, responseStream, context);
    }

    public virtual Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
        where TRequest : class where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(requestStream, responseStream, context);
    }
}
