using System.Net;
using Steward.Linux.Sockets;

namespace Steward.Linux.Tests;

public class UdpBatchSocketTests
{
    private static readonly IPEndPoint AnyLoopback = new(IPAddress.Loopback, 0);

    private static int Fill(PacketBatch batch, Ipv4Endpoint to, params int[] sizes)
    {
        foreach (var size in sizes)
        {
            var index = batch.Add(to);
            var slot = batch.Slot(index);
            for (var k = 0; k < size; k++)
            {
                slot[k] = (byte)(size + k);
            }

            batch.SetPacket(index, 0, size);
        }

        return sizes.Length;
    }

    private static int ReceiveAll(UdpBatchSocket socket, PacketBatch batch, int expected, List<byte[]> into, int headroom = 0)
    {
        // Loopback delivery is synchronous with sendmmsg, so one or two receives see everything.
        for (var attempt = 0; attempt < 5 && into.Count < expected; attempt++)
        {
            var n = socket.Receive(batch, 1000, headroom);
            for (var i = 0; i < n; i++)
            {
                into.Add(batch.Packet(i).ToArray());
            }
        }

        return into.Count;
    }

    [Fact]
    public void A_batch_sent_with_one_call_arrives_whole_and_in_order()
    {
        using var a = UdpBatchSocket.Bind(AnyLoopback);
        using var b = UdpBatchSocket.Bind(AnyLoopback);
        using var tx = new PacketBatch(16);
        using var rx = new PacketBatch(16);
        int[] sizes = [1, 100, 1400, 0, 8, 2048];
        Fill(tx, b.LocalEndPoint, sizes);

        Assert.Equal(5, a.Send(tx));
        Assert.Equal(0, tx.Count);

        var received = new List<byte[]>();
        Assert.Equal(5, ReceiveAll(b, rx, 5, received));
        Assert.Equal([1, 100, 1400, 8, 2048], received.Select(p => p.Length));
        Assert.All(received, p => Assert.Equal(Enumerable.Range(0, p.Length).Select(k => (byte)(p.Length + k)), p));
        Assert.Equal(a.LocalEndPoint, rx.Endpoint(0));
    }

    [Fact]
    public void Received_packets_sit_after_the_headroom_and_longer_ones_are_cut_to_the_slot()
    {
        using var a = UdpBatchSocket.Bind(AnyLoopback);
        using var b = UdpBatchSocket.Bind(AnyLoopback);
        using var tx = new PacketBatch(4, 4096);
        using var rx = new PacketBatch(4, 256);
        Fill(tx, b.LocalEndPoint, 100, 1000);
        a.Send(tx);

        var received = new List<byte[]>();
        ReceiveAll(b, rx, 2, received, headroom: 20);

        Assert.Equal([100, 236], received.Select(p => p.Length));
        Assert.Equal(20, rx.Offset(received.Count - 1));
        Assert.Equal(unchecked((byte)(1000 + 235)), received[1][235]);
    }

    [Fact]
    public void Receive_returns_zero_when_nothing_arrives_in_time()
    {
        using var a = UdpBatchSocket.Bind(AnyLoopback);
        using var rx = new PacketBatch(4);
        Assert.Equal(0, a.Receive(rx, 10));
        Assert.Equal(0, a.Receive(rx, 0));
        Assert.Equal(0, rx.Count);
    }

    [Fact]
    public void More_datagrams_than_one_batch_holds_are_received_over_several_calls()
    {
        using var a = UdpBatchSocket.Bind(AnyLoopback);
        using var b = UdpBatchSocket.Bind(AnyLoopback);
        using var tx = new PacketBatch(64);
        using var rx = new PacketBatch(8);
        Fill(tx, b.LocalEndPoint, [.. Enumerable.Range(1, 50)]);
        Assert.Equal(50, a.Send(tx));

        var received = new List<byte[]>();
        ReceiveAll(b, rx, 50, received);
        for (var attempt = 0; attempt < 10 && received.Count < 50; attempt++)
        {
            ReceiveAll(b, rx, 50, received);
        }

        Assert.Equal(Enumerable.Range(1, 50), received.Select(p => p.Length));
    }

    [Fact]
    public void A_full_batch_takes_no_more_packets_and_slots_must_fit()
    {
        using var batch = new PacketBatch(2, 128);
        Assert.Equal(0, batch.Add(default));
        Assert.Equal(1, batch.Add(default));
        Assert.Equal(-1, batch.Add(default));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.SetPacket(0, 100, 29));
        Assert.Throws<ArgumentException>(() => UdpBatchSocket.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0)));
    }

    [Fact]
    public void An_endpoint_converts_to_and_from_its_text_and_ip_endpoint()
    {
        var endpoint = Ipv4Endpoint.From(new IPEndPoint(IPAddress.Parse("192.168.50.2"), 2152));
        Assert.Equal(0xC0A83202u, endpoint.Address);
        Assert.Equal("192.168.50.2:2152", endpoint.ToString());
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.168.50.2"), 2152), endpoint.ToIPEndPoint());
    }
}
