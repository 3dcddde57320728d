using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Steward.Packaging.Tests;

/// <summary>
/// A temporary directory outside the repository from which the packages are used as a user would use them:
/// its nuget.config lists artifacts/packages and nuget.org only, and its global packages folder is its own, so
/// a Steward package extracted earlier can never stand in for the one just packed. Third-party packages are
/// found in the machine's package folders (as fallback folders, without their Steward packages) instead of
/// being downloaded again.
/// </summary>
internal sealed class LocalFeed : IDisposable
{
    private readonly DirectoryInfo _root;

    private readonly string _globalPackagesFolder;

    private LocalFeed(DirectoryInfo root, string packagesDirectory, string globalPackagesFolder)
    {
        _root = root;
        PackagesDirectory = packagesDirectory;
        _globalPackagesFolder = globalPackagesFolder;
    }

    /// <summary>The directory the test works in; nothing above it belongs to the repository.</summary>
    public string Root => _root.FullName;

    /// <summary>artifacts/packages of this tree: the feed under test.</summary>
    public string PackagesDirectory { get; }

    /// <summary>The version of this tree, which every package and the tool carry.</summary>
    public static string Version { get; } = StripBuildMetadata(
        typeof(LocalFeed).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion);

    /// <summary>
    /// Creates the directory and its nuget.config; skips the test when scripts/pack has not written the
    /// packages of this version yet.
    /// </summary>
    public static LocalFeed Create()
    {
        string packages = Path.Combine(RepositoryRoot(), "artifacts", "packages");
        if (!File.Exists(Path.Combine(packages, $"Steward.Cli.{Version}.nupkg")))
        {
            Assert.Skip($"{packages} has no Steward.Cli.{Version}.nupkg: run scripts/pack first");
        }

        var root = Directory.CreateTempSubdirectory("steward-packaging-");
        string globalPackages = Path.Combine(root.FullName, ".nuget-packages");
        var fallbackFolders = MachinePackagesWithoutSteward(root.FullName);
        var config = new StringBuilder();
        config.Append($"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{globalPackages}" />
              </config>
              <packageSources>
                <clear />
                <add key="steward" value="{packages}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <fallbackPackageFolders>

            """);
        for (int i = 0; i < fallbackFolders.Count; i++)
        {
            config.Append($"    <add key=\"machine{i}\" value=\"{fallbackFolders[i]}\" />\n");
        }
        config.Append("""
              </fallbackPackageFolders>
            </configuration>

            """);
        File.WriteAllText(Path.Combine(root.FullName, "nuget.config"), config.ToString());
        return new LocalFeed(root, packages, globalPackages);
    }

    /// <summary>
    /// The machine's package folders as fallback folders, minus any Steward package: a copy restored there
    /// earlier (a global tool install, say) would otherwise stand in for the one just packed. Each folder is
    /// mirrored by links to its packages, so NuGet still finds the third-party ones without downloading them,
    /// and fallback folders are only read, so nothing is written into the machine's folders.
    /// </summary>
    private static List<string> MachinePackagesWithoutSteward(string root)
    {
        var folders = new List<string>();
        foreach (var machineFolder in new[] { Path.Combine(Home, ".nuget", "packages"), "/opt/nuget/packages" }.Where(Directory.Exists))
        {
            string mirror = Path.Combine(root, ".fallback-" + folders.Count);
            Directory.CreateDirectory(mirror);
            foreach (var package in Directory.EnumerateDirectories(machineFolder))
            {
                string id = Path.GetFileName(package);
                if (!id.StartsWith("steward.", StringComparison.OrdinalIgnoreCase))
                {
                    File.CreateSymbolicLink(Path.Combine(mirror, id), package);
                }
            }
            folders.Add(mirror);
        }
        return folders;
    }

    /// <summary>Runs a command in <paramref name="workingDirectory"/>; fails the test, with its output, when it exits non-zero.</summary>
    public string Run(string workingDirectory, string file, params string[] args)
    {
        var (code, output) = TryRun(workingDirectory, file, args);
        Assert.True(code == 0, $"{file} {string.Join(' ', args)} exited with {code}:\n{output}");
        return output;
    }

    /// <summary>Runs a command with this directory's package settings and returns its exit code and output.</summary>
    public (int Code, string Output) TryRun(string workingDirectory, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["NUGET_PACKAGES"] = _globalPackagesFolder;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // Reused MSBuild nodes and build servers inherit the pipes and outlive the command: without these
        // the output would never reach end-of-file.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} did not finish");
        }
        Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(30));
        return (process.ExitCode, (stdout.IsCompletedSuccessfully ? stdout.Result : "") + (stderr.IsCompletedSuccessfully ? stderr.Result : ""));
    }

    public void Dispose()
    {
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A process that outlived its test may still hold a file; the temporary directory is the system's to clean.
        }
    }

    /// <summary>The tree this test was built in (it finds the packages there, nothing else).</summary>
    public static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Steward.slnx")))
            {
                return d.FullName;
            }
        }
        throw new InvalidOperationException("the Steward tree is not above " + AppContext.BaseDirectory);
    }

    private static string Home => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    private static string StripBuildMetadata(string version)
    {
        int plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
