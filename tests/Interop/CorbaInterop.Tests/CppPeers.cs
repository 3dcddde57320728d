namespace CorbaInterop.Tests;

/// <summary>
/// The omniORB 4.2 C++ peers (testassets/corba/cpp) compiled from the contract with <c>omniidl -bcxx</c> and g++, once
/// per machine into bin/…/corba-cpp/HASH (<see cref="NativeBuild"/>).
/// </summary>
internal static class CppPeers
{
    // -O1: the peers' speed does not matter here, and it compiles faster than -O2 (the benchmark builds its own).
    private const string Flags = "-O1 -std=c++17 -pthread";

    private static readonly Lazy<Task<string>> Build = new(() => Task.Run(BuildOnce));

    private static string Sources => Path.Combine(Peers.Root, "testassets", "corba");

    /// <summary>The directory holding the built <c>server</c> and <c>client</c>; throws with the compiler's output if the build fails.</summary>
    public static Task<string> DirectoryAsync() => Build.Value;

    /// <summary>Why the C++ peers cannot be built here, or null.</summary>
    public static string? Missing()
    {
        if (!File.Exists("/usr/bin/omniidl"))
        {
            return "needs /usr/bin/omniidl (Debian's omniidl; scripts/setup installs it)";
        }
        if (!File.Exists("/usr/include/omniORB4/CORBA.h"))
        {
            return "needs omniORB's C++ headers and libraries (Debian's libomniorb4-dev; scripts/setup installs it)";
        }
        if (Peers.FindOnPath("pkg-config") is null)
        {
            return "needs pkg-config for omniORB's compile flags (Debian's pkg-config; scripts/setup installs it)";
        }
        return Peers.FindOnPath("g++") is null ? "needs g++ (Debian's g++; scripts/setup installs it)" : null;
    }

    private static string BuildOnce()
    {
        var contract = Path.Combine(Sources, "StewardTest.idl");
        var programs = new[] { "server", "client" };
        var stubs = new[] { "StewardTestSK", "StewardTestDynSK" };
        // omniDynamic4 holds the any and TypeCode support the contract's opAny needs (and pulls in omniORB4).
        var libraries = PkgConfig("--cflags --libs omniDynamic4");
        var objects = string.Join(" ", stubs.Select(s => s + ".o"));
        string CompileStub(string stub) => $"{Flags} -I. -c {stub}.cc -o {stub}.o";
        string Link(string program) => $"{Flags} -I. -o {program} \"{Path.Combine(Sources, "cpp", program + ".cpp")}\" {objects} {libraries}";
        var commands = string.Join("\n", stubs.Select(CompileStub).Concat(programs.Select(Link)).Prepend("omniidl -bcxx -Wba"));
        return NativeBuild.Cached("corba-cpp", programs.Select(p => Path.Combine(Sources, "cpp", p + ".cpp")).Prepend(contract), commands, work =>
        {
            NativeBuild.Run("/usr/bin/omniidl", $"-bcxx -Wba -C\"{work}\" \"{contract}\"", work);
            // The stubs and then the two programs compile in parallel: most of each is parsing omniORB's headers.
            Parallel.ForEach(stubs, stub => NativeBuild.Run("g++", CompileStub(stub), work));
            Parallel.ForEach(programs, program => NativeBuild.Run("g++", Link(program), work));
        });
    }

    private static string PkgConfig(string arguments)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pkg-config", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pkg-config {arguments} exited with {process.ExitCode}: {error}");
        }
        return output.Trim();
    }
}
