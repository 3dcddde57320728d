namespace Steward.Rpc;

/// <summary>A call invoker that runs every call through one interceptor before the inner invoker.</summary>
public sealed class InterceptingCallInvoker : CallInvoker
{
    private readonly CallInvoker _inner;
    private readonly Interceptor _interceptor;

    /// <summary>Runs calls through <paramref name="interceptor"/>, then <paramref name="inner"/>.</summary>
    public InterceptingCallInvoker(CallInvoker inner, Interceptor interceptor)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _interceptor = interceptor ?? throw new ArgumentNullException(nameof(interceptor));
    }

    /// <inheritdoc />
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options) =>
        _interceptor.AsyncUnaryCall(request, new ClientInterceptorContext<TRequest, TResponse>(method, options),
            (r, c) => _inner.AsyncUnaryCall(c.Method, r, c.Options));

    /// <inheritdoc />
    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options) =>
        _interceptor.AsyncServerStreamingCall(request, new ClientInterceptorContext<TRequest, TResponse>(method, options),
            (r, c) => _inner.AsyncServerStreamingCall(c.Method, r, c.Options));

    /// <inheritdoc />
    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options) =>
        _interceptor.AsyncClientStreamingCall(new ClientInterceptorContext<TRequest, TResponse>(method, options),
            c => _inner.AsyncClientStreamingCall(c.Method, c.Options));

    /// <inheritdoc />
    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options) =>
        _interceptor.AsyncDuplexStreamingCall(new ClientInterceptorContext<TRequest, TResponse>(method, options),
            c => _inner.AsyncDuplexStreamingCall(c.Method, c.Options));
}

/// <summary>Client-side interception of any call invoker.</summary>
public static class CallInvokerExtensions
{
    /// <summary>Wraps the invoker so calls pass through the interceptors; the first one listed runs first.</summary>
    public static CallInvoker Intercept(this CallInvoker invoker, params Interceptor[] interceptors)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(interceptors);
        for (var i = interceptors.Length - 1; i >= 0; i--)
        {
            invoker = new InterceptingCallInvoker(invoker, interceptors[i]);
        }
        return invoker;
    }
}
