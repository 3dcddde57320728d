using System.Globalization;
using System.Net;
using Steward.Pfcp.Codec;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Messages;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Tests;

/// <summary>Wireshark's PFCP dissector is the judge: every message Steward encodes decodes cleanly, with the fields sent.</summary>
public sealed class TsharkJudgeTests
{
    private static readonly IPEndPoint SmfEndPoint = new(SampleMessages.Smf, 8805);
    private static readonly IPEndPoint UpfEndPoint = new(SampleMessages.Upf, 8805);

    private static readonly Lazy<(PfcpMessage Message, TsharkPacket Packet)[]> Decoded = new(DecodeAll);

    private static (PfcpMessage, TsharkPacket)[] DecodeAll()
    {
        var messages = SampleMessages.All().ToArray();
        var decode = Tshark.DecodeUdp(messages.Select(m => new UdpDatagram(SmfEndPoint, UpfEndPoint, PfcpCodec.Encode(m))));
        Assert.Equal(messages.Length, decode.Packets.Count);
        return [.. messages.Zip(decode.Packets)];
    }

    private static TsharkPacket PacketOf(PfcpMessageType type)
    {
        Tshark.Require();
        return Decoded.Value.Single(d => d.Message.MessageType == type).Packet;
    }

    [Theory]
    [MemberData(nameof(SampleMessages.Types), MemberType = typeof(SampleMessages))]
    public void Every_message_type_decodes_without_malformed_or_expert_problems_and_with_its_header(PfcpMessageType type)
    {
        var packet = PacketOf(type);
        var message = SampleMessages.Of(type);

        Assert.Empty(packet.Problems());
        Assert.Equal(["ip", "udp", "pfcp"], packet.Protocols);
        Assert.Equal((ulong)type, packet.Number64("pfcp.msg_type"));
        Assert.Equal(message.SequenceNumber, packet.Number64("pfcp.seqno"));
        if (message is PfcpSessionMessage session)
        {
            Assert.Equal(session.Seid, packet.Number64("pfcp.seid"));
        }
        else
        {
            Assert.False(packet.Has("pfcp.seid"));
        }
    }

    [Fact]
    public void Causes_node_ids_and_the_offending_ie_are_the_ones_sent()
    {
        var setup = PacketOf(PfcpMessageType.AssociationSetupRequest);
        Assert.Equal(SampleMessages.Smf.ToString(), setup.Field("pfcp.node_id_ipv4"));

        var response = PacketOf(PfcpMessageType.AssociationSetupResponse);
        Assert.Equal("upf.steward.example", response.Field("pfcp.node_id_fqdn"));
        Assert.Equal((ulong)PfcpCause.RequestAccepted, response.Number64("pfcp.cause"));
        Assert.Equal("1", response.Field("pfcp.up_function_features.ftup"));

        var update = PacketOf(PfcpMessageType.AssociationUpdateRequest);
        Assert.Equal(SampleMessages.UpfV6.ToString(), update.Field("pfcp.node_id_ipv6"));

        var report = PacketOf(PfcpMessageType.SessionReportResponse);
        Assert.Equal((ulong)PfcpCause.SessionContextNotFound, report.Number64("pfcp.cause"));
        Assert.Equal((ulong)IeType.ReportType, report.Number64("pfcp.offending_ie"));
    }

