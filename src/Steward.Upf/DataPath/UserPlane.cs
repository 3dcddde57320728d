using System.Collections.Concurrent;
using Steward.Linux.Sockets;
using Steward.Upf.Rules;

namespace Steward.Upf.DataPath;

/// <summary>
/// The UPF's rule engine: sessions installed through <see cref="IUserPlane"/>, and the per-packet
/// decisions the forwarder asks for (<see cref="ProcessUplink"/>, <see cref="ProcessDownlink"/>).
/// Uplink packets are found by TEID and downlink packets by UE IPv4 address, each in one hash
/// lookup that yields the session's PDRs for that key in precedence order; SDF filters are
/// compiled at Apply. A session's rules are replaced whole: Apply compiles new immutable rule
/// sets and then swaps them into the lookup tables, so a packet sees either the old or the new
/// rules of its session. Nothing is allocated per forwarded packet.
/// </summary>
public sealed partial class UserPlane : IUserPlane
{
    private readonly Lock _control = new();
    private readonly Dictionary<ulong, SessionState> _sessions = [];
    private readonly ConcurrentDictionary<uint, PdrSet> _uplink = new();
    private readonly ConcurrentDictionary<uint, PdrSet> _downlink = new();
    private readonly ConcurrentQueue<(byte[] Packet, int Length)> _released = new();
    private readonly ConcurrentQueue<(uint Teid, Ipv4Endpoint Peer)> _endMarkers = new();
    private readonly PacketCounters _counters = new();

