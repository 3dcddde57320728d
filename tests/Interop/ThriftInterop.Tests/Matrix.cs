using static ThriftInterop.Tests.Peers;

[assembly: AssemblyFixture(typeof(ThriftInterop.Tests.ServerShutdown))]

namespace ThriftInterop.Tests;

/// <summary>One client → server direction over every protocol × transport, as Apache Thrift's cross test runs it.</summary>
public abstract class Matrix
{
    public static TheoryData<string, string> Combinations()
    {
        var data = new TheoryData<string, string>();
        foreach (var protocol in Protocols)
        {
            foreach (var transport in Transports)
            {
                data.Add(protocol, transport);
            }
        }
        return data;
    }

    // TLS and Unix sockets sit below the protocol and the framing, so two combinations each cover them; between
    // them they still touch every protocol and both transports.
    public static TheoryData<string, string> TlsCombinations() => new() { { "binary", "framed" }, { "json", "buffered" } };

    public static TheoryData<string, string> DomainSocketCombinations() => new() { { "compact", "buffered" }, { "multi", "framed" } };

    private protected static async Task AssertClientPasses(Side client, Side server, string protocol, string transport,
        bool ssl = false, bool domainSocket = false)
    {
        foreach (var side in new[] { client, server })
        {
            if (Missing(side) is { } why)
            {
                Assert.Skip(why);
            }
        }
        if (!ssl && !domainSocket)
        {
            Prefetch(client, server);
        }
        var (exitCode, output) = await RunAsync(client, server, protocol, transport, ssl, domainSocket);
        Assert.True(exitCode == 0, $"{client} client → {server} server ({protocol}, {transport}{(ssl ? ", ssl" : "")}{(domainSocket ? ", domain socket" : "")}) exited with {exitCode}:\n{output}");
    }
}

/// <summary>Stops the shared servers when the run ends.</summary>
public sealed class ServerShutdown : IDisposable
{
    public void Dispose() => StopServers();
}
