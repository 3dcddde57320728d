using Steward.Pfcp.Codec;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Messages;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Tests;

public class PfcpBadInputTests
{
    private static readonly byte[] Fseid = RawPfcp.Ie(IeType.FSeid, 0x02, 0, 0, 0, 0, 0, 0, 0, 1, 10, 0, 0, 1);
    private static readonly byte[] Pdi = RawPfcp.Group(IeType.Pdi, RawPfcp.Ie(IeType.SourceInterface, 0));
    private static readonly byte[] CreateFar = RawPfcp.Group(IeType.CreateFar, RawPfcp.U32(IeType.FarId, 1), RawPfcp.Ie(IeType.ApplyAction, 0x02));

    private static byte[] CreatePdr(params byte[][] extra) =>
        RawPfcp.Group(IeType.CreatePdr, [RawPfcp.U16(IeType.PdrId, 1), RawPfcp.U32(IeType.Precedence, 10), Pdi, .. extra]);

    private static byte[] Establishment(params byte[][] ies) => RawPfcp.Message(PfcpMessageType.SessionEstablishmentRequest, 0, 77, ies);

    private static PfcpDecodeError Error(PfcpDecodeResult result)
    {
        Assert.False(result.IsSuccess, $"decoded as {result.Message}");
        return result.Error;
    }

    [Fact]
    public void A_well_formed_hand_built_establishment_request_decodes()
    {
        var bytes = Establishment(RawPfcp.NodeIdV4(10, 0, 0, 1), Fseid, CreatePdr(), CreateFar);

        var request = Assert.IsType<SessionEstablishmentRequest>(PfcpCodec.Decode(bytes).Message);

        Assert.Equal(SourceInterface.Access, Assert.Single(request.CreatePdrs).Pdi.SourceInterface);
    }

    [Fact]
    public void Every_truncation_of_every_message_is_refused_requests_with_invalid_length_others_discarded()
    {
        foreach (var message in SampleMessages.All())
        {
            var bytes = PfcpCodec.Encode(message);
            var headerLength = message is PfcpSessionMessage ? PfcpHeader.SessionHeaderLength : PfcpHeader.NodeHeaderLength;
            for (var length = 0; length < bytes.Length; length++)
            {
                var error = Error(PfcpCodec.Decode(bytes.AsSpan(0, length)));
                var where = $"{message.MessageType} cut to {length} of {bytes.Length}";
                if (length >= headerLength && message.MessageType.IsRequest())
                {
                    Assert.True(error.Action == PfcpDecodeAction.Reject, $"{where}: {error}");
                    Assert.Equal(PfcpCause.InvalidLength, error.Cause);
                    Assert.Equal(message.SequenceNumber, error.Header!.Value.SequenceNumber);
                }
                else
                {
                    Assert.True(error.Action == PfcpDecodeAction.Discard, $"{where}: {error}");
                }
            }
        }
    }

    [Fact]
    public void An_ie_length_past_the_end_of_its_group_gets_invalid_length()
    {
        var pdi = RawPfcp.Group(IeType.Pdi, RawPfcp.Ie(IeType.SourceInterface, 0));
        pdi[4 + 3] = 200; // the Source Interface inside claims 200 octets
        var pdr = RawPfcp.Group(IeType.CreatePdr, RawPfcp.U16(IeType.PdrId, 1), RawPfcp.U32(IeType.Precedence, 10), pdi);

        var error = Error(PfcpCodec.Decode(Establishment(RawPfcp.NodeIdV4(10, 0, 0, 1), Fseid, pdr, CreateFar)));

        Assert.Equal(PfcpDecodeAction.Reject, error.Action);
        Assert.Equal(PfcpCause.InvalidLength, error.Cause);
        Assert.Equal(IeType.SourceInterface, error.OffendingIe);
    }

    [Fact]
    public void A_message_length_past_the_datagram_gets_invalid_length_with_the_sequence_number_to_answer()
    {
        var bytes = RawPfcp.Message(PfcpMessageType.HeartbeatRequest, null, 0x010203, RawPfcp.Recovery(5));
        bytes[3] += 10;

        var error = Error(PfcpCodec.Decode(bytes));

        Assert.Equal(PfcpDecodeAction.Reject, error.Action);
        Assert.Equal(PfcpCause.InvalidLength, error.Cause);
        Assert.Equal(0x010203u, error.Header!.Value.SequenceNumber);
    }

    [Fact]
    public void Grouped_ies_nested_deeper_than_the_limit_are_rejected_naming_the_group()
    {
        var bytes = Establishment(RawPfcp.NodeIdV4(10, 0, 0, 1), Fseid, CreatePdr(), CreateFar);

        var error = Error(PfcpCodec.Decode(bytes, new PfcpLimits { MaxDepth = 1 }));

        Assert.Equal(PfcpDecodeAction.Reject, error.Action);
        Assert.Equal(PfcpCause.RequestRejected, error.Cause);
        Assert.Equal(IeType.Pdi, error.OffendingIe);
    }

