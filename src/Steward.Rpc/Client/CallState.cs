namespace Steward.Rpc;

/// <summary>What a transport exposes about a running client call, besides its messages.</summary>
public interface IClientCallState : IDisposable
{
    /// <summary>Completes when the server's response headers arrive (empty metadata for protocols without them).</summary>
    Task<Metadata> ResponseHeadersAsync { get; }
    /// <summary>The final status; valid once the call has finished.</summary>
    Status GetStatus();
    /// <summary>The trailers; valid once the call has finished.</summary>
    Metadata GetTrailers();
}
