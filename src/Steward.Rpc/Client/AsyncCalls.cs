using System.Runtime.CompilerServices;

namespace Steward.Rpc;

/// <summary>A unary call in flight; <c>await</c> it for the response.</summary>
public sealed class AsyncUnaryCall<TResponse> : IDisposable
{
    private readonly IClientCallState _state;

    /// <summary>Wraps a call a transport has started; <paramref name="state"/> answers for its headers, status and trailers.</summary>
    public AsyncUnaryCall(Task<TResponse> responseAsync, IClientCallState state)
    {
        ResponseAsync = responseAsync;
        _state = state;
    }

    /// <summary>Completes with the response, or faults with <see cref="RpcException"/> when the call fails.</summary>
    public Task<TResponse> ResponseAsync { get; }
    /// <summary>Completes with the response headers once they arrive (empty for protocols that carry none).</summary>
    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersAsync;
    /// <summary>The call's final status; throws <see cref="InvalidOperationException"/> while the call is still running.</summary>
    public Status GetStatus() => _state.GetStatus();
    /// <summary>The response trailers; throws <see cref="InvalidOperationException"/> while the call is still running.</summary>
    public Metadata GetTrailers() => _state.GetTrailers();
    /// <summary>Lets the call be awaited directly for its response.</summary>
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
    /// <summary>Cancels the call if it is still running and releases what it holds.</summary>
    public void Dispose() => _state.Dispose();
}

/// <summary>A server-streaming call; enumerate it (or <see cref="ResponseStream"/>) for the responses.</summary>
public sealed class AsyncServerStreamingCall<TResponse> : IAsyncEnumerable<TResponse>, IDisposable
{
    private readonly IClientCallState _state;

    /// <summary>Wraps a call a transport has started; <paramref name="state"/> answers for its headers, status and trailers.</summary>
    public AsyncServerStreamingCall(IAsyncStreamReader<TResponse> responseStream, IClientCallState state)
    {
        ResponseStream = responseStream;
        _state = state;
    }

    /// <summary>The responses as they arrive.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; }
    /// <summary>Completes with the response headers once they arrive (empty for protocols that carry none).</summary>
    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersAsync;
    /// <summary>The call's final status; throws <see cref="InvalidOperationException"/> while the call is still running.</summary>
    public Status GetStatus() => _state.GetStatus();
    /// <summary>The response trailers; throws <see cref="InvalidOperationException"/> while the call is still running.</summary>
    public Metadata GetTrailers() => _state.GetTrailers();
    /// <summary>Cancels the call if it is still running and releases what it holds.</summary>
    public void Dispose() => _state.Dispose();

    /// <summary>Enumerates the responses with <c>await foreach</c>.</summary>
    public IAsyncEnumerator<TResponse> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ResponseStream.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
}

/// <summary>A client-streaming call: write to <see cref="RequestStream"/>, complete it, then await the response.</summary>
public sealed class AsyncClientStreamingCall<TRequest, TResponse> : IDisposable
{
    private readonly IClientCallState _state;

    /// <summary>Wraps a call a transport has started; <paramref name="state"/> answers for its headers, status and trailers.</summary>
    public AsyncClientStreamingCall(IClientStreamWriter<TRequest> requestStream, Task<TResponse> responseAsync, IClientCallState state)
    {
        RequestStream = requestStream;
        ResponseAsync = responseAsync;
        _state = state;
    }

    /// <summary>Where requests are written; complete it to tell the server no more are coming.</summary>
    public IClientStreamWriter<TRequest> RequestStream { get; }
    /// <summary>Completes with the response, or faults with <see cref="RpcException"/> when the call fails.</summary>
    public Task<TResponse> ResponseAsync { get; }
    /// <summary>Completes with the response headers once they arrive (empty for protocols that carry none).</summary>
    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersAsync;
    /// <summary>The call's final status; throws <see cref="InvalidOperationException"/> while the call is still running.</summary>
    public Status GetStatus() => _state.GetStatus();
    /// <summary>The response trailers; throws <see cref="InvalidOperationException"/> while the call is still running.</summary>
    public Metadata GetTrailers() => _state.GetTrailers();
    /// <summary>Lets the call be awaited directly for its response.</summary>
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
    /// <summary>Cancels the call if it is still running and releases what it holds.</summary>
    public void Dispose() => _state.Dispose();
}

/// <summary>A bidirectional call: write requests and read responses independently.</summary>
public sealed class AsyncDuplexStreamingCall<TRequest, TResponse> : IAsyncEnumerable<TResponse>, IDisposable
{
    private readonly IClientCallState _state;

    /// <summary>Wraps a call a transport has started; <paramref name="state"/> answers for its headers, status and trailers.</summary>
    public AsyncDuplexStreamingCall(IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream, IClientCallState state)
    {
        RequestStream = requestStream;
        ResponseStream = responseStream;
        _state = state;
    }

    /// <summary>Where requests are written; complete it to tell the server no more are coming.</summary>
    public IClientStreamWriter<TRequest> RequestStream { get; }
    /// <summary>The responses as they arrive.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; }
    /// <summary>Completes with the response headers once they arrive (empty for protocols that carry none).</summary>
    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersAsync;
    /// <summary>The call's final status; throws <see cref="InvalidOperationException"/> while the call is still running.</summary>
    public Status GetStatus() => _state.GetStatus();
    /// <summary>The response trailers; throws <see cref="InvalidOperationException"/> while the call is still running.</summary>
    public Metadata GetTrailers() => _state.GetTrailers();
    /// <summary>Cancels the call if it is still running and releases what it holds.</summary>
    public void Dispose() => _state.Dispose();

    /// <summary>Enumerates the responses with <c>await foreach</c>.</summary>
    public IAsyncEnumerator<TResponse> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ResponseStream.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
}
