namespace Steward.Rpc.Ice;

/// <summary>
/// Bounds every Ice decoder enforces, so that hostile input costs at most a bounded amount of memory
/// and time. The defaults follow Ice's own (Ice.MessageSizeMax is 1 MiB).
/// </summary>
public sealed record IceLimits
{
    /// <summary>The defaults.</summary>
    public static IceLimits Default { get; } = new();

    /// <summary>Largest message accepted, header included (Ice.MessageSizeMax); 1 MiB by default.</summary>
    public int MaxMessageSize { get; init; } = 1024 * 1024;

    /// <summary>Deepest nesting of class instances being decoded (a chain or a cycle of members).</summary>
    public int MaxDepth { get; init; } = 100;

    /// <summary>Most class instances one encapsulation may carry.</summary>
    public int MaxInstances { get; init; } = 100_000;
}
