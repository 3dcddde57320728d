using Steward.Pfcp.Ies;
using Steward.Pfcp.Messages;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Node;

/// <summary>The response that refuses a request of a given type with a cause (TS 29.244 §7.6).</summary>
public static class PfcpRejections
{
    /// <summary>
    /// The response to a <paramref name="requestType"/> carrying <paramref name="cause"/> and, when
    /// given, the Offending IE; null for a type this model has no response for (the request is then dropped).
    /// <paramref name="seid"/> goes in a session response's header: the requester's SEID, or 0 when unknown;
    /// <paramref name="recoveryTimeStamp"/> in an Association Setup Response (now when null).
    /// </summary>
    public static PfcpMessage? For(PfcpMessageType requestType, NodeId nodeId, PfcpCause cause, IeType? offendingIe, ulong seid, NtpTime? recoveryTimeStamp = null) => requestType switch
    {
        PfcpMessageType.AssociationSetupRequest => new AssociationSetupResponse { NodeId = nodeId, Cause = cause, RecoveryTimeStamp = recoveryTimeStamp ?? NtpTime.Now },
        PfcpMessageType.AssociationUpdateRequest => new AssociationUpdateResponse { NodeId = nodeId, Cause = cause },
        PfcpMessageType.AssociationReleaseRequest => new AssociationReleaseResponse { NodeId = nodeId, Cause = cause },
        PfcpMessageType.NodeReportRequest => new NodeReportResponse { NodeId = nodeId, Cause = cause, OffendingIe = offendingIe },
        PfcpMessageType.SessionEstablishmentRequest => new SessionEstablishmentResponse { Seid = seid, NodeId = nodeId, Cause = cause, OffendingIe = offendingIe },
        PfcpMessageType.SessionModificationRequest => new SessionModificationResponse { Seid = seid, Cause = cause, OffendingIe = offendingIe },
        PfcpMessageType.SessionDeletionRequest => new SessionDeletionResponse { Seid = seid, Cause = cause, OffendingIe = offendingIe },
        PfcpMessageType.SessionReportRequest => new SessionReportResponse { Seid = seid, Cause = cause, OffendingIe = offendingIe },
        _ => null,
    };
}
