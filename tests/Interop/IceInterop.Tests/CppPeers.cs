using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace IceInterop.Tests;

/// <summary>
/// Compiles the Ice for C++ peers (testassets/ice/cpp) once per machine: into bin/…/ice-cpp/HASH, where HASH covers
/// the sources and the compiler command, so repeated runs reuse the binaries and an edited source builds afresh.
/// A lock file makes concurrent test runs wait for one build instead of racing it.
/// </summary>
internal static class CppPeers
{
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
        var inputs = new[] { "StewardTest.ice", "cpp/server.cpp", "cpp/client.cpp" };
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join("\0", inputs.Select(i => i + "\0" + File.ReadAllText(Path.Combine(Sources, i)))) + "\0" + Flags + Libraries)))[..16];
        var cache = Path.Combine(AppContext.BaseDirectory, "ice-cpp");
        var target = Path.Combine(cache, hash);
        Directory.CreateDirectory(cache);
        using var gate = Lock(Path.Combine(cache, hash + ".lock"));
        if (File.Exists(Path.Combine(target, "built")))
        {
            return target;
        }
        // Built aside and moved into place whole, so a killed build never leaves a half-filled cache entry.
        var work = Path.Combine(cache, $"{hash}.tmp-{Environment.ProcessId}");
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }
        Directory.CreateDirectory(work);
        var log = new StringBuilder();
        Run("/usr/bin/slice2cpp", $"--output-dir \"{work}\" \"{Path.Combine(Sources, "StewardTest.ice")}\"", work, log);
        Run("g++", $"{Flags} -I. -c StewardTest.cpp -o StewardTest.o", work, log);
        // The two programs compile in parallel: most of each is parsing Ice's headers.
        Parallel.ForEach(new[] { "server", "client" }, program =>
            Run("g++", $"{Flags} -I. -o {program} \"{Path.Combine(Sources, "cpp", program + ".cpp")}\" StewardTest.o {Libraries}", work, log));
        File.WriteAllText(Path.Combine(work, "built"), log.ToString());
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }
        Directory.Move(work, target);
        return target;
    }

    private static void Run(string file, string arguments, string directory, StringBuilder log)
    {
        var psi = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var output = stdout.Result + stderr.Result;
        lock (log)
        {
            log.AppendLine($"$ {file} {arguments}").Append(output);
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"building the Ice for C++ peers failed ({file} exited with {process.ExitCode}):\n$ {file} {arguments}\n{output}");
        }
    }

    // An exclusive open of the lock file: another process building the same entry holds it until it is done.
    private static FileStream Lock(string path)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                Thread.Sleep(200);
            }
        }
    }
}
