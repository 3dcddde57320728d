using System.Net;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Messages;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Smf;

/// <summary>
/// One PFCP session the SMF established on a UPF: its two SEIDs, the uplink F-TEID the UPF chose,
/// and the procedures on it (handover, usage query, deletion).
/// </summary>
public sealed class SmfSession
{
    internal SmfSession(SmfN4Client client, ulong localSeid, FSeid upfFSeid, FTeid? uplinkFTeid, PduSessionRequest request)
    {
        Client = client;
        LocalSeid = localSeid;
        UpfFSeid = upfFSeid;
        UplinkFTeid = uplinkFTeid;
        Request = request;
        DownlinkTunnel = (request.GnbAddress, request.GnbTeid);
    }

    /// <summary>The association the session lives on.</summary>
    public SmfN4Client Client { get; }

    /// <summary>The SMF's SEID: the UPF puts it in the headers of what it sends for the session.</summary>
    public ulong LocalSeid { get; }

    /// <summary>The UPF's F-SEID: its SEID goes in the headers of what the SMF sends for the session.</summary>
    public FSeid UpfFSeid { get; }

    /// <summary>The UPF's SEID.</summary>
    public ulong UpfSeid => UpfFSeid.Seid;

    /// <summary>The uplink F-TEID the UPF chose (where the gNB sends the UE's packets); null if the UPF reported none.</summary>
    public FTeid? UplinkFTeid { get; }

    /// <summary>What the session was established with.</summary>
    public PduSessionRequest Request { get; }

    /// <summary>Where downlink packets go now: the gNB's address and TEID.</summary>
    public (IPAddress Address, uint Teid) DownlinkTunnel { get; private set; }

    /// <summary>Whether the session was deleted (or lost with a UPF restart).</summary>
    public bool IsDeleted { get; internal set; }

    /// <summary>
    /// Moves the downlink to a new gNB tunnel, as in a handover: Update FAR with Update Forwarding
    /// Parameters carrying a new Outer Header Creation.
    /// </summary>
    public async Task ModifyDownlinkAsync(IPAddress gnbAddress, uint gnbTeid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gnbAddress);
        await ModifyAsync(new SessionModificationRequest
        {
            UpdateFars =
            [
                new UpdateFar
                {
                    FarId = SmfN4Client.DownlinkFarId,
                    ApplyAction = ApplyAction.Forward,
                    UpdateForwardingParameters = new UpdateForwardingParameters
                    {
                        DestinationInterface = DestinationInterface.Access,
                        OuterHeaderCreation = OuterHeaderCreation.GtpuIPv4(gnbTeid, gnbAddress),
                    },
                },
            ],
        }, cancellationToken).ConfigureAwait(false);
        DownlinkTunnel = (gnbAddress, gnbTeid);
    }

    /// <summary>The session's usage now (Query URR, reported with trigger IMMER).</summary>
    public async Task<IReadOnlyList<UsageReport>> QueryUsageAsync(CancellationToken cancellationToken = default)
    {
        var response = await ModifyAsync(new SessionModificationRequest { QueryUrrs = [new QueryUrr(SmfN4Client.UsageUrrId)] }, cancellationToken).ConfigureAwait(false);
        return response.UsageReports;
    }

    /// <summary>Sends a Session Modification Request for this session (its header SEID is set here) and returns the accepted response.</summary>
    public async Task<SessionModificationResponse> ModifyAsync(SessionModificationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(IsDeleted, this);
        var response = await Client.Node.RequestAsync<SessionModificationResponse>(Client.UpfEndPoint, request with { Seid = UpfSeid }, cancellationToken).ConfigureAwait(false);
        if (!response.Cause.IsAcceptance())
        {
            throw new PfcpRequestRejectedException(PfcpMessageType.SessionModificationRequest, response.Cause, response.OffendingIe);
        }

        return response;
    }

    /// <summary>Deletes the session; returns the final usage reports (trigger TERMR).</summary>
    public async Task<IReadOnlyList<UsageReport>> DeleteAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(IsDeleted, this);
        var response = await Client.Node.RequestAsync<SessionDeletionResponse>(Client.UpfEndPoint, new SessionDeletionRequest { Seid = UpfSeid }, cancellationToken).ConfigureAwait(false);
        if (!response.Cause.IsAcceptance())
        {
            throw new PfcpRequestRejectedException(PfcpMessageType.SessionDeletionRequest, response.Cause, response.OffendingIe);
        }

        Client.Forget(this);
        return response.UsageReports;
    }
}
