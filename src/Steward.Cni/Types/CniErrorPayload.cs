using System.Text.Json.Serialization;

namespace Steward.Cni;

/// <summary>The spec's error object. libcni's plugins omit cniVersion; both forms are read.</summary>
public sealed class CniErrorPayload
{
    /// <summary>The spec version the error is written in; libcni's plugins leave it out.</summary>
    [JsonPropertyName("cniVersion")] public string? CniVersion { get; set; }
    /// <summary>The error code, see <see cref="CniErrorCode"/>.</summary>
    [JsonPropertyName("code")] public uint Code { get; set; }
    /// <summary>The short message.</summary>
    [JsonPropertyName("msg")] public string Msg { get; set; } = "";
    /// <summary>The longer explanation, if any.</summary>
    [JsonPropertyName("details")] public string? Details { get; set; }

    /// <summary>The error as the JSON a plugin prints on stdout.</summary>
    public byte[] ToJson() => Types.CniJson.Write(this);
}

/// <summary>The VERSION command's answer.</summary>
public sealed class CniVersionInfo
{
    /// <summary>The version the answer is written in.</summary>
    [JsonPropertyName("cniVersion")] public string CniVersion { get; set; } = CniVersions.Current;
    /// <summary>Every spec version the plugin supports.</summary>
    [JsonPropertyName("supportedVersions")] public List<string> SupportedVersions { get; set; } = [];
}
