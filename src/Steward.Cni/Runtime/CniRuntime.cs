using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Cni.Invoke;
using Steward.Cni.Types;

namespace Steward.Cni.Runtime;

/// <summary>
/// The runtime side (libcni's CNIConfig): runs a network configuration list's plugins for an
/// attachment — ADD in order feeding each the previous result, DEL in reverse with the cached
/// result — and keeps libcni's result cache so either tool can pick up the other's attachments.
/// </summary>
public sealed class CniRuntime(IReadOnlyList<string> pluginPath, string? cacheDir = null)
{
    /// <summary>The directories searched for plugin binaries, in order (CNI_PATH).</summary>
    public IReadOnlyList<string> PluginPath { get; } = pluginPath;
    /// <summary>The result cache ADD writes and CHECK and DEL read.</summary>
    public ResultCache Cache { get; } = new(cacheDir ?? ResultCache.DefaultDir);
    /// <summary>The environment plugins inherit (besides CNI_*); the process environment by default.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = Skel.CniPluginHost.ProcessEnvironment();
    /// <summary>Where plugins' stderr goes on success.</summary>
    public TextWriter? Stderr { get; init; } = Console.Error;

    /// <summary>Runs ADD for every plugin of <paramref name="list"/> in order, each given the previous result, caches the final result and returns it.</summary>
    public CniResult? AddNetworkList(NetworkConfigList list, RuntimeConf rt, CancellationToken cancellationToken = default)
    {
        Validation.ContainerId(rt.ContainerId);
        Validation.NetworkName(list.Name);
        Validation.InterfaceName(rt.IfName);
        CniResult? result = null;
        foreach (var plugin in list.Plugins)
        {
            try
            {
                var stdin = BuildConfig(list, plugin, result, rt);
                var stdout = PluginExec.Run(Find(plugin), Env("ADD", rt), stdin, Stderr, cancellationToken);
                result = CniResult.Parse(stdout);
            }
            catch (CniException e)
            {
                throw Wrap(e, plugin, "add");
            }
        }
        result = result?.ConvertTo(list.CniVersion);
        Cache.Add(result, list.Bytes, list.Name, rt);
        return result;
    }

    /// <summary>Runs CHECK for every plugin of <paramref name="list"/> with the cached result; does nothing when the list disables CHECK.</summary>
    public void CheckNetworkList(NetworkConfigList list, RuntimeConf rt, CancellationToken cancellationToken = default)
    {
        if (!CniVersions.AtLeast(list.CniVersion, "0.4.0"))
        {
            throw new CniException(CniErrorCode.IncompatibleVersion, $"configuration version \"{list.CniVersion}\" does not support the CHECK command");
        }
        if (list.DisableCheck)
        {
            return;
        }
        var cached = Cache.GetResult(list.Name, list.CniVersion, rt);
        foreach (var plugin in list.Plugins)
        {
            try
            {
                PluginExec.Run(Find(plugin), Env("CHECK", rt), BuildConfig(list, plugin, cached, rt), Stderr, cancellationToken);
            }
            catch (CniException e)
            {
                throw Wrap(e, plugin, "check");
            }
        }
    }

    /// <summary>Runs DEL for the plugins of <paramref name="list"/> in reverse with the cached result, then drops the cache entry.</summary>
    public void DelNetworkList(NetworkConfigList list, RuntimeConf rt, CancellationToken cancellationToken = default)
    {
        CniResult? cached = null;
        if (CniVersions.AtLeast(list.CniVersion, "0.4.0"))
        {
            try
            {
                cached = Cache.GetResult(list.Name, list.CniVersion, rt);
            }
            catch (CniException)
            {
                Cache.Delete(list.Name, rt);
            }
        }
        for (var i = list.Plugins.Count - 1; i >= 0; i--)
        {
            var plugin = list.Plugins[i];
            try
            {
                PluginExec.Run(Find(plugin), Env("DEL", rt), BuildConfig(list, plugin, cached, rt), Stderr, cancellationToken);
            }
            catch (CniException e)
            {
                throw Wrap(e, plugin, "delete");
            }
        }
        Cache.Delete(list.Name, rt);
    }

    /// <summary>STATUS for every plugin (1.1.0 lists only); the first failure is returned with its code.</summary>
    public void StatusNetworkList(NetworkConfigList list, CancellationToken cancellationToken = default)
    {
        if (!CniVersions.AtLeast(list.CniVersion, "1.1.0"))
        {
            return;
        }
        foreach (var plugin in list.Plugins)
        {
            var stdin = Inject(plugin.Json, list, null);
            PluginExec.Run(Find(plugin), Env("STATUS", null), stdin, Stderr, cancellationToken);
        }
    }

