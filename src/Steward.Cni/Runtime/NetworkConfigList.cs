using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Cni.Types;

namespace Steward.Cni.Runtime;

/// <summary>One plugin entry of a network configuration list.</summary>
public sealed class PluginConfig
{
    /// <summary>The plugin's configuration object as it appears in the list.</summary>
    public required JsonObject Json { get; init; }
    /// <summary>The plugin binary to run (<c>type</c>); empty when missing.</summary>
    public string Type => Json["type"]?.GetValue<string>() ?? "";
    /// <summary>The plugin entry's <c>name</c>, if it has one.</summary>
    public string? Name => Json["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Capabilities the plugin declares with <c>true</c>.</summary>
    public IEnumerable<string> Capabilities =>
        Json["capabilities"] is JsonObject caps
            ? caps.Where(c => c.Value is JsonValue b && b.TryGetValue<bool>(out var on) && on).Select(c => c.Key)
            : [];

    /// <summary>A short description for error messages, such as <c>type="bridge" name="net"</c>.</summary>
    public string Describe() => Name is { Length: > 0 } n ? $"type=\"{Type}\" name=\"{n}\"" : $"type=\"{Type}\"";
}

/// <summary>A network configuration list (.conflist), or a single .conf/.json config wrapped as one.</summary>
public sealed class NetworkConfigList
{
    /// <summary>The largest configuration file read; anything larger is refused.</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>The network name.</summary>
    public required string Name { get; init; }
    /// <summary>The list's cniVersion, given to every plugin.</summary>
    public required string CniVersion { get; init; }
    /// <summary>When true, CHECK is not run for this network.</summary>
    public bool DisableCheck { get; init; }
    /// <summary>When true, GC is not run for this network.</summary>
    public bool DisableGC { get; init; }
    /// <summary>The plugins, in ADD order.</summary>
    public required IReadOnlyList<PluginConfig> Plugins { get; init; }
    /// <summary>The list as loaded; libcni caches exactly these bytes as "config".</summary>
    public required byte[] Bytes { get; init; }

