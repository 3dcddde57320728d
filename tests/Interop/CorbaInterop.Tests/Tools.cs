using System.Diagnostics;

namespace CorbaInterop.Tests;

/// <summary>Runs omniORB's command-line tools (catior, nameclt) to completion.</summary>
internal static class Tools
{
    /// <summary>The tool's exit code and everything it printed (standard output, then standard error).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, string arguments)
    {
        var psi = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
