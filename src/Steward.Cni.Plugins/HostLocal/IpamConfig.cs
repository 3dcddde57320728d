using System.Text.Json.Nodes;
using Steward.Cni.Skel;
using Steward.Cni.Types;

namespace Steward.Cni.Plugins.HostLocal;

/// <summary>host-local's "ipam" section, with the reference plugin's merging rules: the flat
/// subnet/rangeStart/rangeEnd/gateway form becomes the first range set, runtimeConfig.ipRanges
/// come before the configured ones, and requested IPs come from CNI_ARGS "IP", args.cni.ips and
/// runtimeConfig.ips.</summary>
internal sealed class IpamConfig
{
    public required string Name { get; init; }
    public required IReadOnlyList<RangeSet> RangeSets { get; init; }
    public required IReadOnlyList<CniRoute> Routes { get; init; }
    public string? DataDir { get; init; }
    public string? ResolvConf { get; init; }
    public required IReadOnlyList<IpAddr> RequestedIps { get; init; }

    public static IpamConfig Load(CniRequest request)
    {
        var conf = request.Config;
        if (conf.Ipam is not { } ipam)
        {
            throw Invalid("IPAM config missing 'ipam' key");
        }
        var requested = new List<IpAddr>();
        var ignoreUnknown = false;
        foreach (var (k, v) in request.Args)
        {
            if (k == "IgnoreUnknown")
            {
                ignoreUnknown = v is "1" or "true" or "True" or "TRUE";
            }
        }
        var unknown = new List<string>();
        foreach (var (k, v) in request.Args)
        {
            if (k == "IP")
            {
                requested.Add(ParseIp(v, "CNI_ARGS IP"));
            }
            else if (k != "IgnoreUnknown")
            {
                unknown.Add(k);
            }
        }
        if (unknown.Count > 0 && !ignoreUnknown)
        {
            throw new CniException(CniErrorCode.InvalidEnvironment, $"ARGS: unknown args [{string.Join(" ", unknown.Select(u => $"\"{u}\""))}]");
        }
        if (conf.Args?["cni"]?["ips"] is JsonArray argIps)
        {
            requested.AddRange(argIps.Select(n => ParseIp(AsString(n, "args.cni.ips"), "args.cni.ips")));
        }
        if (conf.RuntimeConfig?["ips"] is JsonArray rtIps)
        {
            requested.AddRange(rtIps.Select(n => ParseIp(AsString(n, "runtimeConfig.ips"), "runtimeConfig.ips")));
        }

        var sets = new List<RangeSet>();
        if (conf.RuntimeConfig?["ipRanges"] is JsonArray rtRanges)
        {
            sets.AddRange(ParseSets(rtRanges, "runtimeConfig.ipRanges"));
        }
        if (Str(ipam, "subnet") is { Length: > 0 } subnet)
        {
            sets.Add(new RangeSet([IpRange.Create(subnet, Str(ipam, "rangeStart"), Str(ipam, "rangeEnd"), Str(ipam, "gateway"))]));
        }
        if (ipam["ranges"] is JsonArray ranges)
        {
            sets.AddRange(ParseSets(ranges, "ranges"));
        }
        else if (ipam["ranges"] is not null)
        {
            throw Invalid("ipam.ranges must be an array of range sets");
        }
        if (sets.Count == 0)
        {
            throw Invalid("no IP ranges specified");
        }
        for (var i = 0; i < sets.Count; i++)
        {
            for (var j = i + 1; j < sets.Count; j++)
            {
                if (sets[i].Overlaps(sets[j]))
                {
                    throw Invalid($"range set {i} overlaps with {j}");
                }
            }
        }

        var routes = new List<CniRoute>();
        if (ipam["routes"] is JsonArray routeArray)
        {
            foreach (var r in routeArray)
            {
                if (r is not JsonObject ro || Str(ro, "dst") is not { } dst || !CniIpConfig.TryParseCidr(dst, out _, out _))
                {
                    throw Invalid($"invalid route {r?.ToJsonString()}");
                }
                var gw = Str(ro, "gw");
                if (gw is not null && !IpAddr.TryParse(gw, out _))
                {
                    throw Invalid($"invalid route gateway \"{gw}\"");
                }
                routes.Add(new CniRoute { Dst = dst, Gw = gw });
            }
        }

        return new IpamConfig
        {
            Name = conf.Name,
            RangeSets = sets,
            Routes = routes,
            DataDir = Str(ipam, "dataDir"),
            ResolvConf = Str(ipam, "resolvConf"),
            RequestedIps = requested,
        };
    }

    private static IEnumerable<RangeSet> ParseSets(JsonArray array, string where)
    {
        var index = 0;
        foreach (var setNode in array)
        {
            if (setNode is not JsonArray set || set.Count == 0)
            {
                throw Invalid($"invalid range set {index} in {where}: must be a non-empty array of ranges");
            }
            var ranges = new List<IpRange>();
            foreach (var r in set)
            {
                if (r is not JsonObject ro)
                {
                    throw Invalid($"invalid range in set {index} of {where}");
                }
                ranges.Add(IpRange.Create(Str(ro, "subnet"), Str(ro, "rangeStart"), Str(ro, "rangeEnd"), Str(ro, "gateway")));
            }
            if (ranges.Any(r => r.Network.V6 != ranges[0].Network.V6))
            {
                throw Invalid($"invalid range set {index}: mixed address families");
            }
            for (var i = 0; i < ranges.Count; i++)
            {
                for (var j = i + 1; j < ranges.Count; j++)
                {
                    if (ranges[i].Overlaps(ranges[j]))
                    {
                        throw Invalid($"invalid range set {index}: subnets {ranges[i]} and {ranges[j]} overlap");
                    }
                }
            }
            index++;
            yield return new RangeSet(ranges);
        }
    }

    private static IpAddr ParseIp(string text, string where)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (!IpAddr.TryParse(slash < 0 ? text : text[..slash], out var ip))
        {
            throw Invalid($"cannot understand ip \"{text}\" in {where}");
        }
        return ip;
    }

    private static string AsString(JsonNode? node, string where) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Invalid($"{where} must hold strings");

    private static string? Str(JsonObject o, string key) => o[key] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        var other => throw Invalid($"\"{key}\" must be a string, not {other.ToJsonString()}"),
    };

    private static CniException Invalid(string msg) => new(CniErrorCode.InvalidNetworkConfig, msg);
}
