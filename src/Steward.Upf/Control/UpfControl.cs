using System.Net;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Messages;
using Steward.Pfcp.Node;
using Steward.Pfcp.Wire;
using Steward.Upf.Rules;
using Ies = Steward.Pfcp.Ies;

namespace Steward.Upf.Control;

/// <summary>
/// The UPF's PFCP side (TS 29.244): answers associations and heartbeats, turns Session
/// Establishment, Modification and Deletion into whole <see cref="SessionRules"/> for the
/// <see cref="IUserPlane"/>, and sends Session Report Requests for what the user plane reports.
/// Every request is handled under one lock, without awaiting inside it: the user plane's Apply and
/// Remove are synchronous, so a session's state and the data path's change together.
/// </summary>
public sealed partial class UpfControl : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly IUserPlane _userPlane;
    private readonly UpfControlOptions _options;
    private readonly Dictionary<NodeId, Association> _associations = [];
    private readonly Dictionary<ulong, UpfSession> _sessions = [];
    private readonly HashSet<IPEndPoint> _watchedSmfs = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly SeidAllocator _seids = new();
    private readonly TeidAllocator _teids = new();
    private readonly PfcpNode _node;

    private UpfControl(IPEndPoint pfcp, IUserPlane userPlane, UpfControlOptions options)
    {
        _userPlane = userPlane;
        _options = options;
        var nodeOptions = (options.Node ?? new PfcpNodeOptions()) with { RemoteSeidOf = RemoteSeidOf };
        _node = PfcpNode.Bind(pfcp, options.NodeId, HandleAsync, nodeOptions);
        _userPlane.UsageThresholdReached += OnUsageThresholdReached;
        _userPlane.DownlinkDataBuffered += OnDownlinkDataBuffered;
    }

    /// <summary>The PFCP node the UPF answers on.</summary>
    public PfcpNode Node => _node;

    /// <summary>Sessions established and not deleted.</summary>
    public int SessionCount
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>The SMFs associated now.</summary>
    public IReadOnlyList<NodeId> Associations
    {
        get
        {
            lock (_gate)
            {
                return [.. _associations.Keys];
            }
        }
    }

    /// <summary>Binds the PFCP side to <paramref name="pfcp"/> (UDP 8805 by convention) over <paramref name="userPlane"/>.</summary>
    public static UpfControl Start(IPEndPoint pfcp, IUserPlane userPlane, UpfControlOptions options)
    {
        ArgumentNullException.ThrowIfNull(pfcp);
        ArgumentNullException.ThrowIfNull(userPlane);
        ArgumentNullException.ThrowIfNull(options);
        return new UpfControl(pfcp, userPlane, options);
    }

    /// <summary>Stops answering; the sessions stay in the user plane until it is disposed.</summary>
    public async ValueTask DisposeAsync()
    {
        _userPlane.UsageThresholdReached -= OnUsageThresholdReached;
        _userPlane.DownlinkDataBuffered -= OnDownlinkDataBuffered;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _node.DisposeAsync().ConfigureAwait(false);
    }

    internal ValueTask<PfcpMessage?> HandleAsync(IPEndPoint peer, PfcpMessage request, CancellationToken cancellationToken)
    {
        PfcpMessage? response;
        lock (_gate)
        {
            response = request switch
            {
                AssociationSetupRequest m => SetUpAssociation(peer, m),
                AssociationUpdateRequest m => new AssociationUpdateResponse
                {
                    NodeId = _options.NodeId,
                    Cause = _associations.ContainsKey(m.NodeId) ? PfcpCause.RequestAccepted : PfcpCause.NoEstablishedPfcpAssociation,
                    UpFunctionFeatures = _options.Features,
                },
                AssociationReleaseRequest m => ReleaseAssociation(m),
                NodeReportRequest => new NodeReportResponse { NodeId = _options.NodeId, Cause = PfcpCause.RequestAccepted },
                SessionEstablishmentRequest m => Establish(peer, m),
                SessionModificationRequest m => Modify(m),
                SessionDeletionRequest m => Delete(m),
                _ => PfcpRejections.For(request.MessageType, _options.NodeId, PfcpCause.ServiceNotSupported, null, 0, _node.RecoveryTimeStamp),
            };
        }

        return ValueTask.FromResult(response);
    }

    private SessionEstablishmentResponse Establish(IPEndPoint peer, SessionEstablishmentRequest request)
    {
        var remoteSeid = request.CpFSeid.Seid;
        if (!_associations.ContainsKey(request.NodeId))
        {
            return new SessionEstablishmentResponse { Seid = remoteSeid, NodeId = _options.NodeId, Cause = PfcpCause.NoEstablishedPfcpAssociation };
        }

        var session = new UpfSession(_seids.Allocate(), request.CpFSeid, peer, request.NodeId);
        var rules = new SessionRuleSet(null, fteid => ChooseTeid(session, fteid));
        try
        {
            foreach (var far in request.CreateFars)
            {
                rules.Create(far);
            }

            foreach (var qer in request.CreateQers)
            {
                rules.Create(qer);
            }

            foreach (var urr in request.CreateUrrs)
            {
                rules.Create(urr);
            }

            foreach (var pdr in request.CreatePdrs)
            {
                rules.Create(pdr);
            }

            session.Rules = Apply(rules, session);
        }
        catch (RuleRejection rejection)
        {
            ReleaseAll(session);
            _options.Log?.Invoke($"session establishment from {request.NodeId} refused ({rejection.Cause}): {rejection.Message}");
            return new SessionEstablishmentResponse { Seid = remoteSeid, NodeId = _options.NodeId, Cause = rejection.Cause, OffendingIe = rejection.OffendingIe };
        }

        _sessions[session.LocalSeid] = session;
        _options.Log?.Invoke($"session {session.LocalSeid:x16} established for {request.NodeId} (SMF SEID {remoteSeid:x16}): {Describe(session.Rules)}");
        return new SessionEstablishmentResponse
        {
            Seid = remoteSeid,
            NodeId = _options.NodeId,
            Cause = PfcpCause.RequestAccepted,
            UpFSeid = LocalFSeid(session.LocalSeid),
            CreatedPdrs = [.. rules.Chosen.Select(c => new CreatedPdr { PdrId = c.PdrId, LocalFTeid = LocalFTeid(c.Teid) })],
        };
    }

    private SessionModificationResponse Modify(SessionModificationRequest request)
    {
        if (!_sessions.TryGetValue(request.Seid, out var session))
        {
            return new SessionModificationResponse { Seid = 0, Cause = PfcpCause.SessionContextNotFound };
        }

        var chosenBefore = session.Teids.ToHashSet();
        var rules = new SessionRuleSet(session.Rules, fteid => ChooseTeid(session, fteid));
        IReadOnlyList<Rules.UsageReport> removedUsage = [];
        try
        {
            // Removals first, then creations, then updates: a request may replace a rule by id.
            foreach (var pdr in request.RemovePdrs)
            {
                rules.Remove(pdr);
            }

            foreach (var far in request.RemoveFars)
            {
                rules.Remove(far);
            }

            foreach (var qer in request.RemoveQers)
            {
                rules.Remove(qer);
            }

            foreach (var urr in request.RemoveUrrs)
            {
                rules.Remove(urr);
            }

            foreach (var far in request.CreateFars)
            {
                rules.Create(far);
            }

            foreach (var qer in request.CreateQers)
            {
                rules.Create(qer);
            }

            foreach (var urr in request.CreateUrrs)
            {
                rules.Create(urr);
            }

            foreach (var pdr in request.CreatePdrs)
            {
                rules.Create(pdr);
            }

            foreach (var far in request.UpdateFars)
            {
                rules.Update(far);
            }

            foreach (var qer in request.UpdateQers)
            {
                rules.Update(qer);
            }

            foreach (var urr in request.UpdateUrrs)
            {
                rules.Update(urr);
            }

            foreach (var pdr in request.UpdatePdrs)
            {
                rules.Update(pdr);
            }

            foreach (var query in request.QueryUrrs)
            {
                if (!rules.HasUrr(query.UrrId))
                {
                    throw new RuleRejection(PfcpCause.RuleCreationModificationFailure, IeType.QueryUrr, $"there is no URR {query.UrrId} to query");
                }
            }

            if (request.CpFSeid is { } newRemote)
            {
                session.Remote = newRemote;
            }

            // A removed URR's counts end with the rule: read them before the user plane drops it.
            if (request.RemoveUrrs.Count > 0)
            {
                var removed = request.RemoveUrrs.Select(r => r.UrrId).ToHashSet();
                removedUsage = [.. (_userPlane.QueryUsage(session.LocalSeid) ?? []).Where(u => removed.Contains(u.UrrId))];
            }

            session.Rules = Apply(rules, session);
        }
        catch (RuleRejection rejection)
        {
            // The session keeps its rules: give back only the TEIDs this request chose.
            foreach (var teid in session.Teids.Except(chosenBefore).ToList())
            {
                Release(session, teid);
            }

            _options.Log?.Invoke($"session {session.LocalSeid:x16} modification refused ({rejection.Cause}): {rejection.Message}");
            return new SessionModificationResponse { Seid = session.Remote.Seid, Cause = rejection.Cause, OffendingIe = rejection.OffendingIe };
        }

        ReleaseUnused(session);
        var reports = removedUsage.Select(u => ToIe(session, u with { Reason = UsageReportReason.Termination })).ToList();
        if (request.QueryUrrs.Count > 0)
        {
            var queried = request.QueryUrrs.Select(q => q.UrrId).ToHashSet();
            reports.AddRange((_userPlane.QueryUsage(session.LocalSeid) ?? []).Where(u => queried.Contains(u.UrrId)).Select(u => ToIe(session, u)));
        }

        _options.Log?.Invoke($"session {session.LocalSeid:x16} modified: {Describe(session.Rules)}");
        return new SessionModificationResponse
        {
            Seid = session.Remote.Seid,
            Cause = PfcpCause.RequestAccepted,
            CreatedPdrs = [.. rules.Chosen.Select(c => new CreatedPdr { PdrId = c.PdrId, LocalFTeid = LocalFTeid(c.Teid) })],
            UsageReports = reports,
        };
    }

    private SessionDeletionResponse Delete(SessionDeletionRequest request)
    {
        if (!_sessions.Remove(request.Seid, out var session))
        {
            return new SessionDeletionResponse { Seid = 0, Cause = PfcpCause.SessionContextNotFound };
        }

        var usage = _userPlane.Remove(session.LocalSeid) ?? [];
        ReleaseAll(session);
        _options.Log?.Invoke($"session {session.LocalSeid:x16} deleted");
        return new SessionDeletionResponse
        {
            Seid = session.Remote.Seid,
            Cause = PfcpCause.RequestAccepted,
            UsageReports = [.. usage.Select(u => ToIe(session, u))],
        };
    }

    private SessionRules Apply(SessionRuleSet rules, UpfSession session)
    {
        var whole = rules.ToRules(session.LocalSeid, session.Remote.Seid);
        try
        {
            _userPlane.Apply(whole);
        }
        catch (InvalidRuleException e)
        {
            throw new RuleRejection(PfcpCause.RuleCreationModificationFailure, rules.OffendingIeFor(e.RuleId), $"rule {e.RuleId}: {e.Message}");
        }

        return whole;
    }

    private void DeleteSessionsOf(NodeId smf, string why)
    {
        foreach (var session in _sessions.Values.Where(s => s.Smf == smf).ToList())
        {
            _sessions.Remove(session.LocalSeid);
            _userPlane.Remove(session.LocalSeid);
            ReleaseAll(session);
            _options.Log?.Invoke($"session {session.LocalSeid:x16} deleted: {why}");
        }
    }

    private uint ChooseTeid(UpfSession session, Ies.FTeid fteid)
    {
        if (fteid.ChooseId is { } chooseId && session.TeidsByChooseId.TryGetValue(chooseId, out var shared))
        {
            return shared;
        }

        var teid = _teids.Allocate();
        session.Teids.Add(teid);
        if (fteid.ChooseId is { } id)
        {
            session.TeidsByChooseId[id] = teid;
        }

        return teid;
    }

    private void ReleaseUnused(UpfSession session)
    {
        var used = session.Rules.Pdrs.Where(p => p.LocalTeid is not null).Select(p => p.LocalTeid!.Value).ToHashSet();
        foreach (var teid in session.Teids.Where(t => !used.Contains(t)).ToList())
        {
            Release(session, teid);
        }
    }

    private void Release(UpfSession session, uint teid)
    {
        session.Teids.Remove(teid);
        foreach (var (chooseId, chosen) in session.TeidsByChooseId.ToList())
        {
            if (chosen == teid)
            {
                session.TeidsByChooseId.Remove(chooseId);
            }
        }

        _teids.Release(teid);
    }

    private void ReleaseAll(UpfSession session)
    {
        foreach (var teid in session.Teids.ToList())
        {
            Release(session, teid);
        }

        _seids.Release(session.LocalSeid);
    }

    private ulong RemoteSeidOf(ulong localSeid)
    {
        lock (_gate)
        {
            return _sessions.TryGetValue(localSeid, out var session) ? session.Remote.Seid : 0;
        }
    }

    private FSeid LocalFSeid(ulong seid)
    {
        var address = _node.LocalEndPoint.Address;
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            address = _options.N3Address;
        }

        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? new FSeid(seid, IPv6: address) : new FSeid(seid, IPv4: address);
    }

    private Ies.FTeid LocalFTeid(uint teid) =>
        _options.N3Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? Ies.FTeid.Of(teid, null, _options.N3Address)
            : Ies.FTeid.Of(teid, _options.N3Address);

    private static string Describe(SessionRules rules) =>
        $"{rules.Pdrs.Count} PDR, {rules.Fars.Count} FAR, {rules.Qers.Count} QER, {rules.Urrs.Count} URR"
        + string.Concat(rules.Pdrs.Select(p => p.LocalTeid is { } teid ? $", uplink TEID 0x{teid:x8}" : p.UeAddress is { } ue ? $", UE {ue}" : ""));

    private sealed record Association(IPEndPoint Peer, NtpTime RecoveryTimeStamp, CancellationTokenSource? Heartbeats);
}
