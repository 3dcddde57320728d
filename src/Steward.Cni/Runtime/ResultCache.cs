using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Cni.Types;

namespace Steward.Cni.Runtime;

/// <summary>A cached attachment as libcni records it.</summary>
public sealed record CachedAttachment(
    string ContainerId, string Network, string IfName, byte[] Config, string NetNs,
    IReadOnlyList<KeyValuePair<string, string>> Args, JsonObject? CapabilityArgs, JsonObject? Result);

/// <summary>
/// libcni's result cache, byte-compatible: <c>&lt;cacheDir&gt;/results/&lt;network&gt;-&lt;containerID&gt;-&lt;ifname&gt;</c>
/// holding <c>{"kind":"cniCacheV1","containerId","config"(base64),"ifName","networkName","netns",
/// "cniArgs","capabilityArgs","result"}</c>, directory 0700, files 0600.
/// </summary>
public sealed class ResultCache(string cacheDir)
{
    /// <summary>libcni's default cache directory.</summary>
    public const string DefaultDir = "/var/lib/cni";
    /// <summary>The <c>kind</c> value of libcni's cache files.</summary>
    public const string Kind = "cniCacheV1";
    private const long MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>The directory result files live in.</summary>
    public string Directory { get; } = Path.Combine(cacheDir, "results");

    /// <summary>The cache file of one attachment; the network, container id and interface name must all be set.</summary>
    public string FilePath(string network, RuntimeConf rt)
    {
        if (network.Length == 0 || rt.ContainerId.Length == 0 || rt.IfName.Length == 0)
        {
            throw new CniException(CniErrorCode.InvalidEnvironment,
                $"cache file path requires network name (\"{network}\"), container ID (\"{rt.ContainerId}\"), and interface name (\"{rt.IfName}\")");
        }
        return Path.Combine(Directory, $"{network}-{rt.ContainerId}-{rt.IfName}");
    }

    /// <summary>Writes the cache file for an attachment: its result and the configuration it was made with.</summary>
    public void Add(CniResult? result, byte[] config, string network, RuntimeConf rt)
    {
        var cached = new JsonObject
        {
            ["kind"] = Kind,
            ["containerId"] = rt.ContainerId,
            ["config"] = Convert.ToBase64String(config),
            ["ifName"] = rt.IfName,
            ["networkName"] = network,
        };
        if (rt.NetNs.Length > 0)
        {
            cached["netns"] = rt.NetNs;
        }
        if (rt.Args.Count > 0)
        {
            cached["cniArgs"] = new JsonArray(rt.Args.Select(a => (JsonNode)new JsonArray(a.Key, a.Value)).ToArray());
        }
        if (rt.CapabilityArgs is { Count: > 0 })
        {
            cached["capabilityArgs"] = rt.CapabilityArgs.DeepClone();
        }
        if (result is not null)
        {
            cached["result"] = JsonNode.Parse(result.ToJson(indented: false));
        }
        var path = FilePath(network, rt);
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var tmp = path + ".tmp";
            using (var f = new FileStream(tmp, FileMode.Create, FileAccess.Write))
            {
                if (!OperatingSystem.IsWindows())
                {
                    // Results can name addresses and namespaces: owner-only, as libcni writes them.
                    File.SetUnixFileMode(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                    File.SetUnixFileMode(f.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
                f.Write(JsonSerializer.SerializeToUtf8Bytes(cached, CniJsonContext.Default.JsonObject));
            }
            File.Move(tmp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CniException(CniErrorCode.IoFailure, $"failed to set network \"{network}\" cached result", e.Message, e);
        }
    }

    /// <summary>Removes the cache file of an attachment; a missing file is not an error.</summary>
    public void Delete(string network, RuntimeConf rt)
    {
        try
        {
            File.Delete(FilePath(network, rt));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CniException)
        {
            // libcni ignores a failed cache removal too; the attachment itself is gone.
        }
    }

    /// <summary>The cached result converted to <paramref name="version"/>, or null when none is cached.</summary>
    public CniResult? GetResult(string network, string version, RuntimeConf rt)
    {
        var bytes = Read(FilePath(network, rt));
        if (bytes is null)
        {
            return null;
        }
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(bytes) as JsonObject;
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCode.DecodingFailure, $"failed to unmarshal cached network \"{network}\" result", e.Message, e);
        }
        // Before cniCacheV1 the file held the bare result.
        var resultNode = root?["kind"]?.GetValue<string>() == Kind ? root["result"] as JsonObject : root;
        if (resultNode is null)
        {
            return null;
        }
        var result = CniResult.Parse(JsonSerializer.SerializeToUtf8Bytes(resultNode, CniJsonContext.Default.JsonObject));
        return result.ConvertTo(version);
    }

    /// <summary>Every cached attachment, optionally of one container, in file-name order.</summary>
    public List<CachedAttachment> Attachments(string? containerId = null)
    {
        var list = new List<CachedAttachment>();
        if (!System.IO.Directory.Exists(Directory))
        {
            return list;
        }
        foreach (var file in System.IO.Directory.GetFiles(Directory).Order(StringComparer.Ordinal))
        {
            if (containerId is { Length: > 0 } && !Path.GetFileName(file).Contains($"-{containerId}-", StringComparison.Ordinal))
            {
                continue;
            }
            var bytes = Read(file);
            if (bytes is null)
            {
                continue;
            }
            try
            {
                if (JsonNode.Parse(bytes) is not JsonObject o || o["kind"]?.GetValue<string>() != Kind)
                {
                    continue;
                }
                var id = o["containerId"]?.GetValue<string>() ?? "";
                var ifName = o["ifName"]?.GetValue<string>() ?? "";
                var net = o["networkName"]?.GetValue<string>() ?? "";
                if ((containerId is { Length: > 0 } && id != containerId) || ifName.Length == 0 || net.Length == 0)
                {
                    continue;
                }
                var args = (o["cniArgs"] as JsonArray)?.Select(p => new KeyValuePair<string, string>(
                    p?[0]?.GetValue<string>() ?? "", p?[1]?.GetValue<string>() ?? "")).ToList() ?? [];
                list.Add(new CachedAttachment(id, net, ifName,
                    o["config"] is JsonValue c ? Convert.FromBase64String(c.GetValue<string>()) : [],
                    o["netns"]?.GetValue<string>() ?? "", args,
                    o["capabilityArgs"]?.DeepClone() as JsonObject, o["result"]?.DeepClone() as JsonObject));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
            {
                // A foreign or corrupt file is skipped, as libcni does.
            }
        }
        return list;
    }

    private static byte[]? Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxFileBytes)
            {
                return null;
            }
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
