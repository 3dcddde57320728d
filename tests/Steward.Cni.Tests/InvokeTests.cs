using System.Text;
using Steward.Cni.Invoke;
using Steward.Cni.Skel;

namespace Steward.Cni.Tests;

/// <summary>Executing plugins: lookup in CNI_PATH, error decoding, IPAM delegation and roll-back.
/// The "plugins" here are small shell scripts standing in for a binary.</summary>
public sealed class InvokeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("steward-cni-invoke-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Script(string name, string body)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private CniRequest Request(string ipamType)
    {
        var env = new Dictionary<string, string>
        {
            ["CNI_COMMAND"] = "ADD",
            ["CNI_CONTAINERID"] = "c1",
            ["CNI_NETNS"] = "/x",
            ["CNI_IFNAME"] = "eth0",
            ["CNI_PATH"] = _dir,
            ["PATH"] = "/usr/bin:/bin",
        };
        var stdin = Encoding.UTF8.GetBytes("""{"cniVersion":"1.0.0","name":"n","type":"bridge","ipam":{"type":"IPAM"}}""".Replace("IPAM", ipamType, StringComparison.Ordinal));
        return CniPluginHost.ReadRequest(CniCommand.Add, env, new MemoryStream(stdin));
    }

    [Fact]
    public void An_unknown_ipam_type_is_an_invalid_config_naming_the_missing_plugin()
    {
        var e = Assert.Throws<CniException>(() => Ipam.ExecAdd(Request("no-such-ipam")));
        Assert.Equal(CniErrorCode.InvalidNetworkConfig, e.Code);
        Assert.Contains("failed to find plugin \"no-such-ipam\"", e.Msg, StringComparison.Ordinal);
    }

    [Fact]
    public void Ipam_gets_the_same_config_and_environment_with_the_command_replaced()
    {
        var log = Path.Combine(_dir, "seen");
        Script("fake-ipam", $$"""
            echo "$CNI_COMMAND $CNI_CONTAINERID $CNI_IFNAME $CNI_NETNS" >> {{log}}
            cat >> {{log}}
            echo >> {{log}}
            echo '{"cniVersion":"1.0.0","ips":[{"address":"10.5.0.9/24","gateway":"10.5.0.1"}]}'
            """);
        var request = Request("fake-ipam");
        var result = Ipam.ExecAdd(request);
        Assert.Equal("10.5.0.9/24", Assert.Single(result.Ips!).Address);
        Ipam.ExecDel(request);
        var lines = File.ReadAllLines(log);
        Assert.Equal("ADD c1 eth0 /x", lines[0]);
        Assert.Equal(Encoding.UTF8.GetString(request.StdinData), lines[1]);
        Assert.Equal("DEL c1 eth0 /x", lines[2]);
    }

    [Fact]
    public void A_lease_not_committed_is_released_with_del()
    {
        var log = Path.Combine(_dir, "seen");
        Script("fake-ipam", $$"""
            echo "$CNI_COMMAND" >> {{log}}
            echo '{"cniVersion":"1.0.0","ips":[{"address":"10.5.0.9/24"}]}'
            """);
        var request = Request("fake-ipam");
        using (Ipam.Acquire(request))
        {
            // a later step of ADD fails here
        }
        using (var lease = Ipam.Acquire(request))
        {
            lease.Commit();
        }
        Assert.Equal(["ADD", "DEL", "ADD"], File.ReadAllLines(log));
    }

    [Fact]
    public void A_plugin_error_on_stdout_keeps_its_code()
    {
        var plugin = Script("failing", """
            echo '{"cniVersion":"1.0.0","code":11,"msg":"busy","details":"later"}'
            exit 1
            """);
        var e = Assert.Throws<CniException>(() => PluginExec.Run(plugin, new Dictionary<string, string>(), "{}"u8, null, TestContext.Current.CancellationToken));
        Assert.Equal((11u, "busy", "later"), (e.Code, e.Msg, e.Details));
    }

    [Fact]
    public void A_plugin_failing_without_json_reports_its_stderr()
    {
        var plugin = Script("crashing", "echo boom >&2; exit 3");
        var e = Assert.Throws<CniException>(() => PluginExec.Run(plugin, new Dictionary<string, string>(), "{}"u8, null, TestContext.Current.CancellationToken));
        Assert.Contains("boom", e.Msg, StringComparison.Ordinal);
        Assert.Contains("exit status 3", e.Msg, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plugin_failing_with_garbage_on_stdout_says_so()
    {
        var plugin = Script("garbage", "echo 'not json'; exit 1");
        var e = Assert.Throws<CniException>(() => PluginExec.Run(plugin, new Dictionary<string, string>(), "{}"u8, null, TestContext.Current.CancellationToken));
        Assert.Contains("error parsing its diagnostic message", e.Msg, StringComparison.Ordinal);
    }

    [Fact]
    public void The_environment_replaces_inherited_cni_variables_and_omits_empty_ones()
    {
        var env = PluginExec.Environment(
            new Dictionary<string, string> { ["HOME"] = "/root", ["CNI_NETNS"] = "/stale", ["CNI_ARGS"] = "X=1" },
            "DEL", "c1", "", "eth0", "", "/opt/cni/bin");
        Assert.Equal("/root", env["HOME"]);
        Assert.False(env.ContainsKey("CNI_NETNS"));
        Assert.False(env.ContainsKey("CNI_ARGS"));
        Assert.Equal("DEL", env["CNI_COMMAND"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../bin/sh")]
    public void Bad_plugin_names_are_rejected(string type)
    {
        Assert.Equal(CniErrorCode.InvalidNetworkConfig, Assert.Throws<CniException>(() => PluginExec.FindInPath(type, ["/bin"])).Code);
    }
}
