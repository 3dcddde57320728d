using System.Collections;
using System.Text;
using Steward.Cni.Types;

namespace Steward.Cni.Skel;

/// <summary>
/// The plugin side of the protocol (what libcni's pkg/skel does): environment and stdin in,
/// result or error JSON on stdout, exit code out.
/// </summary>
public static class CniPluginHost
{
    /// <summary>Runs <paramref name="plugin"/> against this process's environment and standard streams.</summary>
    public static int Main(ICniPlugin plugin)
    {
        using var stdin = StandardStream(0, FileAccess.Read);
        using var stdout = StandardStream(1, FileAccess.Write);
        using var stderr = new StreamWriter(StandardStream(2, FileAccess.Write)) { AutoFlush = true };
        return Run(plugin, ProcessEnvironment(), stdin, stdout, stderr);
    }

    /// <summary>fd 0/1/2 as plain read/write streams (see <see cref="FdStream"/>); System.Console's
    /// streams elsewhere than Linux.</summary>
    public static Stream StandardStream(int fd, FileAccess access)
    {
        if (!OperatingSystem.IsLinux())
        {
            return fd switch
            {
                0 => Console.OpenStandardInput(),
                1 => Console.OpenStandardOutput(),
                _ => Console.OpenStandardError(),
            };
        }
        return new FdStream(fd, access == FileAccess.Read);
    }

