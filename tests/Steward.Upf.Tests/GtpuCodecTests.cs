using Steward.Upf.Gtpu;

namespace Steward.Upf.Tests;

public class GtpuCodecTests
{
    private static readonly byte[] Tpdu = [0x45, 0, 0, 20, 0, 0, 0, 0, 64, 1, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2];

    [Fact]
    public void A_gpdu_without_container_round_trips_with_the_eight_octet_header()
    {
        var buffer = new byte[64];
        var n = GtpuWriter.WriteGPdu(buffer, 0x12345678, Tpdu, null);

        Assert.Equal(8 + Tpdu.Length, n);
        Assert.Equal([0x30, 0xff, 0x00, 20, 0x12, 0x34, 0x56, 0x78], buffer[..8]);
        Assert.Equal(GtpuDecodeError.None, GtpuPacket.TryDecode(buffer.AsSpan(0, n), out var p));
        Assert.Equal(GtpuMessageType.GPdu, p.MessageType);
        Assert.Equal(0x12345678u, p.Teid);
        Assert.False(p.HasPduSessionContainer);
        Assert.Equal(Tpdu, buffer.AsSpan(p.PayloadOffset, p.PayloadLength).ToArray());
    }

    [Fact]
    public void A_downlink_gpdu_carries_the_qfi_in_a_pdu_session_container()
    {
        var buffer = new byte[64];
        var n = GtpuWriter.WriteGPdu(buffer, 7, Tpdu, PduSessionContainer.Downlink(9));

        // E flag; next type 0x85; container length 1, PDU type 0, QFI 9, no further header.
        Assert.Equal([0x34, 0xff, 0, 8 + 20, 0, 0, 0, 7, 0, 0, 0, 0x85, 1, 0x00, 9, 0], buffer[..16]);
        Assert.Equal(16 + Tpdu.Length, n);
        Assert.Equal(GtpuDecodeError.None, GtpuPacket.TryDecode(buffer.AsSpan(0, n), out var p));
        Assert.True(p.HasPduSessionContainer);
        Assert.Equal(PduSessionContainer.Downlink(9), p.PduSessionContainer);
        Assert.Equal(1, p.ExtensionHeaderCount);
        Assert.Equal(16, p.PayloadOffset);
        Assert.Equal(Tpdu.Length, p.PayloadLength);
    }

    [Fact]
    public void An_uplink_container_round_trips_its_type_and_qfi()
    {
        var buffer = new byte[64];
        var n = GtpuWriter.WriteGPdu(buffer, 7, Tpdu, PduSessionContainer.Uplink(63));
        Assert.Equal(0x10, buffer[13]);
        Assert.Equal(GtpuDecodeError.None, GtpuPacket.TryDecode(buffer.AsSpan(0, n), out var p));
        Assert.Equal(new PduSessionContainer(PduSessionPduType.Uplink, 63), p.PduSessionContainer);
    }

    [Fact]
    public void A_downlink_container_with_paging_policy_is_padded_to_eight_octets()
    {
        var buffer = new byte[64];
        var container = new PduSessionContainer(PduSessionPduType.Downlink, 5, Rqi: true, Ppp: true, Ppi: 6);
        var n = GtpuWriter.WriteGPdu(buffer, 7, Tpdu, container);
        Assert.Equal(20 + Tpdu.Length, n);
        Assert.Equal(2, buffer[12]);
        Assert.Equal(GtpuDecodeError.None, GtpuPacket.TryDecode(buffer.AsSpan(0, n), out var p));
        Assert.Equal(container, p.PduSessionContainer);
        Assert.Equal(20, p.PayloadOffset);
    }

