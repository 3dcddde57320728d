using Steward.Linux.Namespaces;

namespace Steward.Linux.Tests;

// A process spawned by a parallel test (fork, then exec) holds a copy of every descriptor, CLOEXEC or not,
// until it execs; closing the tun descriptor in that window leaves the interface alive a little longer. So
// the "gone once closed" check runs with no other test of this assembly in flight.
[CollectionDefinition(nameof(TunTests), DisableParallelization = true)]
public sealed class TunTestsCollection;

[Collection(nameof(TunTests))]
public class TunTests
{
    [Fact]
    public void Tun_and_tap_devices_are_gone_once_closed()
    {
        using var ns = TestNamespace.Create();
        var (tunName, tapKindSeen) = NetworkNamespace.Run(ns.Path, () =>
        {
            using var tun = TunDevice.Open("stwtun%d", TunMode.Tun);
            using var tap = TunDevice.Open("stwtap0", TunMode.Tap);
            Assert.Equal("stwtap0", tap.Name);
            Assert.True(tun.Stream.CanRead && tun.Stream.CanWrite);
            return (tun.Name, ns.Netlink.FindLink("stwtap0")?.Kind);
        });
        Assert.StartsWith("stwtun", tunName, StringComparison.Ordinal);
        Assert.Equal("tun", tapKindSeen);
        Assert.Null(ns.Netlink.FindLink(tunName));
    }
}