    /// <summary>The current process environment as a dictionary.</summary>
    public static Dictionary<string, string> ProcessEnvironment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            env[(string)e.Key] = (string?)e.Value ?? "";
        }
        return env;
    }

    /// <summary>One invocation; returns the process exit code (0 on success, 1 after printing an error).</summary>
    public static int Run(ICniPlugin plugin, IReadOnlyDictionary<string, string> env, Stream stdin, Stream stdout, TextWriter stderr)
    {
        string? configVersion = null;
        try
        {
            var command = env.GetValueOrDefault("CNI_COMMAND", "");
            if (command.Length == 0)
            {
                stderr.WriteLine(plugin.About);
                stderr.WriteLine($"CNI protocol versions supported: {string.Join(", ", plugin.SupportedVersions)}");
                return 0;
            }
            var cmd = ParseCommand(command);
            if (cmd == CniCommand.Version)
            {
                var info = new CniVersionInfo { SupportedVersions = [.. plugin.SupportedVersions] };
                stdout.Write(CniJson.Write(info));
                stdout.WriteByte((byte)'\n');
                return 0;
            }
            var request = ReadRequest(cmd, env, stdin);
            configVersion = request.Config.CniVersion;
            CheckVersion(cmd, configVersion, plugin.SupportedVersions);
            switch (cmd)
            {
                case CniCommand.Add:
                    var result = plugin.Add(request);
                    stdout.Write(result.ConvertTo(configVersion!).ToJson());
                    break;
                case CniCommand.Del:
                    plugin.Del(request);
                    break;
                case CniCommand.Check:
                    plugin.Check(request);
                    break;
                case CniCommand.Status:
                    plugin.Status(request);
                    break;
                case CniCommand.Gc:
                    plugin.Gc(request);
                    break;
            }
            return 0;
        }
        catch (CniException e)
        {
            WriteError(stdout, e.ToPayload(ReportVersion(configVersion)));
            return 1;
        }
#pragma warning disable CA1031 // the protocol requires every failure to reach stdout as a CNI error
        catch (Exception e)
#pragma warning restore CA1031
        {
            WriteError(stdout, new CniErrorPayload { CniVersion = ReportVersion(configVersion), Code = CniErrorCode.Internal, Msg = e.Message });
            return 1;
        }
    }

    private static string ReportVersion(string? configVersion) =>
        configVersion is not null && CniVersions.IsSupported(configVersion) ? configVersion : CniVersions.Current;

    private static void WriteError(Stream stdout, CniErrorPayload payload)
    {
        stdout.Write(payload.ToJson());
        stdout.Flush();
    }

    /// <summary>The command named by a CNI_COMMAND value; an InvalidEnvironment (4) error for an unknown one.</summary>
    public static CniCommand ParseCommand(string command) => command switch
    {
        "ADD" => CniCommand.Add,
        "DEL" => CniCommand.Del,
        "CHECK" => CniCommand.Check,
        "STATUS" => CniCommand.Status,
        "GC" => CniCommand.Gc,
        "VERSION" => CniCommand.Version,
        _ => throw new CniException(CniErrorCode.InvalidEnvironment, $"unknown CNI_COMMAND: {command}"),
    };

    /// <summary>Reads and checks the CNI_* variables and the stdin config for <paramref name="cmd"/>.</summary>
    public static CniRequest ReadRequest(CniCommand cmd, IReadOnlyDictionary<string, string> env, Stream stdin)
    {
        var perAttachment = cmd is CniCommand.Add or CniCommand.Del or CniCommand.Check;
        var missing = new List<string>();
        string Get(string name, bool required)
        {
            var value = env.GetValueOrDefault(name, "");
            if (value.Length == 0 && required)
            {
                missing.Add(name);
            }
            return value;
        }
        var containerId = Get("CNI_CONTAINERID", perAttachment);
        var netns = Get("CNI_NETNS", cmd is CniCommand.Add or CniCommand.Check);
        var ifName = Get("CNI_IFNAME", perAttachment);
        var args = Get("CNI_ARGS", false);
        var path = Get("CNI_PATH", true);
        if (missing.Count > 0)
        {
            throw new CniException(CniErrorCode.InvalidEnvironment, $"required env variables [{string.Join(",", missing)}] missing");
        }
        if (perAttachment)
        {
            Validation.ContainerId(containerId);
            Validation.InterfaceName(ifName);
        }
        var stdinData = ReadBounded(stdin, NetConf.MaxConfigBytes);
        var conf = NetConf.Parse(stdinData);
        Validation.NetworkName(conf.Name);
        return new CniRequest
        {
            Command = cmd,
            ContainerId = containerId,
            Netns = netns,
            IfName = ifName,
            ArgsRaw = args,
            Args = CniRequest.ParseArgs(args),
            Path = path.Split(':', StringSplitOptions.RemoveEmptyEntries),
            StdinData = stdinData,
            Config = conf,
            Environment = env,
        };
    }

    /// <summary>The spec's version rules: the config's version must be one the plugin supports;
    /// CHECK needs 0.4.0 or later, STATUS and GC 1.1.0 or later.</summary>
    public static void CheckVersion(CniCommand cmd, string? configVersion, IReadOnlyList<string> supported)
    {
        var minimum = cmd switch
        {
            CniCommand.Check => "0.4.0",
            CniCommand.Status or CniCommand.Gc => "1.1.0",
            _ => null,
        };
        if (minimum is not null && !CniVersions.AtLeast(configVersion, minimum))
        {
            throw new CniException(CniErrorCode.IncompatibleVersion, $"config version does not allow {cmd.ToString().ToUpperInvariant()}",
                $"config has cniVersion \"{configVersion}\"; {cmd.ToString().ToUpperInvariant()} needs {minimum} or later");
        }
        if (configVersion is null || !supported.Contains(configVersion, StringComparer.Ordinal))
        {
            throw new CniException(CniErrorCode.IncompatibleVersion, "incompatible CNI versions",
                $"config is \"{configVersion ?? "(none: 0.1.0)"}\", plugin supports [{string.Join(" ", supported)}]");
        }
    }

    private static byte[] ReadBounded(Stream stream, int max)
    {
        // Read straight into one growing array: a config is usually well under the first 4 KiB.
        var buffer = new byte[4096];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            var n = stream.Read(buffer, length, buffer.Length - length);
            if (n <= 0)
            {
                break;
            }
            length += n;
            if (length > max)
            {
                throw new CniException(CniErrorCode.DecodingFailure, "network config too large", $"more than {max} bytes on stdin");
            }
        }
        return buffer.AsSpan(0, length).ToArray();
    }

    internal static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
