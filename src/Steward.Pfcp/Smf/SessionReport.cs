using Steward.Pfcp.Ies;

namespace Steward.Pfcp.Smf;

/// <summary>A Session Report Request the UPF sent for one of the SMF's sessions (already answered).</summary>
/// <param name="Session">The session reported on.</param>
/// <param name="ReportType">What is reported.</param>
/// <param name="UsageReports">Usage reports (report type USAR).</param>
/// <param name="DownlinkDataReport">The PDRs that buffered a downlink packet (report type DLDR).</param>
/// <param name="ErrorIndicationReport">The remote F-TEIDs a GTP-U Error Indication named (report type ERIR).</param>
public sealed record SessionReport(SmfSession Session, ReportType ReportType, IReadOnlyList<UsageReport> UsageReports, DownlinkDataReport? DownlinkDataReport, ErrorIndicationReport? ErrorIndicationReport = null);
