using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Steward.Cni.Types;
using Steward.Linux;

namespace Steward.Cni.Invoke;

/// <summary>
/// Runs a plugin binary the way a runtime does (libcni's invoke package): a clean CNI_* environment,
/// the config on stdin, the result or a CNI error on stdout.
/// </summary>
public static class PluginExec
{
    /// <summary>A plugin's stdout is bounded; nothing legitimate comes near it.</summary>
    public const int MaxOutputBytes = 16 * 1024 * 1024;

    /// <summary>Finds <paramref name="type"/> in the directories of CNI_PATH.</summary>
    public static string FindInPath(string type, IReadOnlyList<string> paths)
    {
        if (string.IsNullOrEmpty(type))
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, "no plugin name provided");
        }
        if (type.Contains('/', StringComparison.Ordinal) || type is "." or "..")
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, $"invalid plugin name: {type}");
        }
        if (paths.Count == 0)
        {
            throw new CniException(CniErrorCode.InvalidEnvironment, "no paths provided");
        }
        foreach (var dir in paths)
        {
            var candidate = Path.Combine(dir, type);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new CniException(CniErrorCode.InvalidNetworkConfig,
            $"failed to find plugin \"{type}\" in path [{string.Join(" ", paths)}]");
    }

    /// <summary>
    /// Builds the plugin environment: the caller's variables minus any CNI_*, then the given CNI_* ones
    /// (empty values are left out, as libcni does for an absent netns).
    /// </summary>
    public static Dictionary<string, string> Environment(
        IReadOnlyDictionary<string, string> inherited, string command, string containerId, string netns,
        string ifName, string args, string path)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in inherited)
        {
            if (!k.StartsWith("CNI_", StringComparison.Ordinal))
            {
                env[k] = v;
            }
        }
        void Set(string k, string v)
        {
            if (v.Length > 0)
            {
                env[k] = v;
            }
        }
        env["CNI_COMMAND"] = command;
        Set("CNI_CONTAINERID", containerId);
        Set("CNI_NETNS", netns);
        Set("CNI_IFNAME", ifName);
        Set("CNI_ARGS", args);
        Set("CNI_PATH", path);
        return env;
    }

    /// <summary>Runs the plugin; returns its stdout, or throws the CNI error it reported.</summary>
    public static byte[] Run(string pluginPath, IReadOnlyDictionary<string, string> env, ReadOnlySpan<byte> stdin,
        TextWriter? stderrSink = null, CancellationToken cancellationToken = default)
    {
        var (exitCode, stdout, stderr) = OperatingSystem.IsLinux()
            ? Spawn(pluginPath, env, stdin, cancellationToken)
            : RunWithProcess(pluginPath, env, stdin, cancellationToken);
        if (exitCode != 0)
        {
            throw PluginError(pluginPath, exitCode, stdout, stderr);
        }
        if (stderrSink is not null && stderr.Length > 0)
        {
            stderrSink.Write(Encoding.UTF8.GetString(stderr));
        }
        return stdout;
    }

    private static (int, byte[], byte[]) Spawn(string pluginPath, IReadOnlyDictionary<string, string> env, ReadOnlySpan<byte> stdin,
        CancellationToken cancellationToken)
    {
        // A plugin binary being replaced while we exec it gives ETXTBSY; libcni retries too.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var outcome = ChildProcess.Run(pluginPath, env, stdin, MaxOutputBytes, cancellationToken);
                if (outcome.Overflow)
                {
                    throw new CniException(CniErrorCode.DecodingFailure, "plugin output too large", $"more than {MaxOutputBytes} bytes");
                }
                return (outcome.ExitCode, outcome.Stdout, outcome.Stderr);
            }
            catch (SpawnException e) when (e.Errno == Errno.ETXTBSY && attempt < 5)
            {
                Thread.Sleep(200);
            }
            catch (SpawnException e)
            {
                throw new CniException(CniErrorCode.IoFailure, $"cannot exec plugin {pluginPath}", e.Message, e);
            }
        }
    }

    private static (int, byte[], byte[]) RunWithProcess(string pluginPath, IReadOnlyDictionary<string, string> env, ReadOnlySpan<byte> stdin,
        CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(pluginPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment.Clear();
        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }
        using var process = StartWithRetry(psi);
        // stdout and stderr are drained concurrently so a chatty plugin cannot block on a full pipe.
        var stdoutTask = Task.Run(() => ReadBounded(process.StandardOutput.BaseStream), CancellationToken.None);
        var stderrTask = Task.Run(() => ReadBounded(process.StandardError.BaseStream), CancellationToken.None);
        try
        {
            process.StandardInput.BaseStream.Write(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The plugin exited without reading its config; its exit status tells the story.
        }
        using (cancellationToken.Register(() => { try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } }))
        {
            process.WaitForExit();
        }
        cancellationToken.ThrowIfCancellationRequested();
        return (process.ExitCode, stdoutTask.GetAwaiter().GetResult(), stderrTask.GetAwaiter().GetResult());
    }

    /// <summary>Runs an ADD and parses its result, converted to the current version.</summary>
    public static CniResult RunForResult(string pluginPath, IReadOnlyDictionary<string, string> env, ReadOnlySpan<byte> stdin,
        CancellationToken cancellationToken = default)
    {
        var stdout = Run(pluginPath, env, stdin, null, cancellationToken);
        return CniResult.Parse(stdout).ConvertTo(CniVersions.Current);
    }

    /// <summary>Asks a plugin which versions it supports (VERSION).</summary>
    public static CniVersionInfo Version(string pluginPath, IReadOnlyDictionary<string, string> inherited, string configVersion)
    {
        var env = Environment(inherited, "VERSION", "", "", "", "", "");
        var stdin = Encoding.UTF8.GetBytes($"{{\"cniVersion\":\"{configVersion}\"}}");
        var stdout = Run(pluginPath, env, stdin);
        try
        {
            var info = CniJson.ReadVersionInfo(stdout);
            if (info is null || string.IsNullOrEmpty(info.CniVersion))
            {
                throw new CniException(CniErrorCode.DecodingFailure, "decoding version info: missing field cniVersion");
            }
            return info;
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCode.DecodingFailure, "decoding version info", e.Message, e);
        }
    }

    private static Process StartWithRetry(ProcessStartInfo psi)
    {
        // A plugin binary being replaced while we exec it gives ETXTBSY; libcni retries too.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return Process.Start(psi) ?? throw new CniException(CniErrorCode.IoFailure, $"cannot start {psi.FileName}");
            }
            catch (System.ComponentModel.Win32Exception e) when (e.NativeErrorCode == 26 && attempt < 5)
            {
                Thread.Sleep(200);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new CniException(CniErrorCode.IoFailure, $"cannot exec plugin {psi.FileName}", e.Message, e);
            }
        }
    }

    private static CniException PluginError(string pluginPath, int exitCode, byte[] stdout, byte[] stderr)
    {
        if (stdout.Length == 0)
        {
            return stderr.Length == 0
                ? new CniException(CniErrorCode.Internal, $"netplugin failed with no error message: exit status {exitCode}", pluginPath)
                : new CniException(CniErrorCode.Internal, $"netplugin failed: \"{Encoding.UTF8.GetString(stderr).Trim()}\": exit status {exitCode}", pluginPath);
        }
        try
        {
            var payload = CniJson.ReadError(stdout);
            if (payload is not null)
            {
                return new CniException(payload.Code, payload.Msg, payload.Details);
            }
        }
        catch (JsonException)
        {
        }
        return new CniException(CniErrorCode.Internal,
            $"netplugin failed but error parsing its diagnostic message \"{Encoding.UTF8.GetString(stdout)}\"", pluginPath);
    }

    private static byte[] ReadBounded(Stream stream)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int n;
        var overflow = false;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > MaxOutputBytes)
            {
                overflow = true; // keep draining so the plugin can exit
                continue;
            }
            buffer.Write(chunk, 0, n);
        }
        if (overflow)
        {
            throw new CniException(CniErrorCode.DecodingFailure, "plugin output too large", $"more than {MaxOutputBytes} bytes");
        }
        return buffer.ToArray();
    }
}
