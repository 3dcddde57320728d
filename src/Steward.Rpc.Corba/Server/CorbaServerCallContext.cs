namespace Steward.Rpc.Corba;

/// <summary>
/// The GIOP side of one server call. GIOP carries no deadline, headers or trailers: <see cref="RequestHeaders"/> is
/// empty and <see cref="Deadline"/> is <see cref="DateTime.MaxValue"/>. The token is cancelled when the client sends
/// CancelRequest for the call or the connection closes.
/// </summary>
public sealed class CorbaServerCallContext : ServerCallContext
{
    private Metadata? _trailers;

    internal CorbaServerCallContext(IMethod method, byte[] objectKey, string operation, uint requestId, GiopVersion version, string peer, CancellationToken cancellationToken)
    {
        MethodInfo = method;
        ObjectKey = objectKey;
        Operation = operation;
        RequestId = requestId;
        GiopVersion = version;
        Peer = peer;
        CancellationToken = cancellationToken;
        Status = Status.DefaultSuccess;
    }

    /// <summary>The method being called.</summary>
    public IMethod MethodInfo { get; }
    /// <summary>The object key the request named (what a default servant serves).</summary>
    public byte[] ObjectKey { get; }
    /// <summary>The operation name as sent.</summary>
    public string Operation { get; }
    /// <summary>The request id.</summary>
    public uint RequestId { get; }
    /// <summary>The GIOP version of the request.</summary>
    public GiopVersion GiopVersion { get; }
    /// <summary>The core's method name, <c>/Service/operation</c>.</summary>
    public override string Method => MethodInfo.FullName;
    /// <inheritdoc />
    public override string Peer { get; }
    /// <summary>Always <see cref="DateTime.MaxValue"/>: GIOP carries no deadline.</summary>
    public override DateTime Deadline => DateTime.MaxValue;
    /// <summary>Always empty: GIOP has no request headers (service contexts are not exposed).</summary>
    public override Metadata RequestHeaders { get; } = new();
    /// <inheritdoc />
    public override CancellationToken CancellationToken { get; }
    /// <summary>Accepted for the call model's sake but never sent: GIOP has no trailers.</summary>
    public override Metadata ResponseTrailers => _trailers ??= new Metadata();
    /// <summary>A non-OK status set by a handler that returns normally is answered like a thrown RpcException.</summary>
    public override Status Status { get; set; }
    /// <summary>Always <c>corba</c>.</summary>
    public override string Protocol => "corba";

    /// <summary>GIOP has no response headers; this completes without sending anything.</summary>
    public override Task WriteResponseHeadersAsync(Metadata responseHeaders) => Task.CompletedTask;
}
