using Steward.Pfcp.Ies;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Messages;

/// <summary>Session Establishment Request (§7.5.2): the SMF creates a session on the UPF. Its header SEID is 0.</summary>
public sealed record SessionEstablishmentRequest : PfcpSessionMessage
{
    /// <inheritdoc/>
    public override PfcpMessageType MessageType => PfcpMessageType.SessionEstablishmentRequest;

    /// <summary>The SMF (mandatory).</summary>
    public required NodeId NodeId { get; init; }

    /// <summary>The SMF's F-SEID (mandatory): the SEID the UPF puts in the headers it sends for this session.</summary>
    public required FSeid CpFSeid { get; init; }

    /// <summary>One or more PDRs (mandatory).</summary>
    public required IReadOnlyList<CreatePdr> CreatePdrs { get; init; }

    /// <summary>One or more FARs (mandatory).</summary>
    public required IReadOnlyList<CreateFar> CreateFars { get; init; }

    /// <summary>URRs.</summary>
    public IReadOnlyList<CreateUrr> CreateUrrs { get; init; } = [];

    /// <summary>QERs.</summary>
    public IReadOnlyList<CreateQer> CreateQers { get; init; } = [];

    /// <summary>The kind of PDU session (present for a PDU session, §7.5.2).</summary>
    public PdnType? PdnType { get; init; }
}

/// <summary>Session Establishment Response (§7.5.3). Its header SEID is the SMF's.</summary>
public sealed record SessionEstablishmentResponse : PfcpSessionMessage
{
    /// <inheritdoc/>
    public override PfcpMessageType MessageType => PfcpMessageType.SessionEstablishmentResponse;

    /// <summary>The UPF (mandatory).</summary>
    public required NodeId NodeId { get; init; }

    /// <summary>Accepted or why not (mandatory).</summary>
    public required PfcpCause Cause { get; init; }

    /// <summary>The IE that made the request fail, with a cause that names one.</summary>
    public IeType? OffendingIe { get; init; }

    /// <summary>The UPF's F-SEID, when accepted: the SEID the SMF puts in the headers it sends for this session.</summary>
    public FSeid? UpFSeid { get; init; }

    /// <summary>What the UPF chose for PDRs that asked it to (CHOOSE).</summary>
    public IReadOnlyList<CreatedPdr> CreatedPdrs { get; init; } = [];
}

/// <summary>Session Modification Request (§7.5.4). Its header SEID is the UPF's.</summary>
public sealed record SessionModificationRequest : PfcpSessionMessage
{
    /// <inheritdoc/>
    public override PfcpMessageType MessageType => PfcpMessageType.SessionModificationRequest;

    /// <summary>A new SMF F-SEID, if the SMF changed it.</summary>
    public FSeid? CpFSeid { get; init; }

    /// <summary>Flags of the whole modification (DROBU, QAURR).</summary>
    public PfcpSmReqFlags? PfcpSmReqFlags { get; init; }

    /// <summary>PDRs to remove.</summary>
    public IReadOnlyList<RemovePdr> RemovePdrs { get; init; } = [];

    /// <summary>FARs to remove.</summary>
    public IReadOnlyList<RemoveFar> RemoveFars { get; init; } = [];

    /// <summary>URRs to remove.</summary>
    public IReadOnlyList<RemoveUrr> RemoveUrrs { get; init; } = [];

    /// <summary>QERs to remove.</summary>
    public IReadOnlyList<RemoveQer> RemoveQers { get; init; } = [];

    /// <summary>PDRs to add.</summary>
    public IReadOnlyList<CreatePdr> CreatePdrs { get; init; } = [];

    /// <summary>FARs to add.</summary>
    public IReadOnlyList<CreateFar> CreateFars { get; init; } = [];

    /// <summary>URRs to add.</summary>
    public IReadOnlyList<CreateUrr> CreateUrrs { get; init; } = [];

    /// <summary>QERs to add.</summary>
    public IReadOnlyList<CreateQer> CreateQers { get; init; } = [];

