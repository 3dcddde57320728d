namespace Steward.Pfcp.Node;

/// <summary>Timers and limits of reliable delivery (3GPP TS 29.244 §6.4).</summary>
public sealed record PfcpEndpointOptions
{
    /// <summary>T1: how long to wait for a response before sending the request again.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>N1: how many times a request is sent again before the peer counts as not answering.</summary>
    public int N1 { get; init; } = 3;

    /// <summary>
    /// How long a response sent stays in the cache that answers a duplicate request. The peer may
    /// retransmit for T1 × (N1 + 1), so the default keeps a response a little longer than that.
    /// </summary>
    public TimeSpan? ResponseCacheLifetime { get; init; }

    /// <summary>Called for each message sent or received (for logs); runs on the receive loop or the sender, so keep it short.</summary>
    public Action<PfcpTrace>? Trace { get; init; }

    internal TimeSpan EffectiveCacheLifetime => ResponseCacheLifetime ?? (T1 * (N1 + 1)) + TimeSpan.FromSeconds(1);

    internal void Validate()
    {
        if (T1 <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(T1), T1, "T1 must be positive");
        }

        if (N1 < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(N1), N1, "N1 cannot be negative");
        }
    }
}
