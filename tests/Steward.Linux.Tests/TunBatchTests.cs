using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Steward.Linux.Namespaces;
using Steward.Linux.Rtnetlink;
using Steward.Linux.Sockets;

namespace Steward.Linux.Tests;

[Collection(nameof(TunTests))]
public class TunBatchTests
{
    private static readonly IPAddress TunAddress = IPAddress.Parse("10.77.0.1");
    private static readonly IPAddress Remote = IPAddress.Parse("10.77.0.9");

    private static TunDevice OpenUp(TestNamespace ns)
    {
        var tun = NetworkNamespace.Run(ns.Path, () => TunDevice.Open("stwb0", TunMode.Tun));
        var index = ns.Netlink.GetLink("stwb0").Index;
        ns.Netlink.AddAddress(index, new IPPrefix(TunAddress, 24));
        ns.Netlink.SetUp(index);
        return tun;
    }

    [Fact]
    public void One_read_batch_drains_every_packet_the_kernel_queued()
    {
        using var ns = TestNamespace.Create();
        using var tun = OpenUp(ns);
        using var batch = new PacketBatch(32);
        // Datagrams to a remote on the TUN's subnet leave through the TUN.
        NetworkNamespace.Run(ns.Path, () =>
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            for (var i = 0; i < 10; i++)
            {
                udp.SendTo(new byte[100 + i], new IPEndPoint(Remote, 9000));
            }
        });

        var udpPackets = new List<int>();
        for (var attempt = 0; attempt < 10 && udpPackets.Count < 10; attempt++)
        {
            var n = tun.ReadBatch(batch, 1000, headroom: 16);
            for (var i = 0; i < n; i++)
            {
                var packet = batch.Packet(i);
                Assert.Equal(16, batch.Offset(i));
                if (packet[0] >> 4 == 4 && packet[9] == 17)
                {
                    udpPackets.Add(packet.Length - 28);
                }
            }
        }

        Assert.Equal(Enumerable.Range(100, 10), udpPackets);
        Assert.Equal(0, tun.ReadBatch(batch, 10));
    }

    [Fact]
    public void A_packet_written_to_the_tun_is_received_by_the_kernel()
    {
        using var ns = TestNamespace.Create();
        using var tun = OpenUp(ns);
        using var listener = NetworkNamespace.Run(ns.Path, () =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            s.Bind(new IPEndPoint(TunAddress, 9001));
            s.ReceiveTimeout = 5000;
            return s;
        });

        Assert.True(tun.Write(Udp(Remote, TunAddress, 9001, [1, 2, 3, 4, 5])));

        var buffer = new byte[64];
        var n = listener.Receive(buffer);
        Assert.Equal([1, 2, 3, 4, 5], buffer[..n]);
    }

    // An IPv4/UDP packet with a valid header checksum and no UDP checksum (allowed over IPv4).
    private static byte[] Udp(IPAddress source, IPAddress destination, ushort port, byte[] payload)
    {
        var p = new byte[28 + payload.Length];
        p[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), (ushort)p.Length);
        p[8] = 64;
        p[9] = 17;
        source.TryWriteBytes(p.AsSpan(12), out _);
        destination.TryWriteBytes(p.AsSpan(16), out _);
        uint sum = 0;
        for (var i = 0; i < 20; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(p.AsSpan(i));
        }

        sum = (sum & 0xffff) + (sum >> 16);
        sum += sum >> 16;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(10), (ushort)~sum);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(20), 40000);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(22), port);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(24), (ushort)(8 + payload.Length));
        payload.CopyTo(p, 28);
        return p;
    }
}
