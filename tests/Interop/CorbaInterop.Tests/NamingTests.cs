namespace CorbaInterop.Tests;

/// <summary>
/// A server given <c>--ns=…</c> binds its object in the naming service as StewardTest.Operations, which omniORB's
/// nameclt lists and resolves to a reference of the contract's type.
/// </summary>
public sealed class NamingTests
{
    public static TheoryData<string> Servers() => new() { "cpp", "steward", "steward-linux" };

    [Theory, MemberData(nameof(Servers))]
    public async Task Nameclt_resolves_StewardTest_Operations_to_the_server_object(string server)
    {
        var peer = Peers.Named(server);
        if (peer.Missing() is { } why)
        {
            Assert.Skip($"{peer.Name}: {why}");
        }
        foreach (var missing in new[] { Peers.NameServiceMissing(), Peers.CatiorMissing() })
        {
            if (missing is not null)
            {
                Assert.Skip(missing);
            }
        }
        if (Peers.FindOnPath("nameclt") is null)
        {
            Assert.Skip("needs nameclt (Debian's omniorb; scripts/setup installs it)");
        }
        var running = await Runs.ServerAsync(peer, Via.NameService);
        var initRef = $"-ORBInitRef NameService={running.NameService}";

        var (listed, list) = await Tools.RunAsync("nameclt", $"{initRef} list");
        Assert.True(listed == 0 && list.Split('\n').Any(l => l.Trim() == "StewardTest.Operations"),
            $"nameclt list (exit {listed}) does not show StewardTest.Operations:\n{list}");

        var (resolved, ior) = await Tools.RunAsync("nameclt", $"{initRef} resolve StewardTest.Operations");
        Assert.True(resolved == 0 && ior.Trim().StartsWith("IOR:", StringComparison.Ordinal),
            $"nameclt resolve StewardTest.Operations exited with {resolved}:\n{ior}");
        var (decoded, output) = await Tools.RunAsync("catior", ior.Trim());
        Assert.True(decoded == 0, $"catior of the bound reference exited with {decoded}:\n{output}");
        Assert.Contains("Type ID: \"IDL:Test/Operations:1.0\"", output, StringComparison.Ordinal);
        Assert.Matches($@"IIOP 1\.[0-2] 127\.0\.0\.1 {running.Port} ", output);
    }
}
