using System.Text.Json;
using System.Text.Json.Nodes;

namespace Steward.Cni.Types;

/// <summary>
/// The fields of a plugin's network configuration that every plugin shares (spec, "Plugin
/// configuration objects"). The whole object stays available as <see cref="Json"/> so a plugin
/// reads its own keys from it.
/// </summary>
public sealed class NetConf
{
    /// <summary>Config on stdin is bounded: a runtime never legitimately sends more.</summary>
    public const int MaxConfigBytes = 4 * 1024 * 1024;

    /// <summary>The whole configuration object.</summary>
    public required JsonObject Json { get; init; }
    /// <summary>The configuration's cniVersion; null when missing.</summary>
    public string? CniVersion { get; init; }
    /// <summary>The network name.</summary>
    public string Name { get; init; } = "";
    /// <summary>The plugin type (the binary name).</summary>
    public string Type { get; init; } = "";
    /// <summary><c>ipam.type</c>: the IPAM plugin to delegate to; null when there is no IPAM section.</summary>
    public string? IpamType { get; init; }
    /// <summary>The <c>ipam</c> section; null when missing.</summary>
    public JsonObject? Ipam => Json["ipam"] as JsonObject;
    /// <summary>The <c>runtimeConfig</c> the runtime filled from capability arguments; null when none.</summary>
    public JsonObject? RuntimeConfig => Json["runtimeConfig"] as JsonObject;
    /// <summary>The <c>args</c> section; null when missing.</summary>
    public JsonObject? Args => Json["args"] as JsonObject;
    /// <summary>The previous plugin's result in a chain, unparsed; null for the first plugin.</summary>
    public JsonNode? RawPrevResult => Json["prevResult"];

    /// <summary>Parses and checks the shared fields. Malformed JSON → 6, bad values → 7.</summary>
    public static NetConf Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxConfigBytes)
        {
            throw new CniException(CniErrorCode.DecodingFailure, "network config too large", $"{utf8.Length} bytes");
        }
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCode.DecodingFailure, "error unmarshalling network config", e.Message, e);
        }
        if (node is not JsonObject obj)
        {
            throw new CniException(CniErrorCode.DecodingFailure, "error unmarshalling network config", "not a JSON object");
        }
        return new NetConf
        {
            Json = obj,
            CniVersion = GetString(obj, "cniVersion"),
            Name = GetString(obj, "name") ?? "",
            Type = GetString(obj, "type") ?? "",
            IpamType = obj["ipam"] is JsonObject ipam ? GetString(ipam, "type") : null,
        };
    }

    /// <summary>The previous plugin's result, converted to the current version; null when absent.</summary>
    public CniResult? PrevResult()
    {
        if (RawPrevResult is null)
        {
            return null;
        }
        if (RawPrevResult is not JsonObject prev)
        {
            throw new CniException(CniErrorCode.DecodingFailure, "could not parse prevResult", "not a JSON object");
        }
        // The prevResult is written in the config's version and need not repeat it.
        var copy = prev.DeepClone().AsObject();
        copy["cniVersion"] ??= CniVersion;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(copy, CniJsonContext.Default.JsonObject);
        return CniResult.Parse(bytes).ConvertTo(CniVersions.Current);
    }

    /// <summary>The attachments a GC keeps: <c>cni.dev/valid-attachments</c> (or the spec's alias).</summary>
    public IReadOnlyList<GcAttachment> ValidAttachments()
    {
        var node = Json["cni.dev/valid-attachments"] ?? Json["cni.dev/attachments"];
        if (node is null)
        {
            return [];
        }
        if (node is not JsonArray array)
        {
            throw new CniException(CniErrorCode.DecodingFailure, "cni.dev/valid-attachments must be an array");
        }
        var list = new List<GcAttachment>(array.Count);
        foreach (var item in array)
        {
            if (item is not JsonObject o || GetString(o, "containerID") is not { } id || GetString(o, "ifname") is not { } ifname)
            {
                throw new CniException(CniErrorCode.DecodingFailure, "invalid entry in cni.dev/valid-attachments",
                    item?.ToJsonString());
            }
            list.Add(new GcAttachment(id, ifname));
        }
        return list;
    }

    internal static string? GetString(JsonObject obj, string key)
    {
        var node = obj[key];
        if (node is null)
        {
            return null;
        }
        if (node is JsonValue v && v.TryGetValue<string>(out var s))
        {
            return s;
        }
        throw new CniException(CniErrorCode.DecodingFailure, $"field \"{key}\" must be a string", node.ToJsonString());
    }
}

/// <summary>One attachment a runtime still uses, as listed for GC.</summary>
public readonly record struct GcAttachment(string ContainerId, string IfName);
