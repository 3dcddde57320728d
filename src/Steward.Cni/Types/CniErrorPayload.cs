using System.Text.Json.Serialization;

namespace Steward.Cni;

/// <summary>The spec's error object. libcni's plugins omit cniVersion; both forms are read.</summary>
public sealed class CniErrorPayload
{
    [JsonPropertyName("cniVersion")] public string? CniVersion { get; set; }
    [JsonPropertyName("code")] public uint Code { get; set; }
    [JsonPropertyName("msg")] public string Msg { get; set; } = "";
    [JsonPropertyName("details")] public string? Details { get; set; }

    public byte[] ToJson() => Types.CniJson.Write(this);
}

/// <summary>The VERSION command's answer.</summary>
public sealed class CniVersionInfo
{
    [JsonPropertyName("cniVersion")] public string CniVersion { get; set; } = CniVersions.Current;
    [JsonPropertyName("supportedVersions")] public List<string> SupportedVersions { get; set; } = [];
}
