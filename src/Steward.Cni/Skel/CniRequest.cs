using Steward.Cni.Types;

namespace Steward.Cni.Skel;

/// <summary>The operations of the CNI protocol (CNI_COMMAND).</summary>
public enum CniCommand
{
    /// <summary>ADD: attach the container to the network.</summary>
    Add,
    /// <summary>DEL: release what ADD set up.</summary>
    Del,
    /// <summary>CHECK: verify the attachment is as ADD left it.</summary>
    Check,
    /// <summary>STATUS: say whether the plugin can serve ADDs.</summary>
    Status,
    /// <summary>GC: release what belongs to no attachment in the list given.</summary>
    Gc,
    /// <summary>VERSION: report the spec versions supported.</summary>
    Version,
}

/// <summary>Everything one invocation carries: the CNI_* variables and the parsed config.</summary>
public sealed class CniRequest
{
    /// <summary>The command (CNI_COMMAND).</summary>
    public required CniCommand Command { get; init; }
    /// <summary>CNI_CONTAINERID; empty when the command needs none.</summary>
    public string ContainerId { get; init; } = "";
    /// <summary>CNI_NETNS; empty when the runtime gave none (allowed for DEL).</summary>
    public string Netns { get; init; } = "";
    /// <summary>CNI_IFNAME: the interface to create inside the container.</summary>
    public string IfName { get; init; } = "";
    /// <summary>CNI_ARGS as given, "K1=V1;K2=V2".</summary>
    public string ArgsRaw { get; init; } = "";
    /// <summary>CNI_ARGS split into pairs, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Args { get; init; } = [];
    /// <summary>CNI_PATH split on ':'.</summary>
    public IReadOnlyList<string> Path { get; init; } = [];
    /// <summary>The configuration bytes as read from stdin.</summary>
    public byte[] StdinData { get; init; } = [];
    /// <summary>The parsed configuration.</summary>
    public required NetConf Config { get; init; }
    /// <summary>The environment the plugin ran with, for delegation to IPAM plugins.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>The value of CNI_ARGS key <paramref name="key"/>; null when absent.</summary>
    public string? Arg(string key)
    {
        foreach (var (k, v) in Args)
        {
            if (k == key)
            {
                return v;
            }
        }
        return null;
    }

    /// <summary>Parses CNI_ARGS; a pair without '=' is an invalid-environment error (4).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseArgs(string raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return [];
        }
        var list = new List<KeyValuePair<string, string>>();
        foreach (var pair in raw.Split(';'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CniException(CniErrorCode.InvalidEnvironment, "invalid CNI_ARGS pair", pair);
            }
            list.Add(new(pair[..eq], pair[(eq + 1)..]));
        }
        return list;
    }
}
