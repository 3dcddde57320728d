using System.Net;
using Steward.Pfcp.Ies;
using Steward.Upf.Rules;

namespace Steward.Upf.Control;

/// <summary>One PFCP session as the UPF's control side keeps it. Guarded by the control's lock.</summary>
internal sealed class UpfSession(ulong localSeid, FSeid remote, IPEndPoint peer, NodeId smf)
{
    public ulong LocalSeid { get; } = localSeid;

    /// <summary>The SMF's F-SEID: its SEID goes in the headers of what the UPF sends for the session.</summary>
    public FSeid Remote { get; set; } = remote;

    /// <summary>Where the SMF's requests came from, and where reports go.</summary>
    public IPEndPoint Peer { get; } = peer;

    public NodeId Smf { get; } = smf;

    public SessionRules Rules { get; set; } = new() { LocalSeid = localSeid, RemoteSeid = remote.Seid };

    /// <summary>TEIDs chosen per CHID: F-TEIDs with the same CHID share one (TS 29.244 §5.5.3).</summary>
    public Dictionary<byte, uint> TeidsByChooseId { get; } = [];

    /// <summary>Every TEID the UPF chose for the session, released with it.</summary>
    public HashSet<uint> Teids { get; } = [];

    private readonly Dictionary<uint, uint> _reportNumbers = [];

    /// <summary>UR-SEQN: each URR numbers its reports from 0.</summary>
    public uint NextReportNumber(uint urrId)
    {
        _reportNumbers.TryGetValue(urrId, out var next);
        _reportNumbers[urrId] = next + 1;
        return next;
    }
}
