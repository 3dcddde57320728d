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
    [JsonPropertyName("cniVersion")] public string? CniVersion { get; set; }
    [JsonPropertyName("interfaces")] public List<CniInterface>? Interfaces { get; set; }
    [JsonPropertyName("ips")] public List<CniIpConfig>? Ips { get; set; }
    [JsonPropertyName("routes")] public List<CniRoute>? Routes { get; set; }
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

public sealed class CniInterface
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("mac")] public string? Mac { get; set; }
    [JsonPropertyName("mtu")] public int? Mtu { get; set; }
    [JsonPropertyName("sandbox")] public string? Sandbox { get; set; }
    [JsonPropertyName("socketPath")] public string? SocketPath { get; set; }
    [JsonPropertyName("pciID")] public string? PciId { get; set; }
}

public sealed class CniIpConfig
{
    /// <summary>"4" or "6"; present only in 0.3.x/0.4.0 results.</summary>
    [JsonPropertyName("version")] public string? Version { get; set; }
    [JsonPropertyName("interface")] public int? Interface { get; set; }
    /// <summary>Address with prefix length, e.g. "10.1.0.5/16" (host bits kept).</summary>
    [JsonPropertyName("address")] public string Address { get; set; } = "";
    [JsonPropertyName("gateway")] public string? Gateway { get; set; }

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

public sealed record CniRoute
{
    [JsonPropertyName("dst")] public string Dst { get; init; } = "";
    [JsonPropertyName("gw")] public string? Gw { get; init; }
    [JsonPropertyName("mtu")] public int? Mtu { get; init; }
    [JsonPropertyName("advmss")] public int? AdvMss { get; init; }
    [JsonPropertyName("priority")] public int? Priority { get; init; }
    [JsonPropertyName("table")] public int? Table { get; init; }
    [JsonPropertyName("scope")] public int? Scope { get; init; }
}

public sealed class CniDns
{
    [JsonPropertyName("nameservers")] public List<string>? Nameservers { get; set; }
    [JsonPropertyName("domain")] public string? Domain { get; set; }
    [JsonPropertyName("search")] public List<string>? Search { get; set; }
    [JsonPropertyName("options")] public List<string>? Options { get; set; }

    [JsonIgnore]
    public bool IsEmpty => (Nameservers?.Count ?? 0) == 0 && string.IsNullOrEmpty(Domain)
        && (Search?.Count ?? 0) == 0 && (Options?.Count ?? 0) == 0;

    public CniDns Copy() => new()
    {
        Nameservers = Nameservers?.ToList(),
        Domain = Domain,
        Search = Search?.ToList(),
        Options = Options?.ToList(),
    };
}
