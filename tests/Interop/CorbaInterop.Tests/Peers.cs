using System.Reflection;

namespace CorbaInterop.Tests;

/// <summary>How a peer is started: a program and its arguments.</summary>
internal readonly record struct Command(string File, string Arguments)
{
    public override string ToString() => $"{File} {Arguments}";
}

/// <summary>Where a client finds the server's object: the IOR file the server wrote, or a naming service it bound in.</summary>
internal enum Via
{
    /// <summary><c>--ior-file=F</c>: the stringified IOR the server wrote.</summary>
    IorFile,

    /// <summary><c>--ns=corbaloc:iiop:127.0.0.1:P/NameService</c>: StewardTest.Operations resolved in omniNames.</summary>
    NameService,
}

/// <summary>What a server is started with: its port, the file it writes its IOR to, and the naming service to bind in.</summary>
internal sealed record ServerSetup(int Port, string IorFile, string? NameService);

/// <summary>
/// What a client is pointed at: the server's IOR file or the naming service (by <see cref="Via"/>), and the highest GIOP
/// version it may speak (null: its default).
/// </summary>
internal sealed record ClientTarget(string IorFile, string? NameService, string? Giop)
{
    /// <summary>The locating option every client takes: <c>--ns=…</c> when a naming service is given, else <c>--ior-file=…</c>.</summary>
    public string Locator => NameService is { } ns ? $"--ns={ns}" : $"--ior-file=\"{IorFile}\"";
}

/// <summary>
/// One implementation of the contract that can be a server (<c>--port=N --ior-file=F [--ns=…]</c>, prints "ready") and a
/// client (<c>--ior-file=F</c> or <c>--ns=…</c>, prints a <see cref="ClientReport"/>). <see cref="ChoosesGiop"/>: the
/// client takes <c>--giop=1.0|1.1|1.2</c>.
/// </summary>
internal sealed record Peer(
    string Name,
    Func<string?> Missing,
    Func<ServerSetup, Task<Command>> Server,
    Func<ClientTarget, Task<Command>> Client,
    bool ChoosesGiop);

/// <summary>The peers the matrix knows by name.</summary>
internal static class Peers
{
    private static readonly string RepoRoot = Metadata("RepoRoot");
    private static readonly string BuildConfiguration = Metadata("BuildConfiguration");

    public static string Root => RepoRoot;

    /// <summary>omniORB 4.2 C++ (Debian's libomniorb4-dev and omniidl), testassets/corba/cpp, built by <see cref="CppPeers"/>.</summary>
    public static readonly Peer OmniCpp = new("cpp", CppPeers.Missing,
        async s => new Command(Path.Combine(await CppPeers.DirectoryAsync(), "server"), ServerArguments(s)),
        async t => new Command(Path.Combine(await CppPeers.DirectoryAsync(), "client"),
            t.Locator + (t.Giop is { } giop ? $" --giop={giop}" : "")),
        ChoosesGiop: true);

    /// <summary>
    /// The same omniORB programs held to GIOP 1.0 (<c>--giop=1.0</c> on both): the server speaks nothing newer and
    /// publishes an IIOP 1.0 profile, which has no tagged components and so no code sets.
    /// </summary>
    public static readonly Peer OmniCppGiop10 = new("cpp-giop1.0", CppPeers.Missing,
        async s => new Command(Path.Combine(await CppPeers.DirectoryAsync(), "server"), ServerArguments(s) + " --giop=1.0"),
        async t => new Command(Path.Combine(await CppPeers.DirectoryAsync(), "client"), t.Locator + " --giop=1.0"),
        ChoosesGiop: false);

    /// <summary>
    /// Steward's server and client (testassets/CorbaTest.Server, testassets/CorbaTest.Client), run from their build
    /// output like IceInterop.Tests runs IceTest.Server.
    /// </summary>
    public static readonly Peer Steward = new("steward", StewardMissing,
        s => Task.FromResult(new Command("dotnet", $"\"{Dll("CorbaTest.Server")}\" {ServerArguments(s)}")),
        t => Task.FromResult(new Command("dotnet", $"\"{Dll("CorbaTest.Client")}\" {t.Locator}")),
        ChoosesGiop: false);

    /// <summary>Steward's server on Steward.Hosting.Linux (epoll) instead of Kestrel's sockets; the client is the same.</summary>
    public static readonly Peer StewardLinux = new("steward-linux", StewardMissing,
        s => Task.FromResult(new Command("dotnet", $"\"{Dll("CorbaTest.Server")}\" {ServerArguments(s)} --linux-transport")),
        t => Task.FromResult(new Command("dotnet", $"\"{Dll("CorbaTest.Client")}\" {t.Locator}")),
        ChoosesGiop: false);

    private static readonly Dictionary<string, Peer> ByName = new[] { OmniCpp, OmniCppGiop10, Steward, StewardLinux }.ToDictionary(p => p.Name);

    public static Peer Named(string name) => ByName[name];

    public static string Dll(string project) => Path.Combine(RepoRoot, "testassets", project, "bin", BuildConfiguration, "net10.0", project + ".dll");

    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>Why omniNames (Debian's omniorb-nameserver) cannot be started here, or null.</summary>
    public static string? NameServiceMissing() =>
        FindOnPath("omniNames") is null ? "needs omniNames (Debian's omniorb-nameserver; scripts/setup installs it)" : null;

    /// <summary>Why catior (Debian's omniorb) is not here, or null.</summary>
    public static string? CatiorMissing() =>
        FindOnPath("catior") is null ? "needs catior (Debian's omniorb; scripts/setup installs it)" : null;

    private static string ServerArguments(ServerSetup s) =>
        $"--port={s.Port} --ior-file=\"{s.IorFile}\"" + (s.NameService is { } ns ? $" --ns={ns}" : "");

    // CorbaTest.Server and CorbaTest.Client come from another branch (corba-emit); until they are referenced by this
    // project (and so always built), a missing dll means they are not there yet.
    private static string? StewardMissing()
    {
        foreach (var project in new[] { "CorbaTest.Server", "CorbaTest.Client" })
        {
            if (!File.Exists(Dll(project)))
            {
                return $"{project} not built ({Dll(project)} does not exist)";
            }
        }
        return null;
    }

    private static string Metadata(string key) =>
        typeof(Peers).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value!;
}
