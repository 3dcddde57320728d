namespace Steward.Rpc;

/// <summary>Per-call settings given to a client stub: headers, deadline, cancellation.</summary>
public readonly struct CallOptions
{
    /// <summary>Options with any of the settings; every one left out means none (no headers, no deadline, no cancellation, no compression).</summary>
    public CallOptions(Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default, string? compression = null)
    {
        Headers = headers;
        Deadline = deadline;
        CancellationToken = cancellationToken;
        Compression = compression;
    }

    /// <summary>Request headers sent with the call, or null for none; the protocol checks them against its own grammar when it sends them.</summary>
    public Metadata? Headers { get; }
    /// <summary>UTC instant after which the call fails with DEADLINE_EXCEEDED; null for none.</summary>
    public DateTime? Deadline { get; }
    /// <summary>Cancels the call when signalled; the call then ends with CANCELLED.</summary>
    public CancellationToken CancellationToken { get; }
    /// <summary>Request compression (e.g. <c>gzip</c>) where the protocol supports it.</summary>
    public string? Compression { get; }

    /// <summary>A copy with <paramref name="headers"/> as the request headers.</summary>
    public CallOptions WithHeaders(Metadata headers) => new(headers, Deadline, CancellationToken, Compression);
    /// <summary>A copy that fails with DEADLINE_EXCEEDED after <paramref name="deadline"/>.</summary>
    public CallOptions WithDeadline(DateTime deadline) => new(Headers, deadline, CancellationToken, Compression);
    /// <summary>A copy whose deadline is <paramref name="timeout"/> from now.</summary>
    public CallOptions WithTimeout(TimeSpan timeout) => new(Headers, DateTime.UtcNow + timeout, CancellationToken, Compression);
    /// <summary>A copy cancelled by <paramref name="token"/>.</summary>
    public CallOptions WithCancellationToken(CancellationToken token) => new(Headers, Deadline, token, Compression);
    /// <summary>A copy that compresses requests with <paramref name="compression"/>, or sends them uncompressed when it is null.</summary>
    public CallOptions WithCompression(string? compression) => new(Headers, Deadline, CancellationToken, compression);
}
