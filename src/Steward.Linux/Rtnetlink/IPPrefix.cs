using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Steward.Linux.Rtnetlink;

/// <summary>
/// An address with a prefix length, host bits allowed ("10.244.1.5/24" — an interface address),
/// unlike <see cref="IPNetwork"/> which insists on a network address.
/// </summary>
public readonly record struct IPPrefix
{
    /// <summary>Pairs <paramref name="address"/> with <paramref name="prefixLength"/>; the length must fit the family (0–32 or 0–128).</summary>
    public IPPrefix(IPAddress address, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(address);
        var max = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32;
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, max);
        Address = address;
        PrefixLength = prefixLength;
    }

    /// <summary>The address, host bits kept.</summary>
    public IPAddress Address { get; }
    /// <summary>The number of leading network bits.</summary>
    public int PrefixLength { get; }
    /// <summary>True for an IPv6 address.</summary>
    public bool IsIPv6 => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
    /// <summary>The netlink address family, AF_INET or AF_INET6.</summary>
    public byte Family => IsIPv6 ? Netlink.AddressFamily.Inet6 : Netlink.AddressFamily.Inet;

    /// <summary>The network this address is in (host bits cleared).</summary>
    public IPNetwork Network
    {
        get
        {
            Span<byte> bytes = stackalloc byte[16];
            Address.TryWriteBytes(bytes, out var n);
            bytes = bytes[..n];
            for (var i = 0; i < n; i++)
            {
                var keep = Math.Clamp(PrefixLength - i * 8, 0, 8);
                bytes[i] &= (byte)(0xff << (8 - keep));
            }
            return new IPNetwork(new IPAddress(bytes), PrefixLength);
        }
    }

    /// <summary>Parses "address/length"; throws a <see cref="FormatException"/> when the text is not one.</summary>
    public static IPPrefix Parse(string text) =>
        TryParse(text, out var p) ? p : throw new FormatException($"'{text}' is not an address/prefix");

    /// <summary>Parses "address/length"; returns false when the text is not one or the length does not fit the family.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out IPPrefix prefix)
    {
        prefix = default;
        if (text is null)
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(text.AsSpan(0, slash), out var address)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return false;
        }

        if (length > (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32))
        {
            return false;
        }

        prefix = new IPPrefix(address, length);
        return true;
    }

    /// <summary>"address/length", as <c>ip addr</c> prints it.</summary>
    public override string ToString() => $"{Address}/{PrefixLength}";
}
