using System.Net;
using System.Net.Sockets;

namespace Steward.N4.Interop.Tests;

/// <summary>The judges themselves: bytes built by hand decode in tshark as expected, broken bytes are reported, scapy agrees.</summary>
public sealed class HarnessTests
{
    private static readonly IPEndPoint Smf = new(IPAddress.Parse("10.0.0.1"), 8805);
    private static readonly IPEndPoint Upf = new(IPAddress.Parse("10.0.0.2"), 8805);

    // Heartbeat Request (TS 29.244 7.4.2.1): version 1, no SEID, sequence 0x000103, Recovery Time Stamp (IE 96) 0xe8754700.
    private static readonly byte[] HeartbeatRequest =
        [0x20, 0x01, 0x00, 0x0c, 0x00, 0x01, 0x03, 0x00, 0x00, 0x60, 0x00, 0x04, 0xe8, 0x75, 0x47, 0x00];

    // G-PDU (TS 29.281) to TEID 0x1234 with a PDU Session Container (uplink, QFI 9) and an ICMP echo from 10.45.0.2 to 10.200.0.2.
    private static readonly byte[] UplinkGpdu = Convert.FromHexString(
        "34ff00240000123400000085011009004500001c00010000400165e80a2d00020ac800020800f7ff00000000");

    [Fact]
    public void A_heartbeat_request_decodes_with_its_fields_and_no_problem()
    {
        Tshark.Require();

        var decode = Tshark.DecodeUdp([new UdpDatagram(Smf, Upf, HeartbeatRequest)]);

        var packet = Assert.Single(decode.Packets);
        Assert.Equal(["ip", "udp", "pfcp"], packet.Protocols);
        Assert.Equal(1ul, packet.Number64("pfcp.msg_type"));
        Assert.Equal(0x103ul, packet.Number64("pfcp.seqno"));
        Assert.Equal("0", packet["pfcp.s"]);
        Assert.True(packet.Has("pfcp.recovery_time_stamp"), string.Join(", ", packet.FieldNames));
        Assert.Empty(decode.Problems);
    }

    [Fact]
    public void A_truncated_message_is_reported_malformed()
    {
        Tshark.Require();

        var decode = Tshark.DecodeUdp([new UdpDatagram(Smf, Upf, HeartbeatRequest[..10])]);

        var packet = Assert.Single(decode.Packets);
        Assert.True(packet.Malformed);
        Assert.Contains(packet.Expert, e => e.Severity == ExpertSeverity.Error);
        Assert.Contains(decode.Problems, p => p.Contains("malformed", StringComparison.Ordinal));
        Assert.Throws<Xunit.Sdk.XunitException>(decode.AssertClean);
    }

    [Fact]
    public void Tcp_flow_analysis_of_a_tunnelled_flow_is_not_a_problem_but_the_same_warning_elsewhere_is()
    {
        static string Packet(string layer) =>
            ("""{"_source": {"layers": {"frame": {"frame.number": "1", "frame.protocols": "ip:udp:gtp:ip:LAYER"},"""
            + """ "LAYER": {"x": {"_ws.expert": {"_ws.expert.message": "window full", "_ws.expert.severity": "6291456","""
            + """ "_ws.expert.group": "33554432"}}}}}}""").Replace("LAYER", layer, StringComparison.Ordinal);

        var decode = Tshark.Parse($"[{Packet("tcp")}, {Packet("gtp")}]");

        Assert.Equal(ExpertSeverity.Warning, decode.Packets[0].Expert.Single().Severity);
        Assert.Equal(("tcp", (int)ExpertGroup.Sequence), (decode.Packets[0].Expert.Single().Layer, decode.Packets[0].Expert.Single().Group));
        Assert.True(decode.Packets[0].Expert.Single().IsTcpFlowAnalysis);
        Assert.Equal(["packet 1 (ip:udp:gtp:ip:gtp): expert Warning: window full"], decode.Problems);
    }

