using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using static Steward.Hosting.Linux.Tests.Handlers;

namespace Steward.Hosting.Linux.Tests;

[CollectionDefinition(nameof(ShutdownTests), DisableParallelization = true)]
public sealed class ShutdownCollection;

/// <summary>Counts this process's descriptors, so it runs alone: another test's sockets would blur the count.</summary>
[Collection(nameof(ShutdownTests))]
public sealed class ShutdownTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Sockets, epoll instances and eventfds this process holds, by what /proc/self/fd links to.</summary>
    private static List<string> KernelObjects()
    {
        var objects = new List<string>();
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            string? target;
            try
            {
                target = new FileInfo(fd).LinkTarget;
            }
            catch (IOException)
            {
                continue; // the descriptor that listed the directory, gone by now
            }
            if (target is not null && (target.StartsWith("socket:", StringComparison.Ordinal) || target.StartsWith("anon_inode:", StringComparison.Ordinal)))
            {
                objects.Add(target);
            }
        }
        objects.Sort(StringComparer.Ordinal);
        return objects;
    }

    private static async Task ServeAndStopWithIdleConnectionsAsync(ApplicationScheduling scheduling)
    {
        var server = await TestServer.StartAsync(scheduling, k =>
        {
            k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1AndHttp2);
        }, app => app.Run(context => context.Response.WriteAsync("ok")));
        var idle = new List<Socket>();
        using var client = new HttpClient();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal("ok", await client.GetStringAsync($"http://127.0.0.1:{server.Port}/", Ct));
            }

            for (var i = 0; i < 5; i++)
            {
                idle.Add(await server.ConnectAsync());
            }

            // Idle HTTP connections close at once on a graceful stop; a hang here means a connection never ended.
            await server.Host.StopAsync(CancellationToken.None).Within("the host stopping with idle connections", 25);
            foreach (var socket in idle)
            {
                await ReadToEndAsync(socket, Ct).Within("each idle connection seeing the server close");
            }
        }
        finally
        {
            foreach (var socket in idle)
            {
                socket.Dispose();
            }

            server.Host.Dispose();
        }
    }

    [Theory]
    [InlineData(ApplicationScheduling.ThreadPool)]
    [InlineData(ApplicationScheduling.IoThread)]
    public async Task Stopping_with_idle_connections_completes_and_leaves_no_descriptor_behind(ApplicationScheduling scheduling)
    {
        // One lifecycle first: the runtime opens descriptors of its own (its socket engine's epoll) on first use.
        await ServeAndStopWithIdleConnectionsAsync(scheduling);
        var before = KernelObjects();

        await ServeAndStopWithIdleConnectionsAsync(scheduling);

        var after = KernelObjects();
        for (var attempt = 0; attempt < 50 && !after.SequenceEqual(before); attempt++)
        {
            // A client socket disposed above may still be on its way out of the runtime's engine.
            await Task.Delay(100, Ct);
            after = KernelObjects();
        }
        Assert.Equal(before, after);
    }

    [Theory]
    [InlineData(ApplicationScheduling.ThreadPool)]
    [InlineData(ApplicationScheduling.IoThread)]
    public async Task Stopping_while_a_peer_never_reads_aborts_it_after_the_shutdown_timeout_and_completes(ApplicationScheduling scheduling)
    {
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await TestServer.StartRawAsync(scheduling, async c =>
        {
            var chunk = new byte[64 * 1024];
            while (true)
            {
                writing.TrySetResult();
                var result = await c.Transport.Output.WriteAsync(chunk);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return;
                }
            }
        }, shutdownTimeout: TimeSpan.FromSeconds(1));
        using var deaf = await server.ConnectAsync(receiveBufferSize: 4096);
        try
        {
            await writing.Task.Within("the server writing");
            await server.Host.StopAsync(CancellationToken.None).Within("the host stopping with a peer that never reads");
        }
        finally
        {
            server.Host.Dispose();
        }
        // The abort ended the connection: after whatever was in flight, the client sees the end.
        await ReadToEndAsync(deaf, Ct).Within("the deaf client seeing the end");
    }
}
