using System.Net;
using System.Net.NetworkInformation;
using System.Text.Json;
using Steward.Linux.Netlink;
using Steward.Linux.Rtnetlink;

namespace Steward.Linux.Tests;

/// <summary>Links in a fresh namespace, each result cross-checked with `ip -j -d link`.</summary>
public class LinkTests
{
    private static JsonElement IpLink(TestNamespace ns, string name) => ns.Ip("-d", "link", "show", "dev", name)[0];

    [Fact]
    public void Link_is_created_with_mtu_and_up_listed_and_deleted()
    {
        using var ns = TestNamespace.Create();
        var created = ns.Netlink.CreateLink(new VethSpec("vt0", "vt0p") { Mtu = 1400, Up = true });
        Assert.Equal("veth", created.Kind);
        Assert.Contains(ns.Netlink.GetLinks(), l => l.Name == "vt0" && l.Index == created.Index);
        var ip = IpLink(ns, "vt0");
        Assert.Equal(created.Index, ip.GetProperty("ifindex").GetInt32());
        Assert.Equal("veth", ip.GetProperty("linkinfo").GetProperty("info_kind").GetString());
        Assert.Equal(1400, ip.GetProperty("mtu").GetInt32());
        Assert.Contains("UP", ip.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));

        ns.Netlink.DeleteLink(created.Index);
        Assert.Null(ns.Netlink.FindLink("vt0"));
        Assert.Null(ns.Netlink.FindLink("vt0p"));
        Assert.DoesNotContain(ns.Ip("link").EnumerateArray(), l => l.GetProperty("ifname").GetString() is "vt0" or "vt0p");
        Assert.False(ns.Netlink.DeleteLink("vt0"));
    }

    [Fact]
    public void Dummy_is_created_where_the_kernel_has_the_driver_and_refused_with_eopnotsupp_where_not()
    {
        using var ns = TestNamespace.Create();
        // iproute2 is the oracle for what this kernel can do; Steward must do the same.
        if (!ns.IpCanCreate("dum-probe", "type", "dummy"))
        {
            var e = Assert.Throws<NetlinkException>(() => ns.Netlink.CreateLink(new DummySpec("dum0") { Mtu = 1400, Up = true }));
            Assert.Equal(95, e.Errno); // EOPNOTSUPP: no dummy driver
            Assert.Equal(["lo"], ns.Ip("link").EnumerateArray().Select(l => l.GetProperty("ifname").GetString()));
            return;
        }
        var created = ns.Netlink.CreateLink(new DummySpec("dum0") { Mtu = 1400, Up = true });
        Assert.Equal("dummy", created.Kind);
        var ip = IpLink(ns, "dum0");
        Assert.Equal(created.Index, ip.GetProperty("ifindex").GetInt32());
        Assert.Equal("dummy", ip.GetProperty("linkinfo").GetProperty("info_kind").GetString());
        Assert.Equal(1400, ip.GetProperty("mtu").GetInt32());
        Assert.True(ns.Netlink.DeleteLink("dum0"));
        Assert.Null(ns.Netlink.FindLink("dum0"));
    }

    [Fact]
    public void Bridge_is_created_listed_and_deleted()
    {
        using var ns = TestNamespace.Create();
        var br = ns.Netlink.CreateLink(new BridgeSpec("br-t") { Mtu = 1400 });
        Assert.Equal("bridge", br.Kind);
        Assert.Equal("bridge", IpLink(ns, "br-t").GetProperty("linkinfo").GetProperty("info_kind").GetString());
        Assert.Contains(ns.Netlink.GetLinks(), l => l.Name == "br-t" && l.Kind == "bridge");
        Assert.True(ns.Netlink.DeleteLink("br-t"));
        Assert.DoesNotContain(ns.Ip("link").EnumerateArray(), l => l.GetProperty("ifname").GetString() == "br-t");
    }

    [Fact]
    public void Bridge_with_vlan_filtering_is_reported_like_iproute2_or_refused_with_eopnotsupp_like_it()
    {
        using var ns = TestNamespace.Create();
        if (!ns.IpCanCreate("br-probe", "type", "bridge", "vlan_filtering", "1"))
        {
            // A kernel without CONFIG_BRIDGE_VLAN_FILTERING: the request fails as a whole, no bridge is left.
            var e = Assert.Throws<NetlinkException>(() => ns.Netlink.CreateLink(new BridgeSpec("br-t") { VlanFiltering = true }));
            Assert.Equal(95, e.Errno);
            Assert.Null(ns.Netlink.FindLink("br-t"));
            Assert.Equal(["lo"], ns.Ip("link").EnumerateArray().Select(l => l.GetProperty("ifname").GetString()));
            return;
        }
        var br = ns.Netlink.CreateLink(new BridgeSpec("br-t") { VlanFiltering = true });
        Assert.Equal("bridge", br.Kind);
        Assert.True(br.VlanFiltering);
        var data = IpLink(ns, "br-t").GetProperty("linkinfo").GetProperty("info_data");
        Assert.Equal(1, data.GetProperty("vlan_filtering").GetInt32());
    }

    [Fact]
    public void Veth_peer_created_in_another_namespace_lands_there()
    {
        using var host = TestNamespace.Create();
        using var other = TestNamespace.Create();
        using var otherFd = Namespaces.NetworkNamespace.Open(other.Path);
        var mac = PhysicalAddress.Parse("02-42-0a-f4-00-07");
        var veth = host.Netlink.CreateLink(new VethSpec("vh0", "vc0") { PeerNamespace = otherFd, PeerHardwareAddress = mac, Mtu = 1450 });
        Assert.Equal("veth", veth.Kind);
        Assert.Null(host.Netlink.FindLink("vc0"));
        var peer = other.Netlink.GetLink("vc0");
        Assert.Equal(mac, peer.HardwareAddress);
        Assert.Equal(1450, peer.Mtu);
        Assert.Equal(veth.Index, peer.ParentIndex);
        Assert.Equal("02:42:0a:f4:00:07", IpLink(other, "vc0").GetProperty("address").GetString());
    }

    [Fact]
    public void Port_is_enslaved_hairpinned_and_released()
    {
        using var ns = TestNamespace.Create();
        var br = ns.Netlink.CreateLink(new BridgeSpec("br0"));
        var veth = ns.Netlink.CreateLink(new VethSpec("va", "vb"));
        ns.Netlink.SetMaster(veth.Index, br.Index);
        ns.Netlink.SetHairpin(veth.Index, true);
        var port = ns.Netlink.GetLink("va");
        Assert.Equal(br.Index, port.MasterIndex);
        Assert.Equal("bridge", port.SlaveKind);
        var ip = IpLink(ns, "va");
        Assert.Equal("br0", ip.GetProperty("master").GetString());
        Assert.True(ip.GetProperty("linkinfo").GetProperty("info_slave_data").GetProperty("hairpin").GetBoolean());

        ns.Netlink.SetMaster(veth.Index, 0);
        Assert.Null(ns.Netlink.GetLink("va").MasterIndex);
    }

    [Fact]
    public void Vxlan_attributes_round_trip()
    {
        using var ns = TestNamespace.Create();
        var dummy = ns.UpLink("under0");
        var vx = ns.Netlink.CreateLink(new VxlanSpec("vx42", 42)
        {
            Local = IPAddress.Parse("10.244.9.1"),
            Remote = IPAddress.Parse("10.244.9.2"),
            Port = 4789,
            DeviceIndex = dummy.Index,
            Learning = false,
        });
        Assert.Equal(new VxlanInfo(42)
        {
            Local = IPAddress.Parse("10.244.9.1"),
            Remote = IPAddress.Parse("10.244.9.2"),
            Port = 4789,
            DeviceIndex = dummy.Index,
            Learning = false,
        }, vx.Vxlan);
        var data = IpLink(ns, "vx42").GetProperty("linkinfo").GetProperty("info_data");
        Assert.Equal(42, data.GetProperty("id").GetInt32());
        Assert.Equal("10.244.9.1", data.GetProperty("local").GetString());
        Assert.Equal("10.244.9.2", data.GetProperty("remote").GetString());
        Assert.Equal(4789, data.GetProperty("port").GetInt32());
        Assert.False(data.GetProperty("learning").GetBoolean());
    }

    [Fact]
    public void Up_down_mtu_mac_promisc_and_rename_are_applied()
    {
        using var ns = TestNamespace.Create();
        var link = ns.Netlink.CreateLink(new BridgeSpec("d1"));
        ns.Netlink.SetUp(link.Index);
        Assert.True(ns.Netlink.GetLink(link.Index).IsUp);
        ns.Netlink.SetDown(link.Index);
        Assert.False(ns.Netlink.GetLink(link.Index).IsUp);
        ns.Netlink.SetMtu(link.Index, 1280);
        ns.Netlink.SetHardwareAddress(link.Index, PhysicalAddress.Parse("02-00-00-00-00-01"));
        ns.Netlink.SetPromiscuous(link.Index, true);
        ns.Netlink.Rename(link.Index, "d1-renamed");
        var ip = IpLink(ns, "d1-renamed");
        Assert.Equal(1280, ip.GetProperty("mtu").GetInt32());
        Assert.Equal("02:00:00:00:00:01", ip.GetProperty("address").GetString());
        Assert.Contains("PROMISC", ip.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.True(ns.Netlink.GetLink("d1-renamed").IsPromiscuous);
    }

    [Fact]
    public void Link_moved_to_another_namespace_leaves_this_one()
    {
        using var a = TestNamespace.Create();
        using var b = TestNamespace.Create();
        var link = a.Netlink.CreateLink(new VethSpec("mover", "stays"));
        using (var bFd = Namespaces.NetworkNamespace.Open(b.Path))
        {
            a.Netlink.SetNamespace(link.Index, bFd);
        }

        Assert.Null(a.Netlink.FindLink("mover"));
        Assert.NotNull(b.Netlink.FindLink("mover"));
        Assert.NotNull(a.Netlink.FindLink("stays"));
    }

    [Fact]
    public void Duplicate_name_is_EEXIST()
    {
        using var ns = TestNamespace.Create();
        ns.Netlink.CreateLink(new BridgeSpec("dup"));
        var e = Assert.Throws<NetlinkException>(() => ns.Netlink.CreateLink(new VethSpec("dup", "dup-peer")));
        Assert.Equal(17, e.Errno);
        Assert.True(e.IsExists);
        Assert.Equal("RTM_NEWLINK", e.Operation);
    }

    [Fact]
    public void Lookup_of_a_missing_link_is_null_or_ENODEV()
    {
        using var ns = TestNamespace.Create();
        Assert.Null(ns.Netlink.FindLink("nothere"));
        Assert.Null(ns.Netlink.FindLink(9999));
        Assert.Equal(19, Assert.Throws<NetlinkException>(() => ns.Netlink.GetLink("nothere")).Errno);
        Assert.Equal(19, Assert.Throws<NetlinkException>(() => ns.Netlink.DeleteLink(9999)).Errno);
    }
}