    /// <summary>
    /// GC: DEL every cached attachment of the network that is not in <paramref name="valid"/>, then (1.1.0)
    /// send GC to each plugin with <c>cni.dev/valid-attachments</c>. A null list means "none given".
    /// </summary>
    public void GcNetworkList(NetworkConfigList list, IReadOnlyList<GcAttachment>? valid, CancellationToken cancellationToken = default)
    {
        if (list.DisableGC)
        {
            return;
        }
        var keep = valid?.ToHashSet() ?? [];
        var errors = new List<CniException>();
        foreach (var a in Cache.Attachments())
        {
            if (a.Network != list.Name || keep.Contains(new GcAttachment(a.ContainerId, a.IfName)))
            {
                continue;
            }
            var rt = new RuntimeConf { ContainerId = a.ContainerId, NetNs = a.NetNs, IfName = a.IfName, Args = a.Args, CapabilityArgs = a.CapabilityArgs };
            try
            {
                DelNetworkList(list, rt, cancellationToken);
            }
            catch (CniException e)
            {
                errors.Add(new CniException(e.Code, $"failed to delete stale attachment {a.ContainerId} {a.IfName}: {e.Msg}", e.Details, e));
            }
        }
        if (CniVersions.AtLeast(list.CniVersion, "1.1.0"))
        {
            foreach (var plugin in list.Plugins)
            {
                try
                {
                    var stdin = Inject(plugin.Json, list, o =>
                    {
                        if (valid is not null)
                        {
                            var array = new JsonArray(valid.Select(v => (JsonNode)new JsonObject { ["containerID"] = v.ContainerId, ["ifname"] = v.IfName }).ToArray());
                            o["cni.dev/valid-attachments"] = array;
                            o["cni.dev/attachments"] = array.DeepClone();
                        }
                    });
                    PluginExec.Run(Find(plugin), Env("GC", null), stdin, Stderr, cancellationToken);
                }
                catch (CniException e)
                {
                    errors.Add(new CniException(e.Code, $"failed to GC plugin {plugin.Type}: {e.Msg}", e.Details, e));
                }
            }
        }
        if (errors.Count > 0)
        {
            throw errors.Count == 1 ? errors[0] : new CniException(errors[0].Code, string.Join("\n", errors.Select(e => e.Message)));
        }
    }

    /// <summary>Asks each plugin's VERSION and fails when one does not support the list's version.</summary>
    public void ValidateNetworkList(NetworkConfigList list)
    {
        foreach (var plugin in list.Plugins)
        {
            var info = PluginExec.Version(Find(plugin), Environment, list.CniVersion);
            if (!info.SupportedVersions.Contains(list.CniVersion))
            {
                throw new CniException(CniErrorCode.IncompatibleVersion, $"plugin {plugin.Type} does not support config version \"{list.CniVersion}\"");
            }
        }
    }

    /// <summary>The config one plugin sees: its own entry plus name, cniVersion, prevResult and the
    /// runtimeConfig for the capabilities it declares.</summary>
    public static byte[] BuildConfig(NetworkConfigList list, PluginConfig plugin, CniResult? prevResult, RuntimeConf rt) =>
        Inject(plugin.Json, list, o =>
        {
            if (prevResult is not null)
            {
                o["prevResult"] = JsonNode.Parse(prevResult.ConvertTo(list.CniVersion).ToJson(indented: false));
            }
            var runtimeConfig = new JsonObject();
            foreach (var capability in plugin.Capabilities)
            {
                if (rt.CapabilityArgs?[capability] is { } value)
                {
                    runtimeConfig[capability] = value.DeepClone();
                }
            }
            if (runtimeConfig.Count > 0)
            {
                o["runtimeConfig"] = runtimeConfig;
            }
        });

    private static byte[] Inject(JsonObject plugin, NetworkConfigList list, Action<JsonObject>? more)
    {
        var o = plugin.DeepClone().AsObject();
        o["name"] = list.Name;
        o["cniVersion"] = list.CniVersion;
        more?.Invoke(o);
        return JsonSerializer.SerializeToUtf8Bytes(o, CniJsonContext.Default.JsonObject);
    }

    private string Find(PluginConfig plugin) => PluginExec.FindInPath(plugin.Type, PluginPath);

    private Dictionary<string, string> Env(string command, RuntimeConf? rt) =>
        PluginExec.Environment(Environment, command, rt?.ContainerId ?? "", rt?.NetNs ?? "", rt?.IfName ?? "",
            rt?.ArgsString ?? "", string.Join(":", PluginPath));

    private static CniException Wrap(CniException e, PluginConfig plugin, string verb) =>
        new(e.Code, $"plugin {plugin.Describe()} failed ({verb}): {e.Msg}", e.Details, e);
}
