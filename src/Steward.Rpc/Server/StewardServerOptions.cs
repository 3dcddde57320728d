namespace Steward.Rpc;

/// <summary>Where a transport runs a call's handler.</summary>
public enum DispatchMode
{
    /// <summary>On the transport's own thread (Kestrel already runs each HTTP/2 stream on the thread pool): least overhead.</summary>
    Inline,
    /// <summary>Queued to the thread pool first, so a handler that blocks synchronously cannot hold up the transport.</summary>
    ThreadPool,
    /// <summary>Inline, but at most <see cref="StewardServerOptions.MaxConcurrentCallsPerConnection"/> handlers per connection; the rest wait.</summary>
    BoundedPerConnection,
}

/// <summary>Server settings shared by every protocol (bound with IOptions from <c>AddSteward</c>).</summary>
public sealed class StewardServerOptions
{
    /// <summary>The default for both message size limits: 4 MiB, as gRPC's.</summary>
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    /// <summary>Where transports run handlers; inline by default.</summary>
    public DispatchMode Dispatch { get; set; } = DispatchMode.Inline;
    /// <summary>The bound for <see cref="DispatchMode.BoundedPerConnection"/>.</summary>
    public int MaxConcurrentCallsPerConnection { get; set; } = 100;
    /// <summary>Server interceptors, applied to every service; the first one listed runs first.</summary>
    public IList<Interceptor> Interceptors { get; } = new List<Interceptor>();
    /// <summary>Largest request message accepted (after decompression); null for no limit. Past it: RESOURCE_EXHAUSTED.</summary>
    public int? MaxReceiveMessageSize { get; set; } = DefaultMaxMessageSize;
    /// <summary>Largest response message sent; null for no limit. Past it: RESOURCE_EXHAUSTED.</summary>
    public int? MaxSendMessageSize { get; set; } = DefaultMaxMessageSize;
    /// <summary>Send exception messages to clients in the status detail (off: a generic detail, the exception goes to the log).</summary>
    public bool EnableDetailedErrors { get; set; }
    /// <summary>Compress responses with this algorithm (e.g. <c>gzip</c>) when the client accepts it; null to send uncompressed.</summary>
    public string? ResponseCompression { get; set; }
}
