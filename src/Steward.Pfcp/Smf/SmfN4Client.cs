using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading.Channels;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Messages;
using Steward.Pfcp.Node;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Smf;

/// <summary>How an SMF's N4 association runs.</summary>
public sealed record SmfN4Options
{
    /// <summary>Reliable delivery's timers, the Recovery Time Stamp and the message log.</summary>
    public PfcpNodeOptions? Node { get; init; }

    /// <summary>How often to send a Heartbeat Request to the UPF; null: never.</summary>
    public TimeSpan? HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The SMF's features, announced in Association Setup.</summary>
    public CpFunctionFeatures Features { get; init; } = CpFunctionFeatures.None;
}

/// <summary>
/// The SMF's side of N4 toward one UPF: a PFCP association (set up, heartbeats, release), the UPF's
/// restarts seen by its Recovery Time Stamp, and PDU sessions established, modified and deleted on it.
/// Session Report Requests from the UPF are answered here and delivered on <see cref="Reports"/>.
/// </summary>
public sealed class SmfN4Client : IAsyncDisposable
{
    /// <summary>The uplink PDR: from Access, matching the F-TEID the UPF chose.</summary>
    public const ushort UplinkPdrId = 1;

    /// <summary>The downlink PDR: from Core, matching the UE's address as destination.</summary>
    public const ushort DownlinkPdrId = 2;

    /// <summary>The uplink FAR: forward to Core.</summary>
    public const uint UplinkFarId = 1;

    /// <summary>The downlink FAR: forward to Access in GTP-U toward the gNB.</summary>
    public const uint DownlinkFarId = 2;

    /// <summary>The session's QER (gates and MBR, both ways).</summary>
    public const uint QerId = 1;

    /// <summary>The session's URR (volume, both ways).</summary>
    public const uint UsageUrrId = 1;

    private const byte UplinkChooseId = 1;

    private readonly ConcurrentDictionary<ulong, SmfSession> _sessions = new();
    private readonly Channel<SessionReport> _reports = Channel.CreateUnbounded<SessionReport>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly CancellationTokenSource _stop = new();
    private readonly SmfN4Options _options;
    private readonly PfcpNode _node;
    private Task _heartbeats = Task.CompletedTask;
    private IPAddress? _fseidAddress;

    private SmfN4Client(IPEndPoint local, IPEndPoint upf, NodeId nodeId, SmfN4Options options)
    {
        _options = options;
        UpfEndPoint = upf;
        _node = PfcpNode.Bind(local, nodeId, HandleAsync, (options.Node ?? new PfcpNodeOptions()) with { RemoteSeidOf = RemoteSeidOf });
    }

    /// <summary>The PFCP node the SMF speaks through.</summary>
    public PfcpNode Node => _node;

    /// <summary>The UPF's PFCP address.</summary>
    public IPEndPoint UpfEndPoint { get; }

    /// <summary>The UPF's Node ID, from its Association Setup Response.</summary>
    public NodeId? UpfNodeId { get; private set; }

    /// <summary>The UPF's features, from its Association Setup Response.</summary>
    public UpFunctionFeatures UpfFeatures { get; private set; }

    /// <summary>What the SMF knows of the UPF's life: its Recovery Time Stamp, whether heartbeats get answered.</summary>
    public PeerLiveness Upf => _node.Peer(UpfEndPoint);

    /// <summary>The UPF restarted (its Recovery Time Stamp changed: old, new); its sessions are gone.</summary>
    public event Action<DateTime, DateTime>? UpfRestarted;

    /// <summary>The UPF sent a Node Report Request (a user plane path failure, for one).</summary>
    public event Action<NodeReportRequest>? NodeReported;

    /// <summary>Session Report Requests from the UPF, each answered already.</summary>
    public ChannelReader<SessionReport> Reports => _reports.Reader;

    /// <summary>The sessions established and not deleted.</summary>
    public IReadOnlyCollection<SmfSession> Sessions => [.. _sessions.Values];

