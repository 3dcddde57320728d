namespace Steward.N4.Interop.Tests;

/// <summary>
/// `steward upf run` in the topology's UPF namespace: PFCP on 10.100.0.2:8805, N3 on 10.100.0.2, N6 on the TUN device
/// upf-n6 with the UE pool routed into it. Ready once it prints its "upf: PFCP on …" line; stopped with SIGTERM.
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
            "--n6", N4Topology.UpfTun, "--ue-pool", N4Topology.UePool.ToString(), .. extraArgs,
        ]);
        try
        {
            process.WaitForLine(l => l.StartsWith("upf: PFCP on", StringComparison.Ordinal), StartTimeout);
            return new UpfProcess(process);
        }
        catch
        {
            process.Dispose();
            throw;
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
