using Steward.Pfcp.Ies;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Messages;

/// <summary>Heartbeat Request (§7.4.2.1).</summary>
public sealed record HeartbeatRequest : PfcpNodeMessage
{
    /// <inheritdoc/>
    public override PfcpMessageType MessageType => PfcpMessageType.HeartbeatRequest;

    /// <summary>When the sender last started (mandatory): a change means it restarted.</summary>
    public required NtpTime RecoveryTimeStamp { get; init; }
}

/// <summary>Heartbeat Response (§7.4.2.2).</summary>
public sealed record HeartbeatResponse : PfcpNodeMessage
{
    /// <inheritdoc/>
    public override PfcpMessageType MessageType => PfcpMessageType.HeartbeatResponse;

    /// <summary>When the responder last started (mandatory).</summary>
    public required NtpTime RecoveryTimeStamp { get; init; }
}

/// <summary>Association Setup Request (§7.4.4.1).</summary>
public sealed record AssociationSetupRequest : PfcpNodeMessage
{
    /// <inheritdoc/>
    public override PfcpMessageType MessageType => PfcpMessageType.AssociationSetupRequest;

    /// <summary>The sender (mandatory).</summary>
    public required NodeId NodeId { get; init; }

    /// <summary>When the sender last started (mandatory).</summary>
    public required NtpTime RecoveryTimeStamp { get; init; }

    /// <summary>The UPF's features, when a UPF sends it.</summary>
    public UpFunctionFeatures? UpFunctionFeatures { get; init; }

    /// <summary>The SMF's features, when an SMF sends it.</summary>
    public CpFunctionFeatures? CpFunctionFeatures { get; init; }
}

/// <summary>Association Setup Response (§7.4.4.2).</summary>
public sealed record AssociationSetupResponse : PfcpNodeMessage
{
    /// <inheritdoc/>
    public override PfcpMessageType MessageType => PfcpMessageType.AssociationSetupResponse;

    /// <summary>The responder (mandatory).</summary>
    public required NodeId NodeId { get; init; }

    /// <summary>Accepted or why not (mandatory).</summary>
    public required PfcpCause Cause { get; init; }

    /// <summary>When the responder last started (mandatory).</summary>
    public required NtpTime RecoveryTimeStamp { get; init; }

    /// <summary>The UPF's features, when a UPF responds.</summary>
    public UpFunctionFeatures? UpFunctionFeatures { get; init; }

    /// <summary>The SMF's features, when an SMF responds.</summary>
    public CpFunctionFeatures? CpFunctionFeatures { get; init; }
}

/// <summary>Association Update Request (§7.4.4.3).</summary>
public sealed record AssociationUpdateRequest : PfcpNodeMessage
{
    /// <inheritdoc/>
    public override PfcpMessageType MessageType => PfcpMessageType.AssociationUpdateRequest;

    /// <summary>The sender (mandatory).</summary>
    public required NodeId NodeId { get; init; }

    /// <summary>The UPF's features, if they changed.</summary>
    public UpFunctionFeatures? UpFunctionFeatures { get; init; }

    /// <summary>The SMF's features, if they changed.</summary>
    public CpFunctionFeatures? CpFunctionFeatures { get; init; }
}

/// <summary>Association Update Response (§7.4.4.4).</summary>
public sealed record AssociationUpdateResponse : PfcpNodeMessage
{
    /// <inheritdoc/>
    public override PfcpMessageType MessageType => PfcpMessageType.AssociationUpdateResponse;

    /// <summary>The responder (mandatory).</summary>
    public required NodeId NodeId { get; init; }

    /// <summary>Accepted or why not (mandatory).</summary>
    public required PfcpCause Cause { get; init; }

    /// <summary>The UPF's features.</summary>
    public UpFunctionFeatures? UpFunctionFeatures { get; init; }

    /// <summary>The SMF's features.</summary>
    public CpFunctionFeatures? CpFunctionFeatures { get; init; }
}

/// <summary>Association Release Request (§7.4.4.5).</summary>
public sealed record AssociationReleaseRequest : PfcpNodeMessage
{
    /// <inheritdoc/>
    public override PfcpMessageType MessageType => PfcpMessageType.AssociationReleaseRequest;

    /// <summary>The sender (mandatory).</summary>
    public required NodeId NodeId { get; init; }
}

/// <summary>Association Release Response (§7.4.4.6).</summary>
public sealed record AssociationReleaseResponse : PfcpNodeMessage
{
    /// <inheritdoc/>
    public override PfcpMessageType MessageType => PfcpMessageType.AssociationReleaseResponse;

    /// <summary>The responder (mandatory).</summary>
    public required NodeId NodeId { get; init; }

    /// <summary>Accepted or why not (mandatory).</summary>
    public required PfcpCause Cause { get; init; }
}

/// <summary>Version Not Supported Response (§7.4.4.7): a header and nothing else, answering a message of another version.</summary>
public sealed record VersionNotSupportedResponse : PfcpNodeMessage
{
    /// <inheritdoc/>
    public override PfcpMessageType MessageType => PfcpMessageType.VersionNotSupportedResponse;
}

/// <summary>Node Report Request (§7.4.5.1): a UPF reports something about itself, such as a failed GTP-U path.</summary>
public sealed record NodeReportRequest : PfcpNodeMessage
{
    /// <inheritdoc/>
    public override PfcpMessageType MessageType => PfcpMessageType.NodeReportRequest;

    /// <summary>The sender (mandatory).</summary>
    public required NodeId NodeId { get; init; }

    /// <summary>What is reported (mandatory).</summary>
    public required NodeReportType NodeReportType { get; init; }

    /// <summary>The failed paths, with <see cref="NodeReportType.UserPlanePathFailure"/>.</summary>
    public UserPlanePathFailureReport? UserPlanePathFailureReport { get; init; }
}

/// <summary>Node Report Response (§7.4.5.2).</summary>
public sealed record NodeReportResponse : PfcpNodeMessage
{
    /// <inheritdoc/>
    public override PfcpMessageType MessageType => PfcpMessageType.NodeReportResponse;

    /// <summary>The responder (mandatory).</summary>
    public required NodeId NodeId { get; init; }

    /// <summary>Accepted or why not (mandatory).</summary>
    public required PfcpCause Cause { get; init; }

    /// <summary>The IE that made the request fail, with a cause that names one.</summary>
    public IeType? OffendingIe { get; init; }
}
