using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Steward.N4.Interop.Tests;

/// <summary>
/// The same story through the commands, each its own process: `steward upf run` in the UPF namespace, `steward smf
/// session` and `steward upf gnb-sim` in the gNB namespace; tshark on the gNB's N3 link judges all they send.
/// </summary>
public sealed class CliEndToEndTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Steward_smf_session_and_steward_upf_run_carry_a_ping_and_a_megabyte_and_end_with_the_usage()
    {
        PeerTool.RequireRoot();
        Tshark.Require();
        const uint gnbTeid = 0x1001;
        using var topology = N4Topology.Create();
        using var capture = Tshark.Capture(topology.Gnb, N4Topology.N3Link, "udp port 8805 or udp port 2152");
        using var upf = UpfProcess.Start(topology);
        using var smf = StewardCli.Start(topology.Gnb, "smf", "session", "--upf", $"{N4Topology.UpfN3Address}:8805",
            "--local", $"{N4Topology.GnbN3Address}:8805", "--ue-ip", N4Topology.UeAddress.ToString(),
            "--gnb", N4Topology.GnbN3Address.ToString(), "--gnb-teid", $"0x{gnbTeid:x}", "--qfi", "9");
        var established = Json(smf.WaitForLine(l => l.Contains("\"established\"", StringComparison.Ordinal), Wait));
        var uplinkTeid = established.GetProperty("uplinkTeid").GetUInt32();
        Assert.Equal(N4Topology.UpfN3Address.ToString(), established.GetProperty("uplinkAddress").GetString());

        using var gnb = StewardCli.Start(topology.Gnb, "upf", "gnb-sim", "--netns", N4Topology.PathOf(topology.Gnb),
            "--n3", N4Topology.GnbN3Address.ToString(), "--upf", N4Topology.UpfN3Address.ToString(),
            "--ue-ip", N4Topology.UeAddress.ToString(), "--uplink-teid", uplinkTeid.ToString(CultureInfo.InvariantCulture),
            "--downlink-teid", $"0x{gnbTeid:x}", "--qfi", "9", "--route", N4Topology.DnNetwork.ToString());
        gnb.WaitForLine(l => l.Contains("\"started\"", StringComparison.Ordinal), Wait);

        Assert.True(topology.PingDnFromUe(count: 3));
        var transfer = await NamespaceSockets.TcpTransferAsync(topology.Gnb, N4Topology.UeAddress, topology.Dn,
            new IPEndPoint(N4Topology.DnHostAddress, 5001), 1 << 20, TestContext.Current.CancellationToken);
        Assert.True(transfer.SameContent && transfer.BytesReceived == 1 << 20);

        smf.CloseInput(); // the session ends: deleted, final usage printed, association released
        var deleted = Json(smf.WaitForLine(l => l.Contains("\"deleted\"", StringComparison.Ordinal), Wait));
        smf.WaitForLine(l => l.Contains("\"released\"", StringComparison.Ordinal), Wait);
        Assert.True(smf.WaitForExit(Wait));
        Assert.Equal(0, smf.ExitCode);
        var usage = deleted.GetProperty("usage")[0];
        Assert.True(usage.GetProperty("uplinkBytes").GetInt64() > 1 << 20);
        Assert.True(usage.GetProperty("downlinkBytes").GetInt64() > 0);

        gnb.Signal("TERM");
        var stats = Json(gnb.WaitForLine(l => l.Contains("\"stats\"", StringComparison.Ordinal), Wait));
        Assert.Equal(gnbTeid, stats.GetProperty("lastDownlinkTeid").GetUInt32());
        Assert.Equal(9, stats.GetProperty("lastDownlinkQfi").GetInt32());
        Assert.Equal(0, stats.GetProperty("downlinkWrongTeid").GetInt64());
        Assert.True(upf.Stop());
        upf.Process.WaitForLine(l => l.StartsWith("upf: stopped", StringComparison.Ordinal), Wait);

        var decode = capture.Stop();
        Assert.Empty(decode.Problems);
        var smfAddress = N4Topology.GnbN3Address.ToString();
        var pfcp = decode.With("pfcp");
        var fromSmf = pfcp.Where(p => p["ip.src"] == smfAddress).Select(p => p.Number64("pfcp.msg_type")).Where(t => t != 1 && t != 2);
        var fromUpf = pfcp.Where(p => p["ip.src"] != smfAddress).Where(p => p.Number64("pfcp.msg_type") is not (1 or 2)).ToList();
        Assert.Equal([5ul, 50, 54, 9], fromSmf);
        Assert.Equal([6ul, 51, 55, 10], fromUpf.Select(p => p.Number64("pfcp.msg_type")));
        Assert.All(fromUpf, p => Assert.Equal("1", p.Field("pfcp.cause")));
        Assert.Equal(uplinkTeid, fromUpf[1].Number64("pfcp.f_teid.teid"));
        var downlink = decode.With("gtp").Where(p => p["ip.src"] == N4Topology.UpfN3Address.ToString()).ToList();
        Assert.NotEmpty(downlink);
        Assert.All(downlink, p =>
        {
            Assert.Equal(gnbTeid, p.Number64("gtp.teid"));
            Assert.Equal(9ul, p.Number64("gtp.ext_hdr.pdu_ses_con.qos_flow_id"));
        });
    }

    private static JsonElement Json(string line)
    {
        using var doc = JsonDocument.Parse(line);
        return doc.RootElement.Clone();
    }
}
