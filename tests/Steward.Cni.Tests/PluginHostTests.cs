using System.Text;
using System.Text.Json.Nodes;
using Steward.Cni.Skel;
using Steward.Cni.Types;

namespace Steward.Cni.Tests;

/// <summary>The plugin skeleton: environment and stdin checks, version rules, error output.</summary>
public sealed class PluginHostTests
{
    private const string Config = """{"cniVersion":"1.0.0","name":"net1","type":"probe"}""";

    private sealed class ProbePlugin : ICniPlugin
    {
        public List<CniRequest> Calls { get; } = [];
        public CniException? Throw { get; set; }
        public IReadOnlyList<string> SupportedVersions { get; init; } = CniVersions.Supported;

        public CniResult Add(CniRequest request)
        {
            Calls.Add(request);
            if (Throw is not null)
            {
                throw Throw;
            }
            return new CniResult
            {
                CniVersion = "1.1.0",
                Interfaces = [new CniInterface { Name = "eth0", Mac = "aa:bb:cc:dd:ee:ff", Mtu = 1400, Sandbox = request.Netns }],
                Ips = [new CniIpConfig { Interface = 0, Address = "10.0.0.5/24", Gateway = "10.0.0.1" }, new CniIpConfig { Address = "fd00::5/64" }],
            };
        }

        public void Del(CniRequest request) => Calls.Add(request);
        public void Check(CniRequest request) => Calls.Add(request);
        public void Gc(CniRequest request) => Calls.Add(request);
    }

    private static Dictionary<string, string> Env(string command, params (string K, string V)[] extra)
    {
        var env = new Dictionary<string, string>
        {
            ["CNI_COMMAND"] = command,
            ["CNI_CONTAINERID"] = "ctr-1",
            ["CNI_NETNS"] = "/var/run/netns/ctr-1",
            ["CNI_IFNAME"] = "eth0",
            ["CNI_PATH"] = "/opt/cni/bin",
        };
        foreach (var (k, v) in extra)
        {
            if (v.Length == 0)
            {
                env.Remove(k);
            }
            else
            {
                env[k] = v;
            }
        }
        return env;
    }

    private static (int Exit, JsonObject? Output, string Raw) Run(ICniPlugin plugin, Dictionary<string, string> env, string stdin)
    {
        using var output = new MemoryStream();
        var exit = CniPluginHost.Run(plugin, env, new MemoryStream(Encoding.UTF8.GetBytes(stdin)), output, TextWriter.Null);
        var raw = Encoding.UTF8.GetString(output.ToArray());
        return (exit, raw.Length > 0 ? JsonNode.Parse(raw) as JsonObject : null, raw);
    }

    private static void AssertError(uint code, (int Exit, JsonObject? Output, string Raw) run)
    {
        Assert.NotEqual(0, run.Exit);
        Assert.NotNull(run.Output);
        Assert.Equal(code, run.Output!["code"]!.GetValue<uint>());
        Assert.False(string.IsNullOrEmpty(run.Output["msg"]!.GetValue<string>()));
        Assert.NotNull(run.Output["cniVersion"]);
    }

    [Fact]
    public void Add_prints_the_result_in_the_config_version_and_passes_env_through()
    {
        var plugin = new ProbePlugin();
        var run = Run(plugin, Env("ADD", ("CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAME=web")), Config);
        Assert.Equal(0, run.Exit);
        Assert.Equal("1.0.0", run.Output!["cniVersion"]!.GetValue<string>());
        Assert.Equal("10.0.0.5/24", run.Output["ips"]![0]!["address"]!.GetValue<string>());
        var call = Assert.Single(plugin.Calls);
        Assert.Equal(("ctr-1", "/var/run/netns/ctr-1", "eth0"), (call.ContainerId, call.Netns, call.IfName));
        Assert.Equal("web", call.Arg("K8S_POD_NAME"));
        Assert.Equal(["/opt/cni/bin"], call.Path);
        Assert.Equal("net1", call.Config.Name);
    }