    [Fact]
    public void The_recovery_time_stamp_is_the_ntp_time_sent()
    {
        var packet = PacketOf(PfcpMessageType.HeartbeatRequest);

        // tshark prints an absolute time in UTC ("Dec  8, 2026 01:02:03.000000000 UTC").
        var shown = packet.Field("pfcp.recovery_time_stamp");
        var expected = SampleMessages.Recovery.ToDateTimeOffset();
        Assert.Contains(expected.ToString("HH:mm:ss", CultureInfo.InvariantCulture), shown, StringComparison.Ordinal);
        Assert.Contains(expected.Year.ToString(CultureInfo.InvariantCulture), shown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_establishment_request_shows_fseid_pdrs_fteid_ue_ip_far_action_mbr_and_threshold()
    {
        var packet = PacketOf(PfcpMessageType.SessionEstablishmentRequest);

        // The header's SEID (0 in an establishment request) and the F-SEID's share the field name.
        Assert.Equal([0ul, 0x1111_2222_3333_4444ul], Seids(packet));
        Assert.Equal(SampleMessages.Smf.ToString(), packet.Field("pfcp.f_seid.ipv4"));
        Assert.Equal(["1", "2"], packet.All("pfcp.pdr_id"));
        Assert.Equal(["200", "100"], packet.All("pfcp.precedence"));
        Assert.Equal("1", packet.Field("pfcp.f_teid_flags.ch"));
        Assert.Equal(5ul, packet.Number64("pfcp.f_teid.choose_id"));
        Assert.Equal([SampleMessages.Ue.ToString(), SampleMessages.Ue.ToString()], packet.All("pfcp.ue_ip_addr_ipv4"));
        Assert.Equal(["0", "1"], packet.All("pfcp.ue_ip_address_flag.sd"));
        Assert.Contains("permit out ip from any to assigned", packet.All("pfcp.flow_desc"));
        Assert.Equal(["1", "1"], packet.All("pfcp.apply_action.forw"));
        Assert.Equal(["0", "1"], packet.All("pfcp.apply_action.nocp"));
        Assert.Equal(SampleMessages.Gnb.ToString(), packet.Field("pfcp.outer_hdr_creation.ipv4"));
        Assert.Equal(0x0A0B0C0Dul, packet.Number64("pfcp.outer_hdr_creation.teid"));
        Assert.Equal(100_000ul, packet.Number64("pfcp.ul_mbr"));
        Assert.Equal(200_000ul, packet.Number64("pfcp.dl_mbr"));
        Assert.Equal(10_000_000ul, packet.Number64("pfcp.volume_threshold.tovol"));
        Assert.Equal(4_000_000ul, packet.Number64("pfcp.volume_threshold.ulvol"));
        Assert.Equal(6_000_000ul, packet.Number64("pfcp.volume_threshold.dlvol"));
        Assert.Equal("internet", packet.All("pfcp.network_instance")[0]);
        Assert.Equal(9ul, packet.Number64("pfcp.qfi_value"));
        Assert.Equal(60ul, packet.Number64("pfcp.measurement_period"));
        Assert.Equal(1ul, packet.Number64("pfcp.pdn_type"));
    }

    [Fact]
    public void The_establishment_response_shows_the_upf_fseid_and_the_chosen_fteid()
    {
        var packet = PacketOf(PfcpMessageType.SessionEstablishmentResponse);

        Assert.Equal(SampleMessages.Upf.ToString(), packet.Field("pfcp.f_seid.ipv4"));
        Assert.Equal(SampleMessages.UpfV6.ToString(), packet.Field("pfcp.f_seid.ipv6"));
        Assert.Equal(0x1234ul, packet.Number64("pfcp.f_teid.teid"));
        Assert.Equal(SampleMessages.Upf.ToString(), packet.Field("pfcp.f_teid.ipv4_addr"));
    }

    [Fact]
    public void Usage_reports_show_their_volumes_sequence_and_trigger()
    {
        var packet = PacketOf(PfcpMessageType.SessionDeletionResponse);

        Assert.Equal(["12345678", "12345678"], packet.All("pfcp.volume_measurement.tovol"));
        Assert.Equal(["2345678", "2345678"], packet.All("pfcp.volume_measurement.ulvol"));
        Assert.Equal(["10000000", "10000000"], packet.All("pfcp.volume_measurement.dlvol"));
        Assert.Equal(["9000", "9000"], packet.All("pfcp.volume_measurement.tonop"));
        Assert.Equal(["4", "0"], packet.All("pfcp.ur_seqn"));
        Assert.Equal(["21", "22"], packet.All("pfcp.urr_id"));
        Assert.Equal(["1", "1"], packet.All("pfcp.usage_report_trigger_flags.volth"));
        Assert.Equal(["1", "1"], packet.All("pfcp.usage_report_trigger.term"));
        Assert.Equal(["59", "59"], packet.All("pfcp.duration_measurement"));
    }

    [Fact]
    public void The_report_request_shows_the_error_indication_tunnel()
    {
        var packet = PacketOf(PfcpMessageType.SessionReportRequest);

        Assert.Equal("1", packet.Field("pfcp.report_type.erir"));
        Assert.Equal(0x0A0B0C0Dul, packet.Number64("pfcp.f_teid.teid"));
        Assert.Equal(SampleMessages.Gnb.ToString(), packet.Field("pfcp.f_teid.ipv4_addr"));
    }

    [Fact]
    public void The_modification_request_shows_the_new_downlink_tunnel()
    {
        var packet = PacketOf(PfcpMessageType.SessionModificationRequest);

        Assert.Equal(["0x0a0b0c0d", "0x0e0f1011"], packet.All("pfcp.outer_hdr_creation.teid").Select(t => t.ToLowerInvariant()));
        Assert.Contains("10.100.0.9", packet.All("pfcp.outer_hdr_creation.ipv4"));
        Assert.Equal("3", packet.Field("pfcp.mp"));
        Assert.Equal(["0", "1"], packet.All("pfcp.smreq_flags.sndem"));
        Assert.Equal(["1", "0"], packet.All("pfcp.smreq_flags.qaurr"));
    }

    [Fact]
    public void The_node_report_shows_the_failed_peers()
    {
        var packet = PacketOf(PfcpMessageType.NodeReportRequest);

        Assert.Equal("1", packet.Field("pfcp.node_report_type.upfr"));
        Assert.Equal(["1", "1"], packet.All("pfcp.remote_gtp_u_peer_flags.v4"));
    }

    [Fact]
    public void A_remote_gtpu_peer_with_its_interface_and_network_instance_decodes_as_sent()
    {
        Tshark.Require();
        var report = new NodeReportRequest
        {
            SequenceNumber = 11,
            NodeId = NodeId.FromAddress(SampleMessages.Upf),
            NodeReportType = NodeReportType.UserPlanePathFailure,
            UserPlanePathFailureReport = new UserPlanePathFailureReport
            {
                RemoteGtpuPeers = [new RemoteGtpuPeer { IPv4 = SampleMessages.Gnb, DestinationInterface = DestinationInterface.Access, NetworkInstance = "access.net" }],
            },
        };
        var bytes = PfcpCodec.Encode(report);

        var decode = Tshark.DecodeUdp([new UdpDatagram(UpfEndPoint, SmfEndPoint, bytes)]);

        decode.AssertClean();
        var packet = Assert.Single(decode.Packets);
        Assert.Equal("1", packet.Field("pfcp.remote_gtp_u_peer_flags.di"));
        Assert.Equal("1", packet.Field("pfcp.remote_gtp_u_peer_flags.ni"));
        Assert.Equal("access.net", packet.Field("pfcp.network_instance"));
        Assert.Equal(ModelDump.Of(report), ModelDump.Of(PfcpCodec.Decode(bytes).Message));
    }

    private static ulong[] Seids(TsharkPacket packet) =>
        [.. packet.All("pfcp.seid").Select(s => ulong.Parse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture))];
}
