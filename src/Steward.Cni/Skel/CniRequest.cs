using Steward.Cni.Types;

namespace Steward.Cni.Skel;

public enum CniCommand
{
    Add,
    Del,
    Check,
    Status,
    Gc,
    Version,
}

/// <summary>Everything one invocation carries: the CNI_* variables and the parsed config.</summary>
public sealed class CniRequest
{
    public required CniCommand Command { get; init; }
    public string ContainerId { get; init; } = "";
    /// <summary>CNI_NETNS; empty when the runtime gave none (allowed for DEL).</summary>
    public string Netns { get; init; } = "";
    public string IfName { get; init; } = "";
    /// <summary>CNI_ARGS as given, "K1=V1;K2=V2".</summary>
    public string ArgsRaw { get; init; } = "";
    public IReadOnlyList<KeyValuePair<string, string>> Args { get; init; } = [];
    /// <summary>CNI_PATH split on ':'.</summary>
    public IReadOnlyList<string> Path { get; init; } = [];
    public byte[] StdinData { get; init; } = [];
    public required NetConf Config { get; init; }
    /// <summary>The environment the plugin ran with, for delegation to IPAM plugins.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

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
