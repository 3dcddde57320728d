using System.Net.NetworkInformation;
using System.Text.Json.Nodes;
using Steward.Cni.Skel;
using Steward.Cni.Types;

namespace Steward.Cni.Plugins.Bridge;

/// <summary>The bridge plugin's keys, with the reference plugin's names, defaults and checks.</summary>
internal sealed class BridgeConfig
{
    public const string DefaultBridgeName = "cni0";

    public required string Name { get; init; }
    public string BridgeName { get; init; } = DefaultBridgeName;
    public bool IsGateway { get; init; }
    public bool IsDefaultGateway { get; init; }
    public bool ForceAddress { get; init; }
    public bool IpMasq { get; init; }
    public int Mtu { get; init; }
    public bool HairpinMode { get; init; }
    public bool PromiscMode { get; init; }
    public int Vlan { get; init; }
    public bool MacSpoofCheck { get; init; }
    public bool EnableDad { get; init; }
    /// <summary>The container end's MAC from CNI_ARGS MAC=, args.cni.mac or runtimeConfig.mac.</summary>
    public PhysicalAddress? Mac { get; init; }
    public string? IpamType { get; init; }
    public CniDns? Dns { get; init; }

    public bool IsLayer3 => !string.IsNullOrEmpty(IpamType);

    public static BridgeConfig Load(CniRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var json = request.Config.Json;
        var vlan = Int(json, "vlan");
        if (vlan is < 0 or > 4094)
        {
            throw Invalid($"invalid VLAN ID {vlan} (must be between 0 and 4094)");
        }

        var mtu = Int(json, "mtu");
        if (mtu < 0)
        {
            throw Invalid($"invalid MTU {mtu}");
        }

        var bridgeName = Str(json, "bridge") is { Length: > 0 } b ? b : DefaultBridgeName;
        try
        {
            Validation.InterfaceName(bridgeName);
        }
        catch (CniException e)
        {
            throw Invalid($"invalid bridge name \"{bridgeName}\": {e.Msg}");
        }
        var isDefaultGateway = Bool(json, "isDefaultGateway");
        var config = new BridgeConfig
        {
            Name = request.Config.Name,
            BridgeName = bridgeName,
            IsDefaultGateway = isDefaultGateway,
            // A default gateway must be a gateway, as in the reference plugin.
            IsGateway = Bool(json, "isGateway") || isDefaultGateway,
            ForceAddress = Bool(json, "forceAddress"),
            IpMasq = Bool(json, "ipMasq"),
            Mtu = mtu,
            HairpinMode = Bool(json, "hairpinMode"),
            PromiscMode = Bool(json, "promiscMode"),
            Vlan = vlan,
            MacSpoofCheck = Bool(json, "macspoofchk"),
            EnableDad = Bool(json, "enabledad"),
            Mac = ParseMac(request),
            IpamType = request.Config.IpamType,
            Dns = ParseDns(json),
        };
        if (config.HairpinMode && config.PromiscMode)
        {
            throw Invalid("cannot set hairpin mode and promiscuous mode at the same time");
        }

        var backend = Str(json, "ipMasqBackend");
        if (backend is not (null or "" or "iptables"))
        {
            throw new CniException(CniErrorCode.UnsupportedField, $"ipMasqBackend \"{backend}\" is not supported", "this plugin masquerades with iptables");
        }

        return config;
    }

    private static PhysicalAddress? ParseMac(CniRequest request)
    {
        // Precedence as in the reference plugin: CNI_ARGS, then args.cni.mac, then runtimeConfig.mac (last one set wins).
        string? text = request.Arg("MAC");
        if (request.Config.Args?["cni"] is JsonObject cni && Str(cni, "mac") is { Length: > 0 } argMac)
        {
            text = argMac;
        }

        if (request.Config.RuntimeConfig is { } rc && Str(rc, "mac") is { Length: > 0 } rcMac)
        {
            text = rcMac;
        }

        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            var mac = PhysicalAddress.Parse(text.Replace(':', '-'));
            if (mac.GetAddressBytes().Length != 6)
            {
                throw new FormatException();
            }

            return mac;
        }
        catch (FormatException)
        {
            throw Invalid($"invalid MAC address \"{text}\"");
        }
    }

    private static CniDns? ParseDns(JsonObject json)
    {
        if (json["dns"] is not JsonObject dns)
        {
            return null;
        }

        var result = new CniDns
        {
            Nameservers = Strings(dns, "nameservers"),
            Domain = Str(dns, "domain"),
            Search = Strings(dns, "search"),
            Options = Strings(dns, "options"),
        };
        return result.IsEmpty ? null : result;
    }

    private static List<string>? Strings(JsonObject obj, string key) =>
        obj[key] is JsonArray a ? a.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Invalid($"\"{key}\" must hold strings")).ToList() : null;

    private static string? Str(JsonObject obj, string key) => obj[key] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw Invalid($"\"{key}\" must be a string"),
    };

    private static bool Bool(JsonObject obj, string key) => obj[key] switch
    {
        null => false,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        _ => throw Invalid($"\"{key}\" must be true or false"),
    };

    private static int Int(JsonObject obj, string key) => obj[key] switch
    {
        null => 0,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<double>(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue => (int)d,
        _ => throw Invalid($"\"{key}\" must be an integer"),
    };

    private static CniException Invalid(string message) => new(CniErrorCode.InvalidNetworkConfig, message);
}
