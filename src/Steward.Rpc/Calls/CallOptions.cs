namespace Steward.Rpc;

/// <summary>Per-call settings given to a client stub: headers, deadline, cancellation.</summary>
public readonly struct CallOptions
{
    public CallOptions(Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default, string? compression = null)
    {
        Headers = headers;
        Deadline = deadline;
        CancellationToken = cancellationToken;
        Compression = compression;
    }

    public Metadata? Headers { get; }
    /// <summary>UTC instant after which the call fails with DEADLINE_EXCEEDED; null for none.</summary>
    public DateTime? Deadline { get; }
    public CancellationToken CancellationToken { get; }
    /// <summary>Request compression (e.g. <c>gzip</c>) where the protocol supports it.</summary>
    public string? Compression { get; }

    public CallOptions WithHeaders(Metadata headers) => new(headers, Deadline, CancellationToken, Compression);
    public CallOptions WithDeadline(DateTime deadline) => new(Headers, deadline, CancellationToken, Compression);
    public CallOptions WithTimeout(TimeSpan timeout) => new(Headers, DateTime.UtcNow + timeout, CancellationToken, Compression);
    public CallOptions WithCancellationToken(CancellationToken token) => new(Headers, Deadline, token, Compression);
    public CallOptions WithCompression(string? compression) => new(Headers, Deadline, CancellationToken, compression);
}