    /// <summary>
    /// Binds a PFCP node to <paramref name="local"/>, sets up an association with the UPF at
    /// <paramref name="upf"/> and starts heartbeats. Throws <see cref="PfcpRequestRejectedException"/>
    /// when the UPF refuses and <see cref="PfcpTimeoutException"/> when it does not answer.
    /// </summary>
    public static async Task<SmfN4Client> AssociateAsync(IPEndPoint local, IPEndPoint upf, NodeId nodeId, SmfN4Options? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(upf);
        ArgumentNullException.ThrowIfNull(nodeId);
        var client = new SmfN4Client(local, upf, nodeId, options ?? new SmfN4Options());
        try
        {
            await client.SetUpAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Establishes a PDU session: an uplink PDR (Source Interface Access, F-TEID CHOOSE with a CHID,
    /// the UE's address as source, outer header removal) forwarding to Core, a downlink PDR (Source
    /// Interface Core, the UE's address as destination) forwarding to Access in GTP-U/UDP/IPv4 toward
    /// the gNB, a QER with open gates and the MBR, and a URR counting volume with the threshold.
    /// </summary>
    public async Task<SmfSession> EstablishSessionAsync(PduSessionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var localSeid = NewSeid();
        var message = BuildEstablishment(request, localSeid);
        var response = await _node.RequestAsync<SessionEstablishmentResponse>(UpfEndPoint, message, cancellationToken).ConfigureAwait(false);
        if (!response.Cause.IsAcceptance())
        {
            throw new PfcpRequestRejectedException(PfcpMessageType.SessionEstablishmentRequest, response.Cause, response.OffendingIe);
        }

        var upfFSeid = response.UpFSeid ?? throw new PfcpProtocolException("the UPF accepted the session but sent no F-SEID");
        var uplink = response.CreatedPdrs.FirstOrDefault(p => p.PdrId == UplinkPdrId)?.LocalFTeid;
        var session = new SmfSession(this, localSeid, upfFSeid, uplink, request);
        _sessions[localSeid] = session;
        return session;
    }

    /// <summary>The Session Establishment Request <see cref="EstablishSessionAsync"/> sends, for a session the SMF calls <paramref name="localSeid"/>.</summary>
    public SessionEstablishmentRequest BuildEstablishment(PduSessionRequest request, ulong localSeid)
    {
        var address = FSeidAddress();
        var fseid = address.AddressFamily == AddressFamily.InterNetworkV6 ? new FSeid(localSeid, IPv6: address) : new FSeid(localSeid, IPv4: address);
        return BuildEstablishment(request, _node.NodeId, fseid);
    }

    /// <summary>The Session Establishment Request for <paramref name="request"/> from the SMF <paramref name="smf"/> whose F-SEID for the session is <paramref name="cpFSeid"/>.</summary>
    public static SessionEstablishmentRequest BuildEstablishment(PduSessionRequest request, NodeId smf, FSeid cpFSeid)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ueSource = request.UeAddress.AddressFamily == AddressFamily.InterNetworkV6
            ? new UeIpAddress { IPv6 = request.UeAddress }
            : new UeIpAddress { IPv4 = request.UeAddress };
        return new SessionEstablishmentRequest
        {
            NodeId = smf,
            CpFSeid = cpFSeid,
            CreatePdrs =
            [
                new CreatePdr
                {
                    PdrId = UplinkPdrId,
                    Precedence = 200,
                    Pdi = new Pdi
                    {
                        SourceInterface = SourceInterface.Access,
                        LocalFTeid = FTeid.ChooseV4(UplinkChooseId),
                        NetworkInstance = request.NetworkInstance,
                        UeIpAddress = ueSource,
                        Qfis = request.MatchUplinkQfi ? [request.Qfi] : [],
                    },
                    OuterHeaderRemoval = new OuterHeaderRemoval(OuterHeaderRemovalDescription.GtpuUdpIPv4),
                    FarId = UplinkFarId,
                    QerIds = [QerId],
                    UrrIds = [UsageUrrId],
                },
                new CreatePdr
                {
                    PdrId = DownlinkPdrId,
                    Precedence = 200,
                    Pdi = new Pdi { SourceInterface = SourceInterface.Core, NetworkInstance = request.NetworkInstance, UeIpAddress = ueSource with { IsDestination = true } },
                    FarId = DownlinkFarId,
                    QerIds = [QerId],
                    UrrIds = [UsageUrrId],
                },
            ],
            CreateFars =
            [
                new CreateFar
                {
                    FarId = UplinkFarId,
                    ApplyAction = ApplyAction.Forward,
                    ForwardingParameters = new ForwardingParameters { DestinationInterface = DestinationInterface.Core, NetworkInstance = request.NetworkInstance },
                },
                new CreateFar
                {
                    FarId = DownlinkFarId,
                    ApplyAction = ApplyAction.Forward,
                    ForwardingParameters = new ForwardingParameters
                    {
                        DestinationInterface = DestinationInterface.Access,
                        OuterHeaderCreation = OuterHeaderCreation.GtpuIPv4(request.GnbTeid, request.GnbAddress),
                    },
                },
            ],
            CreateQers =
            [
                new CreateQer
                {
                    QerId = QerId,
                    GateStatus = GateStatus.Open,
                    Mbr = request.UplinkMbrKbps is null && request.DownlinkMbrKbps is null
                        ? null
                        : new Mbr(request.UplinkMbrKbps ?? Mbr.MaxKbps, request.DownlinkMbrKbps ?? Mbr.MaxKbps),
                    Qfi = request.Qfi,
                },
            ],
            CreateUrrs =
            [
                new CreateUrr
                {
                    UrrId = UsageUrrId,
                    MeasurementMethod = MeasurementMethod.Volume,
                    ReportingTriggers = request.VolumeThresholdBytes is null ? ReportingTriggers.None : ReportingTriggers.VolumeThreshold,
                    VolumeThreshold = request.VolumeThresholdBytes is { } threshold ? new Volume(Total: threshold) : null,
                },
            ],
        };
    }

    /// <summary>Tells the UPF the SMF's features changed (Association Update Request).</summary>
    public async Task UpdateAssociationAsync(CpFunctionFeatures features, CancellationToken cancellationToken = default)
    {
        var response = await _node.RequestAsync<AssociationUpdateResponse>(UpfEndPoint, new AssociationUpdateRequest { NodeId = _node.NodeId, CpFunctionFeatures = features }, cancellationToken).ConfigureAwait(false);
        if (!response.Cause.IsAcceptance())
        {
            throw new PfcpRequestRejectedException(PfcpMessageType.AssociationUpdateRequest, response.Cause, null);
        }

        if (response.UpFunctionFeatures is { } upf)
        {
            UpfFeatures = upf;
        }
    }

    /// <summary>Releases the association (Association Release Request); the UPF deletes the sessions it kept for this SMF.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        var response = await _node.RequestAsync<AssociationReleaseResponse>(UpfEndPoint, new AssociationReleaseRequest { NodeId = _node.NodeId }, cancellationToken).ConfigureAwait(false);
        if (!response.Cause.IsAcceptance())
        {
            throw new PfcpRequestRejectedException(PfcpMessageType.AssociationReleaseRequest, response.Cause, null);
        }

        ForgetAll();
    }

    /// <summary>Stops heartbeats and closes the node; sessions are left as they are on the UPF.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _heartbeats.ConfigureAwait(false);
        Upf.Restarted -= OnUpfRestarted;
        await _node.DisposeAsync().ConfigureAwait(false);
        _reports.Writer.TryComplete();
        _stop.Dispose();
    }