    [Fact]
    public void Echo_request_and_response_carry_the_sequence_number_and_recovery()
    {
        var buffer = new byte[32];
        var n = GtpuWriter.WriteEchoRequest(buffer, 0xbeef);
        Assert.Equal([0x32, 1, 0, 4, 0, 0, 0, 0, 0xbe, 0xef, 0, 0], buffer[..n]);
        Assert.Equal(GtpuDecodeError.None, GtpuPacket.TryDecode(buffer.AsSpan(0, n), out var request));
        Assert.True(request.HasSequenceNumber);
        Assert.Equal(0xbeef, request.SequenceNumber);

        n = GtpuWriter.WriteEchoResponse(buffer, request.SequenceNumber);
        Assert.Equal(GtpuDecodeError.None, GtpuPacket.TryDecode(buffer.AsSpan(0, n), out var response));
        Assert.Equal(GtpuMessageType.EchoResponse, response.MessageType);
        Assert.Equal(0xbeef, response.SequenceNumber);
        Assert.True(GtpuInformationElements.TryReadRecovery(buffer.AsSpan(response.PayloadOffset, response.PayloadLength), out var restart));
        Assert.Equal(0, restart);
    }

    [Fact]
    public void Error_indication_names_the_teid_and_the_peer_address()
    {
        var buffer = new byte[64];
        var n = GtpuWriter.WriteErrorIndication(buffer, 0xdeadbeef, 0x0a000001);
        Assert.Equal(GtpuDecodeError.None, GtpuPacket.TryDecode(buffer.AsSpan(0, n), out var p));
        Assert.Equal(GtpuMessageType.ErrorIndication, p.MessageType);
        Assert.Equal(0u, p.Teid);
        Assert.True(GtpuInformationElements.TryReadErrorIndication(buffer.AsSpan(p.PayloadOffset, p.PayloadLength), out var teid, out var peer));
        Assert.Equal(0xdeadbeefu, teid);
        Assert.Equal(0x0a000001u, peer);
    }

    [Fact]
    public void End_marker_and_extension_header_notification_decode_as_sent()
    {
        var buffer = new byte[64];
        var n = GtpuWriter.WriteEndMarker(buffer, 42);
        Assert.Equal(GtpuDecodeError.None, GtpuPacket.TryDecode(buffer.AsSpan(0, n), out var end));
        Assert.Equal((GtpuMessageType.EndMarker, 42u, 0), (end.MessageType, end.Teid, end.PayloadLength));

        n = GtpuWriter.WriteSupportedExtensionHeadersNotification(buffer, 3, [0x40, 0x85]);
        Assert.Equal(GtpuDecodeError.None, GtpuPacket.TryDecode(buffer.AsSpan(0, n), out var notification));
        Assert.Equal(GtpuMessageType.SupportedExtensionHeadersNotification, notification.MessageType);
        Assert.Equal([141, 2, 0x40, 0x85], buffer.AsSpan(notification.PayloadOffset, notification.PayloadLength).ToArray());
    }

    [Fact]
    public void Octets_after_the_length_are_not_part_of_the_message()
    {
        var buffer = new byte[64];
        var n = GtpuWriter.WriteGPdu(buffer, 1, Tpdu, null);
        Assert.Equal(GtpuDecodeError.None, GtpuPacket.TryDecode(buffer.AsSpan(0, n + 5), out var p));
        Assert.Equal(Tpdu.Length, p.PayloadLength);
    }

