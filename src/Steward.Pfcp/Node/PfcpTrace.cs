using System.Net;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Node;

/// <summary>What happened to a message at an endpoint.</summary>
public enum PfcpTraceKind
{
    /// <summary>Sent for the first time.</summary>
    Sent,
    /// <summary>A request sent again after T1 without a response.</summary>
    Retransmitted,
    /// <summary>Received and handled (a request given to the handler, a response matched to its request).</summary>
    Received,
    /// <summary>A request received again and answered from the response cache.</summary>
    DuplicateAnswered,
    /// <summary>A request received again while the first copy is still being handled: dropped.</summary>
    DuplicateDropped,
    /// <summary>A response that matches no outstanding request: dropped.</summary>
    UnmatchedResponse,
    /// <summary>A datagram whose header could not be read, or of an unknown message type: dropped.</summary>
    Malformed,
    /// <summary>A message of a version other than 1, answered with Version Not Supported Response.</summary>
    UnsupportedVersion,
}

/// <summary>One message seen by an endpoint, for logs and tests.</summary>
/// <param name="Kind">What happened to it.</param>
/// <param name="Peer">The other end.</param>
/// <param name="Header">Its header (for <see cref="PfcpTraceKind.Malformed"/>, whatever could be read).</param>
public readonly record struct PfcpTrace(PfcpTraceKind Kind, IPEndPoint Peer, PfcpHeader Header);
