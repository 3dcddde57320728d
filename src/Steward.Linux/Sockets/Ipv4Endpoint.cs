using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Steward.Linux.Sockets;

/// <summary>
/// An IPv4 address and UDP port as plain numbers (the address as read big-endian off the wire:
/// 10.0.0.1 is 0x0A000001), so the data path can key tables on it without allocating.
/// </summary>
/// <param name="Address">The IPv4 address, most significant octet first.</param>
/// <param name="Port">The port in host order.</param>
public readonly record struct Ipv4Endpoint(uint Address, ushort Port)
{
    /// <summary>The address as an <see cref="IPAddress"/> (allocates).</summary>
    public IPAddress IPAddress => new(BinaryPrimitives.ReverseEndianness(Address));

    /// <summary>Converts from an <see cref="IPEndPoint"/>; it must be IPv4.</summary>
    public static Ipv4Endpoint From(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        return new Ipv4Endpoint(ToUInt32(endPoint.Address), checked((ushort)endPoint.Port));
    }

    /// <summary>An IPv4 address as a number, most significant octet first.</summary>
    public static uint ToUInt32(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"{address} is not an IPv4 address", nameof(address));
        }

        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    /// <summary>Converts to an <see cref="IPEndPoint"/> (allocates).</summary>
    public IPEndPoint ToIPEndPoint() => new(IPAddress, Port);

    /// <inheritdoc/>
    public override string ToString() => $"{Address >> 24}.{(Address >> 16) & 0xff}.{(Address >> 8) & 0xff}.{Address & 0xff}:{Port}";
}
