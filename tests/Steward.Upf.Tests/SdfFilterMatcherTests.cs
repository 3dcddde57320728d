using System.Buffers.Binary;
using System.Net;
using Steward.Linux.Sockets;
using Steward.Upf.DataPath;
using static Steward.Upf.Tests.Packets;

namespace Steward.Upf.Tests;

public class SdfFilterMatcherTests
{
    private static readonly uint UeAddress = Ipv4Endpoint.ToUInt32(Ue);

    private static bool Downlink(string filter, byte[] packet)
    {
        Assert.True(Ipv4Flow.TryRead(packet, out var flow));
        return SdfFilterMatcher.Parse(filter).Matches(flow, uplink: false, UeAddress);
    }

    private static bool Uplink(string filter, byte[] packet)
    {
        Assert.True(Ipv4Flow.TryRead(packet, out var flow));
        return SdfFilterMatcher.Parse(filter).Matches(flow, uplink: true, UeAddress);
    }

    [Theory]
    [InlineData("permit out ip from any to assigned", true)]
    [InlineData("permit out ip from any to 10.60.0.2", false)]
    [InlineData("permit out 17 from 203.0.113.0/24 to assigned", true)]
    [InlineData("permit out 6 from 203.0.113.0/24 to assigned", false)]
    [InlineData("permit out 17 from 203.0.113.7/32 5000 to assigned", true)]
    [InlineData("permit out 17 from any 4000-4999 to assigned", false)]
    [InlineData("permit out 17 from any 80,5000,443 to assigned 6000", true)]
    [InlineData("permit out 17 from any to assigned 6001-7000", false)]
    [InlineData("permit out ip from 0.0.0.0/0 to 10.0.0.0/8", true)]
    [InlineData("permit out ip from 2001:db8::1 to assigned", false)]
    [InlineData("PERMIT OUT IP FROM ANY TO ASSIGNED", true)]
    public void A_downlink_packet_from_203_0_113_7_port_5000_to_the_ue_port_6000(string filter, bool matches) =>
        Assert.Equal(matches, Downlink(filter, Ipv4(Server, Ue, 17, 5000, 6000)));

    [Fact]
    public void An_uplink_packet_matches_an_out_rule_with_its_ends_swapped()
    {
        var packet = Ipv4(Ue, Server, 17, 6000, 5000);
        Assert.True(Uplink("permit out 17 from 203.0.113.7 5000 to assigned 6000", packet));
        Assert.False(Uplink("permit out 17 from 203.0.113.7 6000 to assigned 5000", packet));
        Assert.True(Uplink("permit in 17 from assigned 6000 to 203.0.113.7 5000", packet));
    }

    [Fact]
    public void Port_ranges_match_only_packets_with_ports()
    {
        var icmp = Ipv4(Server, Ue, protocol: 1);
        Assert.False(Downlink("permit out ip from any 0-65535 to assigned", icmp));
        Assert.True(Downlink("permit out ip from any to assigned", icmp));
        var fragment = Ipv4(Server, Ue, 17, 5000, 6000);
        BinaryPrimitives.WriteUInt16BigEndian(fragment.AsSpan(6), 100); // fragment offset 800: no UDP header here
        Assert.False(Downlink("permit out 17 from any 5000 to assigned", fragment));
    }

    [Theory]
    [InlineData("")]
    [InlineData("permit")]
    [InlineData("deny out ip from any to assigned")]
    [InlineData("permit sideways ip from any to assigned")]
    [InlineData("permit out tcp from any to assigned")]
    [InlineData("permit out 256 from any to assigned")]
    [InlineData("permit out ip to any from assigned")]
    [InlineData("permit out ip from any assigned")]
    [InlineData("permit out ip from 10.0.0.0/33 to assigned")]
    [InlineData("permit out ip from any 70000 to assigned")]
    [InlineData("permit out ip from any 10- to assigned")]
    [InlineData("permit out ip from any to assigned frag")]
    public void A_flow_description_it_cannot_honour_is_refused(string filter) =>
        Assert.Throws<FormatException>(() => SdfFilterMatcher.Parse(filter));

    [Fact]
    public void Without_a_ue_address_assigned_matches_any_address()
    {
        Assert.True(Ipv4Flow.TryRead(Ipv4(Server, IPAddress.Parse("10.1.2.3")), out var flow));
        Assert.True(SdfFilterMatcher.Parse("permit out ip from any to assigned").Matches(flow, uplink: false, ueAddress: 0));
    }
}
