using System.Text.Json.Nodes;

namespace Steward.Cni.Plugins.Tests;

/// <summary>The mock plugin itself: it records every call, even the ones the skeleton refuses.</summary>
public sealed class MockPluginTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("steward-mock-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Log => Path.Combine(_dir, "log");

    [Fact]
    public void Every_invocation_is_recorded_including_refused_ones()
    {
        var config = $$$"""{"cniVersion":"1.0.0","name":"m","type":"mock","log":"{{{Log}}}"}""";
        Assert.Equal(0, Plugins.Exec(Plugins.Steward("mock"), "ADD", config).Exit);
        Assert.Equal(CniErrorCode.InvalidEnvironment,
            Plugins.Exec(Plugins.Steward("mock"), "ADD", config, overrides: new Dictionary<string, string> { ["CNI_IFNAME"] = "" }).Code);
        var lines = File.ReadAllLines(Log).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(config, lines[0]["stdin"]!.GetValue<string>());
        Assert.Equal("ctr1", lines[0]["env"]!["CNI_CONTAINERID"]!.GetValue<string>());
        Assert.Null(lines[1]["env"]!["CNI_IFNAME"]);
    }

    [Fact]
    public void A_configured_result_is_converted_to_the_config_version()
    {
        var config = """{"cniVersion":"0.3.1","name":"m","type":"mock","responses":{"ADD":{"result":{"cniVersion":"1.1.0","ips":[{"address":"fd00::9/64"}]}}}}""";
        var run = Plugins.Exec(Plugins.Steward("mock"), "ADD", config);
        Assert.Equal("0.3.1", run.Json["cniVersion"]!.GetValue<string>());
        Assert.Equal("6", run.Json["ips"]![0]!["version"]!.GetValue<string>());
    }

    [Fact]
    public void The_binary_dispatches_on_the_name_it_was_invoked_under()
    {
        var version = Plugins.ExecRaw(Plugins.Steward("bridge"), new Dictionary<string, string> { ["CNI_COMMAND"] = "VERSION" }, "");
        Assert.Equal(0, version.Exit);
        var about = Plugins.ExecRaw(Plugins.Steward("host-local"), new Dictionary<string, string>(), "");
        Assert.Contains("host-local", about.Stderr, StringComparison.Ordinal);
        var bridge = Plugins.ExecRaw(Plugins.Steward("bridge"), new Dictionary<string, string>(), "");
        Assert.Contains("bridge", bridge.Stderr, StringComparison.Ordinal);
    }
}
