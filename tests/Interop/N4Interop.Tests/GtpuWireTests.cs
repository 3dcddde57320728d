using System.Buffers.Binary;
using System.Net;
using Steward.Upf.Gtpu;

namespace Steward.N4.Interop.Tests;

/// <summary>
/// Steward's GTP-U codec against the two judges: every message GtpuWriter emits decodes in tshark (no malformed
/// packet, no expert warning) and in scapy with the values written; scapy-built G-PDUs decode in GtpuPacket.
/// </summary>
public sealed class GtpuWireTests
{
    private static readonly IPEndPoint Upf = new(IPAddress.Parse("10.100.0.2"), 2152);
    private static readonly IPEndPoint Gnb = new(IPAddress.Parse("10.100.0.1"), 2152);

    // An ICMP echo request from the DN host to the UE (the inner packet of a downlink G-PDU).
    private static readonly byte[] InnerPacket = Convert.FromHexString("4500001c00010000400165e80ac800020a2d00020800f7ff00000000");

    private static IReadOnlyList<byte[]> WriterMessages()
    {
        var buffer = new byte[256];
        byte[] Take(int n) => buffer[..n];
        return
        [
            Take(GtpuWriter.WriteGPdu(buffer, 0x1234, InnerPacket, PduSessionContainer.Downlink(9))),
            Take(GtpuWriter.WriteGPdu(buffer, 0xfedcba98, InnerPacket, null)),
            Take(GtpuWriter.WriteEchoRequest(buffer, 7)),
            Take(GtpuWriter.WriteEchoResponse(buffer, 7)),
            Take(GtpuWriter.WriteErrorIndication(buffer, 0x777, BinaryPrimitives.ReadUInt32BigEndian(Upf.Address.GetAddressBytes()), 3)),
            Take(GtpuWriter.WriteEndMarker(buffer, 0x1234)),
            Take(GtpuWriter.WriteSupportedExtensionHeadersNotification(buffer, 1, [(byte)GtpuExtensionType.PduSessionContainer])),
        ];
    }

    [Fact]
    public void Every_message_the_writer_emits_decodes_in_tshark_with_the_values_written()
    {
        Tshark.Require();

        var decode = Tshark.DecodeUdp(WriterMessages().Select(m => new UdpDatagram(Upf, Gnb, m)));

        Assert.Empty(decode.Problems);
        var p = decode.Packets;
        Assert.Equal(7, p.Count);
        Assert.All(p, packet => Assert.Contains("gtp", packet.Protocols));

        Assert.Equal(0xfful, p[0].Number64("gtp.message"));
        Assert.Equal(0x1234ul, p[0].Number64("gtp.teid"));
        Assert.Equal("0", p[0].Field("gtp.ext_hdr.pdu_ses_con.pdu_type"));
        Assert.Equal(9ul, p[0].Number64("gtp.ext_hdr.pdu_ses_con.qos_flow_id"));
        Assert.Equal(["10.100.0.2", "10.200.0.2"], p[0].All("ip.src"));
        Assert.Contains("icmp", p[0].Protocols);

        Assert.Equal(0xfedcba98ul, p[1].Number64("gtp.teid"));
        Assert.Equal("0", p[1].Field("gtp.flags.e"));
        Assert.Contains("icmp", p[1].Protocols);

        Assert.Equal(1ul, p[2].Number64("gtp.message"));
        Assert.Equal(7ul, p[2].Number64("gtp.seq_number"));

        Assert.Equal(2ul, p[3].Number64("gtp.message"));
        Assert.Equal(7ul, p[3].Number64("gtp.seq_number"));
        Assert.Equal("0", p[3].Field("gtp.recovery"));

        Assert.Equal(26ul, p[4].Number64("gtp.message"));
        Assert.Equal(0x777ul, p[4].Number64("gtp.teid_data"));
        Assert.Equal("10.100.0.2", p[4].Field("gtp.gsn_ipv4"));

        Assert.Equal(254ul, p[5].Number64("gtp.message"));
        Assert.Equal(0x1234ul, p[5].Number64("gtp.teid"));
        Assert.Equal(0ul, p[5].Number64("gtp.length"));

        Assert.Equal(31ul, p[6].Number64("gtp.message"));
        Assert.Equal("133", p[6].Field("gtp.ext_hdr_type"));
    }

