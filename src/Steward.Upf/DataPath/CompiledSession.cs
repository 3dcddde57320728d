using Steward.Linux.Sockets;
using Steward.Upf.Rules;

namespace Steward.Upf.DataPath;

// The rules of one session as the forwarding path reads them: immutable, built whole by Apply and
// published by swapping references, so a packet sees the old rules or the new, never a mix. The
// mutable parts (usage counters, token buckets, the downlink buffer) are shared objects that a new
// compilation takes over when it keeps the rule's id.

internal sealed class CompiledFar(uint id, ApplyAction action, bool hasOuterHeader, uint peerTeid, Ipv4Endpoint peer)
{
    public uint Id { get; } = id;
    public ApplyAction Action { get; } = action;
    public bool HasOuterHeader { get; } = hasOuterHeader;
    public uint PeerTeid { get; } = peerTeid;
    public Ipv4Endpoint Peer { get; } = peer;
    public bool Forwards => (Action & ApplyAction.Forward) != 0;
    public bool Buffers => (Action & (ApplyAction.Forward | ApplyAction.Drop)) == 0 && (Action & ApplyAction.Buffer) != 0;
}

internal sealed class CompiledQer(uint id, bool uplinkOpen, bool downlinkOpen, TokenBucket? uplinkMbr, TokenBucket? downlinkMbr, int qfi)
{
    public uint Id { get; } = id;
    public bool UplinkOpen { get; } = uplinkOpen;
    public bool DownlinkOpen { get; } = downlinkOpen;
    public TokenBucket? UplinkMbr { get; } = uplinkMbr;
    public TokenBucket? DownlinkMbr { get; } = downlinkMbr;
    public int Qfi { get; } = qfi; // -1: none
}

internal sealed class CompiledUrr(UsageCounter counter, UsageThresholds thresholds)
{
    public UsageCounter Counter { get; } = counter;
    public UsageThresholds Thresholds { get; } = thresholds;
}

internal sealed class CompiledPdr
{
    public required ushort Id { get; init; }
    public required uint Precedence { get; init; }
    public required bool Uplink { get; init; }
    public required uint Teid { get; init; }
    public required uint UeAddress { get; init; } // 0: not given
    public required int Qfi { get; init; } // -1: any
    public required SdfFilterMatcher[] Filters { get; init; }
    public required CompiledFar Far { get; init; }
    public required CompiledQer[] Qers { get; init; }
    public required CompiledUrr[] Urrs { get; init; }
    /// <summary>The QFI for a downlink PDU Session Container: the first of the PDR's QERs that names one; -1: none.</summary>
    public required int DownlinkQfi { get; init; }

    public bool Matches(in Ipv4Flow flow, bool hasContainer, byte containerQfi)
    {
        if (Qfi >= 0 && (!hasContainer || containerQfi != Qfi))
        {
            return false;
        }

        if (UeAddress != 0 && (Uplink ? flow.Source : flow.Destination) != UeAddress)
        {
            return false;
        }

        if (Filters.Length == 0)
        {
            return true;
        }

        foreach (var filter in Filters)
        {
            if (filter.Matches(flow, Uplink, UeAddress))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A session's PDRs for one lookup key (a TEID or a UE address), best precedence first.</summary>
internal sealed class PdrSet(SessionState session, CompiledPdr[] pdrs)
{
    public SessionState Session { get; } = session;
    public CompiledPdr[] Pdrs { get; } = pdrs;
}
