using System.Buffers.Binary;

namespace Steward.Upf.DataPath;

/// <summary>The 5-tuple of an IPv4 packet, as SDF filters match it; ports are 0 unless <see cref="HasPorts"/>.</summary>
internal readonly struct Ipv4Flow
{
    public readonly uint Source;
    public readonly uint Destination;
    public readonly byte Protocol;
    public readonly bool HasPorts;
    public readonly ushort SourcePort;
    public readonly ushort DestinationPort;

    private Ipv4Flow(uint source, uint destination, byte protocol, bool hasPorts, ushort sourcePort, ushort destinationPort)
    {
        Source = source;
        Destination = destination;
        Protocol = protocol;
        HasPorts = hasPorts;
        SourcePort = sourcePort;
        DestinationPort = destinationPort;
    }

    /// <summary>Reads the flow of an IPv4 packet; false when it is not one (too short, another version, a header length that does not fit).</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out Ipv4Flow flow)
    {
        flow = default;
        if (packet.Length < 20 || packet[0] >> 4 != 4)
        {
            return false;
        }

        var headerLength = (packet[0] & 0x0f) * 4;
        if (headerLength < 20 || headerLength > packet.Length)
        {
            return false;
        }

        var protocol = packet[9];
        var source = BinaryPrimitives.ReadUInt32BigEndian(packet[12..]);
        var destination = BinaryPrimitives.ReadUInt32BigEndian(packet[16..]);
        // Only the first fragment carries the transport header.
        var firstFragment = (BinaryPrimitives.ReadUInt16BigEndian(packet[6..]) & 0x1fff) == 0;
        var hasPorts = firstFragment && protocol is 6 or 17 or 132 && packet.Length >= headerLength + 4;
        flow = hasPorts
            ? new Ipv4Flow(source, destination, protocol, true,
                BinaryPrimitives.ReadUInt16BigEndian(packet[headerLength..]),
                BinaryPrimitives.ReadUInt16BigEndian(packet[(headerLength + 2)..]))
            : new Ipv4Flow(source, destination, protocol, false, 0, 0);
        return true;
    }
}
