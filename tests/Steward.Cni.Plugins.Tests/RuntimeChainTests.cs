using System.Text.Json.Nodes;
using Steward.Cni.Runtime;
using Steward.Cni.Types;

namespace Steward.Cni.Plugins.Tests;

/// <summary>The runtime library driving chains of the mock plugin (NativeAOT binary), reading what each recorded.</summary>
public sealed class RuntimeChainTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("steward-cni-chain-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Log => Path.Combine(_dir, "calls.jsonl");

    private List<(string Command, JsonObject Stdin, JsonObject Env)> Calls() =>
        File.Exists(Log)
            ? File.ReadAllLines(Log).Select(l => JsonNode.Parse(l)!).Select(n => (
                n["command"]!.GetValue<string>(),
                JsonNode.Parse(n["stdin"]!.GetValue<string>())!.AsObject(),
                n["env"]!.AsObject())).ToList()
            : [];

    private NetworkConfigList List(string version = "1.1.0", string firstResponses = "{}")
    {
        var json = $$$"""
            {"cniVersion":"{{{version}}}","name":"chain","plugins":[
              {"type":"mock","tag":"one","log":"{{{Log}}}","responses":{{{firstResponses}}}},
              {"type":"mock","tag":"two","log":"{{{Log}}}","capabilities":{"portMappings":true}},
              {"type":"mock","tag":"three","log":"{{{Log}}}"}]}
            """;
        File.WriteAllText(Path.Combine(_dir, "10-chain.conflist"), json);
        return NetworkConfigList.Load(_dir, "chain");
    }

    private CniRuntime Runtime() => new([Plugins.Dir], Path.Combine(_dir, "cache"));

    private static RuntimeConf Rt() => new()
    {
        ContainerId = "pod-1",
        NetNs = "/var/run/netns/pod-1",
        IfName = "eth0",
        Args = [new("IgnoreUnknown", "1"), new("K8S_POD_NAME", "web")],
        CapabilityArgs = JsonNode.Parse("""{"portMappings":[{"hostPort":8080,"containerPort":80,"protocol":"tcp"}]}""")!.AsObject(),
    };

    private const string FirstResult = """
        {"ADD":{"result":{"interfaces":[{"name":"eth0","sandbox":"/var/run/netns/pod-1"}],
                          "ips":[{"address":"10.70.0.5/24","gateway":"10.70.0.1","interface":0}]}}}
        """;

    [Fact]
    public void Add_runs_the_chain_in_order_feeding_prevResult_and_caches_where_libcni_does()
    {
        var list = List(firstResponses: FirstResult);
        var result = Runtime().AddNetworkList(list, Rt(), TestContext.Current.CancellationToken);
        Assert.Equal("10.70.0.5/24", result!.Ips![0].Address);

        var calls = Calls();
        Assert.Equal(["one", "two", "three"], calls.Select(c => c.Stdin["tag"]!.GetValue<string>()));
        Assert.All(calls, c => Assert.Equal("ADD", c.Command));
        Assert.Null(calls[0].Stdin["prevResult"]);
        Assert.Equal("10.70.0.5/24", calls[1].Stdin["prevResult"]!["ips"]![0]!["address"]!.GetValue<string>());
        Assert.Equal("10.70.0.5/24", calls[2].Stdin["prevResult"]!["ips"]![0]!["address"]!.GetValue<string>());
        Assert.All(calls, c => Assert.Equal(("chain", "1.1.0"), (c.Stdin["name"]!.GetValue<string>(), c.Stdin["cniVersion"]!.GetValue<string>())));
        // Only the plugin declaring the capability gets runtimeConfig.
        Assert.Null(calls[0].Stdin["runtimeConfig"]);
        Assert.Equal(8080, calls[1].Stdin["runtimeConfig"]!["portMappings"]![0]!["hostPort"]!.GetValue<int>());
        Assert.All(calls, c => Assert.Equal(("pod-1", "eth0", "/var/run/netns/pod-1", "IgnoreUnknown=1;K8S_POD_NAME=web", Plugins.Dir),
            (c.Env["CNI_CONTAINERID"]!.GetValue<string>(), c.Env["CNI_IFNAME"]!.GetValue<string>(), c.Env["CNI_NETNS"]!.GetValue<string>(),
             c.Env["CNI_ARGS"]!.GetValue<string>(), c.Env["CNI_PATH"]!.GetValue<string>())));

        var cacheFile = Path.Combine(_dir, "cache", "results", "chain-pod-1-eth0");
        var cached = JsonNode.Parse(File.ReadAllText(cacheFile))!;
        Assert.Equal("cniCacheV1", cached["kind"]!.GetValue<string>());
        Assert.Equal("10.70.0.5/24", cached["result"]!["ips"]![0]!["address"]!.GetValue<string>());
        Assert.Equal(list.Bytes, Convert.FromBase64String(cached["config"]!.GetValue<string>()));
    }

    [Fact]
    public void Del_runs_the_chain_in_reverse_with_the_cached_result_and_drops_the_cache()
    {
        var list = List(firstResponses: FirstResult);
        var runtime = Runtime();
        runtime.AddNetworkList(list, Rt(), TestContext.Current.CancellationToken);
        File.Delete(Log);
        runtime.DelNetworkList(list, Rt(), TestContext.Current.CancellationToken);

        var calls = Calls();
        Assert.Equal(["three", "two", "one"], calls.Select(c => c.Stdin["tag"]!.GetValue<string>()));
        Assert.All(calls, c => Assert.Equal("DEL", c.Command));
        Assert.All(calls, c => Assert.Equal("10.70.0.5/24", c.Stdin["prevResult"]!["ips"]![0]!["address"]!.GetValue<string>()));
        Assert.False(File.Exists(Path.Combine(_dir, "cache", "results", "chain-pod-1-eth0")));
    }

    [Fact]
    public void Check_sends_the_cached_result_to_every_plugin()
    {
        var list = List(firstResponses: FirstResult);
        var runtime = Runtime();
        runtime.AddNetworkList(list, Rt(), TestContext.Current.CancellationToken);
        File.Delete(Log);
        runtime.CheckNetworkList(list, Rt(), TestContext.Current.CancellationToken);
        var calls = Calls();
        Assert.Equal(["CHECK", "CHECK", "CHECK"], calls.Select(c => c.Command));
        Assert.All(calls, c => Assert.NotNull(c.Stdin["prevResult"]));
    }

    [Fact]
    public void A_failing_plugin_stops_add_with_its_code_and_nothing_is_cached()
    {
        var list = List(firstResponses: """{"ADD":{"error":{"code":11,"msg":"not now","details":"retry"}}}""");
        var e = Assert.Throws<CniException>(() => Runtime().AddNetworkList(list, Rt(), TestContext.Current.CancellationToken));
        Assert.Equal(CniErrorCode.TryAgainLater, e.Code);
        Assert.Contains("plugin type=\"mock\" failed (add): not now", e.Msg, StringComparison.Ordinal);
        Assert.Single(Calls());
        Assert.False(Directory.Exists(Path.Combine(_dir, "cache", "results")) && Directory.GetFiles(Path.Combine(_dir, "cache", "results")).Length > 0);
    }

    [Fact]
    public void A_plugin_exiting_non_zero_without_json_is_reported_with_its_stderr()
    {
        var list = List(firstResponses: """{"ADD":{"exitCode":3,"stderr":"segfault-ish"}}""");
        var e = Assert.Throws<CniException>(() => Runtime().AddNetworkList(list, Rt(), TestContext.Current.CancellationToken));
        Assert.Contains("segfault-ish", e.Msg, StringComparison.Ordinal);
    }

    [Fact]
    public void Gc_deletes_stale_cached_attachments_then_sends_the_valid_list_to_every_plugin()
    {
        var list = List();
        var runtime = Runtime();
        var keep = Rt();
        var stale = new RuntimeConf { ContainerId = "pod-2", NetNs = "/var/run/netns/pod-2", IfName = "eth0" };
        runtime.AddNetworkList(list, keep, TestContext.Current.CancellationToken);
        runtime.AddNetworkList(list, stale, TestContext.Current.CancellationToken);
        File.Delete(Log);

        runtime.GcNetworkList(list, [new GcAttachment("pod-1", "eth0")], TestContext.Current.CancellationToken);

        var calls = Calls();
        Assert.Equal(["DEL", "DEL", "DEL", "GC", "GC", "GC"], calls.Select(c => c.Command));
        Assert.All(calls.Take(3), c => Assert.Equal("pod-2", c.Env["CNI_CONTAINERID"]!.GetValue<string>()));
        Assert.All(calls.Skip(3), c =>
        {
            Assert.Equal("""[{"containerID":"pod-1","ifname":"eth0"}]""", c.Stdin["cni.dev/valid-attachments"]!.ToJsonString());
            Assert.False(c.Env.ContainsKey("CNI_CONTAINERID"));
        });
        Assert.Equal(["chain-pod-1-eth0"], Directory.GetFiles(Path.Combine(_dir, "cache", "results")).Select(Path.GetFileName));
    }

    [Fact]
    public void Status_returns_the_first_plugins_error_code()
    {
        var list = List(firstResponses: """{"STATUS":{"error":{"code":50,"msg":"no addresses"}}}""");
        var e = Assert.Throws<CniException>(() => Runtime().StatusNetworkList(list, TestContext.Current.CancellationToken));
        Assert.Equal(CniErrorCode.PluginNotAvailable, e.Code);
        Assert.Equal(["STATUS"], Calls().Select(c => c.Command));
    }

    [Fact]
    public void An_older_list_version_gets_results_in_that_version()
    {
        var list = List(version: "0.4.0", firstResponses: FirstResult);
        var result = Runtime().AddNetworkList(list, Rt(), TestContext.Current.CancellationToken);
        Assert.Equal("0.4.0", result!.CniVersion);
        Assert.Equal("4", Calls()[1].Stdin["prevResult"]!["ips"]![0]!["version"]!.GetValue<string>());
    }

    [Fact]
    public void The_runtime_drives_host_local_and_caches_its_result()
    {
        var data = Path.Combine(_dir, "ipam");
        File.WriteAllText(Path.Combine(_dir, "20-ipam.conf"),
            $$$"""{"cniVersion":"1.0.0","name":"ipamnet","type":"host-local","subnet":"10.71.0.0/24","dataDir":"{{{data}}}","ipam":{"type":"host-local","subnet":"10.71.0.0/24","dataDir":"{{{data}}}"}}""");
        var list = NetworkConfigList.Load(_dir, "ipamnet");
        var runtime = Runtime();
        var result = runtime.AddNetworkList(list, Rt(), TestContext.Current.CancellationToken);
        Assert.Equal("10.71.0.2/24", result!.Ips![0].Address);
        Assert.Equal("pod-1\r\neth0", File.ReadAllText(Path.Combine(data, "ipamnet", "10.71.0.2")));
        runtime.DelNetworkList(list, Rt(), TestContext.Current.CancellationToken);
        Assert.False(File.Exists(Path.Combine(data, "ipamnet", "10.71.0.2")));
    }
}
