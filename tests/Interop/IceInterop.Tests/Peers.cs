using System.Diagnostics;
using System.Reflection;

namespace IceInterop.Tests;

/// <summary>How a peer is started: a program and its arguments.</summary>
internal readonly record struct Command(string File, string Arguments)
{
    public override string ToString() => $"{File} {Arguments}";
}

/// <summary>
/// One implementation of the contract that can be a server (<c>--port=N</c>, prints "ready") and a client
/// (<c>--host=H --port=N</c>, prints a <see cref="ClientReport"/>).
/// </summary>
internal sealed record Peer(string Name, Func<string?> Missing, Func<int, Task<Command>> Server, Func<string, int, Task<Command>> Client);

/// <summary>The peers the matrix knows by name.</summary>
internal static class Peers
{
    private static readonly string RepoRoot = Metadata("RepoRoot");
    private static readonly string BuildConfiguration = Metadata("BuildConfiguration");
    private static readonly Lazy<string?> PythonMissing = new(ProbePython);

    public static string Root => RepoRoot;

    public static string Python => "/usr/bin/python3";

    /// <summary>ZeroC Ice for Python 3.7 (Debian's python3-zeroc-ice), testassets/ice/python.</summary>
    public static readonly Peer IcePython = new("python", () => PythonMissing.Value,
        port => Task.FromResult(new Command(Python, $"\"{Script("server.py")}\" --port={port}")),
        (host, port) => Task.FromResult(new Command(Python, $"\"{Script("client.py")}\" --host={host} --port={port}")));

    /// <summary>ZeroC Ice for C++ 3.7, C++11 mapping (Debian's libzeroc-ice-dev), testassets/ice/cpp, built by <see cref="CppPeers"/>.</summary>
    public static readonly Peer IceCpp = new("cpp", CppPeers.Missing,
        async port => new Command(Path.Combine(await CppPeers.DirectoryAsync(), "server"), $"--port={port}"),
        async (host, port) => new Command(Path.Combine(await CppPeers.DirectoryAsync(), "client"), $"--host={host} --port={port}"));

    /// <summary>
    /// Steward's server and client (testassets/IceTest.Server, testassets/IceTest.Client), run from their build output
    /// like ThriftInterop.Tests runs ThriftTest.Server.
    /// </summary>
    public static readonly Peer Steward = new("steward", StewardMissing,
        port => Task.FromResult(new Command("dotnet", $"\"{Dll("IceTest.Server")}\" --port={port}")),
        (host, port) => Task.FromResult(new Command("dotnet", $"\"{Dll("IceTest.Client")}\" --host={host} --port={port}")));

    private static readonly Dictionary<string, Peer> ByName = new[] { IcePython, IceCpp, Steward }.ToDictionary(p => p.Name);

    public static Peer Named(string name) => ByName[name];

    public static string Dll(string project) => Path.Combine(RepoRoot, "testassets", project, "bin", BuildConfiguration, "net10.0", project + ".dll");

    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static string Script(string name) => Path.Combine(RepoRoot, "testassets", "ice", "python", name);

    // Steward's peers are built by this project's ProjectReferences; a missing dll is a broken build, not a skip.
    private static string? StewardMissing() => null;

    private static string? ProbePython()
    {
        if (!File.Exists(Python))
        {
            return "needs /usr/bin/python3 with Debian's python3-zeroc-ice (scripts/setup installs it)";
        }
        using var probe = Process.Start(new ProcessStartInfo(Python, "-c \"import Ice\"") { RedirectStandardError = true, UseShellExecute = false })!;
        probe.StandardError.ReadToEnd();
        probe.WaitForExit();
        return probe.ExitCode == 0 ? null : "Debian's python3-zeroc-ice (Ice for Python 3.7) is not installed for /usr/bin/python3 (scripts/setup installs it)";
    }

    private static string Metadata(string key) =>
        typeof(Peers).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value!;
}
