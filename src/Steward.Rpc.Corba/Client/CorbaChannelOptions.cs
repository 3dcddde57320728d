namespace Steward.Rpc.Corba;

/// <summary>Client settings for a <see cref="CorbaChannel"/>.</summary>
public sealed class CorbaChannelOptions
{
    /// <summary>Bounds for every reply read.</summary>
    public CdrLimits Limits { get; set; } = CdrLimits.Default;

    /// <summary>The highest GIOP version to speak: 1.2 by default; a call uses the lower of this and the target profile's IIOP version.</summary>
    public GiopVersion MaxGiopVersion { get; set; } = GiopVersion.V1_2;

    /// <summary>How long to wait for a TCP connection when no deadline is closer.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How many LOCATION_FORWARD (and NEEDS_ADDRESSING_MODE) replies one call follows before it fails with TRANSIENT.</summary>
    public int MaxForwards { get; set; } = 8;

    /// <summary>Client interceptors applied to every call invoker made by the channel.</summary>
    public IList<Interceptor> Interceptors { get; } = new List<Interceptor>();
}
