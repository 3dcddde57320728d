using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Steward.N4.Testing;

/// <summary>One UDP datagram over IPv4, as a test sends it or expects it on the wire.</summary>
internal sealed record UdpDatagram(IPEndPoint Source, IPEndPoint Destination, byte[] Payload);

/// <summary>
/// Writes classic libpcap files (microsecond timestamps) of IPv4 packets, either as LINKTYPE_IPV4 (228: the packet
/// alone) or as Ethernet frames (1) with made-up MAC addresses, so bytes a test built can be handed to tshark.
/// </summary>
internal sealed class PcapWriter : IDisposable
{
    public const uint LinkTypeEthernet = 1;
    public const uint LinkTypeRawIPv4 = 228;
    private const uint Magic = 0xa1b2c3d4;
    private const int SnapLength = 262144;

    private readonly FileStream _file;
    private readonly uint _linkType;
    private DateTimeOffset _time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private PcapWriter(string path, uint linkType)
    {
        if (linkType is not (LinkTypeEthernet or LinkTypeRawIPv4))
        {
            throw new ArgumentOutOfRangeException(nameof(linkType), linkType, "only Ethernet (1) and raw IPv4 (228) are written");
        }
        _linkType = linkType;
        _file = new FileStream(path, FileMode.Create, FileAccess.Write);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], SnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], linkType);
        _file.Write(header);
    }

    public static PcapWriter Create(string path, uint linkType = LinkTypeRawIPv4) => new(path, linkType);

    /// <summary>Writes a whole file of UDP datagrams, one record each, in order.</summary>
    public static void WriteFile(string path, IEnumerable<UdpDatagram> datagrams, uint linkType = LinkTypeRawIPv4)
    {
        using var writer = Create(path, linkType);
        foreach (var d in datagrams)
        {
            writer.WriteUdp(d.Source, d.Destination, d.Payload);
        }
    }

    /// <summary>Writes one IPv4 packet (wrapped in an Ethernet header when the file is Ethernet); each record is 1 ms after the last.</summary>
    public void WriteIPv4(ReadOnlySpan<byte> packet)
    {
        var frame = _linkType == LinkTypeEthernet ? Ethernet(packet) : packet.ToArray();
        Span<byte> record = stackalloc byte[16];
        var micros = _time.ToUnixTimeMilliseconds() * 1000;
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(micros / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(micros % 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frame.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.Length);
        _file.Write(record);
        _file.Write(frame);
        _time = _time.AddMilliseconds(1);
    }

    public void WriteUdp(IPEndPoint source, IPEndPoint destination, ReadOnlySpan<byte> payload) =>
        WriteIPv4(Ipv4Udp(source, destination, payload));

    /// <summary>An IPv4 header (no options, TTL 64, checksum set) and a UDP header (checksum set) around <paramref name="payload"/>.</summary>
    public static byte[] Ipv4Udp(IPEndPoint source, IPEndPoint destination, ReadOnlySpan<byte> payload, ushort identification = 1)
    {
        if (source.AddressFamily != AddressFamily.InterNetwork || destination.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException("IPv4 endpoints only");
        }
        var udpLength = 8 + payload.Length;
        var packet = new byte[20 + udpLength];
        Ipv4Header(packet, source.Address, destination.Address, ProtocolType.Udp, identification);
        var udp = packet.AsSpan(20);
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], (ushort)destination.Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udpLength);
        payload.CopyTo(udp[8..]);

        // The pseudo-header (addresses, protocol, length) is summed with the datagram itself.
        uint sum = Sum(packet.AsSpan(12, 8)) + (uint)ProtocolType.Udp + (uint)udpLength + Sum(udp);
        var checksum = Fold(sum);
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], checksum == 0 ? (ushort)0xffff : checksum);
        return packet;
    }

    /// <summary>Writes a 20-byte IPv4 header at the start of <paramref name="packet"/>, whose length is the total length.</summary>
    public static void Ipv4Header(Span<byte> packet, IPAddress source, IPAddress destination, ProtocolType protocol, ushort identification = 1)
    {
        var header = packet[..20];
        header.Clear();
        header[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)packet.Length);
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], identification);
        header[8] = 64;
        header[9] = (byte)protocol;
        source.TryWriteBytes(header[12..], out _);
        destination.TryWriteBytes(header[16..], out _);
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], Fold(Sum(header)));
    }

    private static byte[] Ethernet(ReadOnlySpan<byte> packet)
    {
        var frame = new byte[14 + packet.Length];
        frame[0] = 0x02;
        frame[5] = 0x02;
        frame[6] = 0x02;
        frame[11] = 0x01;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), 0x0800);
        packet.CopyTo(frame.AsSpan(14));
        return frame;
    }

    private static uint Sum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }
        if (i < data.Length)
        {
            sum += (uint)data[i] << 8;
        }
        return sum;
    }

    private static ushort Fold(uint sum)
    {
        while (sum > 0xffff)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (ushort)~sum;
    }

    public void Dispose() => _file.Dispose();
}
