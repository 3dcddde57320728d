using System.Text;
using System.Text.Json;
using Steward.Cni.Types;

namespace Steward.Cni.Tests;

/// <summary>The hand-written JSON of results, errors and version info against the serializer it replaces
/// (the source-generated <see cref="CniJsonContext"/>, kept as the oracle): same bytes out, same rules in.</summary>
public sealed class CniJsonTests
{
    private static CniResult Full() => new()
    {
        CniVersion = "1.1.0",
        Interfaces =
        [
            new CniInterface { Name = "br0", Mac = "0a:58:0a:01:00:01" },
            new CniInterface { Name = "eth0", Mac = "0a:58:0a:01:00:05", Mtu = 1450, Sandbox = "/var/run/netns/ctr \"é\" <&>", SocketPath = "/run/s.sock", PciId = "0000:00:1f.0" },
        ],
        Ips =
        [
            new CniIpConfig { Interface = 1, Address = "10.1.0.5/16", Gateway = "10.1.0.1" },
            new CniIpConfig { Version = "6", Address = "fd00::5/64" },
        ],
        Routes = [new CniRoute { Dst = "0.0.0.0/0", Gw = "10.1.0.1", Mtu = 1400, AdvMss = 1360, Priority = 10, Table = 100, Scope = 0 }, new CniRoute { Dst = "fd00::/8" }],
        Dns = new CniDns { Nameservers = ["10.1.0.10"], Domain = "cluster.local", Search = ["svc.local", "ünï"], Options = ["ndots:5"] },
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_result_is_written_byte_for_byte_as_the_serializer_writes_it(bool indented)
    {
        var expected = JsonSerializer.SerializeToUtf8Bytes(Full(), indented ? CniJsonContext.Indented.CniResult : CniJsonContext.Default.CniResult);
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(CniJson.Write(Full(), indented)));
    }

    [Fact]
    public void Sparse_results_errors_and_version_info_are_written_as_the_serializer_writes_them()
    {
        var sparse = new CniResult { CniVersion = "1.0.0", Ips = [] };
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(sparse, CniJsonContext.Indented.CniResult), CniJson.Write(sparse));
        var error = new CniErrorPayload { CniVersion = "1.0.0", Code = 7, Msg = "bad \"config\"\n", Details = "line\t2 <x>" };
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(error, CniJsonContext.Indented.CniErrorPayload), CniJson.Write(error));
        var bare = new CniErrorPayload { Code = 999, Msg = "x" };
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(bare, CniJsonContext.Indented.CniErrorPayload), CniJson.Write(bare));
        var info = new CniVersionInfo { SupportedVersions = ["0.3.0", "1.1.0"] };
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(info, CniJsonContext.Default.CniVersionInfo), CniJson.Write(info));
    }

    [Fact]
    public void A_written_result_reads_back_equal_to_what_the_serializer_reads()
    {
        var bytes = CniJson.Write(Full());
        var mine = CniJson.ReadResult(bytes)!;
        var theirs = JsonSerializer.Deserialize(bytes, CniJsonContext.Default.CniResult)!;
        // Equal models write equal bytes.
        Assert.Equal(CniJson.Write(theirs), CniJson.Write(mine));
    }

    [Fact]
    public void Unknown_properties_are_ignored_and_the_last_duplicate_wins()
    {
        var r = CniJson.ReadResult("""{"cniVersion":"0.4.0","x":{"y":[1,2]},"ips":[{"address":"10.0.0.1/8","address":"10.0.0.2/8","future":true}]}"""u8)!;
        Assert.Equal("10.0.0.2/8", Assert.Single(r.Ips!).Address);
        Assert.Null(r.Interfaces);
    }

    [Theory]
    [InlineData("""{"cniVersion":1}""")]
    [InlineData("""{"cniVersion":"1.0.0","ips":{}}""")]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"10.0.0.1/8","interface":"0"}]}""")]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"10.0.0.1/8","interface":1.5}]}""")]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"10.0.0.1/8","interface":2147483648}]}""")]
    [InlineData("""{"cniVersion":"1.0.0","routes":[null]}""")]
    [InlineData("""{"cniVersion":"1.0.0","dns":[]}""")]
    [InlineData("""[]""")]
    [InlineData("""{"cniVersion":"1.0.0",}""")]
    public void Values_of_the_wrong_json_type_are_decoding_failures(string json)
    {
        var e = Assert.Throws<CniException>(() => CniResult.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(CniErrorCode.DecodingFailure, e.Code);
    }

    [Fact]
    public void Errors_and_version_info_are_read_from_what_plugins_print()
    {
        var e = CniJson.ReadError("""{"code":11,"msg":"busy","details":"later"}"""u8)!;
        Assert.Equal((11u, "busy", "later", (string?)null), (e.Code, e.Msg, e.Details, e.CniVersion));
        Assert.Throws<JsonException>(() => CniJson.ReadError("""{"code":-1,"msg":"x"}"""u8));
        var v = CniJson.ReadVersionInfo("""{"cniVersion":"1.0.0","supportedVersions":["0.4.0","1.0.0"]}"""u8)!;
        Assert.Equal("1.0.0", v.CniVersion);
        Assert.Equal(["0.4.0", "1.0.0"], v.SupportedVersions);
    }
}
