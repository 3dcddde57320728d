using System.Collections.Concurrent;
using System.Net;
using Steward.Pfcp.Codec;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Messages;

namespace Steward.Pfcp.Node;

/// <summary>Handles one decoded request: returns its response (sequence number and SEID set by the handler as it likes; the sequence number is overwritten), or null to send nothing.</summary>
public delegate ValueTask<PfcpMessage?> PfcpMessageHandler(IPEndPoint peer, PfcpMessage request, CancellationToken cancellationToken);

/// <summary>
/// A PFCP node: typed messages over a <see cref="PfcpEndpoint"/>. It answers Heartbeat Requests
/// itself with its <see cref="RecoveryTimeStamp"/>, keeps a <see cref="PeerLiveness"/> per peer fed
/// with the Recovery Time Stamps peers send, answers requests that do not decode the way §7.6 says
/// (a cause and the Offending IE), and hands every other request to its handler.
/// </summary>
public sealed class PfcpNode : IAsyncDisposable
{
    private readonly PfcpEndpoint _endpoint;
    private readonly PfcpMessageHandler _handler;
    private readonly ConcurrentDictionary<IPEndPoint, PeerLiveness> _peers = new();
    private readonly Func<ulong, ulong>? _remoteSeidOf;

    private PfcpNode(IPEndPoint local, NodeId nodeId, PfcpMessageHandler handler, PfcpNodeOptions options)
    {
        NodeId = nodeId;
        _handler = handler;
        RecoveryTimeStamp = options.RecoveryTimeStamp ?? NtpTime.Now;
        Log = options.Log;
        _remoteSeidOf = options.RemoteSeidOf;
        _endpoint = PfcpEndpoint.Bind(local, OnRequestAsync, options.Endpoint);
    }

    /// <summary>This node's own Node ID, put in the responses it builds.</summary>
    public NodeId NodeId { get; }

    /// <summary>When this node started, as it tells its peers.</summary>
    public NtpTime RecoveryTimeStamp { get; }

    /// <summary>Where it listens.</summary>
    public IPEndPoint LocalEndPoint => _endpoint.LocalEndPoint;

    /// <summary>The endpoint's timers.</summary>
    public PfcpEndpointOptions EndpointOptions => _endpoint.Options;

    /// <summary>Given each message decoded or sent, for logs; null for none.</summary>
    public Action<PfcpMessageDirection, IPEndPoint, PfcpMessage>? Log { get; }

    /// <summary>
    /// Binds a node to <paramref name="local"/>. <paramref name="handler"/> gets every request but
    /// Heartbeat Request; <see cref="PfcpNodeOptions.RemoteSeidOf"/> names the SEID a rejection of an
    /// undecodable session request carries.
    /// </summary>
    public static PfcpNode Bind(IPEndPoint local, NodeId nodeId, PfcpMessageHandler handler, PfcpNodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(nodeId);
        ArgumentNullException.ThrowIfNull(handler);
        return new PfcpNode(local, nodeId, handler, options ?? new PfcpNodeOptions());
    }

    /// <summary>What this node knows of <paramref name="peer"/>'s life (created on first use).</summary>
    public PeerLiveness Peer(IPEndPoint peer) => _peers.GetOrAdd(peer, static _ => new PeerLiveness());

    /// <summary>
    /// Sends <paramref name="request"/> reliably and returns its response as <typeparamref name="TResponse"/>;
    /// throws <see cref="PfcpTimeoutException"/> when none comes and <see cref="PfcpProtocolException"/>
    /// when what comes is not that response.
    /// </summary>
    public async Task<TResponse> RequestAsync<TResponse>(IPEndPoint peer, PfcpMessage request, CancellationToken cancellationToken = default)
        where TResponse : PfcpMessage
    {
        ArgumentNullException.ThrowIfNull(request);
        request = request with { SequenceNumber = _endpoint.NextSequenceNumber(peer) };
        var encoded = PfcpCodec.Encode(request);
        Log?.Invoke(PfcpMessageDirection.Sent, peer, request);
        var received = await _endpoint.RequestAsync(peer, encoded, sequenceAssigned: true, cancellationToken).ConfigureAwait(false);
        var decoded = PfcpCodec.Decode(received.Message.Span);
        if (!decoded.IsSuccess)
        {
            throw new PfcpProtocolException($"{peer} answered {request.MessageType} with a message that does not decode: {decoded.Error}");
        }

        Log?.Invoke(PfcpMessageDirection.Received, peer, decoded.Message);
        ObserveRecovery(peer, decoded.Message);
        return decoded.Message switch
        {
            TResponse response => response,
            VersionNotSupportedResponse => throw new PfcpProtocolException($"{peer} does not support PFCP version 1"),
            var other => throw new PfcpProtocolException($"{peer} answered {request.MessageType} with {other.MessageType}"),
        };
    }

