using System.Net;
using System.Net.NetworkInformation;
using Steward.Linux.Netlink;
using Steward.Linux.Rtnetlink;

namespace Steward.Linux.Tests;

/// <summary>Addresses, routes and neighbours in a fresh namespace, cross-checked with `ip -j`.</summary>
public class AddressRouteTests
{
    [Fact]
    public void IPv4_and_IPv6_addresses_are_added_listed_and_deleted()
    {
        using var ns = TestNamespace.Create();
        var link = ns.UpLink("d0");
        var v4 = IPPrefix.Parse("10.244.3.7/24");
        var v6 = IPPrefix.Parse("fd00:244:3::7/64");
        ns.Netlink.AddAddress(link.Index, v4);
        ns.Netlink.AddAddress(link.Index, v6, AddressFlags.NoDad);

        var mine = ns.Netlink.GetAddresses(link.Index);
        Assert.Contains(mine, a => a.Prefix == v4 && a.Broadcast!.Equals(IPAddress.Parse("10.244.3.255")));
        Assert.Contains(mine, a => a.Prefix == v6);
        var ip = ns.Ip("addr", "show", "dev", "d0")[0].GetProperty("addr_info").EnumerateArray()
            .Select(a => $"{a.GetProperty("local").GetString()}/{a.GetProperty("prefixlen").GetInt32()}").ToList();
        Assert.Contains("10.244.3.7/24", ip);
        Assert.Contains("fd00:244:3::7/64", ip);

        ns.Netlink.DeleteAddress(link.Index, v4);
        Assert.DoesNotContain(ns.Netlink.GetAddresses(link.Index, AddressFamily.Inet), a => a.Prefix == v4);
        Assert.Equal(99, Assert.Throws<NetlinkException>(() => ns.Netlink.DeleteAddress(link.Index, v4)).Errno);
        Assert.Throws<NetlinkException>(() => ns.Netlink.AddAddress(link.Index, v6)); // EEXIST
    }

    [Fact]
    public void Routes_default_via_gateway_device_route_replace_and_delete()
    {
        using var ns = TestNamespace.Create();
        var link = ns.UpLink("d0");
        ns.Netlink.AddAddress(link.Index, IPPrefix.Parse("10.244.4.2/24"));
        ns.Netlink.AddRoute(new Route { Family = AddressFamily.Inet, Gateway = IPAddress.Parse("10.244.4.1") });
        ns.Netlink.AddRoute(new Route { Destination = IPPrefix.Parse("10.245.0.0/16"), OutputInterface = link.Index });

        var routes = ns.Netlink.GetRoutes(AddressFamily.Inet);
        var def = Assert.Single(routes, r => r.IsDefault);
        Assert.Equal(IPAddress.Parse("10.244.4.1"), def.Gateway);
        Assert.Equal(link.Index, def.OutputInterface);
        var devRoute = Assert.Single(routes, r => r.Destination == IPPrefix.Parse("10.245.0.0/16"));
        Assert.Equal(RouteScope.Link, devRoute.Scope);

        var ip = ns.Ip("route", "show").EnumerateArray().ToList();
        Assert.Contains(ip, r => r.GetProperty("dst").GetString() == "default" && r.GetProperty("gateway").GetString() == "10.244.4.1");
        Assert.Contains(ip, r => r.GetProperty("dst").GetString() == "10.245.0.0/16" && r.GetProperty("dev").GetString() == "d0");

        ns.Netlink.ReplaceRoute(new Route { Destination = IPPrefix.Parse("10.245.0.0/16"), Gateway = IPAddress.Parse("10.244.4.9") });
        Assert.Equal(IPAddress.Parse("10.244.4.9"),
            Assert.Single(ns.Netlink.GetRoutes(AddressFamily.Inet), r => r.Destination == IPPrefix.Parse("10.245.0.0/16")).Gateway);

        ns.Netlink.DeleteRoute(new Route { Family = AddressFamily.Inet, Gateway = IPAddress.Parse("10.244.4.1") });
        Assert.DoesNotContain(ns.Netlink.GetRoutes(AddressFamily.Inet), r => r.IsDefault);
        Assert.DoesNotContain(ns.Ip("route", "show").EnumerateArray(), r => r.GetProperty("dst").GetString() == "default");
    }

