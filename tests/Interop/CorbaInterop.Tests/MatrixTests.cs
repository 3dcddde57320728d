namespace CorbaInterop.Tests;

/// <summary>
/// Every client runs every case of the contract against every server (testassets/corba/README.md), finding the server's
/// object by the IOR file it wrote or through omniNames, at each GIOP version the client can be held to. One row per
/// client → server pair and way of finding it; Steward's rows are one line each, e.g.
/// <c>{ "cpp", "steward", "ior", "1.2" }</c> for omniORB's client against Steward's server at GIOP 1.2 and
/// <c>{ "steward", "cpp", "ns", "" }</c> for Steward's client finding omniORB's server through omniNames.
/// </summary>
public sealed class MatrixTests
{
    public static TheoryData<string, string, string, string> Pairs() => new()
    {
        // omniORB against omniORB: proves the peers and the harness before Steward is in the picture.
        { "cpp", "cpp", "ior", "" },
        { "cpp", "cpp", "ns", "" },
        { "cpp", "cpp", "ior", "1.0" },
        { "cpp", "cpp", "ior", "1.1" },
        { "cpp", "cpp", "ior", "1.2" },
        { "cpp", "cpp-giop1.0", "ior", "" },
        { "cpp-giop1.0", "cpp", "ns", "" },
        // Steward's server (CorbaTest.Server) called by omniORB's client, on Kestrel's sockets and on Steward's Linux transport.
        { "cpp", "steward", "ior", "" },
        { "cpp", "steward", "ns", "" },
        { "cpp", "steward", "ior", "1.0" },
        { "cpp", "steward", "ior", "1.1" },
        { "cpp", "steward", "ior", "1.2" },
        { "cpp-giop1.0", "steward", "ns", "" },
        { "cpp", "steward-linux", "ior", "" },
        { "cpp", "steward-linux", "ns", "" },
        // Steward's client (CorbaTest.Client) against omniORB's server, and Steward against itself.
        { "steward", "cpp", "ior", "" },
        { "steward", "cpp", "ns", "" },
        { "steward", "cpp-giop1.0", "ior", "" },
        { "steward", "steward", "ior", "" },
        { "steward", "steward-linux", "ns", "" },
    };

    /// <param name="client">The client peer.</param>
    /// <param name="server">The server peer.</param>
    /// <param name="via">"ior": the client reads the server's IOR file; "ns": it resolves StewardTest.Operations in omniNames.</param>
    /// <param name="giop">The highest GIOP version the client may speak, or "" for its default.</param>
    [Theory, MemberData(nameof(Pairs))]
    public async Task The_client_passes_every_case_against_the_server(string client, string server, string via, string giop)
    {
        var (clientPeer, serverPeer) = (Peers.Named(client), Peers.Named(server));
        foreach (var peer in new[] { clientPeer, serverPeer }.Distinct())
        {
            if (peer.Missing() is { } why)
            {
                Assert.Skip($"{peer.Name}: {why}");
            }
        }
        var way = via switch
        {
            "ior" => Via.IorFile,
            "ns" => Via.NameService,
            _ => throw new ArgumentException($"via is \"ior\" or \"ns\", not \"{via}\"", nameof(via)),
        };
        if (way == Via.NameService && Peers.NameServiceMissing() is { } noNames)
        {
            Assert.Skip(noNames);
        }
        if (giop.Length > 0 && !clientPeer.ChoosesGiop)
        {
            Assert.Skip($"the {client} client cannot be held to a GIOP version (it takes no --giop)");
        }
        var run = await Runs.RunAsync(clientPeer, serverPeer, way, giop.Length > 0 ? giop : null);
        var problem = run.Report.Problem(run.ExitCode);
        Assert.True(problem is null, $"{client} client → {server} server ({via}{(giop.Length > 0 ? ", GIOP " + giop : "")}): {problem}\n{run.Transcript}");
    }
}
