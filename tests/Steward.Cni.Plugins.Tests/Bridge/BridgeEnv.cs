using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Steward.Cni.Plugins.Tests.Bridge;

/// <summary>
/// A throw-away "host" network namespace (where the bridge plugin runs and makes its bridge) plus
/// container namespaces and a host-local store directory, all removed on dispose even when the
/// test failed. Addresses are 10.244.N.0/24, which exist only inside these namespaces.
/// </summary>
public sealed class BridgeEnv : IDisposable
{
    private readonly List<string> _namespaces = [];
    private int _containers;

    public BridgeEnv()
    {
        if (!IsRoot())
        {
            Assert.Skip("needs root (CAP_NET_ADMIN)");
        }

        Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        Host = AddNamespace($"stw-bh-{Id}");
        DataDir = Directory.CreateTempSubdirectory("steward-br-").FullName;
        BridgeName = $"stwbr{Id[..6]}";
        Subnet = RandomNumberGenerator.GetInt32(1, 250);
    }

    public string Id { get; }
    public string Host { get; }
    public string DataDir { get; }
    public string BridgeName { get; }
    public int Subnet { get; }
    public string Network => $"stwnet{Id}";
    public string SubnetText => $"10.244.{Subnet}.0/24";
    public string Gateway => $"10.244.{Subnet}.1";

    /// <summary>The host-local store of this network (one file per leased address).</summary>
    public string[] StoreFiles() => Directory.Exists(Path.Combine(DataDir, Network))
        ? [.. Directory.GetFiles(Path.Combine(DataDir, Network)).Select(f => Path.GetFileName(f)).Where(n => System.Net.IPAddress.TryParse(n, out _)).Order()]
        : [];

    public string Config(string extra = "", string ipam = "host-local", string version = "1.0.0") =>
        $$$"""{"cniVersion":"{{{version}}}","name":"{{{Network}}}","type":"bridge","bridge":"{{{BridgeName}}}"{{{extra}}},"ipam":{"type":"{{{ipam}}}","subnet":"{{{SubnetText}}}","dataDir":"{{{DataDir}}}"}}""";

    /// <summary>A fresh container namespace; returns its path.</summary>
    public string NewContainer() => $"/run/netns/{AddNamespace($"stw-bc-{Id}-{_containers++}")}";

    /// <summary>Execs <paramref name="plugin"/> inside the host namespace as a runtime would.</summary>
    public PluginRun Exec(string plugin, string command, string config, string netns, string containerId,
        string cniPath, string ifName = "eth0")
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "netns", "exec", Host, plugin })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["CNI_COMMAND"] = command;
        psi.Environment["CNI_CONTAINERID"] = containerId;
        psi.Environment["CNI_NETNS"] = netns;
        psi.Environment["CNI_IFNAME"] = ifName;
        psi.Environment["CNI_PATH"] = cniPath;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        p.StandardInput.Write(config);
        p.StandardInput.Close();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{plugin} {command} did not finish");
        }
        return new PluginRun(p.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>The config with prevResult set, as a runtime passes it to CHECK, DEL and chained plugins.</summary>
    public static string WithPrevResult(string config, JsonObject result, string? type = null, string? extra = null)
    {
        var conf = JsonNode.Parse(config)!.AsObject();
        conf["prevResult"] = result.DeepClone();
        if (type is not null)
        {
            conf["type"] = type;
            conf.Remove("ipam");
        }
        if (extra is not null)
        {
            foreach (var (k, v) in JsonNode.Parse(extra)!.AsObject())
            {
                conf[k] = v?.DeepClone();
            }
        }

        return conf.ToJsonString();
    }

    /// <summary>`ip -j ARGS` in a namespace (iproute2 is the reference view of the kernel state).</summary>
    public static JsonElement Ip(string ns, params string[] args) =>
        JsonDocument.Parse(Run("ip", ["-n", NameOf(ns), "-j", .. args]).Stdout is { Length: > 0 } s ? s : "[]").RootElement.Clone();

    public static string[] Links(string ns) =>
        [.. Ip(ns, "link", "show").EnumerateArray().Select(l => l.GetProperty("ifname").GetString()!).Order()];

    public static string[] Addresses(string ns) =>
        [.. Ip(ns, "addr", "show").EnumerateArray().SelectMany(l => l.GetProperty("addr_info").EnumerateArray())
            .Where(a => a.GetProperty("scope").GetString() == "global")
            .Select(a => $"{a.GetProperty("local").GetString()}/{a.GetProperty("prefixlen").GetInt32()}").Order()];

    public string Nat() => Run("ip", "netns", "exec", Host, "iptables", "-w", "-t", "nat", "-S").Stdout;

    public static bool Ping(string fromNs, string address) =>
        Run("ip", "netns", "exec", NameOf(fromNs), "ping", "-c", "1", "-W", "3", address).Exit == 0;

    public static (int Exit, string Stdout) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout);
    }

    /// <summary>The chain name the reference plugins derive: "CNI-" + hex(SHA-512(network + id)), 28 characters.</summary>
    public static string ChainName(string network, string containerId) =>
        ("CNI-" + Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(network + containerId))))[..28];

    public static string NameOf(string ns) => ns.StartsWith("/run/netns/", StringComparison.Ordinal) ? ns["/run/netns/".Length..] : ns;

    private string AddNamespace(string name)
    {
        var (exit, _) = Run("ip", "netns", "add", name);
        Assert.True(exit == 0, $"ip netns add {name} failed");
        _namespaces.Add(name);
        return name;
    }

    private static bool IsRoot()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                return line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0";
            }
        }

        return false;
    }

    public void Dispose()
    {
        // Deleting a namespace removes every link in it, the bridge and veths included.
        foreach (var ns in _namespaces)
        {
            Run("ip", "netns", "del", ns);
        }

        if (Directory.Exists(DataDir))
        {
            Directory.Delete(DataDir, recursive: true);
        }
    }
}
