using System.Net;

namespace Steward.N4.Interop.Tests;

/// <summary>The three namespaces themselves, before any UPF: the kernel path carries the UE's traffic, the UPF path does not without a UPF.</summary>
public sealed class TopologyTests
{
    [Fact]
    public void The_kernel_path_carries_a_ping_from_the_ue_address_to_the_dn_host()
    {
        PeerTool.RequireRoot();
        using var topology = N4Topology.Create(kernelPath: true);

        Assert.True(topology.PingDnFromUe());
    }

    [Fact]
    public async Task The_kernel_path_carries_a_tcp_transfer_of_a_megabyte_intact()
    {
        PeerTool.RequireRoot();
        using var topology = N4Topology.Create(kernelPath: true);

        var result = await NamespaceSockets.TcpTransferAsync(topology.Gnb, N4Topology.UeAddress, topology.Dn,
            new IPEndPoint(N4Topology.DnHostAddress, 5001), 1 << 20, TestContext.Current.CancellationToken);

        Assert.Equal(1 << 20, result.BytesReceived);
        Assert.True(result.SameContent);
    }

    [Fact]
    public void Without_a_upf_the_ue_address_does_not_reach_the_dn_but_n3_and_n6_are_up()
    {
        PeerTool.RequireRoot();
        using var topology = N4Topology.Create();

        Assert.Equal(0, N4Topology.Exec(topology.Gnb, "ping", "-c", "1", "-W", "1", N4Topology.UpfN3Address.ToString()).ExitCode);
        Assert.Equal(0, N4Topology.Exec(topology.Upf, "ping", "-c", "1", "-W", "1", N4Topology.DnHostAddress.ToString()).ExitCode);
        Assert.False(topology.PingDnFromUe(count: 1));
    }

    [Fact]
    public void Disposing_removes_the_three_namespaces()
    {
        PeerTool.RequireRoot();
        var topology = N4Topology.Create();

        topology.Dispose();

        foreach (var ns in new[] { topology.Gnb, topology.Upf, topology.Dn })
        {
            Assert.False(File.Exists(N4Topology.PathOf(ns)), ns);
        }
    }
}
