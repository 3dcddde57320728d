using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Steward.Cni.Runtime;

/// <summary>What the runtime knows about one attachment (libcni's RuntimeConf).</summary>
public sealed class RuntimeConf
{
    /// <summary>The container id (CNI_CONTAINERID).</summary>
    public required string ContainerId { get; init; }
    /// <summary>The network namespace path (CNI_NETNS); empty when none.</summary>
    public string NetNs { get; init; } = "";
    /// <summary>The interface name inside the container (CNI_IFNAME), eth0 unless set.</summary>
    public string IfName { get; init; } = "eth0";
    /// <summary>CNI_ARGS pairs, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Args { get; init; } = [];
    /// <summary>CAP_ARGS: capability name → value, handed to plugins declaring that capability.</summary>
    public JsonObject? CapabilityArgs { get; init; }

    /// <summary><see cref="Args"/> as CNI_ARGS writes them: "K1=V1;K2=V2".</summary>
    public string ArgsString => string.Join(";", Args.Select(a => $"{a.Key}={a.Value}"));

    /// <summary>cnitool's container id for a netns path: "cnitool-" + hex of the first 10 bytes of SHA-512(abs path).</summary>
    public static string ContainerIdForNetns(string netnsPath)
    {
        var hash = SHA512.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(netnsPath)));
        return "cnitool-" + Convert.ToHexStringLower(hash.AsSpan(0, 10));
    }

    /// <summary>Parses CNI_ARGS as cnitool does: "K=V" pairs joined by ';', both sides non-empty.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseArgs(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return [];
        }
        var list = new List<KeyValuePair<string, string>>();
        foreach (var pair in raw.Split(';'))
        {
            var kv = pair.Split('=');
            if (kv.Length != 2 || kv[0].Length == 0 || kv[1].Length == 0)
            {
                throw new CniException(CniErrorCode.InvalidEnvironment, $"invalid CNI_ARGS pair \"{pair}\"");
            }
            list.Add(new(kv[0], kv[1]));
        }
        return list;
    }
}
