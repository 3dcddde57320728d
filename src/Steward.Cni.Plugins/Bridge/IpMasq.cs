using System.Text;
using Steward.Cni.Invoke;
using Steward.Linux.Rtnetlink;

namespace Steward.Cni.Plugins.Bridge;

/// <summary>
/// Source NAT for a container's addresses, laid out as the reference plugins do it so either
/// implementation can tear down what the other set up: a per-attachment chain CNI-&lt;hash&gt; in the
/// nat table, a POSTROUTING jump for each container address, ACCEPT for the container's own
/// subnet and MASQUERADE for everything but multicast, all tagged with the comment
/// <c>name: "NET" id: "CONTAINERID"</c>.
/// </summary>
internal static class IpMasq
{
    private const int MaxChainLength = 28;

    /// <summary>"CNI-" and the first hex digits of SHA-512(network name + container id), 28 characters in all.</summary>
    public static string ChainName(string network, string containerId)
    {
        var hash = Convert.ToHexStringLower(Sha512.Hash(Encoding.UTF8.GetBytes(network + containerId)));
        return ("CNI-" + hash)[..MaxChainLength];
    }

    /// <summary>Go's fmt "name: %q id: %q".</summary>
    public static string Comment(string network, string containerId) => $"name: {GoQuote(network)} id: {GoQuote(containerId)}";

    public static void Setup(IPPrefix address, string chain, string comment)
    {
        var tool = Tool(address.IsIPv6);
        var multicast = address.IsIPv6 ? "ff00::/8" : "224.0.0.0/4";
        var (code, _, err) = Iptables(tool, "-t", "nat", "-N", chain);
        if (code != 0 && !err.Contains("exists", StringComparison.OrdinalIgnoreCase))
        {
            throw Failure(tool, "-N " + chain, err);
        }

        AppendUnique(tool, chain, "-d", address.Network.ToString(), "-j", "ACCEPT", "-m", "comment", "--comment", comment);
        AppendUnique(tool, chain, "!", "-d", multicast, "-j", "MASQUERADE", "-m", "comment", "--comment", comment);
        AppendUnique(tool, "POSTROUTING", "-s", address.Address.ToString(), "-j", chain, "-m", "comment", "--comment", comment);
    }

    /// <summary>
    /// Removes every POSTROUTING jump to the chain, then the chain; nothing there is not an error.
    /// Works from the chain name alone, so it also cleans up when the container's addresses are
    /// no longer known (its namespace or interface already gone). Rules are deleted by their
    /// specification, never by position: other plugins change POSTROUTING concurrently.
    /// </summary>
    public static void Teardown(string chain, string comment)
    {
        foreach (var ipv6 in new[] { false, true })
        {
            string tool;
            try
            {
                tool = Tool(ipv6);
            }
            catch (CniException) when (ipv6)
            {
                continue; // no ip6tables: nothing could have been set up with it
            }
            var (code, listing, err) = Iptables(tool, "-t", "nat", "-S", "POSTROUTING");
            if (code != 0)
            {
                throw Failure(tool, "-S POSTROUTING", err);
            }

            foreach (var line in listing.Split('\n'))
            {
                var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var jump = Array.IndexOf(words, "-j");
                var source = Array.IndexOf(words, "-s");
                if (jump < 0 || jump + 1 >= words.Length || words[jump + 1] != chain || source < 0 || source + 1 >= words.Length)
                {
                    continue;
                }

                (code, _, err) = Iptables(tool, "-t", "nat", "-D", "POSTROUTING", "-s", words[source + 1], "-j", chain, "-m", "comment", "--comment", comment);
                if (code != 0 && !IsMissing(err))
                {
                    throw Failure(tool, $"-D POSTROUTING -s {words[source + 1]} -j {chain}", err);
                }
            }
            (code, _, err) = Iptables(tool, "-t", "nat", "-F", chain);
            if (code != 0 && !IsMissing(err))
            {
                throw Failure(tool, "-F " + chain, err);
            }

            (code, _, err) = Iptables(tool, "-t", "nat", "-X", chain);
            if (code != 0 && !IsMissing(err))
            {
                throw Failure(tool, "-X " + chain, err);
            }
        }
    }

    /// <summary>Whether the nat table has this chain (tests and CHECK use it).</summary>
    public static bool ChainExists(string chain, bool ipv6 = false) =>
        Iptables(Tool(ipv6), "-t", "nat", "-S", chain).Code == 0;

    private static void AppendUnique(string tool, string chain, params string[] rule)
    {
        if (Iptables(tool, ["-t", "nat", "-C", chain, .. rule]).Code == 0)
        {
            return;
        }

        var (code, _, err) = Iptables(tool, ["-t", "nat", "-A", chain, .. rule]);
        if (code != 0)
        {
            throw Failure(tool, $"-A {chain} {string.Join(' ', rule)}", err);
        }
    }

    private static bool IsMissing(string stderr) =>
        stderr.Contains("No chain", StringComparison.OrdinalIgnoreCase) || stderr.Contains("does not exist", StringComparison.OrdinalIgnoreCase)
        || stderr.Contains("matching rule exist", StringComparison.OrdinalIgnoreCase);

    private static CniException Failure(string tool, string what, string stderr) =>
        new(CniErrorCode.Internal, $"running [{tool} -t nat {what}]: {stderr.Trim()}");

    private static string Tool(bool ipv6)
    {
        var name = ipv6 ? "ip6tables" : "iptables";
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/sbin", "/usr/bin"]))
        {
            var path = Path.Combine(dir.Length == 0 ? "." : dir, name);
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new CniException(CniErrorCode.Internal, $"ipMasq needs {name}, which is not installed");
    }

    private static (int Code, string Stdout, string Stderr) Iptables(string tool, params string[] args)
    {
        // Exec'd like the IPAM plugin (posix_spawn, pipes, poll on this thread), with this process's environment.
        ChildProcess.Outcome run;
        try
        {
            // -w: wait for the xtables lock rather than fail when another plugin holds it.
            run = ChildProcess.Run(tool, ["-w", .. args], ProcessEnv, [], MaxIptablesOutput, CancellationToken.None);
        }
        catch (SpawnException e)
        {
            throw new CniException(CniErrorCode.Internal, $"cannot run {tool}", e.Message);
        }
        if (run.Overflow)
        {
            throw new CniException(CniErrorCode.Internal, $"{tool} printed more than {MaxIptablesOutput} bytes");
        }

        return (run.ExitCode, Encoding.UTF8.GetString(run.Stdout), Encoding.UTF8.GetString(run.Stderr));
    }

    /// <summary>A listing of the nat table's POSTROUTING chain; generous for hosts with many rules.</summary>
    private const int MaxIptablesOutput = 64 * 1024 * 1024;

    private static Dictionary<string, string> ProcessEnv => _environment ??= Steward.Cni.Skel.CniPluginHost.ProcessEnvironment();
    private static Dictionary<string, string>? _environment;

    private static string GoQuote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when c < 0x20 => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }
}
