using System.Buffers.Binary;
using System.Text;
using Steward.Linux.Netlink;
using Steward.Linux.Rtnetlink;

namespace Steward.Linux.Tests;

/// <summary>Replies built by hand: the parser's behaviour on good and bad input, no kernel needed.</summary>
public class NetlinkWireTests
{
    private static byte[] Message(ushort type, NetlinkFlags flags, uint seq, ReadOnlySpan<byte> payload)
    {
        var buf = new byte[NetlinkWire.Align(16 + payload.Length)];
        BinaryPrimitives.WriteUInt32LittleEndian(buf, (uint)(16 + payload.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(buf.AsSpan(4), type);
        BinaryPrimitives.WriteUInt16LittleEndian(buf.AsSpan(6), (ushort)flags);
        BinaryPrimitives.WriteUInt32LittleEndian(buf.AsSpan(8), seq);
        payload.CopyTo(buf.AsSpan(16));
        return buf;
    }

    private static byte[] ErrorPayload(int error, string? extAckMessage)
    {
        var w = new List<byte>();
        w.AddRange(BitConverter.GetBytes(error));
        w.AddRange(new byte[16]); // the echoed request header (capped)
        if (extAckMessage is not null)
        {
            var text = Encoding.UTF8.GetBytes(extAckMessage + "\0");
            w.AddRange(BitConverter.GetBytes((ushort)(4 + text.Length)));
            w.AddRange(BitConverter.GetBytes(NetlinkWire.ErrorAttributeMessage));
            w.AddRange(text);
            while (w.Count % 4 != 0)
            {
                w.Add(0);
            }
        }
        return [.. w];
    }

    private static bool Process(byte[] datagram, uint seq, List<ushort>? seen = null)
    {
        var interrupted = false;
        return NetlinkSocket.ProcessReply(datagram, seq, "RTM_TEST", (in NetlinkHeader h, ReadOnlySpan<byte> _) => seen?.Add(h.Type), ref interrupted);
    }

    [Fact]
    public void Error_with_extended_ack_carries_errno_and_kernel_message()
    {
        var reply = Message(NetlinkMessageType.Error, NetlinkFlags.Capped | NetlinkFlags.AckTlvs, 7, ErrorPayload(-22, "Nexthop has invalid gateway"));
        var e = Assert.Throws<NetlinkException>(() => Process(reply, 7));
        Assert.Equal(22, e.Errno);
        Assert.Equal("EINVAL", e.ErrnoName);
        Assert.Equal("Nexthop has invalid gateway", e.KernelMessage);
        Assert.Contains("Nexthop has invalid gateway", e.Message, StringComparison.Ordinal);
        Assert.Contains("RTM_TEST", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_error_is_an_ack_that_ends_the_exchange()
    {
        Assert.True(Process(Message(NetlinkMessageType.Error, NetlinkFlags.Capped, 3, ErrorPayload(0, null)), 3));
    }

    [Fact]
    public void Multipart_reply_is_handed_over_until_done()
    {
        var part = Message(NetlinkMessageType.NewLink, NetlinkFlags.Multi, 9, new byte[16]);
        var seen = new List<ushort>();
        Assert.False(Process([.. part, .. part], 9, seen));
        Assert.True(Process([.. part, .. Message(NetlinkMessageType.Done, NetlinkFlags.Multi, 9, new byte[4])], 9, seen));
        Assert.Equal(3, seen.Count);
    }

    [Fact]
    public void Messages_of_another_sequence_number_are_ignored()
    {
        var seen = new List<ushort>();
        var stale = Message(NetlinkMessageType.Error, NetlinkFlags.Capped, 1, ErrorPayload(-17, null));
        Assert.False(Process([.. stale, .. Message(NetlinkMessageType.NewLink, NetlinkFlags.Multi, 2, new byte[16])], 2, seen));
        Assert.Single(seen);
    }

    [Fact]
    public void Dump_interrupted_flag_is_reported()
    {
        var interrupted = false;
        var done = Message(NetlinkMessageType.Done, NetlinkFlags.Multi | NetlinkFlags.DumpInterrupted, 4, new byte[4]);
        Assert.True(NetlinkSocket.ProcessReply(done, 4, "RTM_GETLINK", null, ref interrupted));
        Assert.True(interrupted);
    }

    [Fact]
    public void Truncated_header_is_a_format_error()
    {
        var e = Assert.Throws<NetlinkFormatException>(() => Process(new byte[10], 1));
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8u)]
    [InlineData(4096u)]
    public void Message_length_field_out_of_range_is_a_format_error(uint length)
    {
        var msg = Message(NetlinkMessageType.NewLink, NetlinkFlags.None, 1, new byte[16]);
        BinaryPrimitives.WriteUInt32LittleEndian(msg, length);
        var e = Assert.Throws<NetlinkFormatException>(() => Process(msg, 1));
        Assert.Contains($"length {length}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_error_payload_is_a_format_error()
    {
        Assert.Throws<NetlinkFormatException>(() => Process(Message(NetlinkMessageType.Error, NetlinkFlags.None, 1, new byte[8]), 1));
    }

    [Fact]
    public void Attribute_length_past_the_end_is_a_format_error()
    {
        var payload = new byte[16 + 8];
        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(16), 200); // IFLA_IFNAME claiming 200 bytes
        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(18), 3);
        var header = new NetlinkHeader(40, NetlinkMessageType.NewLink, NetlinkFlags.None, 1, 0);
        var e = Assert.Throws<NetlinkFormatException>(() => RtNetlink.ParseLink(header, payload));
        Assert.Contains("attribute length 200", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_message_shorter_than_ifinfomsg_is_a_format_error()
    {
        var header = new NetlinkHeader(24, NetlinkMessageType.NewLink, NetlinkFlags.None, 1, 0);
        var e = Assert.Throws<NetlinkFormatException>(() => RtNetlink.ParseLink(header, new byte[8]));
        Assert.Contains("ifinfomsg", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Address_of_odd_size_is_a_format_error()
    {
        var payload = new byte[8 + 8];
        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(8), 7); // IFA_LOCAL of 3 bytes
        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(10), 2);
        var header = new NetlinkHeader(32, NetlinkMessageType.NewAddress, NetlinkFlags.None, 1, 0);
        Assert.Throws<NetlinkFormatException>(() => RtNetlink.ParseAddress(header, payload));
    }

    [Fact]
    public void Writer_fills_lengths_of_message_and_nested_attributes()
    {
        var w = new NetlinkMessageWriter(NetlinkMessageType.NewLink, NetlinkFlags.Create);
        w.WriteStruct(new InterfaceInfoMessage());
        var nest = w.BeginNested(18);
        w.WriteString(1, "veth");
        w.EndNested(nest);
        var bytes = w.Finish(42, 5).ToArray();
        Assert.Equal((uint)bytes.Length, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(42u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal((ushort)(NetlinkFlags.Create | NetlinkFlags.Request), BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(6)));
        // nested IFLA_LINKINFO: its header + IFLA_INFO_KIND (4 + "veth\0" = 9, padded to 12), as nla_nest_end counts
        Assert.Equal(4 + 12, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(32)));
        Assert.Equal(18 | NetlinkWire.NestedFlag, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(34)));
    }

    [Theory]
    [InlineData("10.244.1.7/24", "10.244.1.0/24")]
    [InlineData("fd00:1::5/64", "fd00:1::/64")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    public void Prefix_keeps_host_bits_and_gives_its_network(string text, string network)
    {
        var p = IPPrefix.Parse(text);
        Assert.Equal(text, p.ToString());
        Assert.Equal(network, p.Network.ToString());
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("10.0.0.1/33")]
    [InlineData("x/8")]
    public void Prefix_rejects_malformed_text(string text) => Assert.False(IPPrefix.TryParse(text, out _));
}
