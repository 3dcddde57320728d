using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Steward.Packaging.Tests;

/// <summary>
/// The CNI plugins as they ship: a tarball of NativeAOT executables with a sha256sum file beside it, each
/// answering CNI_COMMAND=VERSION with the spec versions it supports.
/// </summary>
public sealed class CniTarballTests
{
    private static readonly string[] Plugins = ["bridge", "host-local", "mock"];

    [Fact]
    public void The_tarball_matches_its_checksum_and_unpacks_to_plugins_that_answer_VERSION()
    {
        using var feed = LocalFeed.Create();
        string name = $"steward-cni-plugins-linux-amd64-{LocalFeed.Version}.tgz";
        string tarball = Path.Combine(feed.PackagesDirectory, name);
        Assert.True(File.Exists(tarball), tarball + " is missing");

        // The line sha256sum writes: "<hex>  <file name>", checkable with `sha256sum -c` next to the tarball.
        string expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(tarball))) + "  " + name + "\n";
        Assert.Equal(expected, File.ReadAllText(tarball + ".sha256"));

        string unpacked = Path.Combine(feed.Root, "cni");
        Directory.CreateDirectory(unpacked);
        feed.Run(unpacked, "tar", "-xzf", tarball);
        foreach (var plugin in Plugins)
        {
            string path = Path.Combine(unpacked, plugin);
            Assert.True(File.Exists(path), plugin + " is not in the tarball");
            Assert.True((File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0, plugin + " is not executable");

            var version = JsonNode.Parse(RunVersion(path))!;
            Assert.Equal("1.1.0", version["cniVersion"]!.GetValue<string>());
            var supported = version["supportedVersions"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
            Assert.Contains("0.4.0", supported);
            Assert.Contains("1.0.0", supported);
            Assert.Contains("1.1.0", supported);
        }
    }

    private static string RunVersion(string plugin)
    {
        var start = new System.Diagnostics.ProcessStartInfo(plugin) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.Environment["CNI_COMMAND"] = "VERSION";
        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardInput.Close();
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(10)), plugin + " did not answer VERSION");
        Assert.True(process.ExitCode == 0, $"{plugin} VERSION exited with {process.ExitCode}: {process.StandardError.ReadToEnd()}");
        return output;
    }
}