    [Fact]
    public void Kernel_refusal_carries_the_extended_ack_message()
    {
        using var ns = TestNamespace.Create();
        ns.UpLink("d0");
        // No address on any link: the gateway is unreachable and the kernel says so in NLMSGERR_ATTR_MSG.
        var e = Assert.Throws<NetlinkException>(() =>
            ns.Netlink.AddRoute(new Route { Destination = IPPrefix.Parse("10.246.0.0/16"), Gateway = IPAddress.Parse("10.244.77.1") }));
        Assert.Equal("RTM_NEWROUTE", e.Operation);
        Assert.False(string.IsNullOrEmpty(e.KernelMessage));
        Assert.Contains(e.KernelMessage!, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Onlink_route_reaches_a_gateway_outside_every_subnet()
    {
        using var ns = TestNamespace.Create();
        var link = ns.UpLink("d0");
        // As a flannel VTEP: a /32 address gives the device a source but no subnet the gateway is in.
        ns.Netlink.AddAddress(link.Index, IPPrefix.Parse("10.246.0.0/32"));
        var route = new Route
        {
            Destination = IPPrefix.Parse("10.246.7.0/24"),
            Gateway = IPAddress.Parse("10.246.7.0"),
            OutputInterface = link.Index,
            Flags = Route.OnLink,
        };
        Assert.Throws<NetlinkException>(() => ns.Netlink.AddRoute(route with { Flags = 0 }));
        ns.Netlink.AddRoute(route);
        var live = Assert.Single(ns.Netlink.GetRoutes(AddressFamily.Inet), r => r.Destination == route.Destination);
        Assert.Equal(Route.OnLink, live.Flags & Route.OnLink);
        var ip = Assert.Single(ns.Ip("route", "show", "10.246.7.0/24").EnumerateArray());
        Assert.Contains("onlink", ip.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public void Neighbor_and_fdb_entries_are_added_listed_and_deleted()
    {
        using var ns = TestNamespace.Create();
        var link = ns.UpLink("d0");
        ns.Netlink.AddAddress(link.Index, IPPrefix.Parse("10.244.5.1/24"));
        var mac = PhysicalAddress.Parse("02-11-22-33-44-55");
        var neigh = new Neighbor(link.Index) { Destination = IPAddress.Parse("10.244.5.9"), HardwareAddress = mac };
        ns.Netlink.AddNeighbor(neigh);
        Assert.Contains(ns.Netlink.GetNeighbors(AddressFamily.Inet, link.Index), n => mac.Equals(n.HardwareAddress) && n.State == NeighborState.Permanent);
        Assert.Contains(ns.Ip("neigh", "show", "dev", "d0").EnumerateArray(),
            n => n.GetProperty("dst").GetString() == "10.244.5.9" && n.GetProperty("lladdr").GetString() == "02:11:22:33:44:55");
        ns.Netlink.DeleteNeighbor(neigh);
        Assert.DoesNotContain(ns.Netlink.GetNeighbors(AddressFamily.Inet, link.Index), n => mac.Equals(n.HardwareAddress));

        var vx = ns.Netlink.CreateLink(new VxlanSpec("vx1", 1) { Port = 4789, Learning = false, DeviceIndex = link.Index });
        var fdb = new Neighbor(vx.Index)
        {
            Family = AddressFamily.Bridge,
            HardwareAddress = PhysicalAddress.Parse("00-00-00-00-00-00"),
            Destination = IPAddress.Parse("10.244.5.20"),
            Flags = NeighborState.FlagSelf,
        };
        ns.Netlink.AppendNeighbor(fdb);
        ns.Netlink.AppendNeighbor(fdb with { Destination = IPAddress.Parse("10.244.5.21") });
        var entries = ns.Netlink.GetNeighbors(AddressFamily.Bridge, vx.Index).Where(n => n.Destination is not null).ToList();
        Assert.Equal(2, entries.Count);
        var bridgeTool = TestNamespace.Run("bridge", "-n", ns.Name, "-j", "fdb", "show", "dev", "vx1");
        Assert.Contains("10.244.5.21", bridgeTool, StringComparison.Ordinal);
        ns.Netlink.DeleteNeighbor(fdb);
        Assert.Single(ns.Netlink.GetNeighbors(AddressFamily.Bridge, vx.Index), n => n.Destination is not null);
    }
}
