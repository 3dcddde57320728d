using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Steward.Hosting.Linux.Tests;

/// <summary>A real Kestrel host serving through the Linux transport, on 127.0.0.1 port 0 unless told otherwise.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly IHost _host;

    private TestServer(IHost host) => _host = host;

    public IHost Host => _host;

    public IReadOnlyList<string> Addresses =>
        _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();

    /// <summary>The port of the first address Kestrel reports (the real one when bound to port 0).</summary>
    public int Port => new Uri(Addresses[0].Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port;

    public static async Task<TestServer> StartAsync(
        ApplicationScheduling scheduling,
        Action<KestrelServerOptions> listen,
        Action<IApplicationBuilder>? app = null,
        Action<LinuxTransportOptions>? transport = null,
        TimeSpan? shutdownTimeout = null)
    {
        var host = new HostBuilder()
            .ConfigureServices(services =>
            {
                if (shutdownTimeout is { } timeout)
                {
                    services.Configure<HostOptions>(o => o.ShutdownTimeout = timeout);
                }
            })
            .ConfigureWebHost(web => web
                .UseKestrel(listen)
                .UseStewardLinuxTransport(o =>
                {
                    o.EventLoopCount = 2;
                    o.ApplicationScheduling = scheduling;
                    transport?.Invoke(o);
                })
                .Configure(a => app?.Invoke(a)))
            .Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new TestServer(host);
    }

    /// <summary>A raw connection handler on 127.0.0.1:0.</summary>
    public static Task<TestServer> StartRawAsync(ApplicationScheduling scheduling, Func<ConnectionContext, Task> handler,
        Action<LinuxTransportOptions>? transport = null, TimeSpan? shutdownTimeout = null) =>
        StartAsync(scheduling, k => k.Listen(IPAddress.Loopback, 0, l => l.Run(handler)), transport: transport, shutdownTimeout: shutdownTimeout);

    /// <param name="receiveBufferSize">Set before connecting: shrinking it afterwards, under a window already
    /// advertised, makes loopback drop segments and crawl through retransmits.</param>
    public async Task<Socket> ConnectAsync(int? receiveBufferSize = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (receiveBufferSize is { } size)
        {
            socket.ReceiveBufferSize = size;
        }

        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), TestContext.Current.CancellationToken);
        return socket;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}

internal static class ListenExtensions
{
    public static void Run(this ListenOptions listen, Func<ConnectionContext, Task> handler) =>
        listen.Use(_ => context => handler(context));
}
