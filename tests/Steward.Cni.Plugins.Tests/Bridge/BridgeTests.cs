using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Steward.Cni.Plugins.Tests.Bridge;

/// <summary>Steward's bridge plugin exec'd as a runtime would, in throw-away namespaces.</summary>
public sealed partial class BridgeTests : IDisposable
{
    private readonly BridgeEnv _env = new();

    public void Dispose() => _env.Dispose();

    private static string Bridge => Plugins.Steward("bridge");
    private static string StewardPath => Plugins.Dir;

    private static JsonObject Ok(PluginRun run)
    {
        Assert.True(run.Exit == 0, $"exit {run.Exit}: {run.Stdout} {run.Stderr}");
        return run.Stdout.Trim().Length == 0 ? [] : run.Json;
    }

    private static string AddressOf(JsonObject result) => result["ips"]![0]!["address"]!.GetValue<string>();

    [Fact]
    public void Two_containers_on_one_bridge_ping_each_other()
    {
        var a = _env.NewContainer();
        var b = _env.NewContainer();
        var config = _env.Config(""","isGateway":true""");
        var ra = Ok(_env.Exec(Bridge, "ADD", config, a, "ctr-a", StewardPath));
        var rb = Ok(_env.Exec(Bridge, "ADD", config, b, "ctr-b", StewardPath));
        var ipA = AddressOf(ra).Split('/')[0];
        var ipB = AddressOf(rb).Split('/')[0];
        Assert.NotEqual(ipA, ipB);

        Assert.True(BridgeEnv.Ping(a, ipB), $"{a} cannot reach {ipB}");
        Assert.True(BridgeEnv.Ping(b, ipA), $"{b} cannot reach {ipA}");
        Assert.True(BridgeEnv.Ping(a, _env.Gateway), "container cannot reach the gateway on the bridge");
        Assert.Equal([$"{_env.Gateway}/24"], BridgeEnv.Addresses(_env.Host));
    }

    [Fact]
    public void Result_lists_bridge_host_veth_and_container_veth_with_ips_on_index_2()
    {
        var c = _env.NewContainer();
        var result = Ok(_env.Exec(Bridge, "ADD", _env.Config(""","isDefaultGateway":true,"mtu":1400"""), c, "ctr-r", StewardPath));
        var ifaces = result["interfaces"]!.AsArray();
        Assert.Equal(3, ifaces.Count);
        Assert.Equal(_env.BridgeName, ifaces[0]!["name"]!.GetValue<string>());
        Assert.Matches(VethName(), ifaces[1]!["name"]!.GetValue<string>());
        Assert.Null(ifaces[1]!["sandbox"]);
        Assert.Equal("eth0", ifaces[2]!["name"]!.GetValue<string>());
        Assert.Equal(c, ifaces[2]!["sandbox"]!.GetValue<string>());

        var live = BridgeEnv.Ip(c, "link", "show", "eth0")[0];
        Assert.Equal(ifaces[2]!["mac"]!.GetValue<string>(), live.GetProperty("address").GetString());
        Assert.Equal(1400, live.GetProperty("mtu").GetInt32());
        var bridge = BridgeEnv.Ip(_env.Host, "link", "show", _env.BridgeName)[0];
        Assert.Equal(ifaces[0]!["mac"]!.GetValue<string>(), bridge.GetProperty("address").GetString());

        var ip = result["ips"]![0]!;
        Assert.Equal(2, ip["interface"]!.GetValue<int>());
        Assert.Equal(_env.Gateway, ip["gateway"]!.GetValue<string>());
        var route = Assert.Single(result["routes"]!.AsArray())!;
        Assert.Equal("0.0.0.0/0", route["dst"]!.GetValue<string>());
        Assert.Equal(_env.Gateway, route["gw"]!.GetValue<string>());
        Assert.Contains(BridgeEnv.Ip(c, "route", "show").EnumerateArray(),
            r => r.GetProperty("dst").GetString() == "default" && r.GetProperty("gateway").GetString() == _env.Gateway);
        Assert.Equal("1", BridgeEnv.Run("ip", "netns", "exec", _env.Host, "cat", "/proc/sys/net/ipv4/ip_forward").Stdout.Trim());
    }

