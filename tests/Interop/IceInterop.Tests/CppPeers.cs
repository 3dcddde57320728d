namespace IceInterop.Tests;

/// <summary>
/// The Ice for C++ peers (testassets/ice/cpp) compiled from the contract with slice2cpp and g++, once per machine
/// into bin/…/ice-cpp/HASH (<see cref="NativeBuild"/>).
/// </summary>
internal static class CppPeers
{
    // -O1: the peers' speed does not matter here, and it compiles faster than -O2 (the benchmark builds its own).
    private const string Flags = "-O1 -DICE_CPP11_MAPPING -std=c++17 -pthread";
    private const string Libraries = "-lIce++11";

    private static readonly Lazy<Task<string>> Build = new(() => Task.Run(BuildOnce));

    private static string Sources => Path.Combine(Peers.Root, "testassets", "ice");

    /// <summary>The directory holding the built <c>server</c> and <c>client</c>; throws with the compiler's output if the build fails.</summary>
    public static Task<string> DirectoryAsync() => Build.Value;

    /// <summary>Why the C++ peers cannot be built here, or null.</summary>
    public static string? Missing()
    {
        if (!File.Exists("/usr/bin/slice2cpp"))
        {
            return "needs /usr/bin/slice2cpp (Debian's zeroc-ice-compilers; scripts/setup installs it)";
        }
        if (!File.Exists("/usr/include/Ice/Ice.h"))
        {
            return "needs Ice for C++ headers and library (Debian's libzeroc-ice-dev; scripts/setup installs it)";
        }
        return Peers.FindOnPath("g++") is null ? "needs g++ (Debian's g++; scripts/setup installs it)" : null;
    }

    private static string BuildOnce()
    {
        var contract = Path.Combine(Sources, "StewardTest.ice");
        var programs = new[] { "server", "client" };
        string Compile(string program) => $"{Flags} -I. -o {program} \"{Path.Combine(Sources, "cpp", program + ".cpp")}\" StewardTest.o {Libraries}";
        var commands = string.Join("\n", programs.Select(Compile).Prepend($"{Flags} -I. -c StewardTest.cpp -o StewardTest.o"));
        return NativeBuild.Cached("ice-cpp", programs.Select(p => Path.Combine(Sources, "cpp", p + ".cpp")).Prepend(contract), commands, work =>
        {
            NativeBuild.Run("/usr/bin/slice2cpp", $"--output-dir \"{work}\" \"{contract}\"", work);
            NativeBuild.Run("g++", $"{Flags} -I. -c StewardTest.cpp -o StewardTest.o", work);
            // The two programs compile in parallel: most of each is parsing Ice's headers.
            Parallel.ForEach(programs, program => NativeBuild.Run("g++", Compile(program), work));
        });
    }
}
