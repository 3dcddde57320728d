namespace IceInterop.Tests;

/// <summary>
/// Every client runs every case of the contract against every server (testassets/ice/README.md). One row per
/// client → server pair; Steward's rows are one line each, e.g. <c>{ "python", "steward" }</c> for the python client
/// against Steward's server and <c>{ "steward", "cpp" }</c> for Steward's client against the C++ server.
/// </summary>
public sealed class MatrixTests
{
    public static TheoryData<string, string> Pairs() => new()
    {
        // ZeroC against ZeroC: proves the peers and the harness before Steward is in the picture.
        { "python", "cpp" },
        { "cpp", "python" },
        { "python", "python" },
        { "cpp", "cpp" },
    };

    [Theory, MemberData(nameof(Pairs))]
    public async Task The_client_passes_every_case_against_the_server(string client, string server)
    {
        var (clientPeer, serverPeer) = (Peers.Named(client), Peers.Named(server));
        foreach (var peer in new[] { clientPeer, serverPeer }.Distinct())
        {
            if (peer.Missing() is { } why)
            {
                Assert.Skip($"{peer.Name}: {why}");
            }
        }
        var run = await Runs.RunAsync(clientPeer, serverPeer);
        var problem = run.Report.Problem(run.ExitCode);
        Assert.True(problem is null, $"{client} client → {server} server: {problem}\n{run.Transcript}");
    }
}
