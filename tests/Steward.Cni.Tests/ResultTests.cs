using System.Text;
using System.Text.Json.Nodes;
using Steward.Cni.Types;

namespace Steward.Cni.Tests;

/// <summary>Result parsing and conversion between the 0.3.x/0.4.0 and 1.x shapes.</summary>
public sealed class ResultTests
{
    private const string V040 = """
        {"cniVersion":"0.4.0",
         "interfaces":[{"name":"eth0","mac":"0a:58:0a:01:00:05","sandbox":"/var/run/netns/x"}],
         "ips":[{"version":"4","interface":0,"address":"10.1.0.5/16","gateway":"10.1.0.1"},
                {"version":"6","address":"fd00::5/64"}],
         "routes":[{"dst":"0.0.0.0/0","gw":"10.1.0.1"}],
         "dns":{"nameservers":["10.1.0.10"],"search":["svc.local"]}}
        """;

    private static JsonNode Json(CniResult r) => JsonNode.Parse(r.ToJson())!;

    [Theory]
    [InlineData("0.3.0")]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    [InlineData("1.1.0")]
    public void A_0_4_0_result_survives_a_round_trip_through_every_version(string via)
    {
        var original = CniResult.Parse(Encoding.UTF8.GetBytes(V040));
        var back = CniResult.Parse(original.ConvertTo(via).ToJson()).ConvertTo("0.4.0");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(V040), Json(back)), Json(back).ToJsonString());
    }

    [Fact]
    public void Converting_up_removes_ip_versions_and_keeps_interface_indexes_gateways_routes_dns()
    {
        var v1 = CniResult.Parse(Encoding.UTF8.GetBytes(V040)).ConvertTo("1.0.0");
        var json = Json(v1);
        Assert.Equal("1.0.0", json["cniVersion"]!.GetValue<string>());
        Assert.Null(json["ips"]![0]!["version"]);
        Assert.Equal(0, json["ips"]![0]!["interface"]!.GetValue<int>());
        Assert.Equal("10.1.0.1", json["ips"]![0]!["gateway"]!.GetValue<string>());
        Assert.Null(json["ips"]![1]!["interface"]);
        Assert.Equal("10.1.0.1", json["routes"]![0]!["gw"]!.GetValue<string>());
        Assert.Equal("svc.local", json["dns"]!["search"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Converting_down_from_1_1_drops_fields_0_4_0_lacks()
    {
        var v11 = """
            {"cniVersion":"1.1.0","interfaces":[{"name":"eth0","mtu":1450,"socketPath":"/run/x.sock","pciID":"0000:00:01.0"}],
             "ips":[{"address":"10.0.0.2/24","interface":0}],"routes":[{"dst":"10.2.0.0/16","mtu":1400,"table":100,"scope":253}]}
            """;
        var down = Json(CniResult.Parse(Encoding.UTF8.GetBytes(v11)).ConvertTo("0.4.0"));
        var iface = down["interfaces"]![0]!.AsObject();
        Assert.Equal(["name"], iface.Select(p => p.Key));
        Assert.Equal("4", down["ips"]![0]!["version"]!.GetValue<string>());
        // Route attributes are part of the shared route type in every version libcni writes.
        Assert.Equal(100, down["routes"]![0]!["table"]!.GetValue<int>());
    }

    [Fact]
    public void Empty_dns_is_left_out()
    {
        var r = CniResult.Parse("""{"cniVersion":"1.0.0","dns":{}}"""u8);
        Assert.Null(Json(r.ConvertTo("1.0.0"))["dns"]);
    }

    [Theory]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"10.0.0.300/24"}]}""", CniErrorCode.DecodingFailure)]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"10.0.0.3"}]}""", CniErrorCode.DecodingFailure)]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"10.0.0.3/24","interface":2}]}""", CniErrorCode.DecodingFailure)]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"10.0.0.3/24","gateway":"nope"}]}""", CniErrorCode.DecodingFailure)]
    [InlineData("""{"cniVersion":"1.0.0","ips":"#"}""", CniErrorCode.DecodingFailure)]
    [InlineData("""[1,2]""", CniErrorCode.DecodingFailure)]
    [InlineData("""{"cniVersion":"0.2.0","ip4":{"ip":"10.0.0.3/24"}}""", CniErrorCode.IncompatibleVersion)]
    [InlineData("""{"ips":[]}""", CniErrorCode.IncompatibleVersion)]
    public void Bad_results_are_rejected_with_a_code(string json, uint code)
    {
        var e = Assert.Throws<CniException>(() => CniResult.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(code, e.Code);
    }

    [Fact]
    public void Converting_to_an_unknown_version_is_incompatible()
    {
        var r = CniResult.Parse(Encoding.UTF8.GetBytes(V040));
        Assert.Equal(CniErrorCode.IncompatibleVersion, Assert.Throws<CniException>(() => r.ConvertTo("2.0.0")).Code);
    }

    [Theory]
    [InlineData("1.1.0", "1.0.0", 1)]
    [InlineData("0.4.0", "0.4.0", 0)]
    [InlineData("0.3.1", "0.4.0", -1)]
    [InlineData("", "0.1.0", 0)]
    [InlineData("1.10.0", "1.9.0", 1)]
    public void Versions_compare_numerically(string a, string b, int sign)
    {
        Assert.Equal(sign, Math.Sign(CniVersions.Compare(a, b)));
    }

    [Fact]
    public void An_unparsable_version_is_a_decoding_failure()
    {
        Assert.Equal(CniErrorCode.DecodingFailure, Assert.Throws<CniException>(() => CniVersions.Compare("1.x", "1.0.0")).Code);
    }
}
