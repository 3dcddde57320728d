using System.Net;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Node;

namespace Steward.Upf.Control;

/// <summary>Who the UPF is on N4 and how its PFCP side runs.</summary>
public sealed record UpfControlOptions
{
    /// <summary>The UPF's Node ID in associations and responses.</summary>
    public required NodeId NodeId { get; init; }

    /// <summary>The N3 address: the address of every F-TEID the UPF chooses (where gNBs send uplink GTP-U).</summary>
    public required IPAddress N3Address { get; init; }

    /// <summary>The features announced in Association Setup; FTUP (the UPF chooses F-TEIDs) by default.</summary>
    public UpFunctionFeatures Features { get; init; } = UpFunctionFeatures.Ftup;

    /// <summary>How often to send each associated SMF a Heartbeat Request; null: only answer the SMF's.</summary>
    public TimeSpan? HeartbeatInterval { get; init; }

    /// <summary>Timers, Recovery Time Stamp and message log of the PFCP node.</summary>
    public PfcpNodeOptions? Node { get; init; }

    /// <summary>Given one line per association and session event, for logs.</summary>
    public Action<string>? Log { get; init; }
}
