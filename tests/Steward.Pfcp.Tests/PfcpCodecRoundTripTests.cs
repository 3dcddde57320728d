using Steward.Pfcp.Codec;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Messages;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Tests;

public class PfcpCodecRoundTripTests
{
    [Theory]
    [MemberData(nameof(SampleMessages.Types), MemberType = typeof(SampleMessages))]
    public void Every_message_type_with_every_ie_decodes_to_what_was_encoded(PfcpMessageType type)
    {
        var message = SampleMessages.Of(type);

        var bytes = PfcpCodec.Encode(message);
        var result = PfcpCodec.Decode(bytes);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(bytes.Length, result.BytesConsumed);
        Assert.Equal(message.GetType(), result.Message.GetType());
        // The records hold lists, which compare by reference; the bytes of a re-encoding compare everything.
        Assert.Equal(Convert.ToHexString(bytes), Convert.ToHexString(PfcpCodec.Encode(result.Message)));
        Assert.Equal(ModelDump.Of(message), ModelDump.Of(result.Message));
    }

    [Fact]
    public void The_measured_length_is_the_written_length_for_every_message()
    {
        foreach (var message in SampleMessages.All())
        {
            var buffer = new byte[70_000];
            Assert.Equal(PfcpCodec.GetEncodedLength(message), PfcpCodec.Encode(message, buffer));
        }
    }

    [Fact]
    public void Encoding_into_a_buffer_allocates_nothing()
    {
        var messages = SampleMessages.All().ToArray();
        var buffer = new byte[70_000];
        foreach (var message in messages)
        {
            PfcpCodec.Encode(message, buffer);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var message in messages)
        {
            PfcpCodec.Encode(message, buffer);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_time_outside_what_32_bit_ntp_seconds_hold_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NtpTime.FromDateTimeOffset(new DateTimeOffset(1950, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Throws<ArgumentOutOfRangeException>(() => NtpTime.FromDateTimeOffset(new DateTimeOffset(2110, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(NtpTime.Earliest, NtpTime.FromDateTimeOffset(NtpTime.Earliest).ToDateTimeOffset());
    }

    [Theory]
    [InlineData("internet", "08696E7465726E6574")]
    [InlineData("access.net", "06616363657373036E6574")]
    [InlineData("no..labels", "6E6F2E2E6C6162656C73")]
    public void A_network_instance_goes_as_labels_when_it_can_and_as_plain_octets_when_not(string name, string expectedValue)
    {
        var far = SampleMessages.UplinkFar with
        {
            ForwardingParameters = new ForwardingParameters { DestinationInterface = DestinationInterface.Core, NetworkInstance = name },
        };
        var request = (SessionEstablishmentRequest)SampleMessages.Of(PfcpMessageType.SessionEstablishmentRequest) with { CreateFars = [far] };

        var bytes = PfcpCodec.Encode(request);
        var decoded = Assert.IsType<SessionEstablishmentRequest>(PfcpCodec.Decode(bytes).Message);

        Assert.Contains("0016" + (expectedValue.Length / 2).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + expectedValue, Convert.ToHexString(bytes), StringComparison.Ordinal);
        Assert.Equal(name, decoded.CreateFars[0].ForwardingParameters!.NetworkInstance);
    }

    [Fact]
    public void A_buffer_writer_receives_exactly_the_encoding()
    {
        var message = SampleMessages.Of(PfcpMessageType.SessionModificationRequest);
        var writer = new System.Buffers.ArrayBufferWriter<byte>();

        PfcpCodec.Encode(message, writer);
        PfcpCodec.Encode(message, writer);

        var one = PfcpCodec.Encode(message);
        Assert.Equal([.. one, .. one], writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void A_destination_too_small_is_refused_not_overrun()
    {
        var message = SampleMessages.Of(PfcpMessageType.SessionEstablishmentRequest);
        var buffer = new byte[PfcpCodec.GetEncodedLength(message) - 1];

        Assert.Throws<ArgumentException>(() => PfcpCodec.Encode(message, buffer));
    }

    [Fact]
    public void The_decoded_establishment_request_carries_the_model_values()
    {
        var bytes = PfcpCodec.Encode(SampleMessages.Of(PfcpMessageType.SessionEstablishmentRequest));

        var request = Assert.IsType<SessionEstablishmentRequest>(PfcpCodec.Decode(bytes).Message);

        Assert.Equal(7u, request.SequenceNumber);
        Assert.Equal(0ul, request.Seid);
        Assert.Equal(SampleMessages.Smf, request.NodeId.Address);
        Assert.Equal(new FSeid(0x1111_2222_3333_4444, SampleMessages.Smf), request.CpFSeid);
        var uplink = request.CreatePdrs[0];
        Assert.Equal(1, uplink.PdrId);
        Assert.Equal(200u, uplink.Precedence);
        Assert.True(uplink.Pdi.LocalFTeid!.Choose);
        Assert.Equal((byte)5, uplink.Pdi.LocalFTeid.ChooseId);
        Assert.Equal("internet", uplink.Pdi.NetworkInstance);
        Assert.Equal("permit out ip from any to assigned", uplink.Pdi.SdfFilters[0].FlowDescription);
        Assert.Equal([9], uplink.Pdi.Qfis);
        var downlinkFar = request.CreateFars[1];
        Assert.Equal(ApplyAction.Forward | ApplyAction.NotifyCp, downlinkFar.ApplyAction);
        Assert.Equal(0x0A0B0C0Du, downlinkFar.ForwardingParameters!.OuterHeaderCreation!.Teid);
        Assert.Equal(SampleMessages.Gnb, downlinkFar.ForwardingParameters.OuterHeaderCreation.IPv4);
        Assert.Equal(new Mbr(100_000, 200_000), request.CreateQers[0].Mbr);
        Assert.Equal(new Volume(10_000_000, 4_000_000, 6_000_000), request.CreateUrrs[0].VolumeThreshold);
    }

    [Fact]
    public void A_recovery_time_stamp_is_ntp_seconds_since_1900()
    {
        var time = new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero);

        var ntp = NtpTime.FromDateTimeOffset(time);

        Assert.Equal((uint)(time - new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalSeconds, ntp.Seconds);
        Assert.Equal(time, ntp.ToDateTimeOffset());
    }

    [Fact]
    public void An_ntp_time_after_the_2036_wrap_reads_back_as_after_it()
    {
        var time = new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(time, NtpTime.FromDateTimeOffset(time).ToDateTimeOffset());
    }
}
