using System.Net;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Messages;
using Steward.Pfcp.Node;
using Steward.Pfcp.Wire;
using Steward.Upf.Rules;
using Ies = Steward.Pfcp.Ies;

namespace Steward.Upf.Control;

// Usage reports: the user plane's counts in PFCP's Usage Report IE, and the Session Report Requests
// the UPF sends on its own when the user plane reports a threshold or a buffered packet.
public sealed partial class UpfControl
{
    private static Ies.UsageReport ToIe(UpfSession session, Rules.UsageReport usage) => new()
    {
        UrrId = usage.UrrId,
        UrSeqn = session.NextReportNumber(usage.UrrId),
        UsageReportTrigger = usage.Reason switch
        {
            UsageReportReason.VolumeThreshold => UsageReportTrigger.VolumeThreshold,
            UsageReportReason.Termination => UsageReportTrigger.TerminationReport,
            UsageReportReason.Periodic => UsageReportTrigger.PeriodicReporting,
            _ => UsageReportTrigger.ImmediateReport,
        },
        StartTime = NtpTime.FromDateTimeOffset(new DateTimeOffset(DateTime.SpecifyKind(usage.Start, DateTimeKind.Utc))),
        EndTime = NtpTime.FromDateTimeOffset(new DateTimeOffset(DateTime.SpecifyKind(usage.End, DateTimeKind.Utc))),
        VolumeMeasurement = new VolumeMeasurement
        {
            TotalVolume = usage.TotalBytes,
            UplinkVolume = usage.UplinkBytes,
            DownlinkVolume = usage.DownlinkBytes,
            TotalPackets = usage.UplinkPackets + usage.DownlinkPackets,
            UplinkPackets = usage.UplinkPackets,
            DownlinkPackets = usage.DownlinkPackets,
        },
    };

    private void OnUsageThresholdReached(ulong localSeid, Rules.UsageReport usage)
    {
        SessionReportRequest report;
        IPEndPoint peer;
        lock (_gate)
        {
            if (!_sessions.TryGetValue(localSeid, out var session))
            {
                return;
            }

            peer = session.Peer;
            report = new SessionReportRequest { Seid = session.Remote.Seid, ReportType = ReportType.Usage, UsageReports = [ToIe(session, usage)] };
        }

        _ = SendReportAsync(localSeid, peer, report);
    }

    private void OnDownlinkDataBuffered(ulong localSeid, ushort pdrId)
    {
        SessionReportRequest report;
        IPEndPoint peer;
        lock (_gate)
        {
            if (!_sessions.TryGetValue(localSeid, out var session))
            {
                return;
            }

            peer = session.Peer;
            report = new SessionReportRequest
            {
                Seid = session.Remote.Seid,
                ReportType = ReportType.DownlinkData,
                DownlinkDataReport = new DownlinkDataReport { PdrIds = [pdrId] },
            };
        }

        _ = SendReportAsync(localSeid, peer, report);
    }

    // Reports come from the data path's threads: they are sent on their own task, never awaited there.
    private async Task SendReportAsync(ulong localSeid, IPEndPoint peer, SessionReportRequest report)
    {
        try
        {
            var response = await _node.RequestAsync<SessionReportResponse>(peer, report).ConfigureAwait(false);
            if (response.Cause == PfcpCause.SessionContextNotFound)
            {
                _options.Log?.Invoke($"session {localSeid:x16}: the SMF does not know it any more");
            }
        }
        catch (Exception e) when (e is TimeoutException or PfcpProtocolException or ObjectDisposedException)
        {
            _options.Log?.Invoke($"session {localSeid:x16}: report {report.ReportType} not delivered: {e.Message}");
        }
    }
}
