using System.Text;
using System.Text.Json.Nodes;
using Steward.Cni.Runtime;
using Steward.Cni.Types;

namespace Steward.Cni.Tests;

/// <summary>The runtime side's own logic: loading config lists, building each plugin's config, the cache.</summary>
public sealed class RuntimeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("steward-cni-runtime-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Write(string name, string json) => File.WriteAllText(Path.Combine(_dir, name), json);

    [Fact]
    public void Conflists_win_over_single_configs_and_files_are_taken_in_name_order()
    {
        Write("10-a.conf", """{"cniVersion":"1.0.0","name":"net","type":"from-conf"}""");
        Write("20-b.conflist", """{"cniVersion":"1.0.0","name":"net","plugins":[{"type":"from-list-20"}]}""");
        Write("15-c.conflist", """{"cniVersion":"1.0.0","name":"net","plugins":[{"type":"from-list-15"}]}""");
        Assert.Equal("from-list-15", Assert.Single(NetworkConfigList.Load(_dir, "net").Plugins).Type);
    }

    [Fact]
    public void A_single_config_becomes_a_list_of_one()
    {
        Write("99-x.json", """{"cniVersion":"0.4.0","name":"single","type":"bridge","bridge":"br9"}""");
        Write("00-other.conflist", """{"cniVersion":"1.0.0","name":"other","plugins":[{"type":"x"}]}""");
        var list = NetworkConfigList.Load(_dir, "single");
        Assert.Equal(("single", "0.4.0"), (list.Name, list.CniVersion));
        Assert.Equal("br9", Assert.Single(list.Plugins).Json["bridge"]!.GetValue<string>());
    }

    [Fact]
    public void A_missing_network_is_reported_with_the_directory()
    {
        Write("10-a.conflist", """{"cniVersion":"1.0.0","name":"net","plugins":[{"type":"x"}]}""");
        var e = Assert.Throws<CniException>(() => NetworkConfigList.Load(_dir, "nope"));
        Assert.Contains($"no net configuration with name \"nope\" in {_dir}", e.Msg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"cniVersion":"1.0.0","plugins":[{"type":"x"}]}""", CniErrorCode.InvalidNetworkConfig)]
    [InlineData("""{"cniVersion":"1.0.0","name":"n","plugins":[]}""", CniErrorCode.InvalidNetworkConfig)]
    [InlineData("""{"cniVersion":"1.0.0","name":"n","plugins":[{"name":"no-type"}]}""", CniErrorCode.InvalidNetworkConfig)]
    [InlineData("""{"cniVersion":"1.0.0","name":"n","plugins":{}}""", CniErrorCode.InvalidNetworkConfig)]
    [InlineData("""{"cniVersion":"1.0.0","name":"n","disableCheck":"maybe","plugins":[{"type":"x"}]}""", CniErrorCode.InvalidNetworkConfig)]
    [InlineData("""{"cniVersion":"1.0.0","name":""", CniErrorCode.DecodingFailure)]
    public void Bad_lists_are_rejected(string json, uint code)
    {
        Assert.Equal(code, Assert.Throws<CniException>(() => NetworkConfigList.FromBytes(Encoding.UTF8.GetBytes(json))).Code);
    }

    [Fact]
    public void CniVersions_picks_the_highest_known_version()
    {
        var list = NetworkConfigList.FromBytes("""{"cniVersion":"0.4.0","cniVersions":["1.0.0","1.1.0","9.0.0"],"name":"n","plugins":[{"type":"x"}]}"""u8.ToArray());
        Assert.Equal("1.1.0", list.CniVersion);
    }

    [Fact]
    public void Plugins_from_the_network_directory_are_appended_unless_only_inlined_ones_are_wanted()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "net"));
        Write("net/20-extra.conf", """{"type":"extra"}""");
        var bytes = """{"cniVersion":"1.1.0","name":"net","plugins":[{"type":"first"}]}"""u8.ToArray();
        Assert.Equal(["first", "extra"], NetworkConfigList.FromBytes(bytes, _dir).Plugins.Select(p => p.Type));
        var inlined = """{"cniVersion":"1.1.0","name":"net","loadOnlyInlinedPlugins":true,"plugins":[{"type":"first"}]}"""u8.ToArray();
        Assert.Equal(["first"], NetworkConfigList.FromBytes(inlined, _dir).Plugins.Select(p => p.Type));
    }

    [Fact]
    public void A_plugin_gets_name_version_prevResult_and_only_its_capabilities_as_runtimeConfig()
    {
        var list = NetworkConfigList.FromBytes("""
            {"cniVersion":"0.4.0","name":"net","plugins":[
              {"type":"bridge"},
              {"type":"portmap","capabilities":{"portMappings":true,"bandwidth":false}}]}
            """u8.ToArray());
        var rt = new RuntimeConf
        {
            ContainerId = "c1",
            CapabilityArgs = JsonNode.Parse("""{"portMappings":[{"hostPort":80}],"bandwidth":{"rate":1},"ips":["10.0.0.9"]}""")!.AsObject(),
        };
        var prev = new CniResult { CniVersion = "1.1.0", Ips = [new CniIpConfig { Address = "10.0.0.9/24" }] };
        var first = JsonNode.Parse(CniRuntime.BuildConfig(list, list.Plugins[0], null, rt))!;
        var second = JsonNode.Parse(CniRuntime.BuildConfig(list, list.Plugins[1], prev, rt))!;
        Assert.Equal(("net", "0.4.0"), (first["name"]!.GetValue<string>(), first["cniVersion"]!.GetValue<string>()));
        Assert.Null(first["runtimeConfig"]);
        Assert.Null(first["prevResult"]);
        Assert.Equal(["portMappings"], second["runtimeConfig"]!.AsObject().Select(p => p.Key));
        Assert.Equal("0.4.0", second["prevResult"]!["cniVersion"]!.GetValue<string>());
        Assert.Equal("4", second["prevResult"]!["ips"]![0]!["version"]!.GetValue<string>());
    }

    [Fact]
    public void The_container_id_for_a_netns_path_is_cnitools()
    {
        // sha512("/var/run/netns/test")[:10], as cnitool computes it.
        var expected = "cnitool-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA512.HashData("/var/run/netns/test"u8)[..10]);
        Assert.Equal(expected, RuntimeConf.ContainerIdForNetns("/var/run/netns/test"));
        Assert.Equal(28, expected.Length);
    }

    [Fact]
    public void Cnitool_args_need_a_key_and_a_value()
    {
        Assert.Equal([new("A", "1"), new("B", "x")], RuntimeConf.ParseArgs("A=1;B=x"));
        Assert.Throws<CniException>(() => RuntimeConf.ParseArgs("A=;B=1"));
        Assert.Throws<CniException>(() => RuntimeConf.ParseArgs("A=1=2"));
    }

    [Fact]
    public void The_cache_file_has_libcnis_name_fields_and_permissions()
    {
        var cache = new ResultCache(_dir);
        var rt = new RuntimeConf
        {
            ContainerId = "ctr9",
            NetNs = "/var/run/netns/ctr9",
            IfName = "eth1",
            Args = [new("K8S_POD_NAME", "web")],
            CapabilityArgs = JsonNode.Parse("""{"portMappings":[]}""")!.AsObject(),
        };
        var config = "{\"name\":\"net\"}"u8.ToArray();
        var result = new CniResult { CniVersion = "1.0.0", Ips = [new CniIpConfig { Address = "10.0.0.2/24" }] };
        cache.Add(result, config, "net", rt);

        var path = Path.Combine(_dir, "results", "net-ctr9-eth1");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var json = JsonNode.Parse(File.ReadAllBytes(path))!.AsObject();
        Assert.Equal(["kind", "containerId", "config", "ifName", "networkName", "netns", "cniArgs", "capabilityArgs", "result"],
            json.Select(p => p.Key));
        Assert.Equal("cniCacheV1", json["kind"]!.GetValue<string>());
        Assert.Equal(config, Convert.FromBase64String(json["config"]!.GetValue<string>()));
        Assert.Equal("""[["K8S_POD_NAME","web"]]""", json["cniArgs"]!.ToJsonString());
        Assert.Equal("10.0.0.2/24", cache.GetResult("net", "0.4.0", rt)!.Ips![0].Address);
        var attachment = Assert.Single(cache.Attachments("ctr9"));
        Assert.Equal(("net", "eth1", "/var/run/netns/ctr9"), (attachment.Network, attachment.IfName, attachment.NetNs));

        cache.Delete("net", rt);
        Assert.False(File.Exists(path));
        Assert.Null(cache.GetResult("net", "1.0.0", rt));
    }

    [Fact]
    public void A_legacy_cache_file_holding_the_bare_result_is_still_read()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "results"));
        Write("results/net-old-eth0", """{"cniVersion":"0.3.1","ips":[{"version":"4","address":"10.3.0.4/24"}]}""");
        var result = new ResultCache(_dir).GetResult("net", "1.0.0", new RuntimeConf { ContainerId = "old", IfName = "eth0" });
        Assert.Equal("10.3.0.4/24", result!.Ips![0].Address);
    }
}
