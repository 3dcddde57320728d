namespace Steward.Rpc.Ice;

/// <summary>
/// The Ice side of one server call. The request context arrives as <see cref="RequestHeaders"/> (keys as sent);
/// Ice carries no deadline, response headers or trailers. The token is cancelled when the connection closes.
/// </summary>
public sealed class IceServerCallContext : ServerCallContext
{
    private Metadata? _trailers;

    internal IceServerCallContext(IMethod method, IceRequest request, string peer, Metadata headers, CancellationToken cancellationToken)
    {
        MethodInfo = method;
        Identity = request.Identity;
        Facet = request.Facet;
        Operation = request.Operation;
        Mode = request.Mode;
        RequestId = request.RequestId;
        Peer = peer;
        RequestHeaders = headers;
        CancellationToken = cancellationToken;
        Status = Status.DefaultSuccess;
    }

    /// <summary>The method being called.</summary>
    public IMethod MethodInfo { get; }
    /// <summary>The identity the request names (what a default servant serves).</summary>
    public IceIdentity Identity { get; }
    /// <summary>The facet the request names; empty for the default facet.</summary>
    public string Facet { get; }
    /// <summary>The operation name as sent.</summary>
    public string Operation { get; }
    /// <summary>The mode the caller sent.</summary>
    public IceOperationMode Mode { get; }
    /// <summary>The request id; 0 for a oneway or batched request (no reply is sent).</summary>
    public int RequestId { get; }
    /// <summary>The core's method name, <c>/Service/operation</c>.</summary>
    public override string Method => MethodInfo.FullName;
    /// <inheritdoc />
    public override string Peer { get; }
    /// <summary>Always <see cref="DateTime.MaxValue"/>: Ice carries no deadline.</summary>
    public override DateTime Deadline => DateTime.MaxValue;
    /// <summary>The request context, one entry per key.</summary>
    public override Metadata RequestHeaders { get; }
    /// <inheritdoc />
    public override CancellationToken CancellationToken { get; }
    /// <summary>Accepted for the call model's sake but never sent: Ice has no trailers.</summary>
    public override Metadata ResponseTrailers => _trailers ??= new Metadata();
    /// <summary>A non-OK status set by a handler that returns normally is answered like a thrown RpcException.</summary>
    public override Status Status { get; set; }
    /// <summary>Always <c>ice</c>.</summary>
    public override string Protocol => "ice";

    /// <summary>Ice has no response headers; this completes without sending anything.</summary>
    public override Task WriteResponseHeadersAsync(Metadata responseHeaders) => Task.CompletedTask;
}
