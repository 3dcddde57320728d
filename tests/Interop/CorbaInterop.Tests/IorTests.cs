namespace CorbaInterop.Tests;

/// <summary>
/// The IOR each server writes is one line that omniORB's catior decodes into the contract's type id and an IIOP
/// profile for the address the server listens on.
/// </summary>
public sealed class IorTests
{
    public static TheoryData<string> Servers() => new() { "cpp", "cpp-giop1.0", "steward", "steward-linux" };

    [Theory, MemberData(nameof(Servers))]
    public async Task Catior_decodes_the_IOR_the_server_writes(string server)
    {
        var peer = Peers.Named(server);
        if (peer.Missing() is { } why)
        {
            Assert.Skip($"{peer.Name}: {why}");
        }
        if (Peers.CatiorMissing() is { } noCatior)
        {
            Assert.Skip(noCatior);
        }
        var running = await Runs.ServerAsync(peer, Via.IorFile);
        var lines = File.ReadAllLines(running.IorFile).Where(l => l.Length > 0).ToArray();
        Assert.True(lines.Length == 1 && lines[0].StartsWith("IOR:", StringComparison.Ordinal),
            $"{running.IorFile} should hold one line starting with \"IOR:\", it holds:\n{string.Join('\n', lines)}");

        var (exitCode, output) = await Tools.RunAsync("catior", lines[0]);
        var context = $"catior of the {server} server's IOR exited with {exitCode}:\n{output}";
        Assert.True(exitCode == 0, context);
        Assert.Contains("Type ID: \"IDL:Test/Operations:1.0\"", output, StringComparison.Ordinal);
        Assert.Matches($@"IIOP 1\.[0-2] 127\.0\.0\.1 {running.Port} ", output);
    }
}
