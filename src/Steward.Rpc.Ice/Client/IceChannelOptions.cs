namespace Steward.Rpc.Ice;

/// <summary>Client settings for an <see cref="IceChannel"/>.</summary>
public sealed class IceChannelOptions
{
    /// <summary>Bounds for every reply read.</summary>
    public IceLimits Limits { get; set; } = IceLimits.Default;

    /// <summary>How long to wait for a connection (and the server's ValidateConnection) when no deadline is closer.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Entries sent in every request's context (a call's <see cref="CallOptions.Headers"/> are added after, and win).</summary>
    public IDictionary<string, string> Context { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Client interceptors applied to every call invoker made by the channel.</summary>
    public IList<Interceptor> Interceptors { get; } = new List<Interceptor>();
}
