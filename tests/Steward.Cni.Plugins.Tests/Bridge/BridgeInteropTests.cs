using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Steward.Cni.Plugins.Tests.Bridge;

/// <summary>Steward's bridge against the reference plugins (Debian's containernetworking-plugins).</summary>
public sealed partial class BridgeInteropTests : IDisposable
{
    private readonly BridgeEnv _env = new();

    public void Dispose() => _env.Dispose();

    private static string StewardBridge => Plugins.Steward("bridge");

    private static JsonObject Ok(PluginRun run)
    {
        Assert.True(run.Exit == 0, $"exit {run.Exit}: {run.Stdout} {run.Stderr}");
        return run.Stdout.Trim().Length == 0 ? [] : run.Json;
    }

    private static string Ip(JsonObject result) => result["ips"]![0]!["address"]!.GetValue<string>().Split('/')[0];

    /// <summary>The result with what differs per attachment (MACs, veth name, address, netns path) replaced by placeholders.</summary>
    private string Shape(JsonObject result, string netns)
    {
        var copy = result.DeepClone().AsObject();
        if (copy["dns"] is JsonObject dns && dns.Count == 0)
        {
            copy.Remove("dns"); // the reference prints an empty "dns": {}, which means the same as none
        }

        foreach (var i in copy["interfaces"]!.AsArray())
        {
            i!["mac"] = Macs().IsMatch(i["mac"]!.GetValue<string>()) ? "<mac>" : i["mac"]!.GetValue<string>();
            if (VethName().IsMatch(i["name"]!.GetValue<string>()))
            {
                i["name"] = "<veth>";
            }

            if (i["sandbox"]?.GetValue<string>() == netns)
            {
                i["sandbox"] = "<netns>";
            }
        }
        foreach (var ip in copy["ips"]!.AsArray())
        {
            var address = ip!["address"]!.GetValue<string>();
            Assert.StartsWith($"10.244.{_env.Subnet}.", address, StringComparison.Ordinal);
            ip["address"] = "<addr>" + address[address.IndexOf('/', StringComparison.Ordinal)..];
        }
        return copy.ToJsonString();
    }

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("0.4.0")]
    [InlineData("0.3.1")]
    public void Same_config_gives_results_of_the_same_shape_as_the_reference_bridge(string version)
    {
        var reference = Plugins.Reference("bridge");
        var config = _env.Config(""","isDefaultGateway":true,"ipMasq":true,"mtu":1450""", version: version);
        var a = _env.NewContainer();
        var b = _env.NewContainer();
        var ours = Ok(_env.Exec(StewardBridge, "ADD", config, a, "ctr-s", Plugins.Dir));
        var theirs = Ok(_env.Exec(reference, "ADD", config, b, "ctr-r", Plugins.ReferenceDir));
        Assert.Equal(Shape(theirs, b), Shape(ours, a));

        // The kernel state matches too: same routes in both containers, same MTU, and they reach each other.
        string Routes(string ns) => string.Join(";", BridgeEnv.Ip(ns, "route", "show").EnumerateArray()
            .Select(r => r.ToString().Replace(Ip(ours), "X", StringComparison.Ordinal).Replace(Ip(theirs), "X", StringComparison.Ordinal)).Order());
        Assert.Equal(Routes(b), Routes(a));
        Assert.Equal(BridgeEnv.Ip(b, "link", "show", "eth0")[0].GetProperty("mtu").GetInt32(), BridgeEnv.Ip(a, "link", "show", "eth0")[0].GetProperty("mtu").GetInt32());
        Assert.True(BridgeEnv.Ping(a, Ip(theirs)));
        Assert.True(BridgeEnv.Ping(b, Ip(ours)));

        // Both lay out masquerade the same way: one chain per attachment under the reference's name.
        var nat = _env.Nat();
        Assert.Contains(BridgeEnv.ChainName(_env.Network, "ctr-s"), nat, StringComparison.Ordinal);
        Assert.Contains(BridgeEnv.ChainName(_env.Network, "ctr-r"), nat, StringComparison.Ordinal);
        Assert.Equal(Normalize(nat, "ctr-r"), Normalize(nat, "ctr-s"));

        Ok(_env.Exec(StewardBridge, "DEL", config, a, "ctr-s", Plugins.Dir));
        Ok(_env.Exec(reference, "DEL", config, b, "ctr-r", Plugins.ReferenceDir));
        Assert.DoesNotContain("CNI-", _env.Nat(), StringComparison.Ordinal);
        Assert.Empty(_env.StoreFiles());
    }

    /// <summary>The nat rules of one attachment with its chain, address and id made neutral.</summary>
    private string Normalize(string nat, string containerId)
    {
        var chain = BridgeEnv.ChainName(_env.Network, containerId);
        return string.Join("\n", nat.Split('\n').Where(l => l.Contains(chain, StringComparison.Ordinal))
            .Select(l => Regex.Replace(l.Replace(chain, "CHAIN", StringComparison.Ordinal).Replace(containerId, "ID", StringComparison.Ordinal), @"10\.244\.\d+\.\d+/32", "IP")));
    }

    [Fact]
    public void Each_bridge_tears_down_what_the_other_set_up()
    {
        var reference = Plugins.Reference("bridge");
        var config = _env.Config(""","isGateway":true,"ipMasq":true""");
        var a = _env.NewContainer();
        var b = _env.NewContainer();
        Ok(_env.Exec(reference, "ADD", config, a, "ctr-ra", Plugins.ReferenceDir));
        Ok(_env.Exec(StewardBridge, "ADD", config, b, "ctr-sb", Plugins.Dir));
        Assert.Contains(BridgeEnv.ChainName(_env.Network, "ctr-ra"), _env.Nat(), StringComparison.Ordinal);

        Ok(_env.Exec(StewardBridge, "DEL", config, a, "ctr-ra", Plugins.Dir));
        Ok(_env.Exec(reference, "DEL", config, b, "ctr-sb", Plugins.ReferenceDir));
        Assert.DoesNotContain("CNI-", _env.Nat(), StringComparison.Ordinal);
        Assert.Equal(["lo"], BridgeEnv.Links(a));
        Assert.Equal(["lo"], BridgeEnv.Links(b));
        Assert.Equal(["lo", _env.BridgeName], BridgeEnv.Links(_env.Host));
        Assert.Empty(_env.StoreFiles());
    }

    [Fact]
    public void Reference_bridge_works_with_Stewards_host_local()
    {
        var reference = Plugins.Reference("bridge");
        var c = _env.NewContainer();
        var config = _env.Config(""","isGateway":true""");
        var result = Ok(_env.Exec(reference, "ADD", config, c, "ctr-1", Plugins.Dir)); // CNI_PATH: Steward's host-local
        Assert.Equal([Ip(result)], _env.StoreFiles());
        Assert.True(BridgeEnv.Ping(c, _env.Gateway));
        Ok(_env.Exec(reference, "DEL", config, c, "ctr-1", Plugins.Dir));
        Assert.Empty(_env.StoreFiles());
    }

    [Fact]
    public void Stewards_bridge_works_with_the_reference_host_local()
    {
        Plugins.Reference("host-local");
        var c = _env.NewContainer();
        var config = _env.Config(""","isGateway":true""");
        var result = Ok(_env.Exec(StewardBridge, "ADD", config, c, "ctr-2", Plugins.ReferenceDir)); // CNI_PATH: reference host-local
        Assert.Equal([Ip(result)], _env.StoreFiles());
        Assert.True(BridgeEnv.Ping(c, _env.Gateway));
        Ok(_env.Exec(StewardBridge, "CHECK", BridgeEnv.WithPrevResult(config, result), c, "ctr-2", Plugins.ReferenceDir));
        Ok(_env.Exec(StewardBridge, "DEL", config, c, "ctr-2", Plugins.ReferenceDir));
        Assert.Empty(_env.StoreFiles());
    }

    [Fact]
    public void Chained_with_reference_tuning_and_portmap()
    {
        var tuning = Plugins.Reference("tuning");
        var portmap = Plugins.Reference("portmap");
        var c = _env.NewContainer();
        var path = $"{Plugins.Dir}:{Plugins.ReferenceDir}";
        var config = _env.Config(""","isGateway":true""");
        var bridgeResult = Ok(_env.Exec(StewardBridge, "ADD", config, c, "ctr-chain", path));

        var tuningConf = BridgeEnv.WithPrevResult(config, bridgeResult, "tuning", """{"mtu":1300,"sysctl":{"net.ipv4.conf.eth0.arp_filter":"1"}}""");
        var tuned = Ok(_env.Exec(tuning, "ADD", tuningConf, c, "ctr-chain", path));
        Assert.Equal(1300, BridgeEnv.Ip(c, "link", "show", "eth0")[0].GetProperty("mtu").GetInt32());

        const int hostPort = 18080;
        var portmapConf = BridgeEnv.WithPrevResult(config, tuned, "portmap",
            $$$"""{"capabilities":{"portMappings":true},"runtimeConfig":{"portMappings":[{"hostPort":{{{hostPort}}},"containerPort":80,"protocol":"tcp"}]}}""");
        var mapped = Ok(_env.Exec(portmap, "ADD", portmapConf, c, "ctr-chain", path));
        Assert.Equal(Ip(bridgeResult), Ip(mapped));
        Assert.Contains($"--to-destination {Ip(bridgeResult)}:80", _env.Nat(), StringComparison.Ordinal);

        // A connection to the host port reaches a listener on port 80 inside the container.
        using var listener = Start("ip", "netns", "exec", BridgeEnv.NameOf(c), "/usr/bin/python3", "-c",
            "import socket;s=socket.socket();s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1);s.bind(('0.0.0.0',80));s.listen(1);s.settimeout(20);print('ready',flush=True);c,_=s.accept();c.sendall(b'from-container');c.close()");
        Assert.Equal("ready", listener.StandardOutput.ReadLine());
        var reply = BridgeEnv.Run("ip", "netns", "exec", _env.Host, "/usr/bin/python3", "-c",
            $"import socket;s=socket.create_connection(('{_env.Gateway}',{hostPort}),timeout=10);print(s.recv(100).decode())");
        Assert.Equal("from-container", reply.Stdout.Trim());
        listener.WaitForExit();

        Ok(_env.Exec(portmap, "DEL", BridgeEnv.WithPrevResult(config, mapped, "portmap",
            $$$"""{"capabilities":{"portMappings":true},"runtimeConfig":{"portMappings":[{"hostPort":{{{hostPort}}},"containerPort":80,"protocol":"tcp"}]}}"""), c, "ctr-chain", path));
        Ok(_env.Exec(tuning, "DEL", tuningConf, c, "ctr-chain", path));
        Ok(_env.Exec(StewardBridge, "DEL", config, c, "ctr-chain", path));
        Assert.DoesNotContain("--to-destination", _env.Nat(), StringComparison.Ordinal);
        Assert.Empty(_env.StoreFiles());
        Assert.Equal(["lo"], BridgeEnv.Links(c));
    }

    private static Process Start(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi)!;
    }

    [GeneratedRegex("^veth[0-9a-f]{8}$")]
    private static partial Regex VethName();

    [GeneratedRegex("^([0-9a-f]{2}:){5}[0-9a-f]{2}$")]
    private static partial Regex Macs();
}