    [Fact]
    public void Del_removes_everything_and_a_second_del_succeeds()
    {
        var c = _env.NewContainer();
        var config = _env.Config(""","isGateway":true,"ipMasq":true""");
        var before = BridgeEnv.Links(_env.Host);
        Ok(_env.Exec(Bridge, "ADD", config, c, "ctr-d", StewardPath));
        var chain = BridgeEnv.ChainName(_env.Network, "ctr-d");
        Assert.Contains(chain, _env.Nat(), StringComparison.Ordinal);
        Assert.Single(_env.StoreFiles());

        Ok(_env.Exec(Bridge, "DEL", config, c, "ctr-d", StewardPath));
        Assert.DoesNotContain("eth0", BridgeEnv.Links(c));
        Assert.Equal([.. before, _env.BridgeName], BridgeEnv.Links(_env.Host)); // the bridge stays, as with the reference
        Assert.Empty(_env.StoreFiles());
        Assert.DoesNotContain(chain, _env.Nat(), StringComparison.Ordinal);

        Ok(_env.Exec(Bridge, "DEL", config, c, "ctr-d", StewardPath));
        BridgeEnv.Run("ip", "netns", "del", BridgeEnv.NameOf(c));
        Ok(_env.Exec(Bridge, "DEL", config, c, "ctr-d", StewardPath)); // namespace gone: still not an error
    }

