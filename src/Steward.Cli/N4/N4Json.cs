using System.Globalization;
using System.Text.Json.Nodes;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Smf;

namespace Steward.Cli.N4;

/// <summary>The JSON lines `steward smf` prints: one object a line, an "event" member first.</summary>
internal static class N4Json
{
    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static JsonObject Established(SmfSession session) => new()
    {
        ["event"] = "established",
        ["smfSeid"] = Hex(session.LocalSeid),
        ["upfSeid"] = Hex(session.UpfSeid),
        ["uplinkTeid"] = session.UplinkFTeid?.Teid,
        ["uplinkAddress"] = session.UplinkFTeid?.IPv4?.ToString() ?? session.UplinkFTeid?.IPv6?.ToString(),
        ["ueIp"] = session.Request.UeAddress.ToString(),
        ["gnb"] = session.DownlinkTunnel.Address.ToString(),
        ["gnbTeid"] = session.DownlinkTunnel.Teid,
        ["qfi"] = session.Request.Qfi,
    };

    public static JsonArray Usage(IEnumerable<UsageReport> reports)
    {
        var array = new JsonArray();
        foreach (var report in reports)
        {
            array.Add(new JsonObject
            {
                ["urrId"] = report.UrrId,
                ["urSeqn"] = report.UrSeqn,
                ["trigger"] = report.UsageReportTrigger.ToString(),
                ["totalBytes"] = report.VolumeMeasurement?.TotalVolume,
                ["uplinkBytes"] = report.VolumeMeasurement?.UplinkVolume,
                ["downlinkBytes"] = report.VolumeMeasurement?.DownlinkVolume,
                ["uplinkPackets"] = report.VolumeMeasurement?.UplinkPackets,
                ["downlinkPackets"] = report.VolumeMeasurement?.DownlinkPackets,
                ["start"] = report.StartTime?.ToString(),
                ["end"] = report.EndTime?.ToString(),
            });
        }

        return array;
    }

    public static JsonObject Report(SessionReport report)
    {
        var line = new JsonObject
        {
            ["event"] = "report",
            ["smfSeid"] = Hex(report.Session.LocalSeid),
            ["reportType"] = report.ReportType.ToString(),
            ["usage"] = Usage(report.UsageReports),
        };
        if (report.DownlinkDataReport is { } downlink)
        {
            line["downlinkDataPdrs"] = new JsonArray([.. downlink.PdrIds.Select(id => JsonValue.Create(id))]);
        }

        if (report.ErrorIndicationReport is { } errors)
        {
            line["errorIndicationTeids"] = new JsonArray([.. errors.RemoteFTeids.Select(f => JsonValue.Create(f.Teid))]);
        }

        return line;
    }

    public static JsonObject Event(string name, params (string Key, JsonNode? Value)[] members)
    {
        var line = new JsonObject { ["event"] = name };
        foreach (var (key, value) in members)
        {
            line[key] = value;
        }

        return line;
    }
}
