namespace Steward.Pfcp.Wire;

/// <summary>PFCP cause values (3GPP TS 29.244 §8.2.1, Table 8.2.1-1). 1–63 accept a request, 64 and up reject it.</summary>
public enum PfcpCause : byte
{
    /// <summary>Never sent; a received 0 makes the Cause IE invalid.</summary>
    Reserved = 0,

    /// <summary>Request accepted (success).</summary>
    RequestAccepted = 1,

    /// <summary>The UP function has more usage reports to send (Session Deletion Response).</summary>
    MoreUsageReportToSend = 2,

    /// <summary>Request partially accepted (the PSUCC feature).</summary>
    RequestPartiallyAccepted = 3,

    /// <summary>Request rejected (reason not specified).</summary>
    RequestRejected = 64,

    /// <summary>The F-SEID of a session modification or deletion is unknown.</summary>
    SessionContextNotFound = 65,

    /// <summary>A mandatory IE is missing; an Offending IE names it.</summary>
    MandatoryIeMissing = 66,

    /// <summary>A conditional IE is missing; an Offending IE names it.</summary>
    ConditionalIeMissing = 67,

    /// <summary>The length of the message or of an IE is inconsistent.</summary>
    InvalidLength = 68,

    /// <summary>A mandatory IE is malformed or carries an invalid value; an Offending IE names it.</summary>
    MandatoryIeIncorrect = 69,

    /// <summary>The Forwarding Policy is unknown.</summary>
    InvalidForwardingPolicy = 70,

    /// <summary>The F-TEID allocation option does not match what the UP function does.</summary>
    InvalidFTeidAllocationOption = 71,

    /// <summary>The request came without an established PFCP association.</summary>
    NoEstablishedPfcpAssociation = 72,

    /// <summary>A rule could not be created or modified; a Failed Rule ID names it.</summary>
    RuleCreationModificationFailure = 73,

    /// <summary>The PFCP entity is congested.</summary>
    PfcpEntityInCongestion = 74,

    /// <summary>No resources available.</summary>
    NoResourcesAvailable = 75,

    /// <summary>The request needs a feature the entity does not support.</summary>
    ServiceNotSupported = 76,

    /// <summary>System failure.</summary>
    SystemFailure = 77,

    /// <summary>Redirection requested (to another SMF or PGW-C).</summary>
    RedirectionRequested = 78,

    /// <summary>All dynamic addresses are occupied.</summary>
    AllDynamicAddressesAreOccupied = 79,

    /// <summary>Unknown pre-defined rule.</summary>
    UnknownPreDefinedRule = 80,

    /// <summary>Unknown application id.</summary>
    UnknownApplicationId = 81,
}

/// <summary>What the spec says of cause values.</summary>
public static class PfcpCauses
{
    /// <summary>Whether the cause accepts the request (1 to 63).</summary>
    public static bool IsAcceptance(this PfcpCause cause) => cause is >= PfcpCause.RequestAccepted and < PfcpCause.RequestRejected;
}