    [Fact]
    public void Add_for_a_0_4_0_config_writes_ip_versions_and_drops_1_1_interface_fields()
    {
        var run = Run(new ProbePlugin(), Env("ADD"), Config.Replace("1.0.0", "0.4.0", StringComparison.Ordinal));
        Assert.Equal(0, run.Exit);
        Assert.Equal("0.4.0", run.Output!["cniVersion"]!.GetValue<string>());
        Assert.Equal("4", run.Output["ips"]![0]!["version"]!.GetValue<string>());
        Assert.Equal("6", run.Output["ips"]![1]!["version"]!.GetValue<string>());
        Assert.Null(run.Output["interfaces"]![0]!["mtu"]);
    }

    [Fact]
    public void Malformed_json_is_a_decoding_failure()
    {
        var plugin = new ProbePlugin();
        AssertError(CniErrorCode.DecodingFailure, Run(plugin, Env("ADD"), """{"cniVersion":"1.0.0","name":"""));
        Assert.Empty(plugin.Calls);
    }

    [Theory]
    [InlineData("CNI_CONTAINERID")]
    [InlineData("CNI_NETNS")]
    [InlineData("CNI_IFNAME")]
    [InlineData("CNI_PATH")]
    public void A_missing_required_variable_for_add_is_an_environment_error_naming_it(string variable)
    {
        var plugin = new ProbePlugin();
        var run = Run(plugin, Env("ADD", (variable, "")), Config);
        AssertError(CniErrorCode.InvalidEnvironment, run);
        Assert.Contains(variable, run.Output!["msg"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(plugin.Calls);
    }

    [Fact]
    public void Del_without_a_netns_is_allowed()
    {
        var plugin = new ProbePlugin();
        var run = Run(plugin, Env("DEL", ("CNI_NETNS", "")), Config);
        Assert.Equal(0, run.Exit);
        Assert.Equal("", run.Raw);
        Assert.Equal("", Assert.Single(plugin.Calls).Netns);
    }

    [Fact]
    public void Gc_needs_neither_container_nor_interface()
    {
        var plugin = new ProbePlugin();
        var run = Run(plugin, Env("GC", ("CNI_CONTAINERID", ""), ("CNI_IFNAME", ""), ("CNI_NETNS", "")),
            """{"cniVersion":"1.1.0","name":"net1","type":"probe","cni.dev/valid-attachments":[{"containerID":"a","ifname":"eth0"}]}""");
        Assert.Equal(0, run.Exit);
        Assert.Equal([new GcAttachment("a", "eth0")], Assert.Single(plugin.Calls).Config.ValidAttachments());
    }

    [Fact]
    public void An_unknown_command_is_an_environment_error()
    {
        AssertError(CniErrorCode.InvalidEnvironment, Run(new ProbePlugin(), Env("FROB"), Config));
    }

    [Theory]
    [InlineData("9.9.9")]
    [InlineData("0.2.0")]
    public void An_unsupported_cni_version_is_incompatible(string version)
    {
        var plugin = new ProbePlugin();
        AssertError(CniErrorCode.IncompatibleVersion, Run(plugin, Env("ADD"), Config.Replace("1.0.0", version, StringComparison.Ordinal)));
        Assert.Empty(plugin.Calls);
    }

    [Fact]
    public void A_config_without_cni_version_counts_as_0_1_0_and_is_incompatible()
    {
        AssertError(CniErrorCode.IncompatibleVersion, Run(new ProbePlugin(), Env("ADD"), """{"name":"net1","type":"probe"}"""));
    }

    [Fact]
    public void A_version_the_plugin_does_not_list_is_incompatible()
    {
        var plugin = new ProbePlugin { SupportedVersions = ["1.1.0"] };
        AssertError(CniErrorCode.IncompatibleVersion, Run(plugin, Env("ADD"), Config));
    }

    [Theory]
    [InlineData("CHECK", "0.3.1")]
    [InlineData("GC", "1.0.0")]
    [InlineData("STATUS", "1.0.0")]
    public void Commands_newer_than_the_config_version_are_refused(string command, string version)
    {
        var plugin = new ProbePlugin();
        AssertError(CniErrorCode.IncompatibleVersion, Run(plugin, Env(command), Config.Replace("1.0.0", version, StringComparison.Ordinal)));
        Assert.Empty(plugin.Calls);
    }

    [Theory]
    [InlineData("""{"cniVersion":"1.0.0","type":"probe"}""")]
    [InlineData("""{"cniVersion":"1.0.0","name":"bad name!","type":"probe"}""")]
    public void A_missing_or_invalid_network_name_is_an_invalid_config(string config)
    {
        AssertError(CniErrorCode.InvalidNetworkConfig, Run(new ProbePlugin(), Env("ADD"), config));
    }

    [Theory]
    [InlineData("CNI_IFNAME", "a-name-longer-than-15")]
    [InlineData("CNI_IFNAME", "eth/0")]
    [InlineData("CNI_IFNAME", "..")]
    [InlineData("CNI_CONTAINERID", "-starts-with-dash")]
    [InlineData("CNI_CONTAINERID", "has space")]
    public void Invalid_identifiers_are_environment_errors(string variable, string value)
    {
        AssertError(CniErrorCode.InvalidEnvironment, Run(new ProbePlugin(), Env("ADD", (variable, value)), Config));
    }

    [Fact]
    public void Errors_thrown_by_the_plugin_keep_their_code_msg_and_details()
    {
        var plugin = new ProbePlugin { Throw = new CniException(CniErrorCode.TryAgainLater, "busy", "retry in 1s") };
        var run = Run(plugin, Env("ADD"), Config);
        AssertError(CniErrorCode.TryAgainLater, run);
        Assert.Equal("busy", run.Output!["msg"]!.GetValue<string>());
        Assert.Equal("retry in 1s", run.Output["details"]!.GetValue<string>());
        Assert.Equal("1.0.0", run.Output["cniVersion"]!.GetValue<string>());
    }

    [Fact]
    public void Version_lists_every_supported_version_without_reading_a_config()
    {
        var run = Run(new ProbePlugin(), new Dictionary<string, string> { ["CNI_COMMAND"] = "VERSION" }, "not json at all");
        Assert.Equal(0, run.Exit);
        Assert.Equal("1.1.0", run.Output!["cniVersion"]!.GetValue<string>());
        Assert.Equal(["0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"],
            run.Output["supportedVersions"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public void Without_a_command_the_plugin_prints_about_to_stderr_and_succeeds()
    {
        using var output = new MemoryStream();
        using var stderr = new StringWriter();
        var exit = CniPluginHost.Run(new ProbePlugin(), new Dictionary<string, string>(), new MemoryStream(), output, stderr);
        Assert.Equal(0, exit);
        Assert.Equal(0, output.Length);
        Assert.Contains("CNI protocol versions supported", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_stdin_is_refused_as_a_decoding_failure()
    {
        var big = "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":\"probe\",\"pad\":\"" + new string('x', NetConf.MaxConfigBytes) + "\"}";
        AssertError(CniErrorCode.DecodingFailure, Run(new ProbePlugin(), Env("ADD"), big));
    }

    [Fact]
    public void Cni_args_without_equals_are_an_environment_error()
    {
        AssertError(CniErrorCode.InvalidEnvironment, Run(new ProbePlugin(), Env("ADD", ("CNI_ARGS", "A=1;B")), Config));
    }

    [Fact]
    public void PrevResult_is_parsed_in_the_config_version()
    {
        var plugin = new ProbePlugin();
        var config = """
            {"cniVersion":"0.4.0","name":"net1","type":"probe",
             "prevResult":{"cniVersion":"0.4.0","ips":[{"version":"4","address":"10.1.2.3/16","gateway":"10.1.0.1"}]}}
            """;
        Assert.Equal(0, Run(plugin, Env("DEL"), config).Exit);
        var prev = Assert.Single(plugin.Calls).Config.PrevResult();
        Assert.Equal("1.1.0", prev!.CniVersion);
        Assert.Null(prev.Ips![0].Version);
        Assert.Equal("10.1.2.3/16", prev.Ips[0].Address);
    }
}
