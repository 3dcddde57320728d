namespace Steward.Cni.Plugins.HostLocal;

/// <summary>One range of a range set: a subnet, the inclusive start/end to allocate from, a gateway.</summary>
internal sealed class IpRange
{
    public required IpAddr Network { get; init; }
    public required int Prefix { get; init; }
    public required IpAddr Start { get; init; }
    public required IpAddr End { get; init; }
    public required IpAddr Gateway { get; init; }

    public string Subnet => $"{Network}/{Prefix}";

    /// <summary>
    /// Parses and fills defaults as the reference does: gateway = network+1, start = network+1,
    /// end = last address before broadcast (IPv4) or the last address (IPv6).
    /// </summary>
    public static IpRange Create(string? subnet, string? rangeStart, string? rangeEnd, string? gateway)
    {
        if (subnet is null || !Steward.Cni.Types.CniIpConfig.TryParseCidr(subnet, out var ip, out var prefix))
        {
            throw Invalid($"invalid subnet \"{subnet}\"");
        }
        var network = IpAddr.From(ip);
        if (prefix > network.Bits - 2)
        {
            throw Invalid($"Network {subnet} too small to allocate from");
        }
        var mask = network.Mask(prefix);
        if ((network.Value & ~mask) != 0)
        {
            throw Invalid($"Network has host bits set. For a subnet mask of length {prefix} the network address is {network with { Value = network.Value & mask }}");
        }
        var hostBits = ~mask & (network.V6 ? UInt128.MaxValue : uint.MaxValue);
        var last = network with { Value = network.Value | hostBits };
        if (!network.V6)
        {
            last = last with { Value = last.Value - 1 };
        }
        var partial = new IpRange { Network = network, Prefix = prefix, Start = network.Next(), End = last, Gateway = network.Next() };
        var gw = gateway is null ? network.Next() : ParseIn(gateway, "gateway", network.V6);
        var start = rangeStart is null ? network.Next() : ParseIn(rangeStart, "rangeStart", network.V6);
        if (rangeStart is not null && !partial.InSubnet(start))
        {
            throw Invalid($"RangeStart {start} not in network {subnet}");
        }
        var end = rangeEnd is null ? last : ParseIn(rangeEnd, "rangeEnd", network.V6);
        if (rangeEnd is not null && (!partial.InSubnet(end) || end < start))
        {
            throw Invalid($"RangeEnd {end} not in network {subnet}");
        }
        return new IpRange { Network = network, Prefix = prefix, Start = start, End = end, Gateway = gw };
    }

    public bool InSubnet(IpAddr addr) => addr.V6 == Network.V6 && (addr.Value & Network.Mask(Prefix)) == Network.Value;

    public bool Contains(IpAddr addr) => InSubnet(addr) && addr >= Start && addr <= End;

    public bool Overlaps(IpRange other) =>
        Network.V6 == other.Network.V6
        && (Contains(other.Start) || Contains(other.End) || other.Contains(Start) || other.Contains(End));

    public override string ToString() => $"{Start}-{End}";

    private static IpAddr ParseIn(string text, string field, bool v6)
    {
        if (!IpAddr.TryParse(text, out var addr))
        {
            throw Invalid($"invalid {field} \"{text}\"");
        }
        if (addr.V6 != v6)
        {
            throw Invalid($"{field} {text} is not in the subnet's address family");
        }
        return addr;
    }

    internal static CniException Invalid(string msg) => new(CniErrorCode.InvalidNetworkConfig, msg);
}

/// <summary>Ranges of one family allocated as one pool: an attachment gets one address per range set.</summary>
internal sealed class RangeSet(IReadOnlyList<IpRange> ranges)
{
    public IReadOnlyList<IpRange> Ranges { get; } = ranges;

    public IpRange? RangeFor(IpAddr addr) => Ranges.FirstOrDefault(r => r.Contains(addr));

    public bool Contains(IpAddr addr) => RangeFor(addr) is not null;

    public bool Overlaps(RangeSet other) => Ranges.Any(r => other.Ranges.Any(r.Overlaps));

    public override string ToString() => string.Join(",", Ranges);
}
