using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using static Steward.Hosting.Linux.Tests.Handlers;

namespace Steward.Hosting.Linux.Tests;

/// <summary>The transport driven directly, without Kestrel: the lifecycle calls Kestrel makes, in the orders it may make them.</summary>
public sealed class TransportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Harness : IAsyncDisposable
    {
        public required LinuxTransportFactory Factory { get; init; }
        public required IConnectionListener Listener { get; init; }

        public static async Task<Harness> StartAsync(ApplicationScheduling scheduling, Action<LinuxTransportOptions>? configure = null)
        {
            var factory = EndpointTests.NewFactory(o =>
            {
                o.ApplicationScheduling = scheduling;
                configure?.Invoke(o);
            });
            var listener = await factory.BindAsync(new IPEndPoint(IPAddress.Loopback, 0), Ct);
            return new Harness { Factory = factory, Listener = listener };
        }

        public async Task<(Socket Client, ConnectionContext Server)> ConnectAsync(int? receiveBufferSize = null)
        {
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            if (receiveBufferSize is { } size)
            {
                client.ReceiveBufferSize = size;
            }

            var connect = client.ConnectAsync(Listener.EndPoint, Ct).AsTask();
            var server = await Listener.AcceptAsync(Ct).AsTask().Within("accept");
            await connect;
            return (client, server!);
        }

        public async ValueTask DisposeAsync()
        {
            await Listener.DisposeAsync();
            await Factory.DisposeAsync();
        }
    }

    private static async Task<TaskCompletionSource> ClosedSignal(ConnectionContext connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionClosed.Register(() => closed.TrySetResult());
        await Task.Yield();
        return closed;
    }

    [Fact]
    public async Task Without_Kestrels_pool_the_pipes_use_small_segments_not_the_pools_maximum()
    {
        // MemoryPool<byte>.Shared reports a maximum near 2 GiB: a segment that size per pipe would reserve
        // gigabytes for every connection.
        await using var harness = await Harness.StartAsync(ApplicationScheduling.ThreadPool);
        var (client, server) = await harness.ConnectAsync();
        using (client)
        {
            Assert.InRange(server.Transport.Output.GetMemory().Length, 1, 64 * 1024);
            server.Transport.Output.Advance(0);
            await SendAllAsync(client, new byte[10], Ct);
            var read = await server.Transport.Input.ReadAsync(Ct).AsTask().Within("the bytes arriving");
            Assert.InRange(read.Buffer.First.Length, 1, 64 * 1024);
            server.Transport.Input.AdvanceTo(read.Buffer.End);
            await server.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(ApplicationScheduling.ThreadPool)]
    [InlineData(ApplicationScheduling.IoThread)]
    public async Task A_ConnectionClosed_callback_that_throws_does_not_stop_the_others_or_the_transport(ApplicationScheduling scheduling)
    {
        await using var harness = await Harness.StartAsync(scheduling, o => o.MaxReadBufferSize = null);
        var (client, server) = await harness.ConnectAsync();
        using (client)
        {
            server.ConnectionClosed.Register(() => throw new InvalidOperationException("a careless callback"));
            var closed = await ClosedSignal(server);
            // With no read limit the input never pauses: everything sent is buffered for the application.
            await SendAllAsync(client, new byte[3 * 1024 * 1024], Ct);
            client.Shutdown(SocketShutdown.Send);
            await closed.Task.Within("the other ConnectionClosed callback");
            long total = 0;
            while (true)
            {
                var result = await server.Transport.Input.ReadAsync(Ct);
                total += result.Buffer.Length;
                server.Transport.Input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
            Assert.Equal(3 * 1024 * 1024, total);
            await server.DisposeAsync();
        }
        var (nextClient, next) = await harness.ConnectAsync();
        using (nextClient)
        {
            var echo = Echo(next);
            await SendAllAsync(nextClient, "still here"u8.ToArray(), Ct);
            var reply = new byte[10];
            await ReceiveExactlyAsync(nextClient, reply, Ct).Within("an echo afterwards");
            nextClient.Shutdown(SocketShutdown.Send);
            await echo.Within("the echo ending");
            await next.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(ApplicationScheduling.ThreadPool)]
    [InlineData(ApplicationScheduling.IoThread)]
    public async Task DisposeAsync_twice_and_alongside_Abort_completes_once_and_fires_ConnectionClosed(ApplicationScheduling scheduling)
    {
        await using var harness = await Harness.StartAsync(scheduling);
        for (var i = 0; i < 20; i++)
        {
            var (client, server) = await harness.ConnectAsync();
            using (client)
            {
                var closed = await ClosedSignal(server);
                var abort = Task.Run(() => server.Abort(new ConnectionAbortedException("racing the dispose")), Ct);
                var first = server.DisposeAsync().AsTask();
                var second = Task.Run(async () => await server.DisposeAsync(), Ct);
                await Task.WhenAll(abort, first, second).Within("both disposals");
                await closed.Task.Within("ConnectionClosed");
                // Once disposed, an abort is a no-op, not a shutdown on a descriptor that may be someone else's now.
                server.Abort();
                Assert.Empty(await ReadToEndAsync(client, Ct).Within("EOF"));
            }
        }
    }

    [Theory]
    [InlineData(ApplicationScheduling.ThreadPool)]
    [InlineData(ApplicationScheduling.IoThread)]
    public async Task A_flush_pending_on_a_peer_that_never_reads_ends_when_the_connection_is_aborted(ApplicationScheduling scheduling)
    {
        await using var harness = await Harness.StartAsync(scheduling);
        var (client, server) = await harness.ConnectAsync(receiveBufferSize: 4096);
        using (client)
        {
            var closed = await ClosedSignal(server);
            var chunk = new byte[256 * 1024];
            Task<FlushResult> flush;
            var written = 0;
            // Write until the flush has to wait: the socket and the output pipe are both full. The send runs on
            // the event loop, so a flush still pending right after the write may only be waiting for its turn
            // there; one that stays pending while the loop has had ample time is waiting for the peer.
            do
            {
                flush = server.Transport.Output.WriteAsync(chunk, Ct).AsTask();
                written += chunk.Length;
                await Task.WhenAny(flush, Task.Delay(200, Ct));
            }
            while (flush.IsCompleted && written < 64 * 1024 * 1024);
            Assert.False(flush.IsCompleted, "the peer never reads, yet every flush completed");

            // Kestrel disposes first and aborts when its shutdown timeout runs out: the send loop must then end.
            await server.Transport.Input.CompleteAsync();
            var dispose = server.DisposeAsync().AsTask();
            await Task.Delay(100, Ct);
            Assert.False(dispose.IsCompleted, "dispose did not wait for the unsent output");
            server.Abort(new ConnectionAbortedException("shutdown timeout"));

            // It ends either way Kestrel's socket transport ends it: completed, or failing with the abort reason.
            try
            {
                var result = await flush.Within("the pending flush finishing after the abort");
                Assert.True(result.IsCompleted || result.IsCanceled);
            }
            catch (ConnectionAbortedException ex)
            {
                Assert.Equal("shutdown timeout", ex.Message);
            }
            await dispose.Within("dispose after the abort");
            await closed.Task.Within("ConnectionClosed");
        }
    }

    [Fact]
    public async Task A_continuation_that_throws_on_the_io_thread_aborts_its_connection_and_the_loop_serves_on()
    {
        // One loop, so the healthy connection shares the thread the throw happens on.
        await using var harness = await Harness.StartAsync(ApplicationScheduling.IoThread, o => o.EventLoopCount = 1);
        var (badClient, bad) = await harness.ConnectAsync();
        var (goodClient, good) = await harness.ConnectAsync();
        using (badClient)
        using (goodClient)
        {
            var echo = Echo(good);
            // Inline scheduling runs this continuation inside the loop's flush of the received bytes.
            bad.Transport.Input.ReadAsync(Ct).GetAwaiter().UnsafeOnCompleted(() => throw new InvalidOperationException("thrown on the loop thread"));
            await SendAllAsync(badClient, "boom"u8.ToArray(), Ct);
            Assert.Empty(await ReadToEndAsync(badClient, Ct).Within("the failing connection ending"));

            for (var i = 0; i < 10; i++)
            {
                var message = new byte[100 + i];
                Fill(message, i);
                await SendAllAsync(goodClient, message, Ct);
                var reply = new byte[message.Length];
                await ReceiveExactlyAsync(goodClient, reply, Ct).Within("an echo after the throw");
                Assert.Equal(message, reply);
            }
            goodClient.Shutdown(SocketShutdown.Send);
            await echo.Within("the echo ending");
            await good.DisposeAsync();
            await bad.DisposeAsync().AsTask().Within("disposing the failed connection");
        }
    }

    [Theory]
    [InlineData(ApplicationScheduling.ThreadPool)]
    [InlineData(ApplicationScheduling.IoThread)]
    public async Task Disposing_the_transport_with_a_connection_still_open_ends_it_without_hanging(ApplicationScheduling scheduling)
    {
        var harness = await Harness.StartAsync(scheduling);
        var (client, server) = await harness.ConnectAsync();
        using (client)
        {
            var closed = await ClosedSignal(server);
            var read = server.Transport.Input.ReadAsync(Ct).AsTask();
            await harness.DisposeAsync().AsTask().Within("the transport's disposal");
            // The loops are gone: the connection must end rather than wait for events that never come.
            try
            {
                var result = await read.Within("the input ending");
                Assert.True(result.IsCompleted);
            }
            catch (ConnectionAbortedException)
            {
                // the input ends with the abort reason: as good as the end
            }
            await server.DisposeAsync().AsTask().Within("the connection's disposal after the transport's");
            await closed.Task.Within("ConnectionClosed");
            Assert.Empty(await ReadToEndAsync(client, Ct).Within("EOF"));
        }
    }
}
