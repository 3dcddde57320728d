namespace Steward.Pfcp.Ies;

/// <summary>A gate of Gate Status (§8.2.7).</summary>
public enum GateState : byte
{
    /// <summary>Packets pass.</summary>
    Open = 0,
    /// <summary>Packets are dropped.</summary>
    Closed = 1,
}

/// <summary>Gate Status (§8.2.7).</summary>
/// <param name="Uplink">The uplink gate.</param>
/// <param name="Downlink">The downlink gate.</param>
public sealed record GateStatus(GateState Uplink, GateState Downlink)
{
    /// <summary>Both gates open.</summary>
    public static GateStatus Open { get; } = new(GateState.Open, GateState.Open);
}

/// <summary>MBR (§8.2.8): maximum bit rates in kilobits per second, 40 bits each on the wire.</summary>
/// <param name="UplinkKbps">The uplink limit.</param>
/// <param name="DownlinkKbps">The downlink limit.</param>
public sealed record Mbr(ulong UplinkKbps, ulong DownlinkKbps)
{
    /// <summary>The largest rate the 40-bit fields hold.</summary>
    public const ulong MaxKbps = (1UL << 40) - 1;
}

/// <summary>Create QER (§7.5.2.5, grouped): a QoS enforcement rule.</summary>
public sealed record CreateQer
{
    /// <summary>The rule's id in the session (mandatory).</summary>
    public required uint QerId { get; init; }

    /// <summary>The gates (mandatory).</summary>
    public required GateStatus GateStatus { get; init; }

    /// <summary>The maximum bit rates.</summary>
    public Mbr? Mbr { get; init; }

    /// <summary>The QoS flow id to put in downlink PDU Session Containers.</summary>
    public byte? Qfi { get; init; }
}

/// <summary>Update QER (§7.5.4.5, grouped): absent members stay as they were.</summary>
public sealed record UpdateQer
{
    /// <summary>The rule to change (mandatory).</summary>
    public required uint QerId { get; init; }

    /// <summary>New gates.</summary>
    public GateStatus? GateStatus { get; init; }

    /// <summary>New maximum bit rates.</summary>
    public Mbr? Mbr { get; init; }

    /// <summary>A new QoS flow id.</summary>
    public byte? Qfi { get; init; }
}

/// <summary>Remove QER (§7.5.4.9, grouped).</summary>
/// <param name="QerId">The rule to remove.</param>
public sealed record RemoveQer(uint QerId);
