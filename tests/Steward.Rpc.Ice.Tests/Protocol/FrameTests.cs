namespace Steward.Rpc.Ice.Tests.Protocol;

public sealed class FrameTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    [Fact]
    public void ValidateConnection_and_CloseConnection_are_bare_14_byte_headers()
    {
        Assert.Equal(Hex("49636550 0100 0100 03 00 0E000000"), IceMessageHeader.HeaderOnly(IceMessageType.ValidateConnection));
        Assert.Equal(Hex("49636550 0100 0100 04 00 0E000000"), IceMessageHeader.HeaderOnly(IceMessageType.CloseConnection));
    }

    [Fact]
    public void A_request_is_encoded_byte_for_byte_as_protocol_1_0_says()
    {
        var output = new IceOutputStream();
        IceFrameCodec.StartMessage(output, IceMessageType.Request);
        output.WriteInt(1);
        IceFrameCodec.WriteRequestHead(output, new IceIdentity("calc"), "", "echo", IceOperationMode.Normal, [new("k", "v")], (1, 1));
        output.WriteString("hi");
        output.EndEncapsulation();
        IceFrameCodec.EndMessage(output);
        Assert.Equal(Hex(
            "49636550 0100 0100 00 00 2D000000" + // header: request, not compressed, 45 bytes
            "01000000" +                          // request id
            "0463616C63 00" +                     // identity: name "calc", category ""
            "00" +                                // facet: empty sequence
            "046563686F" +                        // operation "echo"
            "00" +                                // mode Normal
            "01 016B 0176" +                      // context {k: v}
            "09000000 0101 026869"),              // encapsulation 1.1 holding "hi"
            output.ToArray());

        var request = Assert.Single(IceFrameCodec.DecodeRequests(output.ToArray()));
        Assert.Equal(1, request.RequestId);
        Assert.Equal(new IceIdentity("calc"), request.Identity);
        Assert.Equal("echo", request.Operation);
        Assert.Equal([new KeyValuePair<string, string>("k", "v")], request.Context);
        Assert.Equal(Hex("09000000 0101 026869"), request.Encapsulation.ToArray());
    }

    [Fact]
    public void A_batch_carries_a_count_and_requests_without_ids()
    {
        var message = Hex("49636550 0100 0100 01 00 31000000" + "02000000"
            + "0161 00 00 0178 02 00 06000000 0101"
            + "0162 0163 01 0166 0179 00 00 06000000 0100");
        var requests = IceFrameCodec.DecodeRequests(message);
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.True(r.IsOneway));
        Assert.Equal(IceOperationMode.Idempotent, requests[0].Mode);
        Assert.Equal(new IceIdentity("b", "c"), requests[1].Identity);
        Assert.Equal("f", requests[1].Facet);
        Assert.Equal(((byte)1, (byte)0), requests[1].Encoding);
    }

    [Fact]
    public void Replies_of_every_status_round_trip()
    {
        var notExist = IceFrameCodec.EncodeNotExistReply(5, IceReplyStatus.FacetNotExist, new IceIdentity("n", "c"), "f", "op");
        Assert.Equal(Hex("49636550 0100 0100 02 00 1D000000 05000000 03 016E 0163 01 0166 026F70"), notExist);
        var reply = IceFrameCodec.DecodeReply(notExist);
        Assert.Equal((IceReplyStatus.FacetNotExist, new IceIdentity("n", "c"), "f", "op"), (reply.Status, reply.Identity, reply.Facet, reply.Operation));

        var unknown = IceFrameCodec.DecodeReply(IceFrameCodec.EncodeUnknownReply(6, IceReplyStatus.UnknownLocalException, "bad"));
        Assert.Equal((6, IceReplyStatus.UnknownLocalException, "bad"), (unknown.RequestId, unknown.Status, unknown.Message));

        var output = new IceOutputStream();
        IceFrameCodec.StartEncapsulatedReply(output, 7, IceReplyStatus.Ok, (1, 1));
        output.WriteInt(42);
        output.EndEncapsulation();
        IceFrameCodec.EndMessage(output);
        Assert.Equal(Hex("49636550 0100 0100 02 00 1D000000 07000000 00 0A000000 0101 2A000000"), output.ToArray());
        Assert.Equal(Hex("0A000000 0101 2A000000"), IceFrameCodec.DecodeReply(output.ToArray()).Encapsulation.ToArray());
    }

    [Theory]
    [InlineData("49636551 0100 0100 00 00 0E000000", typeof(IceBadMagicException), "Bad magic")]
    [InlineData("49636550 0200 0100 00 00 0E000000", typeof(IceUnsupportedProtocolException), "protocol 2.0")]
    [InlineData("49636550 0100 0200 00 00 0E000000", typeof(IceUnsupportedProtocolException), "protocol encoding 2.0")]
    [InlineData("49636550 0100 0100 05 00 0E000000", typeof(IceProtocolException), "Unknown message type 5")]
    [InlineData("49636550 0100 0100 00 02 0E000000", typeof(IceProtocolException), "Compressed messages are not supported")]
    [InlineData("49636550 0100 0100 00 03 0E000000", typeof(IceProtocolException), "Invalid compression status 3")]
    [InlineData("49636550 0100 0100 00 00 0D000000", typeof(IceProtocolException), "Illegal message size 13")]
    [InlineData("49636550 0100 0100 00 00 01001000", typeof(IceMemoryLimitException), "larger than the limit")]
    [InlineData("49636550 0100 0100 03 00 0F000000", typeof(IceProtocolException), "must be 14 bytes")]
    public void Bad_headers_get_the_protocol_error_Ice_raises(string hex, Type expected, string text)
    {
        var ex = Assert.ThrowsAny<IceProtocolException>(() => IceMessageHeader.Read(Hex(hex), IceLimits.Default.MaxMessageSize));
        Assert.IsType(expected, ex);
        Assert.Contains(text, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01000000 0161 00 02 0166 0167 0178 00 00 06000000 0101", "at most one element")] // facet path of two
    [InlineData("01000000 0161 00 00 0178 03 00 06000000 0101", "Operation mode 3")]
    [InlineData("01000000 0161 00 00 0178 00 00 07000000 0101", "encapsulation")] // encapsulation longer than the message
    [InlineData("01000000 0161 00 00 0178 00 00 06000000 0102", "Unsupported encoding 1.2")]
    [InlineData("01000000 0161 00 00 0178 00 FF 10000000", "sequence")] // context count past the data
    [InlineData("01000000 0161 00 00 0178 00 00 06000000 0101 00", "after its last request")]
    [InlineData("FFFFFFFF 0161 00 00 0178 00 00 06000000 0101", "Negative request id")]
    public void Bad_request_bodies_get_marshal_errors(string body, string text)
    {
        var bytes = Hex(body);
        var message = new byte[IceMessageHeader.Length + bytes.Length];
        IceMessageHeader.Write(message, IceMessageType.Request, message.Length);
        bytes.CopyTo(message, IceMessageHeader.Length);
        var ex = Assert.ThrowsAny<IceProtocolException>(() => IceFrameCodec.DecodeRequests(message));
        Assert.Contains(text, ex.Message, StringComparison.Ordinal);
    }
}
