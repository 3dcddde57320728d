namespace Steward.Rpc.Thrift;

/// <summary>
/// Bounds every decoder honours (Apache Thrift's TConfiguration). Anything past them ends that
/// message with a <see cref="ThriftProtocolException"/>, never an allocation of the claimed size.
/// </summary>
public sealed class ThriftLimits
{
    /// <summary>Apache Thrift's defaults, used wherever no limits are given.</summary>
    public static ThriftLimits Default { get; } = new();

    /// <summary>Largest message read or written, in bytes (TConfiguration.MaxMessageSize: 100 MB).</summary>
    public int MaxMessageSize { get; init; } = 100 * 1024 * 1024;

    /// <summary>Largest frame of the framed transport (TConfiguration.MaxFrameSize).</summary>
    public int MaxFrameSize { get; init; } = 16_384_000;

    /// <summary>Most elements in one list, set or map.</summary>
    public int MaxContainerSize { get; init; } = 10_000_000;

    /// <summary>Longest string or binary, in bytes.</summary>
    public int MaxStringSize { get; init; } = 100 * 1024 * 1024;

    /// <summary>Deepest nesting of structs and containers (TConfiguration.RecursionLimit).</summary>
    public int MaxDepth { get; init; } = 64;
}
