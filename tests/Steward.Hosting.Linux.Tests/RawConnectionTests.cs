using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Connections;
using static Steward.Hosting.Linux.Tests.Handlers;

namespace Steward.Hosting.Linux.Tests;

public sealed class RawConnectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ApplicationScheduling.ThreadPool)]
    [InlineData(ApplicationScheduling.IoThread)]
    public async Task Fifty_concurrent_connections_each_get_every_small_message_echoed_in_order(ApplicationScheduling scheduling)
    {
        var transports = new ConcurrentBag<string>();
        var pools = new ConcurrentBag<string>();
        await using var server = await TestServer.StartRawAsync(scheduling, c =>
        {
            transports.Add(c.GetType().Name);
            pools.Add(((LinuxConnection)c).MemoryPool.GetType().Name);
            return Echo(c);
        });

        await Task.WhenAll(Enumerable.Range(0, 50).Select(async client =>
        {
            using var socket = await server.ConnectAsync();
            var random = new Random(client);
            long offset = 0;
            var reply = new byte[512];
            for (var message = 0; message < 100; message++)
            {
                var data = new byte[random.Next(1, 512)];
                Fill(data, offset);
                await SendAllAsync(socket, data, Ct);
                await ReceiveExactlyAsync(socket, reply.AsMemory(0, data.Length), Ct);
                Assert.Equal(-1, FirstMismatch(reply.AsSpan(0, data.Length), offset));
                offset += data.Length;
            }
            socket.Shutdown(SocketShutdown.Send);
            Assert.Empty(await ReadToEndAsync(socket, Ct));
        })).Within("50 echo clients finishing");

        Assert.Equal(50, transports.Count);
        Assert.All(transports, name => Assert.Equal(nameof(LinuxConnection), name));
        // Kestrel's pinned block pool (through IMemoryPoolFactory), not the array pool fallback.
        Assert.All(pools, name => Assert.Equal("PinnedBlockMemoryPool", name));
    }

    [Theory]
    [InlineData(ApplicationScheduling.ThreadPool)]
    [InlineData(ApplicationScheduling.IoThread)]
    public async Task Megabytes_each_way_to_a_slow_reader_arrive_whole_and_in_order(ApplicationScheduling scheduling)
    {
        // Small buffers so the echo's output fills (send meets EAGAIN), its input backs up (the loop stops
        // reading at MaxReadBufferSize) and both resume many times over.
        await using var server = await TestServer.StartRawAsync(scheduling, Echo, o =>
        {
            o.MaxReadBufferSize = 32 * 1024;
            o.MaxWriteBufferSize = 16 * 1024;
        });
        using var socket = await server.ConnectAsync(receiveBufferSize: 16 * 1024);
        socket.SendBufferSize = 16 * 1024;
        const int total = 6 * 1024 * 1024;

        var send = Task.Run(async () =>
        {
            var chunk = new byte[100_000];
            for (long offset = 0; offset < total; offset += chunk.Length)
            {
                var length = (int)Math.Min(chunk.Length, total - offset);
                Fill(chunk.AsSpan(0, length), offset);
                await SendAllAsync(socket, chunk.AsMemory(0, length), Ct);
            }
            socket.Shutdown(SocketShutdown.Send);
        }, Ct);

        // Read nothing at first, then in small bites with pauses: the server's send side has to wait for room.
        await Task.Delay(300, Ct);
        long received = 0;
        var buffer = new byte[7000];
        var reads = 0;
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, Ct);
            if (n == 0)
            {
                break;
            }

            var bad = FirstMismatch(buffer.AsSpan(0, n), received);
            Assert.True(bad < 0, $"byte {received + bad} is wrong");
            received += n;
            if (++reads % 64 == 0)
            {
                await Task.Delay(5, Ct);
            }
        }
        await send.Within("the upload");
        Assert.Equal(total, received);
    }

    [Theory]
    [InlineData(ApplicationScheduling.ThreadPool)]
    [InlineData(ApplicationScheduling.IoThread)]
    public async Task A_server_that_speaks_first_sends_megabytes_before_the_client_says_anything(ApplicationScheduling scheduling)
    {
        // The writes start as soon as Kestrel has the connection, possibly before its loop watches the socket.
        const int size = 4 * 1024 * 1024;
        await using var server = await TestServer.StartRawAsync(scheduling, async c =>
        {
            var greeting = new byte[size];
            Fill(greeting, 0);
            await c.Transport.Output.WriteAsync(greeting);
        });
        using var socket = await server.ConnectAsync(receiveBufferSize: 32 * 1024);
        var all = await ReadToEndAsync(socket, Ct).Within("the greeting and EOF");
        Assert.Equal(size, all.Length);
        Assert.Equal(-1, FirstMismatch(all, 0));
    }

    [Theory]
    [InlineData(ApplicationScheduling.ThreadPool)]
    [InlineData(ApplicationScheduling.IoThread)]
    public async Task After_the_client_half_closes_the_server_still_sends_its_whole_reply_then_EOF(ApplicationScheduling scheduling)
    {
        const int replySize = 2 * 1024 * 1024;
        await using var server = await TestServer.StartRawAsync(scheduling, async c =>
        {
            long seen = 0;
            while (true)
            {
                var result = await c.Transport.Input.ReadAsync();
                seen += result.Buffer.Length;
                c.Transport.Input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
            var header = Encoding.ASCII.GetBytes($"got {seen}\n");
            await c.Transport.Output.WriteAsync(header);
            var reply = new byte[replySize];
            Fill(reply, 0);
            await c.Transport.Output.WriteAsync(reply);
        });
        using var socket = await server.ConnectAsync();
        var request = new byte[300_000];
        await SendAllAsync(socket, request, Ct);
        socket.Shutdown(SocketShutdown.Send);

        var all = await ReadToEndAsync(socket, Ct).Within("the reply and EOF");
        var expectedHeader = Encoding.ASCII.GetBytes($"got {request.Length}\n");
        Assert.Equal(expectedHeader, all.AsSpan(0, expectedHeader.Length).ToArray());
        Assert.Equal(expectedHeader.Length + replySize, all.Length);
        Assert.Equal(-1, FirstMismatch(all.AsSpan(expectedHeader.Length), 0));
    }

    [Theory]
    [InlineData(ApplicationScheduling.ThreadPool)]
    [InlineData(ApplicationScheduling.IoThread)]
    public async Task Server_abort_ends_the_connection_for_the_client_fires_ConnectionClosed_and_the_server_serves_on(ApplicationScheduling scheduling)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inputEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestServer.StartRawAsync(scheduling, async c =>
        {
            var first = await c.Transport.Input.ReadAsync();
            var abort = first.Buffer.FirstSpan[0] == (byte)'A';
            c.Transport.Input.AdvanceTo(first.Buffer.End);
            if (!abort)
            {
                await c.Transport.Output.WriteAsync("hi"u8.ToArray());
                await Echo(c);
                return;
            }
            c.ConnectionClosed.Register(() => closed.TrySetResult());
            c.Abort(new ConnectionAbortedException("test abort"));
            try
            {
                // After an abort the input ends (with or without the abort reason): a reader never hangs.
                while (!(await c.Transport.Input.ReadAsync()).IsCompleted)
                {
                }
            }
            catch (ConnectionAbortedException)
            {
            }
            inputEnded.TrySetResult();
        });

        using (var victim = await server.ConnectAsync())
        {
            await SendAllAsync(victim, "A"u8.ToArray(), Ct);
            Assert.Empty(await ReadToEndAsync(victim, Ct).Within("EOF after the abort"));
            await inputEnded.Task.Within("the aborted connection's input ending");
            await closed.Task.Within("ConnectionClosed after the abort");
        }

        using var next = await server.ConnectAsync();
        await SendAllAsync(next, "x"u8.ToArray(), Ct);
        var hello = new byte[2];
        await ReceiveExactlyAsync(next, hello, Ct);
        Assert.Equal("hi"u8.ToArray(), hello);
    }

    [Theory]
    [InlineData(ApplicationScheduling.ThreadPool)]
    [InlineData(ApplicationScheduling.IoThread)]
    public async Task A_client_reset_completes_the_server_input_fires_ConnectionClosed_and_the_server_serves_on(ApplicationScheduling scheduling)
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inputEnd = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = 0;
        await using var server = await TestServer.StartRawAsync(scheduling, async c =>
        {
            if (Interlocked.Exchange(ref first, 1) != 0)
            {
                await Echo(c);
                return;
            }
            c.ConnectionClosed.Register(() => closed.TrySetResult());
            try
            {
                while (true)
                {
                    var result = await c.Transport.Input.ReadAsync();
                    if (!result.Buffer.IsEmpty)
                    {
                        received.TrySetResult();
                    }

                    c.Transport.Input.AdvanceTo(result.Buffer.End);
                    if (result.IsCompleted)
                    {
                        break;
                    }
                }
                inputEnd.TrySetResult(null);
            }
            catch (Exception ex)
            {
                inputEnd.TrySetResult(ex);
            }
        });

        using (var victim = await server.ConnectAsync())
        {
            await SendAllAsync(victim, new byte[1000], Ct);
            await received.Task.Within("the server receiving the bytes");
            victim.LingerState = new LingerOption(true, 0);
            victim.Close();
        }
        var error = await inputEnd.Task.Within("the server's input completing after the reset");
        Assert.True(error is null or ConnectionResetException, $"unexpected {error}");
        await closed.Task.Within("ConnectionClosed after the reset");

        using var next = await server.ConnectAsync();
        await SendAllAsync(next, "ping"u8.ToArray(), Ct);
        var pong = new byte[4];
        await ReceiveExactlyAsync(next, pong, Ct);
        Assert.Equal("ping"u8.ToArray(), pong);
    }

    [Fact]
    public async Task An_application_throwing_on_the_io_thread_costs_only_its_own_connection()
    {
        await using var server = await TestServer.StartRawAsync(ApplicationScheduling.IoThread, async c =>
        {
            var result = await c.Transport.Input.ReadAsync();
            if (result.Buffer.FirstSpan[0] == (byte)'!')
            {
                throw new InvalidOperationException("the application fails on purpose");
            }

            c.Transport.Input.AdvanceTo(result.Buffer.Start);
            await Echo(c);
        });

        var good = new List<Socket>();
        for (var i = 0; i < 4; i++)
        {
            good.Add(await server.ConnectAsync());
        }

        try
        {
            for (var round = 0; round < 3; round++)
            {
                using (var bad = await server.ConnectAsync())
                {
                    await SendAllAsync(bad, "!boom"u8.ToArray(), Ct);
                    await ReadToEndAsync(bad, Ct).Within("the failing connection ending");
                }
                foreach (var socket in good)
                {
                    var message = Encoding.ASCII.GetBytes($"round {round}");
                    await SendAllAsync(socket, message, Ct);
                    var echo = new byte[message.Length];
                    await ReceiveExactlyAsync(socket, echo, Ct).Within("an echo on a healthy connection");
                    Assert.Equal(message, echo);
                }
            }
        }
        finally
        {
            foreach (var socket in good)
            {
                socket.Dispose();
            }
        }
    }
}
