using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Tests;

public class PfcpHeaderTests
{
    [Fact]
    public void A_node_header_is_eight_octets_with_the_sequence_number_in_octets_5_to_7()
    {
        var buffer = new byte[8];
        var written = PfcpHeader.ForNode(PfcpMessageType.HeartbeatRequest, 0x010203).Write(buffer, bodyLength: 0);

        Assert.Equal(8, written);
        Assert.Equal(new byte[] { 0x20, 1, 0, 4, 1, 2, 3, 0 }, buffer);
    }

    [Fact]
    public void A_session_header_carries_the_seid_and_a_priority_in_the_high_nibble_of_octet_16()
    {
        var buffer = new byte[16 + 5];
        var header = PfcpHeader.ForSession(PfcpMessageType.SessionEstablishmentRequest, 0x1122334455667788, 7, priority: 3);
        var written = header.Write(buffer, bodyLength: 5);

        Assert.Equal(16, written);
        Assert.Equal(0x23, buffer[0]); // version 1, MP, S
        Assert.Equal(12 + 5, buffer[3]);
        Assert.True(PfcpHeader.TryRead(buffer, out var read, out var error), error.ToString());
        Assert.Equal(header with { MessageLength = 17 }, read);
    }

    [Theory]
    [InlineData(new byte[] { 0x20, 1, 0 }, PfcpHeaderError.Truncated)]
    [InlineData(new byte[] { 0x40, 1, 0, 4, 0, 0, 1, 0 }, PfcpHeaderError.UnsupportedVersion)]
    [InlineData(new byte[] { 0x21, 50, 0, 4, 0, 0, 1, 0 }, PfcpHeaderError.Truncated)]
    [InlineData(new byte[] { 0x20, 1, 0, 9, 0, 0, 1, 0 }, PfcpHeaderError.LengthBeyondDatagram)]
    public void A_bad_header_is_refused_with_its_reason(byte[] datagram, PfcpHeaderError expected)
    {
        Assert.False(PfcpHeader.TryRead(datagram, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData(PfcpMessageType.HeartbeatRequest, true)]
    [InlineData(PfcpMessageType.AssociationReleaseResponse, false)]
    [InlineData(PfcpMessageType.VersionNotSupportedResponse, false)]
    [InlineData(PfcpMessageType.NodeReportRequest, true)]
    [InlineData(PfcpMessageType.SessionSetDeletionResponse, false)]
    [InlineData(PfcpMessageType.SessionEstablishmentRequest, true)]
    [InlineData(PfcpMessageType.SessionReportResponse, false)]
    public void Requests_and_responses_are_told_apart_by_type(PfcpMessageType type, bool isRequest) =>
        Assert.Equal(isRequest, type.IsRequest());
}
