using System.Net;

namespace Steward.N4.Interop.Tests;

/// <summary>
/// Issue 15 end to end, through Steward's SMF library API and UPF: UE traffic tunnelled by the gNB simulator crosses the
/// UPF to the DN host and back, every PFCP message and GTP-U packet on N3 is clean in tshark with the values sent.
/// </summary>
public sealed class EndToEndTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_ping_and_a_megabyte_of_tcp_cross_the_upf_and_replies_come_back_with_the_sessions_teid_and_qfi()
    {
        await using var n4 = await N4Session.StartAsync();

        Assert.True(n4.Topology.PingDnFromUe(count: 3));
        var transfer = await NamespaceSockets.TcpTransferAsync(n4.Topology.Gnb, N4Topology.UeAddress, n4.Topology.Dn,
            new IPEndPoint(N4Topology.DnHostAddress, 5001), 1 << 20, Token);

        Assert.Equal(1 << 20, transfer.BytesReceived);
        Assert.True(transfer.SameContent);
        var stats = n4.Gnb.Stats;
        Assert.Equal(N4Session.GnbTeid, stats.LastDownlinkTeid);
        Assert.Equal(N4Session.Qfi, stats.LastDownlinkQfi);
        Assert.Equal(0, stats.LastDownlinkPduType);
        Assert.Equal(0, stats.DownlinkWrongTeid);

        var decode = n4.Capture!.Stop();
        Assert.Empty(decode.Problems);
        var upf = N4Topology.UpfN3Address.ToString();
        var downlink = decode.With("gtp").Where(p => p["ip.src"] == upf).ToList();
        var uplink = decode.With("gtp").Where(p => p["ip.src"] == N4Topology.GnbN3Address.ToString()).ToList();
        // The ping replies and the TCP acknowledgements came back tunnelled, every one with the session's TEID and QFI.
        Assert.True(downlink.Count >= 3 + 10, $"{downlink.Count} downlink G-PDUs");
        Assert.All(downlink, p =>
        {
            Assert.Equal(N4Session.GnbTeid, p.Number64("gtp.teid"));
            Assert.Equal(N4Session.Qfi, p.Number64("gtp.ext_hdr.pdu_ses_con.qos_flow_id"));
            Assert.Equal("0", p.Field("gtp.ext_hdr.pdu_ses_con.pdu_type"));
            Assert.Equal(N4Topology.UeAddress.ToString(), p.All("ip.dst")[1]);
        });
        Assert.True(uplink.Count >= 3 + 700, $"{uplink.Count} uplink G-PDUs"); // 1 MB in segments of at most 1360 bytes
        Assert.All(uplink, p => Assert.Equal(n4.UplinkTeid, p.Number64("gtp.teid")));
    }

    [Fact]
    public async Task The_pfcp_messages_on_n4_are_clean_in_tshark_and_carry_what_the_smf_asked_and_the_upf_chose()
    {
        await using var n4 = await N4Session.StartAsync(N4Session.DefaultRequest with
        {
            UplinkMbrKbps = 50_000,
            DownlinkMbrKbps = 100_000,
            VolumeThresholdBytes = 10_000_000,
        });
        await n4.Session.ModifyDownlinkAsync(N4Topology.GnbN3Address, 0x2002, Token);
        await n4.Session.QueryUsageAsync(Token);
        await n4.Session.DeleteAsync(Token);
        await n4.Smf.ReleaseAsync(Token);

        var decode = n4.Capture!.Stop();

        Assert.Empty(decode.Problems);
        var smf = N4Topology.GnbN3Address.ToString();
        var pfcp = decode.With("pfcp");
        var requests = pfcp.Where(p => p["ip.src"] == smf && p.Number64("pfcp.msg_type") is 5 or 50 or 52 or 54 or 9).ToList();
        var responses = pfcp.Where(p => p["ip.src"] != smf && p.Number64("pfcp.msg_type") is 6 or 51 or 53 or 55 or 10).ToList();
        Assert.Equal([5ul, 50, 52, 52, 54, 9], requests.Select(p => p.Number64("pfcp.msg_type")));
        Assert.Equal([6ul, 51, 53, 53, 55, 10], responses.Select(p => p.Number64("pfcp.msg_type")));
        Assert.All(responses, p => Assert.Equal("1", p.Field("pfcp.cause")));

        var establishment = requests[1];
        Assert.Equal(smf, establishment.Field("pfcp.node_id_ipv4"));
        Assert.Equal(smf, establishment.Field("pfcp.f_seid.ipv4"));
        Assert.Equal("1", establishment.Field("pfcp.f_teid_flags.ch"));
        Assert.Contains(N4Topology.UeAddress.ToString(), establishment.All("pfcp.ue_ip_addr_ipv4"));
        Assert.Equal(N4Session.GnbTeid, establishment.Number64("pfcp.outer_hdr_creation.teid"));
        Assert.Equal(smf, establishment.Field("pfcp.outer_hdr_creation.ipv4"));
        Assert.Equal(N4Session.Qfi, establishment.Number64("pfcp.qfi_value"));
        Assert.Equal(50_000ul, establishment.Number64("pfcp.ul_mbr"));
        Assert.Equal(100_000ul, establishment.Number64("pfcp.dl_mbr"));

        var established = responses[1];
        Assert.Equal(n4.Session.LocalSeid, established.Numbers("pfcp.seid")[0]);
        Assert.Equal(n4.Session.UpfSeid, established.Numbers("pfcp.seid")[1]);
        Assert.Equal(n4.UplinkTeid, established.Number64("pfcp.f_teid.teid"));
        Assert.Equal(N4Topology.UpfN3Address.ToString(), established.Field("pfcp.f_teid.ipv4_addr"));

        Assert.Equal(0x2002ul, requests[2].Number64("pfcp.outer_hdr_creation.teid"));
        Assert.All(requests.Skip(2).Take(3), p => Assert.Equal(n4.Session.UpfSeid, p.Numbers("pfcp.seid")[0]));
        Assert.True(responses[4].Has("pfcp.volume_measurement.tovol"), "the deletion response carries the final usage");
    }

    [Fact]
    public async Task A_modification_moves_the_downlink_to_the_new_teid()
    {
        await using var n4 = await N4Session.StartAsync();
        Assert.True(n4.Topology.PingDnFromUe(count: 2));

        const uint handoverTeid = 0x3003;
        n4.Gnb.DownlinkTeid = handoverTeid;
        await n4.Session.ModifyDownlinkAsync(N4Topology.GnbN3Address, handoverTeid, Token);
        Assert.True(n4.Topology.PingDnFromUe(count: 2));

        Assert.Equal(handoverTeid, n4.Gnb.Stats.LastDownlinkTeid);
        var decode = n4.Capture!.Stop();
        Assert.Empty(decode.Problems);
        var teids = decode.With("gtp")
            .Where(p => p["ip.src"] == N4Topology.UpfN3Address.ToString() && p.Number64("gtp.message") == 0xff)
            .Select(p => p.Number64("gtp.teid")).ToList();
        // Before the modification every downlink G-PDU used the old TEID, after it the new one: never mixed.
        var firstNew = teids.IndexOf(handoverTeid);
        Assert.True(firstNew >= 2, string.Join(",", teids));
        Assert.All(teids[..firstNew], t => Assert.Equal(N4Session.GnbTeid, t));
        Assert.All(teids[firstNew..], t => Assert.Equal(handoverTeid, t));
    }

    [Fact]
    public async Task Deletion_stops_forwarding_and_reports_the_final_usage()
    {
        await using var n4 = await N4Session.StartAsync(capture: false);
        Assert.True(n4.Topology.PingDnFromUe(count: 2));

        var usage = await n4.Session.DeleteAsync(Token);

        var report = Assert.Single(usage);
        Assert.True(report.VolumeMeasurement?.UplinkVolume > 0);
        Assert.False(n4.Topology.PingDnFromUe(count: 2));
        Assert.Equal(0, n4.Upf.Control.SessionCount);
    }
}
