namespace Steward.Rpc.Protobuf;

/// <summary>Limits applied while decoding; the defaults match Google.Protobuf's.</summary>
public sealed class ProtoReaderOptions
{
    /// <summary>The default limits (recursion 100, no size limit below 2 GiB), shared.</summary>
    public static ProtoReaderOptions Default { get; } = new();

    /// <summary>How deeply messages may nest inside each other before decoding fails.</summary>
    public int RecursionLimit { get; init; } = 100;

    /// <summary>The largest input accepted, in bytes (2 GiB - 1 unless lowered).</summary>
    public int MaxMessageSize { get; init; } = int.MaxValue;
}
