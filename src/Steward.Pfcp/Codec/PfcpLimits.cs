namespace Steward.Pfcp.Codec;

/// <summary>
/// Bounds the PFCP decoder enforces so that hostile input costs a bounded amount of memory and time.
/// A message that exceeds one is refused with <see cref="Wire.PfcpCause.RequestRejected"/> naming the IE
/// where the bound was crossed. Lengths need no limit of their own: every one is checked against what remains
/// of its container, and a message is at most 65,539 octets.
/// </summary>
public sealed record PfcpLimits
{
    /// <summary>The defaults.</summary>
    public static PfcpLimits Default { get; } = new();

    /// <summary>
    /// Deepest nesting of grouped IEs (a Create PDR holding a PDI is depth 2). The messages decoded here
    /// nest at most 3 deep (Update FAR, Update Forwarding Parameters, Outer Header Creation is a leaf).
    /// </summary>
    public int MaxDepth { get; init; } = 8;

    /// <summary>Most IEs one message may hold, nested ones and skipped ones included.</summary>
    public int MaxIesPerMessage { get; init; } = 4096;

    /// <summary>Most instances of one repeatable IE in one message or grouped IE (Create PDRs in a request, SDF filters in a PDI).</summary>
    public int MaxRepeatedIes { get; init; } = 1024;
}
