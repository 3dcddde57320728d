using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Steward.Cni.Plugins.Tests;

/// <summary>`steward cni …` as a user runs it: cnitool's arguments and environment, over the mock plugin.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("steward-cni-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Log => Path.Combine(_dir, "calls.jsonl");
    private string Cache => Path.Combine(_dir, "cache");

    private (int Exit, string Stdout, string Stderr) Steward(Dictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(StewardDll());
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.ArgumentList.Add("--cache-dir");
        psi.ArgumentList.Add(Cache);
        psi.Environment["NETCONFPATH"] = Path.Combine(_dir, "net.d");
        psi.Environment["CNI_PATH"] = Plugins.Dir;
        foreach (var (k, v) in env ?? [])
        {
            psi.Environment[k] = v;
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string StewardDll()
    {
        // Built alongside this project (ProjectReference without the assembly), same configuration.
        var bin = AppContext.BaseDirectory;
        var configuration = bin.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var root = bin;
        while (!File.Exists(Path.Combine(root, "Steward.slnx")))
        {
            root = Path.GetDirectoryName(root)!;
        }
        return Path.Combine(root, "src", "Steward.Cli", "bin", configuration, "net10.0", "steward.dll");
    }

    private void WriteNetwork()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "net.d"));
        File.WriteAllText(Path.Combine(_dir, "net.d", "10-clinet.conflist"), """
            {"cniVersion":"1.1.0","name":"clinet","plugins":[
              {"type":"mock","log":"LOG","responses":{"ADD":{"result":{"ips":[{"address":"10.80.0.2/24"}]}}}},
              {"type":"mock","log":"LOG","capabilities":{"portMappings":true}}]}
            """.Replace("LOG", Log, StringComparison.Ordinal));
    }

    [Fact]
    public void Add_and_del_behave_like_cnitool()
    {
        WriteNetwork();
        var netns = Path.Combine(_dir, "ns1");
        var env = new Dictionary<string, string>
        {
            ["CNI_ARGS"] = "IgnoreUnknown=1;K8S_POD_NAME=web",
            ["CAP_ARGS"] = """{"portMappings":[{"hostPort":8080,"containerPort":80,"protocol":"tcp"}]}""",
            ["CNI_IFNAME"] = "net7",
        };
        var add = Steward(env, "cni", "add", "clinet", netns);
        Assert.True(add.Exit == 0, add.Stderr);
        Assert.Equal("10.80.0.2/24", JsonNode.Parse(add.Stdout)!["ips"]![0]!["address"]!.GetValue<string>());

        var containerId = "cnitool-" + Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(netns))[..10]);
        Assert.True(File.Exists(Path.Combine(Cache, "results", $"clinet-{containerId}-net7")));
        var calls = File.ReadAllLines(Log).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal((containerId, netns, "net7", "IgnoreUnknown=1;K8S_POD_NAME=web"),
            (c["env"]!["CNI_CONTAINERID"]!.GetValue<string>(), c["env"]!["CNI_NETNS"]!.GetValue<string>(),
             c["env"]!["CNI_IFNAME"]!.GetValue<string>(), c["env"]!["CNI_ARGS"]!.GetValue<string>())));
        Assert.Equal(8080, JsonNode.Parse(calls[1]["stdin"]!.GetValue<string>())!["runtimeConfig"]!["portMappings"]![0]!["hostPort"]!.GetValue<int>());

        Assert.Equal(0, Steward(env, "cni", "check", "clinet", netns).Exit);
        Assert.Equal(0, Steward(env, "cni", "del", "clinet", netns).Exit);
        Assert.False(File.Exists(Path.Combine(Cache, "results", $"clinet-{containerId}-net7")));
        Assert.Equal(["ADD", "ADD", "CHECK", "CHECK", "DEL", "DEL"],
            File.ReadAllLines(Log).Select(l => JsonNode.Parse(l)!["command"]!.GetValue<string>()));
    }

    [Fact]
    public void Status_and_gc_need_no_namespace()
    {
        WriteNetwork();
        Assert.Equal(0, Steward(null, "cni", "status", "clinet").Exit);
        Assert.Equal(0, Steward(null, "cni", "gc", "clinet", "--valid", "abc/eth0").Exit);
        var gc = File.ReadAllLines(Log).Select(l => JsonNode.Parse(l)!).Where(c => c["command"]!.GetValue<string>() == "GC").ToList();
        Assert.Equal(2, gc.Count);
        Assert.Equal("""[{"containerID":"abc","ifname":"eth0"}]""",
            JsonNode.Parse(gc[0]["stdin"]!.GetValue<string>())!["cni.dev/valid-attachments"]!.ToJsonString());
    }

    [Fact]
    public void Errors_exit_non_zero_with_the_cni_code_on_stderr()
    {
        WriteNetwork();
        var unknown = Steward(null, "cni", "add", "nosuchnet", Path.Combine(_dir, "ns1"));
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("no net configuration with name \"nosuchnet\"", unknown.Stderr, StringComparison.Ordinal);

        var badCap = Steward(new Dictionary<string, string> { ["CAP_ARGS"] = "{not json" }, "cni", "add", "clinet", Path.Combine(_dir, "ns1"));
        Assert.Equal(1, badCap.Exit);
        Assert.Contains("CNI error 6", badCap.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Log));
    }
}
