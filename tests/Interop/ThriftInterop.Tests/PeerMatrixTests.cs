using static ThriftInterop.Tests.Peers;

namespace ThriftInterop.Tests;

// The two reference peers against each other: when a Steward combination fails, these tell whether the peers and
// the harness work for that combination at all.

public sealed class PythonClientToApacheThriftServer : Matrix
{
    [Theory, MemberData(nameof(Combinations))]
    public Task Passes_every_case(string protocol, string transport) => AssertClientPasses(Side.Python, Side.Anchor, protocol, transport);

    [Fact]
    public Task Passes_every_case_over_tls() => AssertClientPasses(Side.Python, Side.Anchor, "binary", "framed", ssl: true);
}

public sealed class ApacheThriftClientToPythonServer : Matrix
{
    [Theory, MemberData(nameof(Combinations))]
    public Task Passes_every_case(string protocol, string transport) => AssertClientPasses(Side.Anchor, Side.Python, protocol, transport);

    [Fact]
    public Task Passes_every_case_over_tls() => AssertClientPasses(Side.Anchor, Side.Python, "compact", "buffered", ssl: true);
}
