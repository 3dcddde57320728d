namespace Steward.Rpc.Protobuf.Dynamic.Tests;

/// <summary>Malformed binary and text input: one exception type with a position, never a crash or an attacker-sized allocation.</summary>
public class BadInputTests
{
    private static Schema.MessageDef Rich => TestSchemas.Message("rich.Rich");
    private static Schema.MessageDef Inner => TestSchemas.Message("rich.Inner");

    [Theory]
    [InlineData("28", 1, "truncated varint")]                          // i32 tag, no value
    [InlineData("28FFFFFFFFFFFFFFFFFFFF01", 1, "longer than 10 bytes")]
    [InlineData("4A05616263", 1, "runs past the end")]                // s: length 5, 3 bytes follow
    [InlineData("4AFFFFFFFF0F", 1, "negative")]                         // length 2^32-1
    [InlineData("0B", 0, "group wire type")]
    [InlineData("0F", 0, "invalid wire type")]
    [InlineData("00", 0, "field number 0")]
    [InlineData("8A010210FF", 4, "truncated varint")]                // inner { n: <truncated> } inside its bounds
    public void Malformed_binary_fails_with_the_offset(string hex, int position, string reason)
    {
        var error = Assert.Throws<ProtoDecodeException>(() => ProtoBinary.Parse(Rich, Convert.FromHexString(hex)));

        Assert.Equal(position, error.Position);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_past_the_recursion_limit_fails()
    {
        // Inner.child (field 3) nested 101 deep.
        byte[] payload = [];
        for (var i = 0; i < 101; i++)
        {
            payload = [0x1A, .. Varint(payload.Length), .. payload];
        }

        var error = Assert.Throws<ProtoDecodeException>(() => ProtoBinary.Parse(Inner, payload));

        Assert.Contains("recursion limit", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_over_the_configured_maximum_is_refused_before_reading()
    {
        var error = Assert.Throws<ProtoDecodeException>(() => ProtoBinary.Parse(Inner, new byte[100], new ProtoReaderOptions { MaxMessageSize = 64 }));

        Assert.Contains("exceeds the maximum", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_field_with_the_wrong_wire_type_is_kept_as_unknown_like_protobuf_does()
    {
        // n (2) is int32 but arrives as fixed32.
        var input = Convert.FromHexString("1501000000");

        var message = ProtoBinary.Parse(Inner, input);

        Assert.False(message.Has(message.FindField("n")!));
        Assert.Equal(input, ProtoBinary.Serialize(message));
    }

    [Fact]
    public void Seeded_random_mutations_either_parse_or_throw_ProtoDecodeException()
    {
        var seed = ProtoBinary.Serialize(ProtoTextFormat.Parse(Rich, File.ReadAllText(Path.Combine(TestSchemas.ProtoDirectory, "rich.txt")), TestSchemas.Rich));
        var random = new Random(20261127);
        var parsed = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var mutated = (byte[])seed.Clone();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }
            var input = mutated.AsSpan(0, random.Next(mutated.Length + 1)).ToArray();
            try
            {
                var message = ProtoBinary.Parse(Rich, input);
                // Whatever parsed must survive a round trip through both formats.
                Assert.Equal(message, ProtoBinary.Parse(Rich, ProtoBinary.Serialize(message)));
                _ = ProtoTextFormat.Format(message);
                parsed++;
            }
            catch (ProtoDecodeException)
            {
            }
        }
        Assert.InRange(parsed, 1, 19_999);
    }

    [Theory]
    [InlineData("nope: 1", 1, 1, "no field named \"nope\"")]
    [InlineData("i32: 1\ni32: 2", 2, 1, "specified multiple times")]
    [InlineData("i32 1", 1, 5, "Expected \":\"")]
    [InlineData("i32: 2147483648", 1, 6, "out of range")]
    [InlineData("u32: -1", 1, 6, "Expected integer")]
    [InlineData("color: PURPLE", 1, 8, "Unknown enumeration value")]
    [InlineData("s: \"abc", 1, 4, "Unterminated string")]
    [InlineData("s: \"\\q\"", 1, 6, "Invalid escape")]
    [InlineData("inner { n: 1", 1, 13, "Expected \"}\"")]
    [InlineData("cs: \"a\" ci {}", 1, 9, "another member of oneof")]
    [InlineData("b: yes", 1, 4, "Invalid value for boolean")]
    [InlineData("[ext.field]: 1", 1, 1, "not defined")]
    public void Bad_text_fails_with_line_and_column(string text, int line, int column, string reason)
    {
        var error = Assert.Throws<ProtoFormatException>(() => ProtoTextFormat.Parse(Rich, text));

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_nested_past_the_recursion_limit_fails()
    {
        var text = string.Concat(Enumerable.Repeat("child { ", 200)) + string.Concat(Enumerable.Repeat("} ", 200));

        var error = Assert.Throws<ProtoFormatException>(() => ProtoTextFormat.Parse(Inner, text));

        Assert.Contains("recursion limit", error.Reason, StringComparison.Ordinal);
    }

    private static byte[] Varint(int value)
    {
        var bytes = new List<byte>();
        var v = (uint)value;
        while (v >= 0x80)
        {
            bytes.Add((byte)(v | 0x80));
            v >>= 7;
        }
        bytes.Add((byte)v);
        return bytes.ToArray();
    }
}
