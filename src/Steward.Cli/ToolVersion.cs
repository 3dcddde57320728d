using System.Reflection;

namespace Steward.Cli;

/// <summary>The version this tool was packed as, which is the version of every Steward package built with it.</summary>
internal static class ToolVersion
{
    /// <summary>
    /// The package version: the informational version without the "+commit" build metadata the SDK appends
    /// (a package reference cannot carry it).
    /// </summary>
    public static string Package { get; } = FromInformational(
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ToolVersion).Assembly.GetName().Version?.ToString(3)
        ?? "0.0.0");

    private static string FromInformational(string informational)
    {
        int plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
