namespace Steward.Rpc;

/// <summary>
/// Starts calls. A transport (gRPC over HTTP/2, Thrift over TCP, …) implements this; generated
/// client stubs call only through it, so one stub works over any transport that can carry its messages.
/// </summary>
public abstract class CallInvoker
{
    /// <summary>Starts a unary call with one request.</summary>
    public abstract AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
        where TRequest : class where TResponse : class;

    /// <summary>Starts a server-streaming call with one request.</summary>
    public abstract AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
        where TRequest : class where TResponse : class;

    /// <summary>Starts a client-streaming call; requests are written to the returned call's request stream.</summary>
    public abstract AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
        where TRequest : class where TResponse : class;

    /// <summary>Starts a duplex call; requests and responses flow independently.</summary>
    public abstract AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
        where TRequest : class where TResponse : class;
}

/// <summary>Base of every generated client stub.</summary>
public abstract class ClientBase
{
    /// <summary>A stub whose calls all go through <paramref name="callInvoker"/>.</summary>
    protected ClientBase(CallInvoker callInvoker)
    {
        CallInvoker = callInvoker ?? throw new ArgumentNullException(nameof(callInvoker));
    }

    /// <summary>The invoker every call of this stub goes through.</summary>
    public CallInvoker CallInvoker { get; }
}

/// <summary>Helpers the generated stubs use for the async-stream overloads of streaming methods.</summary>
public static class ClientCalls
{
    /// <summary>Client streaming from an <see cref="IAsyncEnumerable{T}"/>: sends every item, completes, returns the response.</summary>
    public static async Task<TResponse> ClientStreamingAsync<TRequest, TResponse>(AsyncClientStreamingCall<TRequest, TResponse> call, IAsyncEnumerable<TRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        using (call)
        {
            await call.RequestStream.WriteAllAsync(requests, cancellationToken).ConfigureAwait(false);
            return await call.ResponseAsync.ConfigureAwait(false);
        }
    }

    /// <summary>Duplex from an <see cref="IAsyncEnumerable{T}"/>: requests are pumped concurrently while responses are yielded.</summary>
    public static async IAsyncEnumerable<TResponse> DuplexStreamingAsync<TRequest, TResponse>(
        AsyncDuplexStreamingCall<TRequest, TResponse> call,
        IAsyncEnumerable<TRequest> requests,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        using (call)
        {
            var pump = call.RequestStream.WriteAllAsync(requests, cancellationToken);
            while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                yield return call.ResponseStream.Current;
            }
            await pump.ConfigureAwait(false);
        }
    }
}
