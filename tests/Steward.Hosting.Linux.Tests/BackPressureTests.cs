using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using static Steward.Hosting.Linux.Tests.Handlers;

namespace Steward.Hosting.Linux.Tests;

/// <summary>Connections that end while one direction is stalled: the input paused at MaxReadBufferSize, or the output full.</summary>
public sealed class BackPressureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Sends until the server's input is paused and the socket buffers are full (a send stops completing).</summary>
    private static async Task FillUntilStalledAsync(Socket client)
    {
        var chunk = new byte[64 * 1024];
        for (var i = 0; i < 4096; i++)
        {
            var send = client.SendAsync(chunk, SocketFlags.None, Ct).AsTask();
            if (await Task.WhenAny(send, Task.Delay(200, Ct)) != send)
            {
                return;
            }
        }
        Assert.Fail("the server never stopped reading: MaxReadBufferSize did not pause the input");
    }

    [Theory]
    [InlineData(ApplicationScheduling.ThreadPool)]
    [InlineData(ApplicationScheduling.IoThread)]
    public async Task Abort_ends_an_input_paused_at_MaxReadBufferSize(ApplicationScheduling scheduling)
    {
        var connected = new TaskCompletionSource<ConnectionContext>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inputEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestServer.StartRawAsync(scheduling, async c =>
        {
            c.ConnectionClosed.Register(() => closed.TrySetResult());
            connected.TrySetResult(c);
            // Reads nothing until told to: the input backs up to MaxReadBufferSize and the loop stops reading.
            await release.Task;
            try
            {
                while (true)
                {
                    var result = await c.Transport.Input.ReadAsync();
                    c.Transport.Input.AdvanceTo(result.Buffer.End);
                    if (result.IsCompleted)
                    {
                        break;
                    }
                }
            }
            catch (ConnectionAbortedException)
            {
            }
            inputEnded.TrySetResult();
        }, o => o.MaxReadBufferSize = 64 * 1024);

        using var client = await server.ConnectAsync();
        var connection = await connected.Task.Within("the connection");
        await FillUntilStalledAsync(client);

        connection.Abort(new ConnectionAbortedException("test"));
        await closed.Task.Within("ConnectionClosed for a paused connection");
        release.TrySetResult();
        await inputEnded.Task.Within("the paused input ending after the abort");
        client.LingerState = new LingerOption(true, 0);
    }

    [Theory]
    [InlineData(ApplicationScheduling.ThreadPool)]
    [InlineData(ApplicationScheduling.IoThread)]
    public async Task An_application_that_returns_without_reading_a_paused_input_still_closes_cleanly(ApplicationScheduling scheduling)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
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
            await release.Task;
            await c.Transport.Output.WriteAsync("bye"u8.ToArray());
        }, o => o.MaxReadBufferSize = 64 * 1024);

        using var client = await server.ConnectAsync();
        await FillUntilStalledAsync(client);
        release.TrySetResult();

        // The server leaves with unread input: the client gets the goodbye, then the end (a reset is allowed,
        // since closing over unread bytes resets by design).
        var received = await ReadToEndAsync(client, Ct).Within("the client seeing the end");
        Assert.True(received.Length is 0 or 3, $"{received.Length} bytes");
        await closed.Task.Within("ConnectionClosed");
        await AssertServesAsync(server);
    }

    [Theory]
    [InlineData(ApplicationScheduling.ThreadPool)]
    [InlineData(ApplicationScheduling.IoThread)]
    public async Task A_client_reset_while_the_server_is_blocked_sending_ends_the_connection(ApplicationScheduling scheduling)
    {
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writeEnded = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
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
            var chunk = new byte[64 * 1024];
            try
            {
                while (true)
                {
                    writing.TrySetResult();
                    var result = await c.Transport.Output.WriteAsync(chunk);
                    if (result.IsCompleted)
                    {
                        break;
                    }
                }
                writeEnded.TrySetResult(null);
            }
            catch (Exception ex)
            {
                writeEnded.TrySetResult(ex);
            }
        });

        using (var client = await server.ConnectAsync(receiveBufferSize: 8192))
        {
            await writing.Task.Within("the server writing");
            await Task.Delay(100, Ct);
            client.LingerState = new LingerOption(true, 0);
        }
        var error = await writeEnded.Task.Within("the server's write ending after the reset");
        Assert.True(error is null or ConnectionResetException or ConnectionAbortedException or IOException, $"unexpected {error}");
        await closed.Task.Within("ConnectionClosed after the reset");
        await AssertServesAsync(server);
    }

    private static async Task AssertServesAsync(TestServer server)
    {
        using var next = await server.ConnectAsync();
        await SendAllAsync(next, "again"u8.ToArray(), Ct);
        var echo = new byte[5];
        await ReceiveExactlyAsync(next, echo, Ct).Within("an echo on a new connection");
        Assert.Equal("again"u8.ToArray(), echo);
    }
}