    [Fact]
    public void Every_message_the_writer_emits_parses_in_scapy_with_the_values_written()
    {
        Scapy.Require();

        var parsed = Scapy.Run("""
            out = []
            for line in sys.stdin.read().split():
                m = GTP_U_Header(bytes.fromhex(line))
                d = {"type": m.gtp_type, "teid": m.teid, "length": m.length, "e": m.E, "s": m.S}
                if m.S:
                    d["seq"] = m.seq
                if GTPPDUSessionContainer in m:
                    d["pdu_type"] = m[GTPPDUSessionContainer].type
                    d["qfi"] = m[GTPPDUSessionContainer].QFI
                if IP in m:
                    d["inner_dst"] = m[IP].dst
                if IE_Recovery in m:
                    d["recovery"] = m[IE_Recovery].restart_counter
                if IE_TEIDI in m:
                    d["teid_i"] = m[IE_TEIDI].TEIDI
                if IE_GSNAddress in m:
                    d["peer"] = m[IE_GSNAddress].ipv4_address
                out.append(d)
            emit(out)
            """, stdin: string.Join('\n', WriterMessages().Select(Convert.ToHexString)));

        var m = parsed.EnumerateArray().ToArray();
        Assert.Equal(7, m.Length);
        Assert.Equal(255, m[0].GetProperty("type").GetInt32());
        Assert.Equal(0x1234, m[0].GetProperty("teid").GetInt64());
        Assert.Equal(0, m[0].GetProperty("pdu_type").GetInt32());
        Assert.Equal(9, m[0].GetProperty("qfi").GetInt32());
        Assert.Equal("10.45.0.2", m[0].GetProperty("inner_dst").GetString());
        Assert.Equal(0xfedcba98L, m[1].GetProperty("teid").GetInt64());
        Assert.Equal("10.45.0.2", m[1].GetProperty("inner_dst").GetString());
        Assert.Equal(7, m[2].GetProperty("seq").GetInt32());
        Assert.Equal(0, m[3].GetProperty("recovery").GetInt32());
        Assert.Equal(0x777, m[4].GetProperty("teid_i").GetInt64());
        Assert.Equal("10.100.0.2", m[4].GetProperty("peer").GetString());
        Assert.Equal(254, m[5].GetProperty("type").GetInt32());
        Assert.Equal(0, m[5].GetProperty("length").GetInt32());
        Assert.Equal(31, m[6].GetProperty("type").GetInt32());
    }

    [Fact]
    public void Scapy_built_gpdus_decode_with_their_teid_qfi_and_payload()
    {
        Scapy.Require();

        var built = Scapy.Run("""
            inner = IP(src="10.45.0.2", dst="10.200.0.2")/UDP(sport=1000, dport=2000)/Raw(b"x" * 100)
            msgs = [
                GTP_U_Header(teid=0x10, next_ex=0x85)/GTPPDUSessionContainer(type=1, QFI=5)/inner,
                GTP_U_Header(teid=0x20, S=1, seq=0x4242)/inner,
                GTP_U_Header(teid=0x30, PN=1, npdu=9)/inner,
                GTP_U_Header(teid=0x40)/inner,
            ]
            emit({"inner": bytes(inner), "messages": [bytes(m) for m in msgs]})
            """);

        var inner = Convert.FromHexString(built.GetProperty("inner").GetString()!);
        var messages = built.GetProperty("messages").EnumerateArray().Select(e => Convert.FromHexString(e.GetString()!)).ToArray();
        var expected = new (uint Teid, byte? Qfi)[] { (0x10, 5), (0x20, null), (0x30, null), (0x40, null) };
        for (var i = 0; i < messages.Length; i++)
        {
            Assert.Equal(GtpuDecodeError.None, GtpuPacket.TryDecode(messages[i], out var packet));
            Assert.Equal(GtpuMessageType.GPdu, packet.MessageType);
            Assert.Equal(expected[i].Teid, packet.Teid);
            Assert.Equal(expected[i].Qfi is not null, packet.HasPduSessionContainer);
            if (expected[i].Qfi is { } qfi)
            {
                Assert.Equal(qfi, packet.PduSessionContainer.Qfi);
                Assert.Equal(PduSessionPduType.Uplink, packet.PduSessionContainer.PduType);
            }
            Assert.Equal(inner, messages[i].AsSpan(packet.PayloadOffset, packet.PayloadLength).ToArray());
        }
        Assert.Equal(0x4242, GtpuPacketOf(messages[1]).SequenceNumber);
        Assert.Equal(9, GtpuPacketOf(messages[2]).NPduNumber);
    }

    private static GtpuPacket GtpuPacketOf(byte[] message)
    {
        GtpuPacket.TryDecode(message, out var packet);
        return packet;
    }
}
