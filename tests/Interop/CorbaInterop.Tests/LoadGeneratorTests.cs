namespace CorbaInterop.Tests;

/// <summary>
/// The benchmark's load generator (bench/Steward.Rpc.Corba.Benchmarks/load/giop-load.c) decodes the server's IOR and
/// writes GIOP 1.2 requests from the specification by hand, checking every reply; a short run against each server
/// proves its encoding (and the server's) before a benchmark relies on it.
/// </summary>
public sealed class LoadGeneratorTests
{
    public static TheoryData<string> Servers() => new() { "cpp", "steward", "steward-linux" };

    [Theory, MemberData(nameof(Servers))]
    public async Task Every_pipelined_opString_reply_from_the_server_is_the_expected_one(string server)
    {
        var peer = Peers.Named(server);
        if (peer.Missing() is { } why)
        {
            Assert.Skip($"{peer.Name}: {why}");
        }
        if (Peers.FindOnPath("gcc") is null)
        {
            Assert.Skip("needs gcc (Debian's gcc; scripts/setup installs it)");
        }
        var load = Path.Combine(await Task.Run(BuildLoadGenerator), "giop-load");
        // Two connections, eight calls outstanding on each, one second: enough to interleave replies and requests.
        var run = await Runs.RunProgramAsync(peer, load, s => $"\"{s.IorFile}\" 2 8 1 0");
        Assert.True(run.ExitCode == 0 && run.Output.Contains("calls=", StringComparison.Ordinal),
            $"giop-load against the {server} server exited with {run.ExitCode}:\n{run.Output}");
    }

    private static string BuildLoadGenerator()
    {
        var source = Path.Combine(Peers.Root, "bench", "Steward.Rpc.Corba.Benchmarks", "load", "giop-load.c");
        const string Flags = "-O2 -Wall -Wextra -Werror";
        return NativeBuild.Cached("giop-load", [source], Flags,
            work => NativeBuild.Run("gcc", $"{Flags} -o giop-load \"{source}\"", work));
    }
}
