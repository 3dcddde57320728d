namespace Steward.Rpc.Grpc.Tests;

public sealed class ProtocolTests
{
    [Theory]
    [InlineData("1S", 10_000_000L)]
    [InlineData("100m", 1_000_000L)]
    [InlineData("2H", 72_000_000_000L)]
    [InlineData("5u", 50L)]
    [InlineData("300n", 3L)]
    public void Timeout_header_parses_every_unit(string value, long ticks)
    {
        Assert.True(GrpcProtocol.TryParseTimeout(value, out var timeout));
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("123456789S")]
    [InlineData("10x")]
    [InlineData("-1S")]
    public void Malformed_timeouts_are_rejected(string value) => Assert.False(GrpcProtocol.TryParseTimeout(value, out _));

    [Fact]
    public void Formatted_timeouts_fit_eight_digits_and_parse_back()
    {
        foreach (var t in new[] { TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(90), TimeSpan.FromDays(3), TimeSpan.FromDays(5000) })
        {
            var text = GrpcProtocol.FormatTimeout(t);
            Assert.InRange(text.Length, 2, 9);
            Assert.True(GrpcProtocol.TryParseTimeout(text, out var back));
            Assert.True(back <= t && back > t * 0.99 - TimeSpan.FromHours(1));
        }
    }

    [Fact]
    public void Status_messages_percent_encode_and_decode_losslessly()
    {
        const string message = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n 100%";
        var encoded = GrpcProtocol.EncodeMessage(message);
        Assert.All(encoded, c => Assert.InRange(c, ' ', '~'));
        Assert.Equal(message, GrpcProtocol.DecodeMessage(encoded));
        Assert.Equal("bad %zz escape %", GrpcProtocol.DecodeMessage("bad %zz escape %"));
    }

    [Fact]
    public void Binary_headers_decode_with_or_without_padding()
    {
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, GrpcProtocol.DecodeBinaryHeader("AQIDBA"));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, GrpcProtocol.DecodeBinaryHeader("AQIDBA=="));
    }

    [Theory]
    [InlineData("application/grpc", true)]
    [InlineData("application/grpc+proto", true)]
    [InlineData("application/grpc;charset=utf-8", true)]
    [InlineData("application/grpcx", false)]
    [InlineData("application/json", false)]
    public void Content_type_check_follows_the_spec(string value, bool ok) => Assert.Equal(ok, GrpcProtocol.IsGrpcContentType(value));
}