    [Fact]
    public void More_ies_than_the_limit_are_rejected()
    {
        var padding = Enumerable.Repeat(RawPfcp.Ie((ushort)9000, []), 20).ToArray();
        var bytes = RawPfcp.Message(PfcpMessageType.HeartbeatRequest, null, 1, [RawPfcp.Recovery(5), .. padding]);

        var error = Error(PfcpCodec.Decode(bytes, new PfcpLimits { MaxIesPerMessage = 10 }));

        Assert.Equal(PfcpCause.RequestRejected, error.Cause);
    }

    [Fact]
    public void More_repeats_of_an_ie_than_the_limit_are_rejected_naming_it()
    {
        var bytes = Establishment([RawPfcp.NodeIdV4(10, 0, 0, 1), Fseid, CreatePdr(), CreatePdr(), CreatePdr(), CreateFar]);

        var error = Error(PfcpCodec.Decode(bytes, new PfcpLimits { MaxRepeatedIes = 2 }));

        Assert.Equal(PfcpCause.RequestRejected, error.Cause);
        Assert.Equal(IeType.CreatePdr, error.OffendingIe);
    }

    [Fact]
    public void An_unknown_ie_inside_a_grouped_ie_is_skipped()
    {
        var withUnknown = Establishment(RawPfcp.NodeIdV4(10, 0, 0, 1), Fseid, CreatePdr(RawPfcp.Ie((ushort)4000, [1, 2, 3])), CreateFar);
        var without = Establishment(RawPfcp.NodeIdV4(10, 0, 0, 1), Fseid, CreatePdr(), CreateFar);

        var result = PfcpCodec.Decode(withUnknown);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(ModelDump.Of(PfcpCodec.Decode(without).Message), ModelDump.Of(result.Message));
    }

    [Fact]
    public void Vendor_specific_ies_at_the_top_and_inside_a_group_are_skipped()
    {
        var vendor = RawPfcp.VendorIe(0x8001, 18681, 0xDE, 0xAD);
        var bytes = Establishment(vendor, RawPfcp.NodeIdV4(10, 0, 0, 1), Fseid, CreatePdr(vendor), CreateFar, vendor);

        var request = Assert.IsType<SessionEstablishmentRequest>(PfcpCodec.Decode(bytes).Message);

        Assert.Equal(1, Assert.Single(request.CreatePdrs).PdrId);
    }

    [Fact]
    public void A_missing_mandatory_ie_gets_cause_66_naming_it()
    {
        var error = Error(PfcpCodec.Decode(Establishment(Fseid, CreatePdr(), CreateFar)));

        Assert.Equal(PfcpDecodeAction.Reject, error.Action);
        Assert.Equal(PfcpCause.MandatoryIeMissing, error.Cause);
        Assert.Equal(IeType.NodeId, error.OffendingIe);
        Assert.Equal(PfcpMessageType.SessionEstablishmentRequest, error.Header!.Value.MessageType);
        Assert.Equal(77u, error.Header.Value.SequenceNumber);
    }

    [Fact]
    public void A_missing_mandatory_ie_inside_a_group_gets_cause_66_naming_the_inner_ie()
    {
        var pdrWithoutPdi = RawPfcp.Group(IeType.CreatePdr, RawPfcp.U16(IeType.PdrId, 1), RawPfcp.U32(IeType.Precedence, 10));

        var error = Error(PfcpCodec.Decode(Establishment(RawPfcp.NodeIdV4(10, 0, 0, 1), Fseid, pdrWithoutPdi, CreateFar)));

        Assert.Equal(PfcpCause.MandatoryIeMissing, error.Cause);
        Assert.Equal(IeType.Pdi, error.OffendingIe);
    }

    [Fact]
    public void A_heartbeat_without_its_recovery_time_stamp_gets_cause_66()
    {
        var error = Error(PfcpCodec.Decode(RawPfcp.Message(PfcpMessageType.HeartbeatRequest, null, 1)));

        Assert.Equal(PfcpCause.MandatoryIeMissing, error.Cause);
        Assert.Equal(IeType.RecoveryTimeStamp, error.OffendingIe);
    }

    [Fact]
    public void A_malformed_mandatory_ie_gets_cause_69_naming_it()
    {
        var nodeIdWithoutAddress = RawPfcp.Ie(IeType.NodeId, 0);

        var error = Error(PfcpCodec.Decode(Establishment(nodeIdWithoutAddress, Fseid, CreatePdr(), CreateFar)));

        Assert.Equal(PfcpDecodeAction.Reject, error.Action);
        Assert.Equal(PfcpCause.MandatoryIeIncorrect, error.Cause);
        Assert.Equal(IeType.NodeId, error.OffendingIe);
    }

