using System.Text;

namespace Steward.Cli.Tests;

/// <summary><c>steward proto encode|decode</c> next to <c>protoc --encode|--decode</c> on the same message.</summary>
public class ProtoCommandTests
{
    private static byte[] RichText => File.ReadAllBytes(Path.Combine(StewardCli.ProtoDirectory, "rich.txt"));

    [Fact]
    public void Encode_writes_the_same_bytes_as_protoc_encode()
    {
        var expected = StewardCli.Protoc(RichText, "--encode=rich.Rich", "rich.proto");

        var (code, stdout, stderr) = StewardCli.Run(RichText, "proto", "encode", "--proto", "rich.proto", "--type", "rich.Rich");

        Assert.True(code == 0, stderr);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(stdout));
    }

    [Fact]
    public void Decode_prints_exactly_what_protoc_decode_prints()
    {
        var binary = StewardCli.Protoc(RichText, "--encode=rich.Rich", "rich.proto");
        var expected = Encoding.UTF8.GetString(StewardCli.Protoc(binary, "--decode=rich.Rich", "rich.proto"));

        var (code, stdout, stderr) = StewardCli.Run(binary, "proto", "decode", "--proto", "rich.proto", "--type", "rich.Rich");

        Assert.True(code == 0, stderr);
        Assert.Equal(expected, Encoding.UTF8.GetString(stdout));
    }

    [Fact]
    public void Json_decode_then_encode_gives_back_protocs_bytes()
    {
        var binary = StewardCli.Protoc(RichText, "--encode=rich.Rich", "rich.proto");

        var (decodeCode, json, decodeErr) = StewardCli.Run(binary, "proto", "decode", "--proto", "rich.proto", "--type", "rich.Rich", "--format", "json");
        var (encodeCode, again, encodeErr) = StewardCli.Run(json, "proto", "encode", "--proto", "rich.proto", "--type", "rich.Rich", "--format", "json");

        Assert.True(decodeCode == 0, decodeErr);
        Assert.True(encodeCode == 0, encodeErr);
        Assert.Contains("\"i64\": \"-9223372036854775808\"", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexString(binary), Convert.ToHexString(again));
    }

    [Fact]
    public void Bad_text_input_is_reported_at_its_line_and_column_with_exit_1()
    {
        var (code, _, stderr) = StewardCli.Run("i32: 1\nnope: 2\n"u8.ToArray(), "proto", "encode", "--proto", "rich.proto", "--type", "rich.Rich");

        Assert.Equal(1, code);
        Assert.Contains("input:2:1: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_binary_is_reported_at_its_byte_offset_with_exit_1()
    {
        var (code, _, stderr) = StewardCli.Run(new byte[] { 0x0A, 0x05, 0x61 }, "proto", "decode", "--proto", "rich.proto", "--type", "rich.Inner");

        Assert.Equal(1, code);
        Assert.Contains("input: byte 1: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_type_is_an_error()
    {
        var (code, _, stderr) = StewardCli.Run("proto", "decode", "--proto", "rich.proto", "--type", "rich.Nope");

        Assert.Equal(1, code);
        Assert.Contains("rich.Nope", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("proto encode --type rich.Rich")]
    [InlineData("proto decode --proto rich.proto")]
    [InlineData("proto decode --proto rich.proto --type rich.Rich --format xml")]
    public void Proto_usage_errors_exit_2(string commandLine) => Assert.Equal(2, StewardCli.Run(commandLine.Split(' ')).ExitCode);
}
