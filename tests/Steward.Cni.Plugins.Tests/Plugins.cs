using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Steward.Cni.Plugins.Tests;

/// <summary>What one plugin invocation printed and returned.</summary>
public sealed record PluginRun(int Exit, string Stdout, string Stderr)
{
    public JsonObject Json => JsonNode.Parse(Stdout) as JsonObject ?? throw new InvalidOperationException($"not a JSON object: {Stdout}");
    public uint? Code => Exit == 0 ? null : Json["code"]?.GetValue<uint>();
}

/// <summary>
/// Locates the published NativeAOT plugins (artifacts/cni/bin, made by scripts/build-cni-plugins,
/// which scripts/test runs first) and the reference plugins, and execs them like a runtime.
/// </summary>
public static class Plugins
{
    public const string ReferenceDir = "/usr/lib/cni";
    private static readonly Lazy<string> BinDir = new(Locate);

    public static string Dir => BinDir.Value;

    public static string Steward(string name) => Path.Combine(Dir, name);

    public static string Reference(string name)
    {
        var path = Path.Combine(ReferenceDir, name);
        if (!File.Exists(path))
        {
            Assert.Skip($"reference plugin {path} not installed (Debian package containernetworking-plugins; scripts/setup installs it)");
        }
        return path;
    }

    public static PluginRun Exec(string plugin, string command, string stdin, string containerId = "ctr1", string ifName = "eth0",
        string netns = "/var/run/netns/test", string? args = null, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var env = new Dictionary<string, string>
        {
            ["CNI_COMMAND"] = command,
            ["CNI_CONTAINERID"] = containerId,
            ["CNI_NETNS"] = netns,
            ["CNI_IFNAME"] = ifName,
            ["CNI_PATH"] = Path.GetDirectoryName(plugin)!,
        };
        if (args is not null)
        {
            env["CNI_ARGS"] = args;
        }
        foreach (var (k, v) in overrides ?? new Dictionary<string, string>())
        {
            if (v.Length == 0)
            {
                env.Remove(k);
            }
            else
            {
                env[k] = v;
            }
        }
        return ExecRaw(plugin, env, stdin);
    }

    public static PluginRun ExecRaw(string plugin, IReadOnlyDictionary<string, string> env, string stdin)
    {
        var psi = new ProcessStartInfo(plugin)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment.Clear();
        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        p.WaitForExit();
        return new PluginRun(p.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string Locate()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Steward.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root (Steward.slnx) not found");
        }
        var bin = Path.Combine(root, "artifacts", "cni", "bin");
        if (!IsCurrent(root, bin))
        {
            // Missing or older than the sources (scripts/test builds it first; a local run may not have):
            // publish now rather than test a stale binary. One build at a time across test processes.
            using var buildLock = AcquireBuildLock(Path.Combine(root, "artifacts"));
            if (!IsCurrent(root, bin))
            {
                var build = Process.Start(new ProcessStartInfo(Path.Combine(root, "scripts", "build-cni-plugins")) { RedirectStandardOutput = true })!;
                build.StandardOutput.ReadToEnd();
                build.WaitForExit();
                if (build.ExitCode != 0 || !File.Exists(Path.Combine(bin, "host-local")))
                {
                    throw new InvalidOperationException($"scripts/build-cni-plugins failed (exit {build.ExitCode}); the plugin binaries are missing from {bin}");
                }
            }
        }
        return bin;
    }

    private static bool IsCurrent(string root, string bin)
    {
        var binary = new FileInfo(Path.Combine(bin, "host-local"));
        if (!binary.Exists)
        {
            return false;
        }
        var newestSource = new[] { "Steward.Cni", "Steward.Cni.Plugins", "Steward.Linux" }
            .Select(p => Path.Combine(root, "src", p))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
                && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Select(File.GetLastWriteTimeUtc)
            .DefaultIfEmpty(DateTime.MinValue)
            .Max();
        return binary.LastWriteTimeUtc >= newestSource;
    }

    private static FileStream AcquireBuildLock(string dir)
    {
        Directory.CreateDirectory(dir);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(Path.Combine(dir, ".cni-build.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                Thread.Sleep(1000);
            }
        }
    }

    public static string Utf8(byte[] b) => Encoding.UTF8.GetString(b);
}