    [Fact]
    public void Check_passes_then_fails_after_the_veth_is_removed_by_hand()
    {
        var c = _env.NewContainer();
        var config = _env.Config(""","isDefaultGateway":true""");
        var result = Ok(_env.Exec(Bridge, "ADD", config, c, "ctr-c", StewardPath));
        var withPrev = BridgeEnv.WithPrevResult(config, result);
        Ok(_env.Exec(Bridge, "CHECK", withPrev, c, "ctr-c", StewardPath));

        BridgeEnv.Run("ip", "-n", BridgeEnv.NameOf(c), "link", "del", "eth0");
        var failed = _env.Exec(Bridge, "CHECK", withPrev, c, "ctr-c", StewardPath);
        Assert.NotEqual(0, failed.Exit);
        Assert.Contains("eth0", failed.Json["msg"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_fails_when_an_address_is_missing()
    {
        var c = _env.NewContainer();
        var config = _env.Config(""","isGateway":true""");
        var result = Ok(_env.Exec(Bridge, "ADD", config, c, "ctr-c2", StewardPath));
        BridgeEnv.Run("ip", "-n", BridgeEnv.NameOf(c), "addr", "del", AddressOf(result), "dev", "eth0");
        var failed = _env.Exec(Bridge, "CHECK", BridgeEnv.WithPrevResult(config, result), c, "ctr-c2", StewardPath);
        Assert.NotEqual(0, failed.Exit);
        Assert.Contains(AddressOf(result), failed.Json["msg"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Existing_interface_name_is_error_4_and_leaves_nothing_behind()
    {
        var c = _env.NewContainer();
        BridgeEnv.Run("ip", "-n", BridgeEnv.NameOf(c), "link", "add", "eth0", "type", "veth", "peer", "name", "other0");
        var hostLinks = BridgeEnv.Links(_env.Host);
        var containerLinks = BridgeEnv.Links(c);

        var run = _env.Exec(Bridge, "ADD", _env.Config(""","isGateway":true"""), c, "ctr-x", StewardPath);
        Assert.Equal(4u, run.Code);
        Assert.Contains("already exists", run.Json["msg"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(hostLinks, BridgeEnv.Links(_env.Host));
        Assert.Equal(containerLinks, BridgeEnv.Links(c));
        Assert.Empty(BridgeEnv.Addresses(_env.Host));
        Assert.Empty(BridgeEnv.Addresses(c));
        Assert.Empty(_env.StoreFiles());
    }

    [Fact]
    public void Missing_netns_is_error_8_and_leaves_nothing_behind()
    {
        var hostLinks = BridgeEnv.Links(_env.Host);
        var run = _env.Exec(Bridge, "ADD", _env.Config(), $"/run/netns/stw-missing-{_env.Id}", "ctr-m", StewardPath);
        Assert.Equal(8u, run.Code);
        Assert.Contains("netns", run.Json["msg"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(hostLinks, BridgeEnv.Links(_env.Host));
        Assert.Empty(_env.StoreFiles());
    }

    [Fact]
    public void Failed_ipam_rolls_back_links_and_the_new_bridge()
    {
        var c = _env.NewContainer();
        var hostLinks = BridgeEnv.Links(_env.Host);
        var run = _env.Exec(Bridge, "ADD", _env.Config(ipam: "no-such-ipam"), c, "ctr-f", StewardPath);
        Assert.NotEqual(0, run.Exit);
        Assert.Equal(hostLinks, BridgeEnv.Links(_env.Host));
        Assert.Equal(["lo"], BridgeEnv.Links(c));
    }

    [Theory]
    [InlineData(""","vlan":5000""", 7u)]
    [InlineData(""","hairpinMode":true,"promiscMode":true""", 7u)]
    [InlineData(""","mtu":"big" """, 7u)]
    [InlineData(""","macspoofchk":true""", 2u)]
    public void Invalid_config_is_rejected_before_anything_is_made(string extra, uint code)
    {
        var c = _env.NewContainer();
        var run = _env.Exec(Bridge, "ADD", _env.Config(extra), c, "ctr-i", StewardPath);
        Assert.Equal(code, run.Code);
        Assert.Equal(["lo"], BridgeEnv.Links(_env.Host));
        Assert.Equal(["lo"], BridgeEnv.Links(c));
    }

    [Fact]
    public void Hairpin_and_promiscuous_modes_are_applied()
    {
        var a = _env.NewContainer();
        var hairpin = Ok(_env.Exec(Bridge, "ADD", _env.Config(""","hairpinMode":true"""), a, "ctr-h", StewardPath));
        var port = hairpin["interfaces"]![1]!["name"]!.GetValue<string>();
        var details = BridgeEnv.Ip(_env.Host, "-d", "link", "show", port)[0];
        Assert.True(details.GetProperty("linkinfo").GetProperty("info_slave_data").GetProperty("hairpin").GetBoolean());

        var b = _env.NewContainer();
        Ok(_env.Exec(Bridge, "ADD", _env.Config(""","promiscMode":true"""), b, "ctr-p", StewardPath));
        var flags = BridgeEnv.Ip(_env.Host, "link", "show", _env.BridgeName)[0].GetProperty("flags").EnumerateArray().Select(f => f.GetString());
        Assert.Contains("PROMISC", flags);
    }

    [Fact]
    public void Dual_stack_containers_reach_each_other_over_IPv4_and_IPv6()
    {
        var v6 = $"fd00:244:{_env.Subnet:x}::";
        var config = $$$"""{"cniVersion":"1.0.0","name":"{{{_env.Network}}}","type":"bridge","bridge":"{{{_env.BridgeName}}}","isDefaultGateway":true,"ipam":{"type":"host-local","ranges":[[{"subnet":"{{{_env.SubnetText}}}"}],[{"subnet":"{{{v6}}}/64"}]],"dataDir":"{{{_env.DataDir}}}"}}""";
        var a = _env.NewContainer();
        var b = _env.NewContainer();
        Ok(_env.Exec(Bridge, "ADD", config, a, "ctr-6a", StewardPath));
        var rb = Ok(_env.Exec(Bridge, "ADD", config, b, "ctr-6b", StewardPath));
        var ips = rb["ips"]!.AsArray().Select(i => i!["address"]!.GetValue<string>().Split('/')[0]).ToList();
        Assert.Equal(2, ips.Count);
        Assert.All(rb["ips"]!.AsArray(), i => Assert.Equal(2, i!["interface"]!.GetValue<int>()));
        Assert.Equal(["0.0.0.0/0", "::/0"], rb["routes"]!.AsArray().Select(r => r!["dst"]!.GetValue<string>()));
        Assert.True(BridgeEnv.Ping(a, ips[0]));
        Assert.True(BridgeEnv.Ping(a, ips[1]), $"no IPv6 reply from {ips[1]}");
        Assert.Contains($"{v6}1/64", BridgeEnv.Addresses(_env.Host));
        Ok(_env.Exec(Bridge, "CHECK", BridgeEnv.WithPrevResult(config, rb), b, "ctr-6b", StewardPath));
    }

    [Fact]
    public void Gc_and_status_are_delegated_to_ipam()
    {
        var config = _env.Config(""","isGateway":true""", version: "1.1.0");
        var keep = _env.NewContainer();
        var leak = _env.NewContainer();
        var kept = AddressOf(Ok(_env.Exec(Bridge, "ADD", config, keep, "ctr-keep", StewardPath))).Split('/')[0];
        Ok(_env.Exec(Bridge, "ADD", config, leak, "ctr-leak", StewardPath));
        Assert.Equal(2, _env.StoreFiles().Length);
        Ok(_env.Exec(Bridge, "STATUS", config, "", "", StewardPath, ifName: ""));

        var gc = JsonNode.Parse(config)!.AsObject();
        gc["cni.dev/valid-attachments"] = JsonNode.Parse("""[{"containerID":"ctr-keep","ifname":"eth0"}]""");
        Ok(_env.Exec(Bridge, "GC", gc.ToJsonString(), "", "", StewardPath, ifName: ""));
        Assert.Equal([kept], _env.StoreFiles());
    }

    [Fact]
    public void Concurrent_adds_on_a_new_bridge_all_succeed_and_concurrent_dels_clean_up()
    {
        // Every ADD races to create the bridge and its gateway address; the losers must take EEXIST in stride.
        const int n = 5;
        var config = _env.Config(""","isGateway":true,"ipMasq":true""");
        var netns = Enumerable.Range(0, n).Select(_ => _env.NewContainer()).ToArray();
        var adds = Enumerable.Range(0, n).Select(i => Task.Run(() => _env.Exec(Bridge, "ADD", config, netns[i], $"ctr-{i}", StewardPath))).ToArray();
        var results = adds.Select(t => Ok(t.GetAwaiter().GetResult())).ToList();
        Assert.Equal(n, results.Select(AddressOf).Distinct().Count());
        Assert.Equal(n, _env.StoreFiles().Length);
        Assert.True(BridgeEnv.Ping(netns[0], AddressOf(results[n - 1]).Split('/')[0]));

        var dels = Enumerable.Range(0, n).Select(i => Task.Run(() => _env.Exec(Bridge, "DEL", config, netns[i], $"ctr-{i}", StewardPath))).ToArray();
        Assert.All(dels, t => Ok(t.GetAwaiter().GetResult()));
        Assert.Empty(_env.StoreFiles());
        Assert.Equal(["lo", _env.BridgeName], BridgeEnv.Links(_env.Host));
        Assert.DoesNotContain("CNI-", _env.Nat(), StringComparison.Ordinal);
    }

    [Fact]
    public void Vlan_makes_the_host_port_an_untagged_pvid_member_or_fails_cleanly_where_the_kernel_cannot_filter()
    {
        var c = _env.NewContainer();
        var config = _env.Config(""","vlan":100""");
        var run = _env.Exec(Bridge, "ADD", config, c, "ctr-v", StewardPath);
        if (!KernelHasBridgeVlanFiltering())
        {
            // The bridge cannot be made VLAN-aware: a CNI error (code 999, the kernel's reason), and
            // nothing left anywhere — no bridge or veth on the host, no link in the container, no lease.
            Assert.Equal(1, run.Exit);
            Assert.Equal(999u, run.Code);
            Assert.Contains("EOPNOTSUPP", run.Json["msg"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(["lo"], BridgeEnv.Links(_env.Host));
            Assert.Equal(["lo"], BridgeEnv.Links(BridgeEnv.NameOf(c)));
            Assert.Empty(_env.StoreFiles());
            // The runtime's DEL after a failed ADD succeeds too.
            Ok(_env.Exec(Bridge, "DEL", config, c, "ctr-v", StewardPath));
            return;
        }
        var port = Ok(run)["interfaces"]![1]!["name"]!.GetValue<string>();
        var vlans = BridgeEnv.Run("bridge", "-n", BridgeEnv.NameOf(_env.Host), "-j", "vlan", "show", "dev", port).Stdout;
        Assert.Contains("\"vlan\":100", vlans, StringComparison.Ordinal);
        Assert.Contains("PVID", vlans, StringComparison.Ordinal);
        Assert.Contains("Egress Untagged", vlans, StringComparison.Ordinal);
    }

    /// <summary>iproute2 as the oracle: can a VLAN-filtering bridge be made in a scratch namespace here?</summary>
    private bool KernelHasBridgeVlanFiltering()
    {
        var probe = BridgeEnv.NameOf(_env.NewContainer());
        return BridgeEnv.Run("ip", "-n", probe, "link", "add", "vf-probe", "type", "bridge", "vlan_filtering", "1").Exit == 0;
    }

    [GeneratedRegex("^veth[0-9a-f]{8}$")]
    private static partial Regex VethName();
}
