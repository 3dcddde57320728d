using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Steward.Cni.Types;

/// <summary>
/// The ADD result. One model serves every supported version: 1.0.0/1.1.0 as is, 0.3.x/0.4.0 with
/// the per-IP "version" field and without the interface fields that appeared in 1.1.
/// </summary>
public sealed class CniResult
{
    /// <summary>The spec version the result is written in.</summary>
    [JsonPropertyName("cniVersion")] public string? CniVersion { get; set; }
    /// <summary>The interfaces the plugins created or used; null when none are reported.</summary>
    [JsonPropertyName("interfaces")] public List<CniInterface>? Interfaces { get; set; }
    /// <summary>The IP addresses assigned, each pointing into <see cref="Interfaces"/>.</summary>
    [JsonPropertyName("ips")] public List<CniIpConfig>? Ips { get; set; }
    /// <summary>Routes to add in the container.</summary>
    [JsonPropertyName("routes")] public List<CniRoute>? Routes { get; set; }
    /// <summary>DNS settings for the container; null when none.</summary>
    [JsonPropertyName("dns")] public CniDns? Dns { get; set; }

    /// <summary>
    /// Parses a result in any supported version (0.3.0 … 1.1.0). Input is bounded by the caller;
    /// malformed JSON is a decoding failure (6), an unknown version an incompatible-version error (1).
    /// </summary>
    public static CniResult Parse(ReadOnlySpan<byte> json)
    {
        CniResult? result;
        try
        {
            result = CniJson.ReadResult(json);
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCode.DecodingFailure, "cannot decode result", e.Message, e);
        }
        return Checked(result);
    }

    /// <summary>Parses a result already read as JSON, with the same checks as the byte form.</summary>
    public static CniResult Parse(JsonElement element)
    {
        CniResult? result;
        try
        {
            result = CniJson.ReadResult(element);
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCode.DecodingFailure, "cannot decode result", e.Message, e);
        }
        return Checked(result);
    }

    private static CniResult Checked(CniResult? result)
    {
        if (result is null)
        {
            throw new CniException(CniErrorCode.DecodingFailure, "cannot decode result", "null");
        }
        if (result.CniVersion is null || !CniVersions.IsSupported(result.CniVersion))
        {
            throw new CniException(CniErrorCode.IncompatibleVersion, "unsupported result version",
                $"result has cniVersion \"{result.CniVersion}\"; supported: {string.Join(", ", CniVersions.Supported)}");
        }
        result.Validate();
        return result;
    }

    /// <summary>A copy converted to <paramref name="version"/>, the way libcni's converters do it.</summary>
    public CniResult ConvertTo(string version)
    {
        if (!CniVersions.IsSupported(version))
        {
            throw new CniException(CniErrorCode.IncompatibleVersion, "incompatible CNI versions",
                $"cannot convert a result to version \"{version}\"");
        }
        var v1 = CniVersions.IsV1(version);
        return new CniResult
        {
            CniVersion = version,
            Interfaces = Interfaces?.Select(i => new CniInterface
            {
                Name = i.Name,
                Mac = i.Mac,
                Sandbox = i.Sandbox,
                Mtu = v1 ? i.Mtu : null,
                SocketPath = v1 ? i.SocketPath : null,
                PciId = v1 ? i.PciId : null,
            }).ToList(),
            Ips = Ips?.Select(ip => new CniIpConfig
            {
                Version = v1 ? null : ip.Family == AddressFamily.InterNetwork ? "4" : "6",
                Interface = ip.Interface,
                Address = ip.Address,
                Gateway = ip.Gateway,
            }).ToList(),
            Routes = Routes?.Select(r => r with { }).ToList(),
            Dns = Dns is null || Dns.IsEmpty ? null : Dns.Copy(),
        };
    }

    /// <summary>The result as UTF-8 JSON in its own version's shape.</summary>
    public byte[] ToJson(bool indented = true) => CniJson.Write(this, indented);

    private void Validate()
    {
        foreach (var ip in Ips ?? [])
        {
            if (!CniIpConfig.TryParseCidr(ip.Address, out _, out _))
            {
                throw new CniException(CniErrorCode.DecodingFailure, "invalid IP address in result", ip.Address);
            }
            if (ip.Gateway is not null && !IPAddress.TryParse(ip.Gateway, out _))
            {
                throw new CniException(CniErrorCode.DecodingFailure, "invalid gateway in result", ip.Gateway);
            }
            if (ip.Interface is < 0 || ip.Interface >= (Interfaces?.Count ?? 0))
            {
                throw new CniException(CniErrorCode.DecodingFailure, "IP refers to an interface the result does not list",
                    ip.Interface.ToString());
            }
        }
    }
}

