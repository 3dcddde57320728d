namespace Steward.Rpc.Thrift;

/// <summary>
/// The Thrift side of one server call. Thrift carries no headers, trailers or deadline: request headers
/// are empty, trailers are kept but not sent, the deadline is none, and the token is cancelled when the
/// connection closes.
/// </summary>
public sealed class ThriftServerCallContext : ServerCallContext
{
    private Metadata? _trailers;

    internal ThriftServerCallContext(IMethod method, string messageName, int sequenceId, string peer, CancellationToken cancellationToken)
    {
        MethodInfo = method;
        MessageName = messageName;
        SequenceId = sequenceId;
        Peer = peer;
        CancellationToken = cancellationToken;
        Status = Status.DefaultSuccess;
    }

    /// <summary>The method being called.</summary>
    public IMethod MethodInfo { get; }
    /// <summary>The name in the message header as received (<c>testI32</c>, or <c>ThriftTest:testI32</c> when multiplexed).</summary>
    public string MessageName { get; }
    /// <summary>The call's sequence id, echoed in the reply.</summary>
    public int SequenceId { get; }
    /// <summary>The core's method name, <c>/Service/method</c>, as for every protocol (the wire name is <see cref="MessageName"/>).</summary>
    public override string Method => MethodInfo.FullName;
    /// <inheritdoc />
    public override string Peer { get; }
    /// <summary>Always <see cref="DateTime.MaxValue"/>: Thrift carries no deadline.</summary>
    public override DateTime Deadline => DateTime.MaxValue;
    /// <summary>Always empty: Thrift's binary, compact and JSON protocols carry no headers.</summary>
    public override Metadata RequestHeaders => Metadata.Empty;
    /// <inheritdoc />
    public override CancellationToken CancellationToken { get; }
    /// <summary>Accepted for the call model's sake but never sent: Thrift has no trailers.</summary>
    public override Metadata ResponseTrailers => _trailers ??= new Metadata();
    /// <summary>A non-OK status set by a handler that returns normally is sent as a TApplicationException, like a thrown RpcException.</summary>
    public override Status Status { get; set; }
    /// <summary>Always <c>thrift</c>.</summary>
    public override string Protocol => "thrift";

    /// <summary>Thrift has no response headers; this completes without sending anything.</summary>
    public override Task WriteResponseHeadersAsync(Metadata responseHeaders) => Task.CompletedTask;
}
