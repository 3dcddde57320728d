namespace Steward.Rpc.Corba;

/// <summary>
/// Bounds every CDR and GIOP decoder enforces, so that hostile input costs at most a bounded amount of
/// memory and time. Exceeding one is a MARSHAL (or, for a whole message, a MessageError).
/// </summary>
public sealed record CdrLimits
{
    /// <summary>The defaults.</summary>
    public static CdrLimits Default { get; } = new();

    /// <summary>Largest GIOP message accepted, header included, after reassembling fragments (omniORB's giopMaxMsgSize is 2 MiB).</summary>
    public int MaxMessageSize { get; init; } = 2 * 1024 * 1024;

    /// <summary>Deepest nesting of encapsulations, TypeCodes and anys being decoded.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Most elements one sequence may declare (still bounded by the bytes left in the buffer).</summary>
    public int MaxSequenceLength { get; init; } = 16 * 1024 * 1024;
}
