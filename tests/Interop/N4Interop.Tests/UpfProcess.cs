using System.Globalization;

namespace Steward.N4.Interop.Tests;

/// <summary>
/// `steward upf run` in the topology's UPF namespace: PFCP on 10.100.0.2:8805, N3 on 10.100.0.2, N6 on the TUN device
/// upf-n6 (routed for the UE pool once it exists). Ready when its PFCP port is bound; stopped with SIGTERM.
/// </summary>
internal sealed class UpfProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private UpfProcess(NamespaceProcess process) => Process = process;

    public NamespaceProcess Process { get; }

    public static UpfProcess Start(N4Topology topology, params string[] extraArgs)
    {
        var process = StewardCli.Start(topology.Upf,
        [
            "upf", "run", "--pfcp", $"{N4Topology.UpfN3Address}:8805", "--n3", N4Topology.UpfN3Address.ToString(),
            "--n6", N4Topology.UpfTun, .. extraArgs,
        ]);
        var upf = new UpfProcess(process);
        try
        {
            WaitForUdpPort(topology.Upf, 8805, process);
            topology.RouteUePoolIntoUpf();
            return upf;
        }
        catch
        {
            upf.Dispose();
            throw;
        }
    }

    private static void WaitForUdpPort(string netns, int port, NamespaceProcess process)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        var filter = "sport = :" + port.ToString(CultureInfo.InvariantCulture);
        while (PeerTool.RunChecked("ss", ["-H", "-u", "-l", "-n", filter], netns: netns).Trim().Length == 0)
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException(
                    $"the UPF did not bind UDP {port} ({(process.HasExited ? $"exited {process.ExitCode}" : "timed out")}):\n" +
                    string.Join('\n', process.Lines) + "\n" + process.StandardError);
            }
            Thread.Sleep(100);
        }
    }

    /// <summary>Stops it the way an operator does (SIGTERM) and returns whether it exited by itself.</summary>
    public bool Stop()
    {
        if (Process.HasExited)
        {
            return true;
        }
        Process.Signal("TERM");
        return Process.WaitForExit(TimeSpan.FromSeconds(15));
    }

    public void Dispose()
    {
        Stop();
        Process.Dispose();
    }
}
