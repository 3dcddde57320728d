using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using static Steward.Hosting.Linux.Tests.Handlers;

namespace Steward.Hosting.Linux.Tests;

/// <summary>
/// Many short connections ending every way at once, so descriptor numbers are reused while other connections
/// still run: a connection that ever saw another's bytes, or a server that stopped serving, fails it.
/// </summary>
public sealed class ChurnTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task Server(ConnectionContext c)
    {
        var first = await c.Transport.Input.ReadAsync();
        var mode = first.Buffer.FirstSpan[0];
        c.Transport.Input.AdvanceTo(first.Buffer.Start);
        switch (mode)
        {
            case (byte)'A':
                c.Abort(new ConnectionAbortedException("churn"));
                return;
            case (byte)'T':
                throw new InvalidOperationException("churn");
            default:
                await Echo(c);
                return;
        }
    }

    [Theory]
    [InlineData(ApplicationScheduling.ThreadPool)]
    [InlineData(ApplicationScheduling.IoThread)]
    public async Task Connections_ending_every_way_at_once_never_see_each_others_bytes(ApplicationScheduling scheduling)
    {
        await using var server = await TestServer.StartRawAsync(scheduling, Server, o =>
        {
            o.MaxReadBufferSize = 16 * 1024;
            o.MaxWriteBufferSize = 8 * 1024;
        });
        var echoed = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            for (var i = 0; i < 40; i++)
            {
                // Each connection's bytes are its own slice of the pattern: a stray byte from a reused
                // descriptor would not match.
                long offset = (worker * 1000 + i) * 1_000_003L;
                var kind = random.Next(5);
                using var socket = await server.ConnectAsync();
                var payload = new byte[random.Next(1, 200_000)];
                Fill(payload, offset);
                payload[0] = kind switch { 0 => (byte)'A', 1 => (byte)'T', _ => (byte)'E' };
                var send = SendAllAsync(socket, payload, Ct);
                if (kind <= 1)
                {
                    // The server ends it: whatever arrives is a prefix of the echo that never started, so nothing.
                    var got = await ReadToEndAsync(socket, Ct).Within("the end of a connection the server ended");
                    Assert.Empty(got);
                    await IgnoreSendFailure(send);
                    continue;
                }
                if (kind == 2)
                {
                    // The client resets midway.
                    await Task.Delay(random.Next(3), Ct);
                    socket.LingerState = new LingerOption(true, 0);
                    socket.Close();
                    await IgnoreSendFailure(send);
                    continue;
                }
                var reply = new byte[payload.Length];
                var receive = ReceiveExactlyAsync(socket, reply, Ct);
                await send;
                if (kind == 3)
                {
                    socket.Shutdown(SocketShutdown.Send);
                }

                await receive.Within("an echo");
                Assert.Equal(payload[0], reply[0]);
                var bad = FirstMismatch(reply.AsSpan(1), offset + 1);
                Assert.True(bad < 0, $"byte {bad + 1} of {reply.Length} is not this connection's");
                Interlocked.Increment(ref echoed);
            }
        }, Ct))).Within("320 connections", 60);

        Assert.True(echoed > 0);
        using var last = await server.ConnectAsync();
        await SendAllAsync(last, "Eok"u8.ToArray(), Ct);
        var reply = new byte[3];
        await ReceiveExactlyAsync(last, reply, Ct).Within("the server still serving");
        Assert.Equal("Eok"u8.ToArray(), reply);
    }

    private static async Task IgnoreSendFailure(Task send)
    {
        try
        {
            await send;
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
