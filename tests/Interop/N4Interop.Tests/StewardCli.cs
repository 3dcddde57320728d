using System.Reflection;

namespace Steward.N4.Interop.Tests;

/// <summary>The `steward` tool from this repository's build (Steward.Cli is a build-only reference of this project).</summary>
internal static class StewardCli
{
    private static readonly string RepoRoot = Metadata("RepoRoot");
    private static readonly string Configuration = Metadata("BuildConfiguration");

    public static string Dll => Path.Combine(RepoRoot, "src", "Steward.Cli", "bin", Configuration, "net10.0", "steward.dll");

    /// <summary>`dotnet steward.dll ARGS` in a namespace, with tiered compilation counting from the first call (no slow warm-up).</summary>
    public static NamespaceProcess Start(string netns, params string[] args) =>
        NamespaceProcess.Start(netns, "dotnet", [Dll, .. args], new Dictionary<string, string> { ["DOTNET_TC_CallCountingDelayMs"] = "0" });

    private static string Metadata(string key) =>
        typeof(StewardCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"no {key} metadata");
}
