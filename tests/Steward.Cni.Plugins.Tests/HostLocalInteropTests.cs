namespace Steward.Cni.Plugins.Tests;

/// <summary>Steward's host-local and the reference one (Debian's containernetworking-plugins) sharing one store.</summary>
public sealed class HostLocalInteropTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("steward-hl-interop-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    // The Debian reference (1.1.x) speaks up to 1.0.0.
    private string Config => $$$"""{"cniVersion":"1.0.0","name":"shared","type":"bridge","ipam":{"type":"host-local","subnet":"10.60.0.0/28","dataDir":"{{{_data}}}","routes":[{"dst":"0.0.0.0/0"}]}}""";
    private string Store => Path.Combine(_data, "shared");

    [Fact]
    public void Alternating_adds_between_the_two_never_hand_out_an_address_twice()
    {
        var reference = Plugins.Reference("host-local");
        var steward = Plugins.Steward("host-local");
        var seen = new Dictionary<string, string>();
        // 13 usable addresses in a /28 (.2–.14); fill them all, alternating implementations.
        for (var i = 0; i < 13; i++)
        {
            var plugin = i % 2 == 0 ? steward : reference;
            var id = $"ctr{i}";
            var run = Plugins.Exec(plugin, "ADD", Config, containerId: id);
            Assert.True(run.Exit == 0, $"{plugin}: {run.Stdout}{run.Stderr}");
            var address = run.Json["ips"]![0]!["address"]!.GetValue<string>();
            Assert.True(seen.TryAdd(address, id), $"{address} handed out twice ({seen.GetValueOrDefault(address)} and {id})");
            // Both continue after the last reserved address, so the sequence is the same whoever runs.
            Assert.Equal($"10.60.0.{i + 2}/28", address);
            Assert.Equal($"{id}\r\neth0", File.ReadAllText(Path.Combine(Store, address.Split('/')[0])));
            Assert.Equal(address.Split('/')[0], File.ReadAllText(Path.Combine(Store, "last_reserved_ip.0")));
        }
        Assert.NotEqual(0, Plugins.Exec(steward, "ADD", Config, containerId: "one-too-many").Exit);
        Assert.NotEqual(0, Plugins.Exec(reference, "ADD", Config, containerId: "one-too-many").Exit);
    }

    [Fact]
    public void Each_releases_what_the_other_reserved_and_reuses_it()
    {
        var reference = Plugins.Reference("host-local");
        var steward = Plugins.Steward("host-local");
        var byReference = Plugins.Exec(reference, "ADD", Config, containerId: "r1", ifName: "net0");
        var bySteward = Plugins.Exec(steward, "ADD", Config, containerId: "s1", ifName: "net0");
        Assert.Equal("10.60.0.2/28", byReference.Json["ips"]![0]!["address"]!.GetValue<string>());
        Assert.Equal("10.60.0.3/28", bySteward.Json["ips"]![0]!["address"]!.GetValue<string>());

        Assert.Equal(0, Plugins.Exec(steward, "DEL", Config, containerId: "r1", ifName: "net0").Exit);
        Assert.False(File.Exists(Path.Combine(Store, "10.60.0.2")));
        Assert.Equal(0, Plugins.Exec(reference, "DEL", Config, containerId: "s1", ifName: "net0").Exit);
        Assert.False(File.Exists(Path.Combine(Store, "10.60.0.3")));

        // The two results have the same shape apart from the reference's empty "dns" (older libcni).
        var a = byReference.Json;
        var b = bySteward.Json;
        a.Remove("dns");
        b["ips"]![0]!["address"] = "10.60.0.2/28";
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(a, b), $"{a.ToJsonString()} vs {b.ToJsonString()}");
    }

    [Fact]
    public void Check_of_one_accepts_an_address_reserved_by_the_other()
    {
        var reference = Plugins.Reference("host-local");
        var steward = Plugins.Steward("host-local");
        Assert.Equal(0, Plugins.Exec(reference, "ADD", Config, containerId: "r1").Exit);
        Assert.Equal(0, Plugins.Exec(steward, "CHECK", Config, containerId: "r1").Exit);
        Assert.Equal(0, Plugins.Exec(steward, "ADD", Config, containerId: "s1").Exit);
        Assert.Equal(0, Plugins.Exec(reference, "CHECK", Config, containerId: "s1").Exit);
    }
}