    public static TheoryData<string, byte[], GtpuDecodeError> BadInputs => new()
    {
        { "empty", [], GtpuDecodeError.TooShort },
        { "seven octets", [0x30, 0xff, 0, 0, 0, 0, 0], GtpuDecodeError.TooShort },
        { "version 2", [0x50, 0xff, 0, 0, 0, 0, 0, 1], GtpuDecodeError.NotVersion1 },
        { "version 0 (GTPv0)", [0x10, 0xff, 0, 0, 0, 0, 0, 1], GtpuDecodeError.NotVersion1 },
        { "PT 0 (GTP')", [0x20, 0xff, 0, 0, 0, 0, 0, 1], GtpuDecodeError.NotGtp },
        { "length past the datagram", [0x30, 0xff, 0, 9, 0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8], GtpuDecodeError.BadLength },
        { "S set but length 2", [0x32, 0xff, 0, 2, 0, 0, 0, 1, 0, 0], GtpuDecodeError.BadLength },
        { "E set, extension length 0", [0x34, 0xff, 0, 8, 0, 0, 0, 1, 0, 0, 0, 0x85, 0, 0, 0, 0], GtpuDecodeError.BadExtensionHeader },
        { "E set, extension runs past the length", [0x34, 0xff, 0, 8, 0, 0, 0, 1, 0, 0, 0, 0x85, 2, 0, 1, 0, 0, 0, 0, 0], GtpuDecodeError.BadExtensionHeader },
        { "E set, no room for the extension", [0x34, 0xff, 0, 4, 0, 0, 0, 1, 0, 0, 0, 0x85], GtpuDecodeError.BadExtensionHeader },
        { "container of PDU type 7", [0x34, 0xff, 0, 8, 0, 0, 0, 1, 0, 0, 0, 0x85, 1, 0x70, 1, 0], GtpuDecodeError.BadPduSessionContainer },
        { "unknown comprehension-required extension 0xc0", [0x34, 0xff, 0, 8, 0, 0, 0, 1, 0, 0, 0, 0xc0, 1, 0, 0, 0], GtpuDecodeError.UnsupportedExtensionHeader },
        { "nine chained extension headers", NineExtensions(), GtpuDecodeError.TooManyExtensionHeaders },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_gtpu_is_rejected_with_its_reason(string what, byte[] datagram, GtpuDecodeError expected)
    {
        Assert.True(expected == GtpuPacket.TryDecode(datagram, out _), what);
    }

    [Fact]
    public void An_unknown_extension_that_needs_no_comprehension_is_skipped()
    {
        // Type 0x01 (bits 8-7 = 00): comprehension not required; then a PDU Session Container.
        byte[] datagram = [0x34, 0xff, 0, 12, 0, 0, 0, 9, 0, 0, 0, 0x01, 1, 0xaa, 0xbb, 0x85, 1, 0x10, 4, 0];
        Assert.Equal(GtpuDecodeError.None, GtpuPacket.TryDecode(datagram, out var p));
        Assert.Equal(2, p.ExtensionHeaderCount);
        Assert.Equal(4, p.PduSessionContainer.Qfi);
        Assert.Equal(0, p.PayloadLength);
    }

    [Fact]
    public void Every_truncation_of_a_valid_gpdu_decodes_or_fails_without_reading_past_it()
    {
        var buffer = new byte[64];
        var n = GtpuWriter.WriteGPdu(buffer, 7, Tpdu, new PduSessionContainer(PduSessionPduType.Downlink, 5, Ppp: true, Ppi: 1));
        for (var length = 0; length < n; length++)
        {
            var error = GtpuPacket.TryDecode(buffer.AsSpan(0, length), out _);
            Assert.NotEqual(GtpuDecodeError.None, error);
        }
    }

    [Fact]
    public void Random_mutations_never_throw_and_a_decoded_payload_stays_inside_the_datagram()
    {
        var random = new Random(15);
        var buffer = new byte[64];
        var n = GtpuWriter.WriteGPdu(buffer, 7, Tpdu, PduSessionContainer.Uplink(1));
        var decoded = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var copy = buffer.AsSpan(0, n).ToArray();
            for (var k = random.Next(1, 4); k > 0; k--)
            {
                copy[random.Next(copy.Length)] = (byte)random.Next(256);
            }

            var length = random.Next(copy.Length + 1);
            if (GtpuPacket.TryDecode(copy.AsSpan(0, length), out var p) == GtpuDecodeError.None)
            {
                decoded++;
                Assert.InRange(p.PayloadOffset + p.PayloadLength, p.PayloadOffset, length);
            }
        }

        Assert.InRange(decoded, 1, 19_999);
    }

    [Fact]
    public void Writers_refuse_a_buffer_too_small()
    {
        Assert.Throws<ArgumentException>(() => GtpuWriter.WriteEchoResponse(new byte[13], 1));
        Assert.Throws<ArgumentException>(() => GtpuWriter.WriteGPduHeader(new byte[15], 1, 10, PduSessionContainer.Downlink(1)));
    }

    private static byte[] NineExtensions()
    {
        var list = new List<byte> { 0x34, 0xff, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0x01 };
        for (var i = 0; i < 9; i++)
        {
            list.AddRange([1, 0, 0, 0x01]);
        }

        list[2] = 0;
        list[3] = (byte)(list.Count - 8);
        return [.. list];
    }
}