    [Fact]
    public void A_gpdu_shows_its_teid_qfi_and_inner_packet_in_an_ethernet_capture()
    {
        Tshark.Require();
        var path = Path.Combine(Path.GetTempPath(), $"n4-{Guid.NewGuid():N}.pcap");
        try
        {
            PcapWriter.WriteFile(path,
                [new UdpDatagram(new IPEndPoint(IPAddress.Parse("10.100.0.1"), 2152), new IPEndPoint(IPAddress.Parse("10.100.0.2"), 2152), UplinkGpdu)],
                PcapWriter.LinkTypeEthernet);

            var packet = Assert.Single(Tshark.Decode(path).Packets);

            Assert.Equal(["eth", "ethertype", "ip", "udp", "gtp", "ip", "icmp"], packet.Protocols);
            Assert.Equal(0x1234ul, packet.Number64("gtp.teid"));
            Assert.Equal(9ul, packet.Number64("gtp.ext_hdr.pdu_ses_con.qos_flow_id"));
            Assert.Equal(["10.100.0.1", "10.45.0.2"], packet.All("ip.src"));
            Assert.Empty(packet.Problems());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Pfcp_on_another_port_is_dissected_only_with_a_decode_as()
    {
        Tshark.Require();
        var datagram = new UdpDatagram(new IPEndPoint(Smf.Address, 40000), new IPEndPoint(Upf.Address, 9805), HeartbeatRequest);

        var plain = Assert.Single(Tshark.DecodeUdp([datagram]).Packets);
        var decoded = Assert.Single(Tshark.DecodeUdp([datagram], "udp.port==9805,pfcp").Packets);

        Assert.DoesNotContain("pfcp", plain.Protocols);
        Assert.Equal(1ul, decoded.Number64("pfcp.msg_type"));
    }

    [Fact]
    public void Scapy_parses_the_same_heartbeat_with_the_same_fields()
    {
        Scapy.Require();

        var parsed = Scapy.Run("""
            m = PFCP(bytes.fromhex(sys.stdin.read().strip()))
            emit({"type": m.message_type, "seq": m.seq, "s": m.S,
                  "recovery": m[IE_RecoveryTimeStamp].timestamp})
            """, stdin: Convert.ToHexString(HeartbeatRequest));

        Assert.Equal(1, parsed.GetProperty("type").GetInt32());
        Assert.Equal(0x103, parsed.GetProperty("seq").GetInt32());
        Assert.Equal(0, parsed.GetProperty("s").GetInt32());
        Assert.Equal(0xe8754700L, parsed.GetProperty("recovery").GetInt64());
    }

    [Fact]
    public void Scapy_arguments_reach_the_script_and_a_failing_script_throws_with_its_error()
    {
        Scapy.Require();

        var echoed = Scapy.Run("emit(sys.argv[1:])", ["a b", "c"]);

        Assert.Equal(["a b", "c"], echoed.EnumerateArray().Select(e => e.GetString()));
        var error = Assert.Throws<InvalidOperationException>(() => Scapy.Run("raise ValueError('boom')"));
        Assert.Contains("boom", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_live_capture_in_a_namespace_sees_a_datagram_sent_after_it_started()
    {
        PeerTool.RequireRoot();
        Tshark.Require();
        var name = $"n4h-{Guid.NewGuid().ToString("N")[..8]}";
        Steward.Linux.Namespaces.NetworkNamespace.Create(name);
        try
        {
            PeerTool.RunChecked("ip", ["-n", name, "link", "set", "lo", "up"]);
            using var capture = Tshark.Capture(name, "lo", "udp port 8805");

            Steward.Linux.Namespaces.NetworkNamespace.Run($"/run/netns/{name}", () =>
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                socket.SendTo(HeartbeatRequest, new IPEndPoint(IPAddress.Loopback, 8805));
            });
            var decode = capture.Stop();

            var packet = Assert.Single(decode.With("pfcp"));
            Assert.Equal(0x103ul, packet.Number64("pfcp.seqno"));
            Assert.Empty(decode.Problems);
        }
        finally
        {
            Steward.Linux.Namespaces.NetworkNamespace.Delete(name);
        }
    }

    [Fact]
    public void A_capture_on_an_interface_that_does_not_exist_fails_to_start()
    {
        PeerTool.RequireRoot();
        Tshark.Require();

        var error = Assert.Throws<InvalidOperationException>(() => Tshark.Capture(null, "n4-no-such-if", "udp"));

        Assert.Contains("n4-no-such-if", error.Message, StringComparison.Ordinal);
    }
}
