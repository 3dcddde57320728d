using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Steward.Hosting.Linux.Tests.Handlers;

namespace Steward.Hosting.Linux.Tests;

public sealed class EndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task AssertEchoesAsync(EndPoint endPoint)
    {
        using var socket = endPoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint, Ct);
        var data = new byte[10_000];
        Fill(data, 0);
        await SendAllAsync(socket, data, Ct);
        var echo = new byte[data.Length];
        await ReceiveExactlyAsync(socket, echo, Ct).Within($"an echo over {endPoint}");
        Assert.Equal(data, echo);
        // Half-close: the echo sees the end of its input, returns, and the client sees the end of the stream.
        socket.Shutdown(SocketShutdown.Send);
        Assert.Empty(await ReadToEndAsync(socket, Ct).Within($"EOF over {endPoint}"));
    }

    private static bool CanBindIPv6Loopback()
    {
        if (!Socket.OSSupportsIPv6)
        {
            return false;
        }

        try
        {
            using var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Port_zero_reports_the_real_bound_port_and_serves_on_it()
    {
        await using var server = await TestServer.StartRawAsync(ApplicationScheduling.ThreadPool, Echo);
        var address = Assert.Single(server.Addresses);
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        Assert.NotEqual(0, server.Port);
        await AssertEchoesAsync(new IPEndPoint(IPAddress.Loopback, server.Port));
    }

    [Fact]
    public async Task The_listener_reports_the_port_the_kernel_chose()
    {
        await using var factory = NewFactory();
        var listener = await factory.BindAsync(new IPEndPoint(IPAddress.Loopback, 0), Ct);
        try
        {
            var bound = Assert.IsType<IPEndPoint>(listener.EndPoint);
            Assert.NotEqual(0, bound.Port);
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            var connect = client.ConnectAsync(bound, Ct).AsTask();
            await using var connection = await listener.AcceptAsync(Ct).AsTask().Within("accept");
            await connect;
            Assert.Equal(client.LocalEndPoint, connection!.RemoteEndPoint);
        }
        finally
        {
            await listener.DisposeAsync();
        }
    }

    [Fact]
    public async Task IPv6_loopback_serves()
    {
        if (!CanBindIPv6Loopback())
        {
            Assert.Skip("this machine has no IPv6 loopback");
        }

        await using var server = await TestServer.StartAsync(ApplicationScheduling.IoThread,
            k => k.Listen(IPAddress.IPv6Loopback, 0, l => l.Run(Echo)));
        Assert.StartsWith("http://[::1]:", Assert.Single(server.Addresses), StringComparison.Ordinal);
        await AssertEchoesAsync(new IPEndPoint(IPAddress.IPv6Loopback, server.Port));
    }

    [Fact]
    public async Task IPv6Any_is_dual_mode_and_serves_IPv4_and_IPv6_clients()
    {
        if (!CanBindIPv6Loopback())
        {
            Assert.Skip("this machine has no IPv6 loopback");
        }

        await using var server = await TestServer.StartAsync(ApplicationScheduling.ThreadPool,
            k => k.Listen(IPAddress.IPv6Any, 0, l => l.Run(Echo)));
        await AssertEchoesAsync(new IPEndPoint(IPAddress.Loopback, server.Port));
        await AssertEchoesAsync(new IPEndPoint(IPAddress.IPv6Loopback, server.Port));
    }

    [Theory]
    [InlineData(ApplicationScheduling.ThreadPool)]
    [InlineData(ApplicationScheduling.IoThread)]
    public async Task A_unix_socket_endpoint_serves_and_its_file_is_removed_at_shutdown(ApplicationScheduling scheduling)
    {
        var path = Path.Combine(Path.GetTempPath(), $"steward-linux-{Guid.NewGuid():N}.sock");
        var server = await TestServer.StartAsync(scheduling, k => k.ListenUnixSocket(path, l => l.Run(Echo)));
        try
        {
            Assert.True(File.Exists(path));
            await AssertEchoesAsync(new UnixDomainSocketEndPoint(path));
        }
        finally
        {
            await server.DisposeAsync();
        }
        Assert.False(File.Exists(path), "the socket file outlived the server");
    }

    [Fact]
    public async Task CanBind_takes_TCP_and_unix_sockets_and_leaves_everything_else_to_other_transports()
    {
        await using var factory = NewFactory();
        Assert.True(factory.CanBind(new IPEndPoint(IPAddress.Loopback, 0)));
        Assert.True(factory.CanBind(new IPEndPoint(IPAddress.IPv6Any, 80)));
        Assert.True(factory.CanBind(new UnixDomainSocketEndPoint("/tmp/x.sock")));
        Assert.False(factory.CanBind(new NamedPipeEndPoint("steward")));
        Assert.False(factory.CanBind(new FileHandleEndPoint(3, FileHandleType.Tcp)));
        Assert.False(factory.CanBind(new DnsEndPoint("localhost", 80)));
        await Assert.ThrowsAsync<NotSupportedException>(() => factory.BindAsync(new NamedPipeEndPoint("steward"), Ct).AsTask());
    }

    [Fact]
    public async Task Binding_a_port_in_use_throws_AddressInUseException()
    {
        await using var factory = NewFactory();
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        await Assert.ThrowsAsync<AddressInUseException>(() => factory.BindAsync(taken.LocalEndPoint!, Ct).AsTask());
    }

    [Fact]
    public void Options_that_could_never_serve_a_connection_are_refused_up_front()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NewFactory(o => o.EventLoopCount = 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => NewFactory(o => o.MaxReadBufferSize = -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NewFactory(o => o.MaxWriteBufferSize = -1));
    }

    internal static LinuxTransportFactory NewFactory(Action<LinuxTransportOptions>? configure = null)
    {
        var options = new LinuxTransportOptions { EventLoopCount = 2 };
        configure?.Invoke(options);
        return new LinuxTransportFactory(Options.Create(options), NullLoggerFactory.Instance);
    }
}
