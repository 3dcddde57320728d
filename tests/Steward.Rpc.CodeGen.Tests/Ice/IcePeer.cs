using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Steward.Rpc.CodeGen.Tests.Ice;

/// <summary>
/// Ice for C++ 3.7 as the judge of the encoding: peer/peer.cpp (built once by slice2cpp and g++, cached by the
/// hash of its sources) prints the encapsulations Ice writes for the values the tests write too.
/// </summary>
internal static class IcePeer
{
    private static readonly Lazy<string> Built = new(Build);

    private static readonly Lazy<IReadOnlyDictionary<string, byte[]>> Outputs = new(Run);

    private static readonly string[] PeerFiles = ["peer.cpp", "Extra.ice", "Unknown.ice"];

    public static byte[] Encoded(string name) =>
        Outputs.Value.TryGetValue(name, out var bytes) ? bytes : throw new KeyNotFoundException($"The C++ peer printed no '{name}'.");

    /// <summary>What Ice for C++ reads from an encapsulation of two class instances: one line per instance (type id, then members).</summary>
    public static string[] ReadTwo(byte[] encapsulation)
    {
        var dir = Built.Value;
        return Exec(dir, Path.Combine(dir, "peer"), "read-two", Convert.ToHexString(encapsulation)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string PeerDir([CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "peer");

    /// <summary>The peer's sources: its own files and the interop contract from testassets/ice (one copy in the repository).</summary>
    private static string[] Sources()
    {
        var peer = PeerDir();
        var contract = Path.GetFullPath(Path.Combine(peer, "..", "..", "..", "..", "testassets", "ice", "StewardTest.ice"));
        return [.. PeerFiles.Select(f => Path.Combine(peer, f)), contract];
    }

    private static string Build()
    {
        var sources = Sources();
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(sources.Select(File.ReadAllText)))))[..16];
        var dir = Path.Combine(Path.GetTempPath(), "steward-ice-peer-" + hash);
        var exe = Path.Combine(dir, "peer");
        if (!File.Exists(exe))
        {
            var work = dir + ".tmp" + Environment.ProcessId;
            Directory.CreateDirectory(work);
            foreach (var s in sources)
            {
                File.Copy(s, Path.Combine(work, Path.GetFileName(s)), overwrite: true);
            }
            Exec(work, "/usr/bin/slice2cpp", "-I. -I/usr/share/ice/slice StewardTest.ice Extra.ice Unknown.ice");
            Exec(work, "g++", "-DICE_CPP11_MAPPING -std=c++17 -pthread -I. -o peer peer.cpp StewardTest.cpp Extra.cpp Unknown.cpp -lIce++11");
            try
            {
                Directory.Move(work, dir);
            }
            catch (IOException) when (File.Exists(exe))
            {
                // Another test process built it first.
            }
        }
        return dir;
    }

    private static IReadOnlyDictionary<string, byte[]> Run()
    {
        var dir = Built.Value;
        var output = Exec(dir, Path.Combine(dir, "peer"), "");
        var result = new Dictionary<string, byte[]>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            result[parts[0]] = Convert.FromHexString(parts[1]);
        }
        return result;
    }

    private static string Exec(string dir, string file, string args, string? stdin = null)
    {
        var info = new ProcessStartInfo(file, args) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin != null };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        if (stdin != null)
        {
            process.StandardInput.WriteLine(stdin);
            process.StandardInput.Close();
        }
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {args} failed ({process.ExitCode}):\n{stderr.Result}");
        }
        return stdout;
    }
}
