namespace Steward.Pfcp.Wire;

// The member names are the spec's message names; its table is their documentation.
#pragma warning disable CS1591

/// <summary>PFCP message types (3GPP TS 29.244 Table 7.3-1).</summary>
public enum PfcpMessageType : byte
{
    // Node related messages
    HeartbeatRequest = 1,
    HeartbeatResponse = 2,
    PfdManagementRequest = 3,
    PfdManagementResponse = 4,
    AssociationSetupRequest = 5,
    AssociationSetupResponse = 6,
    AssociationUpdateRequest = 7,
    AssociationUpdateResponse = 8,
    AssociationReleaseRequest = 9,
    AssociationReleaseResponse = 10,
    VersionNotSupportedResponse = 11,
    NodeReportRequest = 12,
    NodeReportResponse = 13,
    SessionSetDeletionRequest = 14,
    SessionSetDeletionResponse = 15,

    // Session related messages
    SessionEstablishmentRequest = 50,
    SessionEstablishmentResponse = 51,
    SessionModificationRequest = 52,
    SessionModificationResponse = 53,
    SessionDeletionRequest = 54,
    SessionDeletionResponse = 55,
    SessionReportRequest = 56,
    SessionReportResponse = 57,
}

#pragma warning restore CS1591

/// <summary>What the spec says of each message type.</summary>
public static class PfcpMessageTypes
{
    /// <summary>Session messages carry a SEID in their header (§7.2.2.1).</summary>
    public static bool IsSessionMessage(this PfcpMessageType type) => (byte)type >= 50;

    /// <summary>
    /// Whether the type is a request. The numbering does not say it by parity alone: 1–10 have odd
    /// requests, Version Not Supported (11) is a response, and from 12 on requests are even.
    /// </summary>
    public static bool IsRequest(this PfcpMessageType type) => (byte)type switch
    {
        <= 10 => ((byte)type & 1) == 1,
        11 => false,
        _ => ((byte)type & 1) == 0,
    };

    /// <summary>Whether this version of the spec defines the type.</summary>
    public static bool IsKnown(this PfcpMessageType type) => Enum.IsDefined(type);
}
