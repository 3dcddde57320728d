using Steward.Linux.Namespaces;
using Steward.Linux.Rtnetlink;

namespace Steward.Linux.Tests;

public class NamespaceSysctlTests
{
    [Fact]
    public void Created_namespace_is_seen_by_iproute2_and_holds_only_loopback()
    {
        using var ns = TestNamespace.Create();
        Assert.Contains(ns.Name, TestNamespace.Run("ip", "netns", "list"), StringComparison.Ordinal);
        var names = NetworkNamespace.Run(ns.Path, () => { using var nl = RtNetlink.Open(); return nl.GetLinks().Select(l => l.Name).ToList(); });
        Assert.Equal(["lo"], names);
    }

    [Fact]
    public void Deleted_namespace_is_gone_and_deleting_again_is_harmless()
    {
        TestNamespace.RequireRoot();
        var name = $"stw-lt-{Guid.NewGuid().ToString("N")[..10]}";
        var path = NetworkNamespace.Create(name);
        Assert.True(NetworkNamespace.IsNetworkNamespace(path));
        NetworkNamespace.Delete(name);
        Assert.False(File.Exists(path));
        NetworkNamespace.Delete(name);
        Assert.Throws<FileNotFoundException>(() => NetworkNamespace.Open(path));
    }

    [Fact]
    public void Sysctl_is_per_namespace()
    {
        using var ns = TestNamespace.Create();
        var outside = Sysctl.Read("net.ipv4.ip_forward");
        // A new namespace starts from the initial namespace's value (devconf_inherit_init_net), so flip whatever it has.
        var flipped = NetworkNamespace.Run(ns.Path, () =>
        {
            var value = Sysctl.Read("net.ipv4.ip_forward") == "1" ? "0" : "1";
            Sysctl.Write("net.ipv4.ip_forward", value);
            Assert.Equal(value, Sysctl.Read("net/ipv4/ip_forward"));
            return value;
        });
        Assert.Equal($"net.ipv4.ip_forward = {flipped}", TestNamespace.Run("ip", "netns", "exec", ns.Name, "sysctl", "net.ipv4.ip_forward").Trim());
        Assert.Equal(outside, Sysctl.Read("net.ipv4.ip_forward"));
    }
}
