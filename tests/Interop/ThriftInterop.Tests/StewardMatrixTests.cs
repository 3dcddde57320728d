using static ThriftInterop.Tests.Peers;

namespace ThriftInterop.Tests;

// Steward against itself and against both reference peers, in both directions, over every protocol × transport.
// Python is Debian's python3-thrift 0.17 with code from its thrift compiler; ApacheThrift is the 0.25 NuGet library.
// Steward's client calls testUuid only when the server is Steward (the 0.17 compiler has no uuid).

public sealed class StewardClientToStewardServer : Matrix
{
    [Theory, MemberData(nameof(Combinations))]
    public Task Passes_every_case(string protocol, string transport) => AssertClientPasses(Side.Steward, Side.Steward, protocol, transport);

    [Theory, MemberData(nameof(TlsCombinations))]
    public Task Passes_every_case_over_tls(string protocol, string transport) =>
        AssertClientPasses(Side.Steward, Side.Steward, protocol, transport, ssl: true);

    [Theory, MemberData(nameof(DomainSocketCombinations))]
    public Task Passes_every_case_over_a_unix_domain_socket(string protocol, string transport) =>
        AssertClientPasses(Side.Steward, Side.Steward, protocol, transport, domainSocket: true);
}

public sealed class PythonClientToStewardServer : Matrix
{
    [Theory, MemberData(nameof(Combinations))]
    public Task Passes_every_case(string protocol, string transport) => AssertClientPasses(Side.Python, Side.Steward, protocol, transport);

    [Theory, MemberData(nameof(TlsCombinations))]
    public Task Passes_every_case_over_tls(string protocol, string transport) =>
        AssertClientPasses(Side.Python, Side.Steward, protocol, transport, ssl: true);

    [Theory, MemberData(nameof(DomainSocketCombinations))]
    public Task Passes_every_case_over_a_unix_domain_socket(string protocol, string transport) =>
        AssertClientPasses(Side.Python, Side.Steward, protocol, transport, domainSocket: true);
}

public sealed class StewardClientToPythonServer : Matrix
{
    [Theory, MemberData(nameof(Combinations))]
    public Task Passes_every_case(string protocol, string transport) => AssertClientPasses(Side.Steward, Side.Python, protocol, transport);

    [Theory, MemberData(nameof(TlsCombinations))]
    public Task Passes_every_case_over_tls(string protocol, string transport) =>
        AssertClientPasses(Side.Steward, Side.Python, protocol, transport, ssl: true);

    [Theory, MemberData(nameof(DomainSocketCombinations))]
    public Task Passes_every_case_over_a_unix_domain_socket(string protocol, string transport) =>
        AssertClientPasses(Side.Steward, Side.Python, protocol, transport, domainSocket: true);
}

public sealed class ApacheThriftClientToStewardServer : Matrix
{
    [Theory, MemberData(nameof(Combinations))]
    public Task Passes_every_case(string protocol, string transport) => AssertClientPasses(Side.Anchor, Side.Steward, protocol, transport);

    [Fact]
    public Task Passes_every_case_over_tls() => AssertClientPasses(Side.Anchor, Side.Steward, "binary", "framed", ssl: true);
}

public sealed class StewardClientToApacheThriftServer : Matrix
{
    [Theory, MemberData(nameof(Combinations))]
    public Task Passes_every_case(string protocol, string transport) => AssertClientPasses(Side.Steward, Side.Anchor, protocol, transport);

    [Fact]
    public Task Passes_every_case_over_tls() => AssertClientPasses(Side.Steward, Side.Anchor, "binary", "framed", ssl: true);
}

// The same server on Steward's epoll transport instead of Kestrel's sockets: Python and ApacheThrift clients.
public sealed class PythonClientToStewardServerOnLinuxTransport : Matrix
{
    [Theory, MemberData(nameof(Combinations))]
    public Task Passes_every_case(string protocol, string transport) => AssertClientPasses(Side.Python, Side.StewardLinux, protocol, transport);

    [Theory, MemberData(nameof(TlsCombinations))]
    public Task Passes_every_case_over_tls(string protocol, string transport) =>
        AssertClientPasses(Side.Python, Side.StewardLinux, protocol, transport, ssl: true);

    [Theory, MemberData(nameof(DomainSocketCombinations))]
    public Task Passes_every_case_over_a_unix_domain_socket(string protocol, string transport) =>
        AssertClientPasses(Side.Python, Side.StewardLinux, protocol, transport, domainSocket: true);
}

public sealed class ApacheThriftClientToStewardServerOnLinuxTransport : Matrix
{
    [Theory, MemberData(nameof(Combinations))]
    public Task Passes_every_case(string protocol, string transport) => AssertClientPasses(Side.Anchor, Side.StewardLinux, protocol, transport);
}
