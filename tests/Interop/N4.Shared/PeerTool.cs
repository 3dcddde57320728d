using System.Diagnostics;
using System.Text;

namespace Steward.N4.Testing;

/// <summary>What a finished peer process left behind.</summary>
internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>
/// Runs the real peers (tshark, scapy's Python, iproute2) as processes, optionally inside a named network namespace
/// through `ip netns exec`. Free of xunit, so the benchmark can compile it too; the skips are in PeerTool.Skips.cs.
/// </summary>
internal static partial class PeerTool
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    public static bool IsRoot
    {
        get
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("Uid:", StringComparison.Ordinal))
                {
                    return line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0";
                }
            }
            return false;
        }
    }

    /// <summary>The start info for <paramref name="file"/>, wrapped in `ip netns exec` when a namespace is named.</summary>
    public static ProcessStartInfo StartInfo(string? netns, string file, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(netns is null ? file : "ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (netns is not null)
        {
            psi.ArgumentList.Add("netns");
            psi.ArgumentList.Add("exec");
            psi.ArgumentList.Add(netns);
            psi.ArgumentList.Add(file);
        }
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        return psi;
    }

    /// <summary>Runs to completion and returns the exit code and output; a run past the timeout is killed and throws.</summary>
    public static ToolResult Run(string file, IEnumerable<string> args, string? stdin = null, string? netns = null, TimeSpan? timeout = null)
    {
        var psi = StartInfo(netns, file, args);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.Append(e.Data).Append('\n'); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.Append(e.Data).Append('\n'); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeout ?? DefaultTimeout}: {stderr}");
        }
        process.WaitForExit();
        return new ToolResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs and throws with the output when the exit code is not 0.</summary>
    public static string RunChecked(string file, IEnumerable<string> args, string? stdin = null, string? netns = null, TimeSpan? timeout = null)
    {
        var result = Run(file, args, stdin, netns, timeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', args)} exited {result.ExitCode}:\n{result.StandardError}\n{result.StandardOutput}");
        }
        return result.StandardOutput;
    }

    /// <summary>Sends SIGINT, the signal a capture tool stops cleanly on (flushing its file).</summary>
    public static void Interrupt(int pid) => RunChecked("kill", ["-s", "INT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
}