    internal void Forget(SmfSession session)
    {
        session.IsDeleted = true;
        _sessions.TryRemove(session.LocalSeid, out _);
    }

    private async Task SetUpAsync(CancellationToken cancellationToken)
    {
        var request = new AssociationSetupRequest
        {
            NodeId = _node.NodeId,
            RecoveryTimeStamp = _node.RecoveryTimeStamp,
            CpFunctionFeatures = _options.Features,
        };
        var response = await _node.RequestAsync<AssociationSetupResponse>(UpfEndPoint, request, cancellationToken).ConfigureAwait(false);
        if (!response.Cause.IsAcceptance())
        {
            throw new PfcpRequestRejectedException(PfcpMessageType.AssociationSetupRequest, response.Cause, null);
        }

        UpfNodeId = response.NodeId;
        UpfFeatures = response.UpFunctionFeatures ?? UpFunctionFeatures.None;
        Upf.Restarted += OnUpfRestarted;
        if (_options.HeartbeatInterval is { } interval && interval > TimeSpan.Zero)
        {
            _heartbeats = Upf.RunHeartbeatsAsync(token => _node.HeartbeatAsync(UpfEndPoint, token), interval, _stop.Token);
        }
    }

    private void OnUpfRestarted(DateTime old, DateTime now)
    {
        // A UPF that restarted lost every session (TS 29.244 §19A): they are gone on this side too.
        ForgetAll();
        UpfRestarted?.Invoke(old, now);
    }

