using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Steward.Interop;

/// <summary>
/// Builds native programs once per machine into bin/…/NAME/HASH, where HASH covers the input files and the build
/// commands, so repeated runs reuse them and an edited source builds afresh. A lock file makes concurrent test runs
/// wait for one build instead of racing it; the result is moved into place whole, so a killed build leaves no
/// half-filled entry.
/// </summary>
internal static class NativeBuild
{
    /// <summary>The directory holding what <paramref name="build"/> produced; throws with the tool output if a step fails.</summary>
    /// <param name="name">The cache's folder under the test's bin directory.</param>
    /// <param name="inputs">Files whose contents the build depends on.</param>
    /// <param name="commands">Every command the build runs, hashed with the inputs.</param>
    /// <param name="build">Runs the steps in the given work directory.</param>
    public static string Cached(string name, IEnumerable<string> inputs, string commands, Action<string> build)
    {
        var key = new StringBuilder(commands);
        foreach (var input in inputs)
        {
            key.Append('\0').Append(input).Append('\0').Append(File.ReadAllText(input));
        }
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())))[..16];
        var cache = Path.Combine(AppContext.BaseDirectory, name);
        var target = Path.Combine(cache, hash);
        Directory.CreateDirectory(cache);
        using var gate = Lock(Path.Combine(cache, hash + ".lock"));
        if (File.Exists(Path.Combine(target, "built")))
        {
            return target;
        }
        var work = Path.Combine(cache, $"{hash}.tmp-{Environment.ProcessId}");
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }
        Directory.CreateDirectory(work);
        build(work);
        File.WriteAllText(Path.Combine(work, "built"), commands);
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }
        Directory.Move(work, target);
        return target;
    }

    /// <summary>Runs one build step in <paramref name="directory"/>; throws with its output when it fails.</summary>
    public static void Run(string file, string arguments, string directory)
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
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"build step failed ({file} exited with {process.ExitCode}):\n$ {file} {arguments}\n{stdout.Result}{stderr.Result}");
        }
    }

    // An exclusive open of the lock file (an flock on Linux): another process building the same entry holds it until done.
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
