using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Cni;
using Steward.Cni.Runtime;
using Steward.Cni.Types;

namespace Steward.Cli.Commands;

/// <summary>
/// <c>steward cni add|check|del|status|gc &lt;network&gt; &lt;netns-path&gt;</c>: cnitool's interface over
/// Steward's runtime. Environment as cnitool reads it: CNI_PATH, NETCONFPATH (default /etc/cni/net.d),
/// CNI_ARGS, CAP_ARGS (JSON object), CNI_IFNAME (default eth0). The container id is cnitool's,
/// derived from the netns path, so attachments made by either tool can be removed by the other.
/// </summary>
internal static class CniCommand
{
    public const string DefaultNetDir = "/etc/cni/net.d";

    public static Command Create()
    {
        var command = new Command("cni", "Run CNI network configurations against a network namespace (like cnitool).");
        var ifName = new Option<string?>("--ifname", "-i") { Description = "Interface name (default: $CNI_IFNAME or eth0)" };
        var cacheDir = new Option<string>("--cache-dir") { Description = "Result cache directory", DefaultValueFactory = _ => ResultCache.DefaultDir };
        var valid = new Option<string[]>("--valid")
        {
            Description = "gc: an attachment to keep, as <containerID>/<ifname> (repeatable); none keeps nothing",
            AllowMultipleArgumentsPerToken = true,
        };
        foreach (var verb in new[] { "add", "check", "del", "status", "gc" })
        {
            var needsNetns = verb is "add" or "check" or "del";
            var network = new Argument<string>("network") { Description = "Network name (from NETCONFPATH)" };
            var netns = new Argument<string>("netns-path") { Description = "Network namespace path, e.g. /var/run/netns/x" };
            if (!needsNetns)
            {
                netns.Arity = ArgumentArity.ZeroOrOne;
            }
            var sub = new Command(verb, Describe(verb)) { network, netns, ifName, cacheDir };
            if (verb == "gc")
            {
                sub.Options.Add(valid);
            }
            sub.SetAction(parse => Run(verb, parse.GetValue(network)!, parse.GetValue(netns), parse.GetValue(ifName),
                parse.GetValue(cacheDir)!, parse.GetValue(valid)));
            command.Subcommands.Add(sub);
        }
        return command;
    }

    private static string Describe(string verb) => verb switch
    {
        "add" => "Add the namespace to the network; prints the result",
        "check" => "Check the attachment against the cached result",
        "del" => "Remove the namespace from the network",
        "status" => "Ask every plugin of the network whether it can serve ADDs",
        _ => "Garbage-collect the network's stale attachments and plugin resources",
    };

    private static int Run(string verb, string networkName, string? netnsPath, string? ifNameOption, string cacheDir, string[]? valid)
    {
        try
        {
            var netDir = Env("NETCONFPATH") ?? DefaultNetDir;
            var list = NetworkConfigList.Load(netDir, networkName);
            var runtime = new CniRuntime((Env("CNI_PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries), cacheDir);
            switch (verb)
            {
                case "status":
                    runtime.StatusNetworkList(list);
                    return 0;
                case "gc":
                    runtime.GcNetworkList(list, valid?.Select(ParseAttachment).ToList());
                    return 0;
            }
            var netns = Path.GetFullPath(netnsPath!);
            var rt = new RuntimeConf
            {
                ContainerId = RuntimeConf.ContainerIdForNetns(netns),
                NetNs = netns,
                IfName = ifNameOption ?? Env("CNI_IFNAME") ?? "eth0",
                Args = RuntimeConf.ParseArgs(Env("CNI_ARGS")),
                CapabilityArgs = ParseCapArgs(Env("CAP_ARGS")),
            };
            switch (verb)
            {
                case "add":
                    var result = runtime.AddNetworkList(list, rt);
                    if (result is not null)
                    {
                        Console.Out.Write(Encoding.UTF8.GetString(result.ToJson()));
                        Console.Out.WriteLine();
                    }
                    break;
                case "check":
                    runtime.CheckNetworkList(list, rt);
                    break;
                default:
                    runtime.DelNetworkList(list, rt);
                    break;
            }
            return 0;
        }
        catch (CniException e)
        {
            Console.Error.WriteLine($"steward cni {verb}: {e.Message} (CNI error {e.Code})");
            return 1;
        }
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    private static JsonObject? ParseCapArgs(string? raw)
    {
        if (raw is null)
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(raw) as JsonObject ?? throw new CniException(CniErrorCode.DecodingFailure, "CAP_ARGS must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCode.DecodingFailure, "cannot parse CAP_ARGS", e.Message, e);
        }
    }

    private static GcAttachment ParseAttachment(string text)
    {
        var slash = text.LastIndexOf('/');
        if (slash <= 0 || slash == text.Length - 1)
        {
            throw new CniException(CniErrorCode.InvalidEnvironment, $"--valid wants <containerID>/<ifname>, got \"{text}\"");
        }
        return new GcAttachment(text[..slash], text[(slash + 1)..]);
    }
}