    /// <summary>Parses a .conflist. Plugins listed in files under <c>&lt;dir&gt;/&lt;name&gt;/*.conf</c> are appended
    /// when <paramref name="directory"/> is given and the list does not set loadOnlyInlinedPlugins.</summary>
    public static NetworkConfigList FromBytes(byte[] bytes, string? directory = null)
    {
        var root = ParseObject(bytes, "error parsing configuration list");
        if (root["name"] is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var name))
        {
            throw Invalid(root["name"] is null ? "error parsing configuration list: no name" : "error parsing configuration list: invalid name type");
        }
        var version = root["cniVersion"] switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => throw Invalid("error parsing configuration list: invalid cniVersion type"),
        };
        if (root["cniVersions"] is JsonArray versions)
        {
            // 1.1: the highest listed version this implementation knows wins.
            var known = versions.Select(v => v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : throw Invalid("error parsing configuration list: invalid type in cniVersions"))
                .Append(version)
                .Where(v => v.Length > 0 && CniVersions.TryParse(v, out _) && !CniVersions.AtLeast(v, "1.1.1"))
                .OrderBy(v => v, Comparer<string>.Create((a, b) => CniVersions.Compare(a, b)))
                .ToList();
            if (known.Count > 0)
            {
                version = known[^1];
            }
        }
        var loadOnlyInlined = ReadBool(root, "loadOnlyInlinedPlugins");
        var plugins = new List<PluginConfig>();
        switch (root["plugins"])
        {
            case JsonArray array:
                if (array.Count == 0)
                {
                    throw Invalid("error parsing configuration list: no plugins in list");
                }
                for (var i = 0; i < array.Count; i++)
                {
                    plugins.Add(Plugin(array[i] as JsonObject ?? throw Invalid($"failed to parse plugin config {i}: not an object")));
                }
                break;
            case null when loadOnlyInlined:
                throw Invalid("error parsing configuration list: `loadOnlyInlinedPlugins` is true, and no 'plugins' key");
            case null:
                break;
            default:
                throw Invalid("error parsing configuration list: invalid 'plugins' type");
        }
        if (directory is not null && !loadOnlyInlined)
        {
            var pluginDir = Path.Combine(directory, name);
            if (Directory.Exists(pluginDir))
            {
                foreach (var file in Directory.GetFiles(pluginDir, "*.conf").Order(StringComparer.Ordinal))
                {
                    plugins.Add(Plugin(ParseObject(ReadFile(file), $"error parsing configuration {file}")));
                }
            }
        }
        if (plugins.Count == 0)
        {
            throw Invalid("no plugin configs found");
        }
        return new NetworkConfigList
        {
            Name = name,
            CniVersion = version,
            DisableCheck = ReadBool(root, "disableCheck"),
            DisableGC = ReadBool(root, "disableGC"),
            Plugins = plugins,
            Bytes = bytes,
        };
    }

    /// <summary>Wraps a single-plugin config as a list of one, as libcni's ConfListFromConf does.</summary>
    public static NetworkConfigList FromSingleConfig(byte[] bytes)
    {
        var conf = ParseObject(bytes, "error parsing configuration");
        var plugin = Plugin(conf);
        var list = new JsonObject
        {
            ["name"] = conf["name"]?.DeepClone(),
            ["cniVersion"] = conf["cniVersion"]?.DeepClone(),
            ["plugins"] = new JsonArray(plugin.Json.DeepClone()),
        };
        return FromBytes(JsonSerializer.SerializeToUtf8Bytes(list, CniJsonContext.Default.JsonObject));
    }

    /// <summary>
    /// Finds network <paramref name="name"/> in <paramref name="directory"/>: .conflist files first,
    /// then .conf/.json single configs, each group in file-name order (libcni's LoadNetworkConf).
    /// </summary>
    public static NetworkConfigList Load(string directory, string name)
    {
        var lists = ConfFiles(directory, ".conflist");
        foreach (var file in lists)
        {
            var list = FromBytes(ReadFile(file), directory);
            if (list.Name == name)
            {
                return list;
            }
        }
        var singles = ConfFiles(directory, ".conf", ".json");
        if (singles.Count == 0 && lists.Count == 0)
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, $"no net configurations found in {directory}");
        }
        foreach (var file in singles)
        {
            var bytes = ReadFile(file);
            var conf = ParseObject(bytes, $"error parsing configuration {file}");
            Plugin(conf);
            if (conf["name"] is JsonValue v && v.TryGetValue<string>(out var n) && n == name)
            {
                return FromSingleConfig(bytes);
            }
        }
        throw new CniException(CniErrorCode.InvalidNetworkConfig, $"no net configuration with name \"{name}\" in {directory}");
    }

    private static List<string> ConfFiles(string directory, params string[] extensions)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }
        return Directory.EnumerateFiles(directory)
            .Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static PluginConfig Plugin(JsonObject json)
    {
        if (json["type"] is not JsonValue t || !t.TryGetValue<string>(out var type) || type.Length == 0)
        {
            throw Invalid("error parsing configuration: missing 'type'");
        }
        return new PluginConfig { Json = json };
    }

    private static bool ReadBool(JsonObject root, string key) => root[key] switch
    {
        null => false,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) && s.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        JsonValue v when v.TryGetValue<string>(out var s) && s.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        var other => throw Invalid($"error parsing configuration list: invalid value {other.ToJsonString()} for {key}"),
    };

    internal static JsonObject ParseObject(byte[] bytes, string context)
    {
        try
        {
            return JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) as JsonObject
                ?? throw new CniException(CniErrorCode.DecodingFailure, $"{context}: not a JSON object");
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCode.DecodingFailure, $"{context}: {e.Message}", null, e);
        }
    }

    private static byte[] ReadFile(string path)
    {
        try
        {
            if (new FileInfo(path).Length > MaxFileBytes)
            {
                throw new CniException(CniErrorCode.InvalidNetworkConfig, $"{path} is larger than {MaxFileBytes} bytes");
            }
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CniException(CniErrorCode.IoFailure, $"error reading {path}", e.Message, e);
        }
    }

    private static CniException Invalid(string msg) => new(CniErrorCode.InvalidNetworkConfig, msg);
}
