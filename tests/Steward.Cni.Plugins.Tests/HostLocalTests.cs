using System.Text.Json.Nodes;

namespace Steward.Cni.Plugins.Tests;

/// <summary>Steward's host-local, exec'd as a runtime would, against its on-disk store.</summary>
public sealed class HostLocalTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("steward-hl-").FullName;
    private static string HostLocal => Plugins.Steward("host-local");

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private string Store => Path.Combine(_data, "hlnet");

    private string Config(string ipam, string version = "1.0.0") =>
        $$$"""{"cniVersion":"{{{version}}}","name":"hlnet","type":"bridge","ipam":{"type":"host-local","dataDir":"{{{_data}}}",{{{ipam}}}}}""";

    private string Subnet(string extra = "") => Config("\"subnet\":\"10.44.0.0/24\"" + extra);

    private string[] IpFiles() => Directory.Exists(Store)
        ? Directory.GetFiles(Store).Select(f => Path.GetFileName(f)).Where(n => System.Net.IPAddress.TryParse(n, out _)).Order().ToArray()
        : [];

    private static string Address(PluginRun run)
    {
        Assert.True(run.Exit == 0, run.Stdout + run.Stderr);
        return run.Json["ips"]![0]!["address"]!.GetValue<string>();
    }

    [Fact]
    public void Add_writes_the_reference_store_format_and_del_removes_it()
    {
        var run = Plugins.Exec(HostLocal, "ADD", Subnet(), containerId: "c-one", ifName: "net1");
        Assert.Equal("10.44.0.2/24", Address(run));
        Assert.Equal("10.44.0.1", run.Json["ips"]![0]!["gateway"]!.GetValue<string>());
        Assert.Equal("c-one\r\nnet1", File.ReadAllText(Path.Combine(Store, "10.44.0.2")));
        Assert.Equal("10.44.0.2", File.ReadAllText(Path.Combine(Store, "last_reserved_ip.0")));
        Assert.True(File.Exists(Path.Combine(Store, "lock")));

        Assert.Equal(0, Plugins.Exec(HostLocal, "DEL", Subnet(), containerId: "c-one", ifName: "net1").Exit);
        Assert.Empty(IpFiles());
        Assert.Equal(0, Plugins.Exec(HostLocal, "DEL", Subnet(), containerId: "c-one", ifName: "net1").Exit);
    }

    [Fact]
    public void Allocation_continues_after_the_last_reserved_address_and_wraps_around()
    {
        var config = Subnet(",\"rangeStart\":\"10.44.0.10\",\"rangeEnd\":\"10.44.0.12\"");
        Assert.Equal("10.44.0.10/24", Address(Plugins.Exec(HostLocal, "ADD", config, containerId: "a")));
        Assert.Equal("10.44.0.11/24", Address(Plugins.Exec(HostLocal, "ADD", config, containerId: "b")));
        Assert.Equal(0, Plugins.Exec(HostLocal, "DEL", config, containerId: "a").Exit);
        // .10 is free again, but the reference continues after the last reserved one.
        Assert.Equal("10.44.0.12/24", Address(Plugins.Exec(HostLocal, "ADD", config, containerId: "c")));
        Assert.Equal("10.44.0.10/24", Address(Plugins.Exec(HostLocal, "ADD", config, containerId: "d")));
        var full = Plugins.Exec(HostLocal, "ADD", config, containerId: "e");
        Assert.NotEqual(0, full.Exit);
        Assert.Contains("no IP addresses available", full.Json["msg"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["10.44.0.10", "10.44.0.11", "10.44.0.12"], IpFiles());
    }

    [Fact]
    public void The_gateway_network_and_broadcast_addresses_are_never_handed_out()
    {
        var config = Config("\"subnet\":\"10.45.0.0/30\",\"gateway\":\"10.45.0.2\"");
        Assert.Equal("10.45.0.1/30", Address(Plugins.Exec(HostLocal, "ADD", config, containerId: "a")));
        Assert.NotEqual(0, Plugins.Exec(HostLocal, "ADD", config, containerId: "b").Exit);
    }

    [Fact]
    public void Each_range_set_gives_one_address_and_ranges_of_a_set_are_used_in_turn()
    {
        var config = Config("""
            "ranges":[[{"subnet":"10.46.0.0/24","rangeStart":"10.46.0.5","rangeEnd":"10.46.0.5"},{"subnet":"10.47.0.0/24","rangeStart":"10.47.0.7","rangeEnd":"10.47.0.7"}],
                      [{"subnet":"fd00:46::/64"}]],
            "routes":[{"dst":"0.0.0.0/0"},{"dst":"::/0","gw":"fd00:46::1"}]
            """);
        var first = Plugins.Exec(HostLocal, "ADD", config, containerId: "a");
        Assert.Equal(0, first.Exit);
        var ips = first.Json["ips"]!.AsArray().Select(i => i!["address"]!.GetValue<string>()).ToArray();
        Assert.Equal(["10.46.0.5/24", "fd00:46::2/64"], ips);
        Assert.Equal(2, first.Json["routes"]!.AsArray().Count);
        Assert.Equal("10.47.0.7/24", Address(Plugins.Exec(HostLocal, "ADD", config, containerId: "b")));
        Assert.True(File.Exists(Path.Combine(Store, "last_reserved_ip.1")));
    }

    [Fact]
    public void A_requested_ip_from_cni_args_is_honoured_and_a_taken_one_refused()
    {
        Assert.Equal("10.44.0.77/24", Address(Plugins.Exec(HostLocal, "ADD", Subnet(), containerId: "a", args: "IgnoreUnknown=1;IP=10.44.0.77;K8S_POD_NAME=x")));
        var taken = Plugins.Exec(HostLocal, "ADD", Subnet(), containerId: "b", args: "IP=10.44.0.77");
        Assert.NotEqual(0, taken.Exit);
        Assert.Equal(["10.44.0.77"], IpFiles());
    }

    [Fact]
    public void Unknown_cni_args_are_refused_unless_ignore_unknown_is_set()
    {
        Assert.Equal(CniErrorCode.InvalidEnvironment, Plugins.Exec(HostLocal, "ADD", Subnet(), args: "K8S_POD_NAME=x").Code);
        Assert.Empty(IpFiles());
    }

    [Fact]
    public void A_second_add_for_the_same_attachment_is_refused()
    {
        Assert.Equal(0, Plugins.Exec(HostLocal, "ADD", Subnet(), containerId: "a").Exit);
        var again = Plugins.Exec(HostLocal, "ADD", Subnet(), containerId: "a");
        Assert.Contains("duplicate allocation is not allowed", again.Json["msg"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(IpFiles());
    }

    [Fact]
    public void Check_passes_while_the_address_is_held_and_fails_after_del()
    {
        var add = Plugins.Exec(HostLocal, "ADD", Subnet(), containerId: "a");
        var withPrev = JsonNode.Parse(Subnet())!.AsObject();
        withPrev["prevResult"] = add.Json;
        Assert.Equal(0, Plugins.Exec(HostLocal, "CHECK", withPrev.ToJsonString(), containerId: "a").Exit);
        Assert.Equal(0, Plugins.Exec(HostLocal, "DEL", Subnet(), containerId: "a").Exit);
        Assert.Equal(CniErrorCode.UnknownContainer, Plugins.Exec(HostLocal, "CHECK", withPrev.ToJsonString(), containerId: "a").Code);
    }

    [Fact]
    public void Resolv_conf_fills_the_result_dns()
    {
        var resolv = Path.Combine(_data, "resolv.conf");
        File.WriteAllText(resolv, "# comment\nnameserver 10.0.0.53\nnameserver 10.0.0.54\nsearch a.example b.example\ndomain example\noptions ndots:2\n");
        var run = Plugins.Exec(HostLocal, "ADD", Subnet($",\"resolvConf\":\"{resolv}\""));
        var dns = run.Json["dns"]!;
        Assert.Equal("""["10.0.0.53","10.0.0.54"]""", dns["nameservers"]!.ToJsonString());
        Assert.Equal("""["a.example","b.example"]""", dns["search"]!.ToJsonString());
        Assert.Equal("example", dns["domain"]!.GetValue<string>());
        Assert.Equal("""["ndots:2"]""", dns["options"]!.ToJsonString());
    }

    [Fact]
    public void Gc_frees_the_addresses_of_attachments_the_runtime_no_longer_lists()
    {
        foreach (var id in new[] { "keep", "leak1", "leak2" })
        {
            Assert.Equal(0, Plugins.Exec(HostLocal, "ADD", Subnet(), containerId: id).Exit);
        }
        var gc = JsonNode.Parse(Config("\"subnet\":\"10.44.0.0/24\"", "1.1.0"))!.AsObject();
        gc["cni.dev/valid-attachments"] = JsonNode.Parse("""[{"containerID":"keep","ifname":"eth0"},{"containerID":"leak1","ifname":"eth9"}]""");
        var run = Plugins.Exec(HostLocal, "GC", gc.ToJsonString(), overrides: new Dictionary<string, string> { ["CNI_CONTAINERID"] = "", ["CNI_IFNAME"] = "", ["CNI_NETNS"] = "" });
        Assert.Equal(0, run.Exit);
        Assert.Equal(["10.44.0.2"], IpFiles());
        Assert.Equal("keep\r\neth0", File.ReadAllText(Path.Combine(Store, "10.44.0.2")));
    }

    [Fact]
    public void Status_reports_plugin_not_available_when_the_range_is_exhausted()
    {
        var config = Config("\"subnet\":\"10.48.0.0/24\",\"rangeStart\":\"10.48.0.9\",\"rangeEnd\":\"10.48.0.9\"", "1.1.0");
        Assert.Equal(0, Plugins.Exec(HostLocal, "STATUS", config).Exit);
        Assert.Equal(0, Plugins.Exec(HostLocal, "ADD", config).Exit);
        Assert.Equal(CniErrorCode.PluginNotAvailable, Plugins.Exec(HostLocal, "STATUS", config).Code);
    }

    public static TheoryData<string, string, uint> BadInputs() => new()
    {
        { "malformed JSON", "{\"cniVersion\":\"1.0.0\",\"name\":\"hlnet\",", CniErrorCode.DecodingFailure },
        { "unsupported cniVersion", "{\"cniVersion\":\"0.2.0\",\"name\":\"hlnet\",\"type\":\"x\",\"ipam\":{\"type\":\"host-local\",\"subnet\":\"10.44.0.0/24\",\"dataDir\":\"DATA\"}}", CniErrorCode.IncompatibleVersion },
        { "no ipam", "{\"cniVersion\":\"1.0.0\",\"name\":\"hlnet\",\"type\":\"x\"}", CniErrorCode.InvalidNetworkConfig },
        { "no ranges", "{\"cniVersion\":\"1.0.0\",\"name\":\"hlnet\",\"type\":\"x\",\"ipam\":{\"type\":\"host-local\",\"dataDir\":\"DATA\"}}", CniErrorCode.InvalidNetworkConfig },
        { "host bits", "{\"cniVersion\":\"1.0.0\",\"name\":\"hlnet\",\"type\":\"x\",\"ipam\":{\"type\":\"host-local\",\"subnet\":\"10.44.0.1/24\",\"dataDir\":\"DATA\"}}", CniErrorCode.InvalidNetworkConfig },
        { "subnet too small", "{\"cniVersion\":\"1.0.0\",\"name\":\"hlnet\",\"type\":\"x\",\"ipam\":{\"type\":\"host-local\",\"subnet\":\"10.44.0.0/31\",\"dataDir\":\"DATA\"}}", CniErrorCode.InvalidNetworkConfig },
        { "start outside subnet", "{\"cniVersion\":\"1.0.0\",\"name\":\"hlnet\",\"type\":\"x\",\"ipam\":{\"type\":\"host-local\",\"subnet\":\"10.44.0.0/24\",\"rangeStart\":\"10.45.0.1\",\"dataDir\":\"DATA\"}}", CniErrorCode.InvalidNetworkConfig },
        { "overlapping sets", "{\"cniVersion\":\"1.0.0\",\"name\":\"hlnet\",\"type\":\"x\",\"ipam\":{\"type\":\"host-local\",\"dataDir\":\"DATA\",\"ranges\":[[{\"subnet\":\"10.44.0.0/24\"}],[{\"subnet\":\"10.44.0.0/25\"}]]}}", CniErrorCode.InvalidNetworkConfig },
        { "subnet not a string", "{\"cniVersion\":\"1.0.0\",\"name\":\"hlnet\",\"type\":\"x\",\"ipam\":{\"type\":\"host-local\",\"subnet\":42,\"dataDir\":\"DATA\"}}", CniErrorCode.InvalidNetworkConfig },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_gets_its_error_code_and_leaves_no_store_file(string why, string config, uint code)
    {
        var run = Plugins.Exec(HostLocal, "ADD", config.Replace("DATA", _data, StringComparison.Ordinal));
        Assert.True(run.Code == code, $"{why}: {run.Stdout}");
        Assert.Empty(IpFiles());
    }

    [Fact]
    public void A_missing_environment_variable_gets_code_4_and_leaves_no_store_file()
    {
        var run = Plugins.Exec(HostLocal, "ADD", Subnet(), overrides: new Dictionary<string, string> { ["CNI_CONTAINERID"] = "" });
        Assert.Equal(CniErrorCode.InvalidEnvironment, run.Code);
        Assert.Empty(IpFiles());
    }
}
