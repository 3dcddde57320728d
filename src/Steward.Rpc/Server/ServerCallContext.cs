namespace Steward.Rpc;

/// <summary>What a service method sees of its call: headers, deadline, cancellation, and how to answer.</summary>
public abstract class ServerCallContext
{
    /// <summary>The method's full name as the protocol names it (<c>/pkg.Service/Method</c> for gRPC).</summary>
    public abstract string Method { get; }
    /// <summary>The peer's address, e.g. <c>ipv4:127.0.0.1:5000</c>.</summary>
    public abstract string Peer { get; }
    /// <summary>UTC deadline of the call; <see cref="DateTime.MaxValue"/> when none.</summary>
    public abstract DateTime Deadline { get; }
    /// <summary>The request headers the client sent (empty for protocols that carry none).</summary>
    public abstract Metadata RequestHeaders { get; }
    /// <summary>Signalled when the client cancels, the deadline passes or the connection drops.</summary>
    public abstract CancellationToken CancellationToken { get; }
    /// <summary>Trailers sent with the status when the call ends; the protocol may refuse entries its wire cannot carry.</summary>
    public abstract Metadata ResponseTrailers { get; }
    /// <summary>Status to send when the handler returns normally (throw <see cref="RpcException"/> for errors).</summary>
    public abstract Status Status { get; set; }
    /// <summary>The wire protocol the call came in on: <c>grpc</c>, <c>thrift</c>, <c>ice</c>, <c>iiop</c>.</summary>
    public virtual string Protocol => "";
    /// <summary>Per-call state for interceptors.</summary>
    public IDictionary<object, object> UserState => _userState ??= new Dictionary<object, object>();

    private Dictionary<object, object>? _userState;

    /// <summary>Sends the response headers now (otherwise they go with the first message or the status).</summary>
    public abstract Task WriteResponseHeadersAsync(Metadata responseHeaders);
}