    /// <summary>Sends a Heartbeat Request to <paramref name="peer"/> and returns the peer's Recovery Time Stamp.</summary>
    public async Task<DateTime> HeartbeatAsync(IPEndPoint peer, CancellationToken cancellationToken = default)
    {
        var response = await RequestAsync<HeartbeatResponse>(peer, new HeartbeatRequest { RecoveryTimeStamp = RecoveryTimeStamp }, cancellationToken).ConfigureAwait(false);
        return response.RecoveryTimeStamp.ToDateTimeOffset().UtcDateTime;
    }

    /// <summary>Stops the node: closes the socket and fails the requests still waiting.</summary>
    public ValueTask DisposeAsync() => _endpoint.DisposeAsync();

    private async ValueTask<ReadOnlyMemory<byte>?> OnRequestAsync(PfcpReceived received, CancellationToken cancellationToken)
    {
        var decoded = PfcpCodec.Decode(received.Message.Span);
        if (!decoded.IsSuccess)
        {
            var error = decoded.Error;
            if (error.Action != PfcpDecodeAction.Reject || error.Header is not { } header)
            {
                return null;
            }

            var seid = header.Seid is { } local ? _remoteSeidOf?.Invoke(local) ?? 0 : 0;
            var rejection = PfcpRejections.For(header.MessageType, NodeId, error.Cause, error.OffendingIe, seid, RecoveryTimeStamp);
            return rejection is null ? null : Send(received.Peer, rejection with { SequenceNumber = header.SequenceNumber });
        }

        var request = decoded.Message;
        Log?.Invoke(PfcpMessageDirection.Received, received.Peer, request);
        ObserveRecovery(received.Peer, request);
        if (request is HeartbeatRequest)
        {
            return Send(received.Peer, new HeartbeatResponse { RecoveryTimeStamp = RecoveryTimeStamp, SequenceNumber = request.SequenceNumber });
        }

        PfcpMessage? response;
        try
        {
            response = await _handler(received.Peer, request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A handler that fails answers the way the spec names it: the request could not be served.
            var seid = request is PfcpSessionMessage session ? _remoteSeidOf?.Invoke(session.Seid) ?? 0 : 0;
            response = PfcpRejections.For(request.MessageType, NodeId, Wire.PfcpCause.SystemFailure, null, seid, RecoveryTimeStamp);
        }

        return response is null ? null : Send(received.Peer, response with { SequenceNumber = request.SequenceNumber });
    }

    private ReadOnlyMemory<byte> Send(IPEndPoint peer, PfcpMessage response)
    {
        Log?.Invoke(PfcpMessageDirection.Sent, peer, response);
        return PfcpCodec.Encode(response);
    }

    private void ObserveRecovery(IPEndPoint peer, PfcpMessage message)
    {
        NtpTime? stamp = message switch
        {
            HeartbeatRequest m => m.RecoveryTimeStamp,
            HeartbeatResponse m => m.RecoveryTimeStamp,
            AssociationSetupRequest m => m.RecoveryTimeStamp,
            AssociationSetupResponse m => m.RecoveryTimeStamp,
            _ => null,
        };
        if (stamp is { } recovery)
        {
            Peer(peer).Observe(recovery.ToDateTimeOffset().UtcDateTime);
        }
    }
}

/// <summary>Which way a logged message went.</summary>
public enum PfcpMessageDirection
{
    /// <summary>This node sent it.</summary>
    Sent,
    /// <summary>This node received it.</summary>
    Received,
}

/// <summary>How a <see cref="PfcpNode"/> runs.</summary>
public sealed record PfcpNodeOptions
{
    /// <summary>Reliable delivery's timers.</summary>
    public PfcpEndpointOptions? Endpoint { get; init; }

    /// <summary>The node's Recovery Time Stamp; now when null.</summary>
    public NtpTime? RecoveryTimeStamp { get; init; }

    /// <summary>Maps a local SEID to the peer's SEID for the same session (0 when unknown), for rejections of session requests that did not decode.</summary>
    public Func<ulong, ulong>? RemoteSeidOf { get; init; }

    /// <summary>Given each message sent or received, for logs.</summary>
    public Action<PfcpMessageDirection, IPEndPoint, PfcpMessage>? Log { get; init; }
}

/// <summary>A peer answered with something that is not the response asked for.</summary>
public sealed class PfcpProtocolException(string message) : Exception(message);