    [Fact]
    public void A_malformed_optional_ie_is_dropped_and_the_message_accepted()
    {
        var shortFteid = RawPfcp.Ie(IeType.FTeid, 0x01, 0, 0);
        var pdi = RawPfcp.Group(IeType.Pdi, RawPfcp.Ie(IeType.SourceInterface, 0), shortFteid);
        var pdr = RawPfcp.Group(IeType.CreatePdr, RawPfcp.U16(IeType.PdrId, 1), RawPfcp.U32(IeType.Precedence, 10), pdi);

        var request = Assert.IsType<SessionEstablishmentRequest>(PfcpCodec.Decode(Establishment(RawPfcp.NodeIdV4(10, 0, 0, 1), Fseid, pdr, CreateFar)).Message);

        Assert.Null(Assert.Single(request.CreatePdrs).Pdi.LocalFTeid);
    }

    [Fact]
    public void A_bad_response_is_discarded_but_still_names_its_sequence_number_for_the_transaction_layer()
    {
        var reservedCause = RawPfcp.Ie(IeType.Cause, 0);
        var bytes = RawPfcp.Message(PfcpMessageType.AssociationSetupResponse, null, 42, RawPfcp.NodeIdV4(10, 0, 0, 2), reservedCause, RawPfcp.Recovery(5));

        var error = Error(PfcpCodec.Decode(bytes));

        Assert.Equal(PfcpDecodeAction.Discard, error.Action);
        Assert.Equal(PfcpCause.MandatoryIeIncorrect, error.Cause);
        Assert.Equal(42u, error.Header!.Value.SequenceNumber);
    }

    [Fact]
    public void An_unknown_message_type_is_discarded()
    {
        var error = Error(PfcpCodec.Decode(RawPfcp.Message((PfcpMessageType)99, null, 1, RawPfcp.Recovery(5))));

        Assert.Equal(PfcpDecodeAction.Discard, error.Action);
    }

    [Fact]
    public void Another_version_gets_version_not_supported()
    {
        var bytes = RawPfcp.Message(PfcpMessageType.HeartbeatRequest, null, 1, RawPfcp.Recovery(5));
        bytes[0] = (byte)((bytes[0] & 0x1F) | (2 << 5));

        Assert.Equal(PfcpDecodeAction.AnswerVersionNotSupported, Error(PfcpCodec.Decode(bytes)).Action);
    }

    [Fact]
    public void A_session_message_without_a_seid_is_discarded()
    {
        var bytes = RawPfcp.Message(PfcpMessageType.SessionDeletionRequest, null, 1);

        Assert.Equal(PfcpDecodeAction.Discard, Error(PfcpCodec.Decode(bytes)).Action);
    }

    [Fact]
    public void An_ie_the_message_does_not_list_is_ignored_even_when_malformed()
    {
        var brokenPdr = RawPfcp.Group(IeType.CreatePdr, RawPfcp.U16(IeType.PdrId, 1));
        var bytes = RawPfcp.Message(PfcpMessageType.HeartbeatRequest, null, 1, RawPfcp.Recovery(5), brokenPdr);

        var heartbeat = Assert.IsType<HeartbeatRequest>(PfcpCodec.Decode(bytes).Message);

        Assert.Equal(5u, heartbeat.RecoveryTimeStamp.Seconds);
    }

    [Fact]
    public void A_repeated_ie_that_must_not_repeat_counts_once_the_first()
    {
        var bytes = RawPfcp.Message(PfcpMessageType.HeartbeatRequest, null, 1, RawPfcp.Recovery(5), RawPfcp.Recovery(6));

        Assert.Equal(5u, Assert.IsType<HeartbeatRequest>(PfcpCodec.Decode(bytes).Message).RecoveryTimeStamp.Seconds);
    }

    [Fact]
    public void Bundled_messages_are_read_one_at_a_time_by_the_octets_each_takes()
    {
        var first = PfcpCodec.Encode(new HeartbeatRequest { SequenceNumber = 1, RecoveryTimeStamp = new NtpTime(5) });
        first[0] |= 0b100; // FO: another message follows
        var second = PfcpCodec.Encode(new HeartbeatResponse { SequenceNumber = 2, RecoveryTimeStamp = new NtpTime(6) });
        byte[] datagram = [.. first, .. second];

        var one = PfcpCodec.Decode(datagram);
        var two = PfcpCodec.Decode(datagram.AsSpan(one.BytesConsumed));

        Assert.IsType<HeartbeatRequest>(one.Message);
        Assert.Equal(first.Length, one.BytesConsumed);
        Assert.Equal(2u, Assert.IsType<HeartbeatResponse>(two.Message).SequenceNumber);
    }
}
