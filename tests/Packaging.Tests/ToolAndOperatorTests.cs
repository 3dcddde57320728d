namespace Steward.Packaging.Tests;

/// <summary>
/// The steward tool from the local feed, and the kubebuilder flow it drives, with nothing but packages:
/// the scaffold must reference the Steward packages at the tool's own version, build and pass its tests.
/// </summary>
public sealed class ToolAndOperatorTests
{
    [Fact]
    public void The_tool_installs_from_the_feed_and_scaffolds_an_operator_that_builds_and_passes_its_tests_on_the_packages()
    {
        using var feed = LocalFeed.Create();
        string tools = Path.Combine(feed.Root, "tools");
        feed.Run(feed.Root, "dotnet", "tool", "install", "--tool-path", tools, "--add-source", feed.PackagesDirectory,
            "--version", LocalFeed.Version, "Steward.Cli");
        string steward = Path.Combine(tools, "steward");
        Assert.Contains(LocalFeed.Version, feed.Run(feed.Root, steward, "--version"), StringComparison.Ordinal);

        string project = Path.Combine(feed.Root, "steward-operator");
        Directory.CreateDirectory(project);
        feed.Run(project, steward, "kube", "init", "--domain", "crd.fp.net");
        feed.Run(project, steward, "kube", "create", "api", "--group", "oam", "--version", "v1", "--kind", "Steward");
        feed.Run(project, steward, "kube", "create", "webhook", "--group", "oam", "--version", "v1", "--kind", "Steward",
            "--defaulting", "--programmatic-validation");

        string packageVersions = File.ReadAllText(Path.Combine(project, "Directory.Packages.props"));
        foreach (var library in new[] { "Steward.Kube", "Steward.Kube.Webhooks", "Steward.Kube.Crd" })
        {
            Assert.Contains($"<PackageVersion Include=\"{library}\" Version=\"{LocalFeed.Version}\" />", packageVersions, StringComparison.Ordinal);
        }
        string operatorProject = File.ReadAllText(Path.Combine(project, "src", "StewardOperator", "StewardOperator.csproj"));
        Assert.DoesNotContain("ProjectReference", operatorProject, StringComparison.Ordinal);

        feed.Run(project, "dotnet", "build", "-c", "Release", "-nologo", "-v", "quiet", "-clp:ErrorsOnly");
        string test = feed.Run(project, "dotnet", "test", "-c", "Release", "--no-build", "--no-progress");
        Assert.Contains("succeeded: ", test, StringComparison.Ordinal);
        Assert.Contains("failed: 0", test, StringComparison.Ordinal);
    }
}
