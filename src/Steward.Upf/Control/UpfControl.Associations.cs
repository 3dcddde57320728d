using System.Net;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Messages;
using Steward.Pfcp.Node;
using Steward.Pfcp.Wire;

namespace Steward.Upf.Control;

// Associations: setting them up and releasing them, the SMF's restarts seen by its Recovery Time
// Stamp, the UPF's own heartbeats to its SMFs, and node reports to them.
public sealed partial class UpfControl
{
    /// <summary>
    /// Tells every associated SMF that the GTP-U path to <paramref name="gtpuPeer"/> failed (Node Report
    /// Request, User Plane Path Failure Report, TS 29.244 §7.4.5.1); returns how many accepted it.
    /// </summary>
    public async Task<int> ReportPathFailureAsync(IPAddress gtpuPeer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gtpuPeer);
        List<IPEndPoint> smfs;
        lock (_gate)
        {
            smfs = [.. _associations.Values.Select(a => a.Peer)];
        }

        var remote = gtpuPeer.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? new RemoteGtpuPeer { IPv6 = gtpuPeer } : new RemoteGtpuPeer { IPv4 = gtpuPeer };
        var report = new NodeReportRequest
        {
            NodeId = _options.NodeId,
            NodeReportType = NodeReportType.UserPlanePathFailure,
            UserPlanePathFailureReport = new UserPlanePathFailureReport { RemoteGtpuPeers = [remote] },
        };
        var accepted = 0;
        foreach (var smf in smfs)
        {
            try
            {
                var response = await _node.RequestAsync<NodeReportResponse>(smf, report, cancellationToken).ConfigureAwait(false);
                accepted += response.Cause.IsAcceptance() ? 1 : 0;
            }
            catch (Exception e) when (e is TimeoutException or PfcpProtocolException)
            {
                _options.Log?.Invoke($"node report to {smf} not delivered: {e.Message}");
            }
        }

        return accepted;
    }

    private AssociationSetupResponse SetUpAssociation(IPEndPoint peer, AssociationSetupRequest request)
    {
        // §6.2.6.2: an SMF that sets up again with a new Recovery Time Stamp restarted and lost its
        // sessions, so the UPF deletes the ones it kept for it.
        if (_associations.TryGetValue(request.NodeId, out var existing) && existing.RecoveryTimeStamp != request.RecoveryTimeStamp)
        {
            DeleteSessionsOf(request.NodeId, "the SMF restarted");
        }

        existing?.Heartbeats?.Cancel();
        _associations[request.NodeId] = new Association(peer, request.RecoveryTimeStamp, StartHeartbeats(peer));
        if (_watchedSmfs.Add(peer))
        {
            // An SMF's heartbeats (and the answers to the UPF's) carry its Recovery Time Stamp: a new
            // one means it restarted.
            var liveness = _node.Peer(peer);
            liveness.Restarted += (_, _) => OnSmfRestarted(peer);
            liveness.Unreachable += e => _options.Log?.Invoke($"SMF at {peer} unreachable: {e.Message}");
            liveness.Recovered += () => _options.Log?.Invoke($"SMF at {peer} answers again");
        }

        _options.Log?.Invoke($"association set up with {request.NodeId} at {peer}");
        return new AssociationSetupResponse
        {
            NodeId = _options.NodeId,
            Cause = PfcpCause.RequestAccepted,
            RecoveryTimeStamp = _node.RecoveryTimeStamp,
            UpFunctionFeatures = _options.Features,
        };
    }

    private AssociationReleaseResponse ReleaseAssociation(AssociationReleaseRequest request)
    {
        if (!_associations.Remove(request.NodeId, out var released))
        {
            return new AssociationReleaseResponse { NodeId = _options.NodeId, Cause = PfcpCause.NoEstablishedPfcpAssociation };
        }

        released.Heartbeats?.Cancel();
        DeleteSessionsOf(request.NodeId, "the association was released");
        _options.Log?.Invoke($"association with {request.NodeId} released");
        return new AssociationReleaseResponse { NodeId = _options.NodeId, Cause = PfcpCause.RequestAccepted };
    }

    private void OnSmfRestarted(IPEndPoint peer)
    {
        lock (_gate)
        {
            foreach (var (smf, _) in _associations.Where(a => a.Value.Peer.Equals(peer)).ToList())
            {
                DeleteSessionsOf(smf, "the SMF restarted (new Recovery Time Stamp)");
            }
        }
    }

    private CancellationTokenSource? StartHeartbeats(IPEndPoint peer)
    {
        if (_options.HeartbeatInterval is not { } interval || interval <= TimeSpan.Zero)
        {
            return null;
        }

        var heartbeats = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        _ = _node.Peer(peer).RunHeartbeatsAsync(token => _node.HeartbeatAsync(peer, token), interval, heartbeats.Token);
        return heartbeats;
    }
}
