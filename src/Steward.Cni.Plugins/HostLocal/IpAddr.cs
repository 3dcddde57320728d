using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Steward.Cni.Plugins.HostLocal;

/// <summary>An IPv4 or IPv6 address as a number, so ranges can be walked and compared.</summary>
internal readonly record struct IpAddr(UInt128 Value, bool V6) : IComparable<IpAddr>
{
    public int Bits => V6 ? 128 : 32;

    public static IpAddr From(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4
            ? new IpAddr(BinaryPrimitives.ReadUInt32BigEndian(bytes), false)
            : new IpAddr(BinaryPrimitives.ReadUInt128BigEndian(bytes), true);
    }

    public static bool TryParse(string? text, out IpAddr addr)
    {
        addr = default;
        if (text is null || !IPAddress.TryParse(text, out var ip))
        {
            return false;
        }
        addr = From(ip);
        return true;
    }

    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        if (V6)
        {
            BinaryPrimitives.WriteUInt128BigEndian(bytes, Value);
            return new IPAddress(bytes);
        }
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)Value);
        return new IPAddress(bytes[..4]);
    }

    public AddressFamily Family => V6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;

    public IpAddr Next() => this with { Value = Value + 1 };

    public UInt128 Mask(int prefix) => prefix == 0 ? UInt128.Zero : (UInt128.MaxValue << (128 - prefix)) >> (128 - Bits);

    public int CompareTo(IpAddr other) => V6 != other.V6 ? V6.CompareTo(other.V6) : Value.CompareTo(other.Value);

    public static bool operator <(IpAddr a, IpAddr b) => a.CompareTo(b) < 0;
    public static bool operator >(IpAddr a, IpAddr b) => a.CompareTo(b) > 0;
    public static bool operator <=(IpAddr a, IpAddr b) => a.CompareTo(b) <= 0;
    public static bool operator >=(IpAddr a, IpAddr b) => a.CompareTo(b) >= 0;

    /// <summary>The textual form the reference plugin uses for file names (Go's net.IP.String()).</summary>
    public override string ToString() => ToIPAddress().ToString();
}
