using System.Diagnostics;

namespace Steward.Rpc.Corba.Tests.Any;

/// <summary>
/// omniORB 4.2's tools for the tests: catior, and anypeer (Any/Peer/anypeer.cc, built once per test run with
/// omniidl -bcxx -Wba and g++ against omniDynamic4). A test whose tool is missing skips and says what to install.
/// </summary>
internal static class OmniOrbPeer
{
    private static readonly Lazy<(string? Path, string? Why)> AnyPeer = new(BuildAnyPeer);

    public static string AnyPeerPath
    {
        get
        {
            var (path, why) = AnyPeer.Value;
            if (path is null)
            {
                Assert.Skip(why!);
            }
            return path!;
        }
    }

    public static string CatiorPath
    {
        get
        {
            var path = Which("catior");
            if (path is null)
            {
                Assert.Skip("catior is not installed (scripts/setup installs omniorb)");
            }
            return path!;
        }
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    private static (string?, string?) BuildAnyPeer()
    {
        foreach (var tool in new[] { "omniidl", "g++", "pkg-config" })
        {
            if (Which(tool) is null)
            {
                return (null, $"{tool} is not installed (scripts/setup installs omniidl, g++ and libomniorb4-dev)");
            }
        }
        var source = Path.Combine(AppContext.BaseDirectory, "Any", "Peer");
        // Built beside the tests (bin/), as the interop matrices cache their peers: nothing is left in /tmp.
        var work = Path.Combine(AppContext.BaseDirectory, "any-peer-build");
        Directory.CreateDirectory(work);
        File.Copy(Path.Combine(source, "AnyPeer.idl"), Path.Combine(work, "AnyPeer.idl"), overwrite: true);
        Step(work, "omniidl", "-bcxx", "-Wba", "AnyPeer.idl");
        var (code, flags, _) = Run("pkg-config", "--cflags", "--libs", "omniDynamic4");
        if (code != 0)
        {
            return (null, "pkg-config knows no omniDynamic4 (scripts/setup installs libomniorb4-dev)");
        }
        var args = new List<string> { "-O0", "-o", "anypeer", Path.Combine(source, "anypeer.cc"), "AnyPeerSK.cc", "AnyPeerDynSK.cc", "-I." };
        args.AddRange(flags.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Step(work, "g++", [.. args]);
        return (Path.Combine(work, "anypeer"), null);
    }

    private static void Step(string directory, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed with {process.ExitCode}:\n{stdout.Result}{stderr.Result}");
        }
    }
}