    /// <summary>PDRs to change.</summary>
    public IReadOnlyList<UpdatePdr> UpdatePdrs { get; init; } = [];

    /// <summary>FARs to change.</summary>
    public IReadOnlyList<UpdateFar> UpdateFars { get; init; } = [];

    /// <summary>URRs to change.</summary>
    public IReadOnlyList<UpdateUrr> UpdateUrrs { get; init; } = [];

    /// <summary>QERs to change.</summary>
    public IReadOnlyList<UpdateQer> UpdateQers { get; init; } = [];

    /// <summary>URRs to report on now, in the response.</summary>
    public IReadOnlyList<QueryUrr> QueryUrrs { get; init; } = [];
}

/// <summary>Session Modification Response (§7.5.5). Its header SEID is the SMF's.</summary>
public sealed record SessionModificationResponse : PfcpSessionMessage
{
    /// <inheritdoc/>
    public override PfcpMessageType MessageType => PfcpMessageType.SessionModificationResponse;

    /// <summary>Accepted or why not (mandatory).</summary>
    public required PfcpCause Cause { get; init; }

    /// <summary>The IE that made the request fail, with a cause that names one.</summary>
    public IeType? OffendingIe { get; init; }

    /// <summary>What the UPF chose for new PDRs that asked it to.</summary>
    public IReadOnlyList<CreatedPdr> CreatedPdrs { get; init; } = [];

    /// <summary>Reports of removed or queried URRs.</summary>
    public IReadOnlyList<UsageReport> UsageReports { get; init; } = [];
}

/// <summary>Session Deletion Request (§7.5.6): no IEs; the header SEID names the session.</summary>
public sealed record SessionDeletionRequest : PfcpSessionMessage
{
    /// <inheritdoc/>
    public override PfcpMessageType MessageType => PfcpMessageType.SessionDeletionRequest;
}

/// <summary>Session Deletion Response (§7.5.7). Its header SEID is the SMF's.</summary>
public sealed record SessionDeletionResponse : PfcpSessionMessage
{
    /// <inheritdoc/>
    public override PfcpMessageType MessageType => PfcpMessageType.SessionDeletionResponse;

    /// <summary>Accepted or why not (mandatory).</summary>
    public required PfcpCause Cause { get; init; }

    /// <summary>The IE that made the request fail, with a cause that names one.</summary>
    public IeType? OffendingIe { get; init; }

    /// <summary>The final report of every URR of the session.</summary>
    public IReadOnlyList<UsageReport> UsageReports { get; init; } = [];
}

/// <summary>Session Report Request (§7.5.8): the UPF reports on a session. Its header SEID is the SMF's.</summary>
public sealed record SessionReportRequest : PfcpSessionMessage
{
    /// <inheritdoc/>
    public override PfcpMessageType MessageType => PfcpMessageType.SessionReportRequest;

    /// <summary>What is reported (mandatory).</summary>
    public required ReportType ReportType { get; init; }

    /// <summary>The PDRs that buffered downlink data, with <see cref="ReportType.DownlinkData"/>.</summary>
    public DownlinkDataReport? DownlinkDataReport { get; init; }

    /// <summary>Usage reports, with <see cref="ReportType.Usage"/>.</summary>
    public IReadOnlyList<UsageReport> UsageReports { get; init; } = [];

    /// <summary>The tunnels a GTP-U Error Indication named, with <see cref="ReportType.ErrorIndication"/>.</summary>
    public ErrorIndicationReport? ErrorIndicationReport { get; init; }
}

/// <summary>Session Report Response (§7.5.9). Its header SEID is the UPF's.</summary>
public sealed record SessionReportResponse : PfcpSessionMessage
{
    /// <inheritdoc/>
    public override PfcpMessageType MessageType => PfcpMessageType.SessionReportResponse;

    /// <summary>Accepted or why not (mandatory).</summary>
    public required PfcpCause Cause { get; init; }

    /// <summary>The IE that made the request fail, with a cause that names one.</summary>
    public IeType? OffendingIe { get; init; }
}
