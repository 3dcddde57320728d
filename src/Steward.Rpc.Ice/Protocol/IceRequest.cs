namespace Steward.Rpc.Ice;

/// <summary>
/// One request as carried by a Request message (or one entry of a BatchRequest, whose entries have no id):
/// the target identity and facet, the operation, its mode, the request context and the parameters'
/// encapsulation (header included, still encoded).
/// </summary>
public sealed record IceRequest(
    int RequestId,
    IceIdentity Identity,
    string Facet,
    string Operation,
    IceOperationMode Mode,
    IReadOnlyList<KeyValuePair<string, string>> Context,
    ReadOnlyMemory<byte> Encapsulation)
{
    /// <summary>True for a oneway or batched request: nothing is sent back.</summary>
    public bool IsOneway => RequestId == 0;

    /// <summary>The encoding of the parameters' encapsulation (the reply uses the same one).</summary>
    public (byte Major, byte Minor) Encoding => Encapsulation.Length >= 6
        ? (Encapsulation.Span[4], Encapsulation.Span[5])
        : ((byte)1, (byte)1);
}

/// <summary>One reply as carried by a Reply message; which members are set depends on <see cref="Status"/>.</summary>
public sealed record IceReply(int RequestId, IceReplyStatus Status)
{
    /// <summary>For <see cref="IceReplyStatus.Ok"/> and <see cref="IceReplyStatus.UserException"/>: the encapsulation, header included.</summary>
    public ReadOnlyMemory<byte> Encapsulation { get; init; }
    /// <summary>For the three "not exist" statuses: the identity the request named.</summary>
    public IceIdentity Identity { get; init; }
    /// <summary>For the three "not exist" statuses: the facet the request named.</summary>
    public string Facet { get; init; } = "";
    /// <summary>For the three "not exist" statuses: the operation the request named.</summary>
    public string Operation { get; init; } = "";
    /// <summary>For the three "unknown" statuses: the text describing the failure.</summary>
    public string Message { get; init; } = "";
}