    private void ForgetAll()
    {
        foreach (var session in _sessions.Values)
        {
            Forget(session);
        }
    }

    private ValueTask<PfcpMessage?> HandleAsync(IPEndPoint peer, PfcpMessage request, CancellationToken cancellationToken)
    {
        PfcpMessage? response = request switch
        {
            SessionReportRequest report => AcceptReport(report),
            AssociationSetupRequest => new AssociationSetupResponse
            {
                NodeId = _node.NodeId,
                Cause = PfcpCause.RequestAccepted,
                RecoveryTimeStamp = _node.RecoveryTimeStamp,
                CpFunctionFeatures = _options.Features,
            },
            AssociationUpdateRequest => new AssociationUpdateResponse { NodeId = _node.NodeId, Cause = PfcpCause.RequestAccepted, CpFunctionFeatures = _options.Features },
            AssociationReleaseRequest => Released(),
            NodeReportRequest node => NodeReport(node),
            _ => PfcpRejections.For(request.MessageType, _node.NodeId, PfcpCause.ServiceNotSupported, null, 0, _node.RecoveryTimeStamp),
        };
        return ValueTask.FromResult(response);
    }

    private SessionReportResponse AcceptReport(SessionReportRequest report)
    {
        if (!_sessions.TryGetValue(report.Seid, out var session))
        {
            return new SessionReportResponse { Seid = 0, Cause = PfcpCause.SessionContextNotFound };
        }

        _reports.Writer.TryWrite(new SessionReport(session, report.ReportType, report.UsageReports, report.DownlinkDataReport, report.ErrorIndicationReport));
        return new SessionReportResponse { Seid = session.UpfSeid, Cause = PfcpCause.RequestAccepted };
    }

    private AssociationReleaseResponse Released()
    {
        ForgetAll();
        return new AssociationReleaseResponse { NodeId = _node.NodeId, Cause = PfcpCause.RequestAccepted };
    }

    private NodeReportResponse NodeReport(NodeReportRequest request)
    {
        NodeReported?.Invoke(request);
        return new NodeReportResponse { NodeId = _node.NodeId, Cause = PfcpCause.RequestAccepted };
    }

    private ulong RemoteSeidOf(ulong localSeid) => _sessions.TryGetValue(localSeid, out var session) ? session.UpfSeid : 0;

    private static ulong NewSeid()
    {
        Span<byte> random = stackalloc byte[8];
        ulong seid;
        do
        {
            RandomNumberGenerator.Fill(random);
            seid = BitConverter.ToUInt64(random);
        }
        while (seid == 0);
        return seid;
    }

    // The F-SEID names the address the UPF sees this SMF at: the bound one, or when bound to any
    // address, the one the kernel picks toward the UPF.
    private IPAddress FSeidAddress()
    {
        if (_fseidAddress is not null)
        {
            return _fseidAddress;
        }

        var bound = _node.LocalEndPoint.Address;
        if (!bound.Equals(IPAddress.Any) && !bound.Equals(IPAddress.IPv6Any))
        {
            return _fseidAddress = bound;
        }

        using var probe = new Socket(UpfEndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        probe.Connect(UpfEndPoint);
        return _fseidAddress = ((IPEndPoint)probe.LocalEndPoint!).Address;
    }
}