/// <summary>An interface of a result.</summary>
public sealed class CniInterface
{
    /// <summary>The interface name.</summary>
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    /// <summary>The MAC address, if the interface has one.</summary>
    [JsonPropertyName("mac")] public string? Mac { get; set; }
    /// <summary>The MTU (CNI 1.1); null when not reported.</summary>
    [JsonPropertyName("mtu")] public int? Mtu { get; set; }
    /// <summary>The network namespace path for container interfaces; null for host interfaces.</summary>
    [JsonPropertyName("sandbox")] public string? Sandbox { get; set; }
    /// <summary>A socket path for userspace interfaces (CNI 1.1); null otherwise.</summary>
    [JsonPropertyName("socketPath")] public string? SocketPath { get; set; }
    /// <summary>The PCI id of a device interface (CNI 1.1); null otherwise.</summary>
    [JsonPropertyName("pciID")] public string? PciId { get; set; }
}

/// <summary>An IP address a result assigns.</summary>
public sealed class CniIpConfig
{
    /// <summary>"4" or "6"; present only in 0.3.x/0.4.0 results.</summary>
    [JsonPropertyName("version")] public string? Version { get; set; }
    /// <summary>The index into the result's interfaces this address is on; null when not tied to one.</summary>
    [JsonPropertyName("interface")] public int? Interface { get; set; }
    /// <summary>Address with prefix length, e.g. "10.1.0.5/16" (host bits kept).</summary>
    [JsonPropertyName("address")] public string Address { get; set; } = "";
    /// <summary>The default gateway for this subnet, if any.</summary>
    [JsonPropertyName("gateway")] public string? Gateway { get; set; }

    /// <summary>IPv4 or IPv6, from <see cref="Address"/>; Unknown when the address is malformed.</summary>
    [JsonIgnore]
    public AddressFamily Family => TryParseCidr(Address, out var ip, out _) ? ip.AddressFamily : AddressFamily.Unknown;

    /// <summary>Splits "addr/len" keeping the host part (IPNetwork.Parse would reject it).</summary>
    public static bool TryParseCidr(string? text, out IPAddress address, out int prefixLength)
    {
        address = IPAddress.None;
        prefixLength = 0;
        if (text is null)
        {
            return false;
        }
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(text.AsSpan(0, slash), out var ip)
            || !int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefixLength))
        {
            return false;
        }
        var max = ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (prefixLength > max)
        {
            return false;
        }
        address = ip;
        return true;
    }
}

/// <summary>A route a result asks for in the container.</summary>
public sealed record CniRoute
{
    /// <summary>The destination network in CIDR form.</summary>
    [JsonPropertyName("dst")] public string Dst { get; init; } = "";
    /// <summary>The next hop; the gateway of the interface when null.</summary>
    [JsonPropertyName("gw")] public string? Gw { get; init; }
    /// <summary>The route MTU (CNI 1.1); null when unset.</summary>
    [JsonPropertyName("mtu")] public int? Mtu { get; init; }
    /// <summary>The advertised MSS (CNI 1.1); null when unset.</summary>
    [JsonPropertyName("advmss")] public int? AdvMss { get; init; }
    /// <summary>The route metric (CNI 1.1); null when unset.</summary>
    [JsonPropertyName("priority")] public int? Priority { get; init; }
    /// <summary>The routing table (CNI 1.1); null for main.</summary>
    [JsonPropertyName("table")] public int? Table { get; init; }
    /// <summary>The route scope (CNI 1.1); null for universe.</summary>
    [JsonPropertyName("scope")] public int? Scope { get; init; }
}

/// <summary>DNS settings of a result, in resolv.conf terms.</summary>
public sealed class CniDns
{
    /// <summary>Name server addresses, in priority order.</summary>
    [JsonPropertyName("nameservers")] public List<string>? Nameservers { get; set; }
    /// <summary>The local domain.</summary>
    [JsonPropertyName("domain")] public string? Domain { get; set; }
    /// <summary>The search domains, in order.</summary>
    [JsonPropertyName("search")] public List<string>? Search { get; set; }
    /// <summary>resolv.conf options, such as "ndots:5".</summary>
    [JsonPropertyName("options")] public List<string>? Options { get; set; }

    /// <summary>True when no field is set; converting a result to another version drops an empty DNS object.</summary>
    [JsonIgnore]
    public bool IsEmpty => (Nameservers?.Count ?? 0) == 0 && string.IsNullOrEmpty(Domain)
        && (Search?.Count ?? 0) == 0 && (Options?.Count ?? 0) == 0;

    /// <summary>A copy whose lists are new lists.</summary>
    public CniDns Copy() => new()
    {
        Nameservers = Nameservers?.ToList(),
        Domain = Domain,
        Search = Search?.ToList(),
        Options = Options?.ToList(),
    };
}