    /// <param name="bufferLimitPerSession">The most downlink packets one session buffers; later ones are dropped and counted.</param>
    /// <param name="sendEndMarkers">
    /// Send an End Marker down the old tunnel when an Apply moves a forwarding FAR to another
    /// TEID or peer, as a UPF does for a path switch when the SMF sets SNDEM (TS 29.244 §5.2.2.3.2,
    /// TS 29.281 §7.3.2); the rule model carries no SNDEM flag, so every such move counts as a path switch.
    /// </param>
    public UserPlane(int bufferLimitPerSession = 64, bool sendEndMarkers = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferLimitPerSession, 1);
        BufferLimitPerSession = bufferLimitPerSession;
        SendsEndMarkers = sendEndMarkers;
    }

    /// <summary>Whether an Apply that moves a downlink tunnel queues an End Marker for the old one.</summary>
    public bool SendsEndMarkers { get; }

    /// <summary>The most downlink packets one session buffers.</summary>
    public int BufferLimitPerSession { get; }

    /// <inheritdoc/>
    /// <remarks>Raised on the forwarding thread that counted the packet: hand the report off, do not block.</remarks>
    public event Action<ulong, UsageReport>? UsageThresholdReached;

    /// <inheritdoc/>
    /// <remarks>Raised on the downlink forwarding thread: hand it off, do not block.</remarks>
    public event Action<ulong, ushort>? DownlinkDataBuffered;

    /// <summary>How many sessions are installed.</summary>
    public int SessionCount
    {
        get
        {
            lock (_control)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>The counters now.</summary>
    public DataPathCounters Counters => _counters.Snapshot();

    /// <summary>Whether buffered packets were released by an Apply and wait for <see cref="TryTakeReleased"/>.</summary>
    public bool HasReleased => !_released.IsEmpty;

    /// <inheritdoc/>
    public void Apply(SessionRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        lock (_control)
        {
            _sessions.TryGetValue(rules.LocalSeid, out var existing);
            var session = existing ?? new SessionState(rules.LocalSeid);
            var compiled = RuleCompiler.Compile(rules, session);

            foreach (var teid in compiled.Uplink.Keys)
            {
                if (_uplink.TryGetValue(teid, out var holder) && holder.Session != session)
                {
                    throw new InvalidRuleException($"TEID 0x{teid:x8} is already in use by session 0x{holder.Session.LocalSeid:x}", compiled.UplinkKeyOwner[teid]);
                }
            }

            foreach (var ue in compiled.Downlink.Keys)
            {
                if (_downlink.TryGetValue(ue, out var holder) && holder.Session != session)
                {
                    throw new InvalidRuleException($"UE address {new Ipv4Endpoint(ue, 0).IPAddress} is already in use by session 0x{holder.Session.LocalSeid:x}", compiled.DownlinkKeyOwner[ue]);
                }
            }

            // Commit: new sets first (each swap is atomic), then drop the keys the session no longer holds.
            foreach (var (teid, pdrs) in compiled.Uplink)
            {
                _uplink[teid] = new PdrSet(session, pdrs);
            }

            foreach (var (ue, pdrs) in compiled.Downlink)
            {
                _downlink[ue] = new PdrSet(session, pdrs);
            }

            foreach (var teid in session.Teids)
            {
                if (!compiled.Uplink.ContainsKey(teid))
                {
                    _uplink.TryRemove(teid, out _);
                }
            }

            foreach (var ue in session.UeAddresses)
            {
                if (!compiled.Downlink.ContainsKey(ue))
                {
                    _downlink.TryRemove(ue, out _);
                }
            }

            if (SendsEndMarkers && existing is not null)
            {
                QueueEndMarkers(existing.Rules, rules);
            }

            session.Rules = rules;
            session.Counters = compiled.Counters;
            session.Qers = compiled.Qers;
            session.Teids = [.. compiled.Uplink.Keys];
            session.UeAddresses = [.. compiled.Downlink.Keys];
            _sessions[rules.LocalSeid] = session;

            if (compiled.ForwardsDownlink)
            {
                session.DrainBuffer((packet, length) => _released.Enqueue((packet, length)));
            }
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<UsageReport>? Remove(ulong localSeid)
    {
        lock (_control)
        {
            if (!_sessions.Remove(localSeid, out var session))
            {
                return null;
            }

            foreach (var teid in session.Teids)
            {
                _uplink.TryRemove(teid, out _);
            }

            foreach (var ue in session.UeAddresses)
            {
                _downlink.TryRemove(ue, out _);
            }

            session.DrainBuffer(null);
            return Reports(session, UsageReportReason.Termination, reset: true);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<UsageReport>? QueryUsage(ulong localSeid)
    {
        lock (_control)
        {
            return _sessions.TryGetValue(localSeid, out var session) ? Reports(session, UsageReportReason.Immediate, reset: false) : null;
        }
    }

    /// <summary>The rules installed for a session, as last applied; null when the SEID is unknown.</summary>
    public SessionRules? GetRules(ulong localSeid)
    {
        lock (_control)
        {
            return _sessions.TryGetValue(localSeid, out var session) ? session.Rules : null;
        }
    }

    /// <summary>How many downlink packets a session holds in its buffer (0 when the SEID is unknown).</summary>
    public int BufferedPackets(ulong localSeid)
    {
        lock (_control)
        {
            return _sessions.TryGetValue(localSeid, out var session) ? session.BufferedCount : 0;
        }
    }

    /// <summary>
    /// Takes one End Marker an Apply queued: the old tunnel's TEID and peer. The forwarder sends
    /// it after the downlink packets it was already sending on the old rules, so it is the last
    /// packet on that tunnel.
    /// </summary>
    public bool TryTakeEndMarker(out uint teid, out Ipv4Endpoint peer)
    {
        var taken = _endMarkers.TryDequeue(out var item);
        (teid, peer) = item;
        return taken;
    }

    private void QueueEndMarkers(SessionRules old, SessionRules updated)
    {
        foreach (var before in old.Fars)
        {
            if ((before.Action & ApplyAction.Forward) == 0 || before.OuterHeader is not { } oldTunnel)
            {
                continue;
            }

            foreach (var after in updated.Fars)
            {
                if (after.Id == before.Id && after.OuterHeader is { } newTunnel
                    && (newTunnel.Teid != oldTunnel.Teid || !newTunnel.PeerAddress.Equals(oldTunnel.PeerAddress) || newTunnel.Port != oldTunnel.Port))
                {
                    _endMarkers.Enqueue((oldTunnel.Teid, new Ipv4Endpoint(Ipv4Endpoint.ToUInt32(oldTunnel.PeerAddress), oldTunnel.Port)));
                }
            }
        }
    }

    /// <summary>
    /// Takes one packet an Apply released from a session's buffer, copying it into
    /// <paramref name="destination"/>; the forwarder sends it through <see cref="ProcessDownlink"/>
    /// like a packet just read from N6. False when none waits (or the destination is too small: the packet is dropped).
    /// </summary>
    public bool TryTakeReleased(Span<byte> destination, out int length)
    {
        length = 0;
        if (!_released.TryDequeue(out var item))
        {
            return false;
        }

        try
        {
            if (item.Length > destination.Length)
            {
                return false;
            }

            item.Packet.AsSpan(0, item.Length).CopyTo(destination);
            length = item.Length;
            return true;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(item.Packet);
        }
    }

    private static List<UsageReport> Reports(SessionState session, UsageReportReason reason, bool reset)
    {
        var reports = new List<UsageReport>(session.Counters.Count);
        foreach (var counter in session.Counters.Values)
        {
            reports.Add(counter.Take(reason, reset));
        }

        reports.Sort((a, b) => a.UrrId.CompareTo(b.UrrId));
        return reports;
    }
}
