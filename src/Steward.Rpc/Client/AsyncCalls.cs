using System.Runtime.CompilerServices;

namespace Steward.Rpc;

/// <summary>A unary call in flight; <c>await</c> it for the response.</summary>
public sealed class AsyncUnaryCall<TResponse> : IDisposable
{
    private readonly IClientCallState _state;

    public AsyncUnaryCall(Task<TResponse> responseAsync, IClientCallState state)
    {
        ResponseAsync = responseAsync;
        _state = state;
    }

    public Task<TResponse> ResponseAsync { get; }
    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersAsync;
    public Status GetStatus() => _state.GetStatus();
    public Metadata GetTrailers() => _state.GetTrailers();
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
    public void Dispose() => _state.Dispose();
}

/// <summary>A server-streaming call; enumerate it (or <see cref="ResponseStream"/>) for the responses.</summary>
public sealed class AsyncServerStreamingCall<TResponse> : IAsyncEnumerable<TResponse>, IDisposable
{
    private readonly IClientCallState _state;

    public AsyncServerStreamingCall(IAsyncStreamReader<TResponse> responseStream, IClientCallState state)
    {
        ResponseStream = responseStream;
        _state = state;
    }

    public IAsyncStreamReader<TResponse> ResponseStream { get; }
    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersAsync;
    public Status GetStatus() => _state.GetStatus();
    public Metadata GetTrailers() => _state.GetTrailers();
    public void Dispose() => _state.Dispose();

    public IAsyncEnumerator<TResponse> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ResponseStream.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
}

/// <summary>A client-streaming call: write to <see cref="RequestStream"/>, complete it, then await the response.</summary>
public sealed class AsyncClientStreamingCall<TRequest, TResponse> : IDisposable
{
    private readonly IClientCallState _state;

    public AsyncClientStreamingCall(IClientStreamWriter<TRequest> requestStream, Task<TResponse> responseAsync, IClientCallState state)
    {
        RequestStream = requestStream;
        ResponseAsync = responseAsync;
        _state = state;
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }
    public Task<TResponse> ResponseAsync { get; }
    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersAsync;
    public Status GetStatus() => _state.GetStatus();
    public Metadata GetTrailers() => _state.GetTrailers();
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
    public void Dispose() => _state.Dispose();
}

/// <summary>A bidirectional call: write requests and read responses independently.</summary>
public sealed class AsyncDuplexStreamingCall<TRequest, TResponse> : IAsyncEnumerable<TResponse>, IDisposable
{
    private readonly IClientCallState _state;

    public AsyncDuplexStreamingCall(IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream, IClientCallState state)
    {
        RequestStream = requestStream;
        ResponseStream = responseStream;
        _state = state;
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }
    public IAsyncStreamReader<TResponse> ResponseStream { get; }
    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersAsync;
    public Status GetStatus() => _state.GetStatus();
    public Metadata GetTrailers() => _state.GetTrailers();
    public void Dispose() => _state.Dispose();

    public IAsyncEnumerator<TResponse> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ResponseStream.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
}
