using System.Net.Sockets;

namespace Steward.Rpc.Ice.Tests.Server;

/// <summary>Hand-written bytes on a real socket: what a broken or hostile peer gets, and that other connections do not notice.</summary>
public sealed class BadInputTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    private static async Task<byte[]> ReadExactlyAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), Token);
            Assert.True(n > 0, $"the server closed after {read} of {count} bytes");
            read += n;
        }
        return buffer;
    }

    /// <summary>Reads one whole message.</summary>
    private static async Task<byte[]> ReadMessageAsync(Socket socket)
    {
        var header = await ReadExactlyAsync(socket, IceMessageHeader.Length);
        var size = IceMessageHeader.Read(header, IceLimits.Default.MaxMessageSize).Size;
        return [.. header, .. await ReadExactlyAsync(socket, size - IceMessageHeader.Length)];
    }

    private static async Task AssertClosedAsync(Socket socket)
    {
        var buffer = new byte[64];
        int n;
        try
        {
            n = await socket.ReceiveAsync(buffer, Token);
        }
        catch (SocketException)
        {
            return;
        }
        Assert.Equal(0, n);
    }

    private static byte[] Request(int id, string identity, string operation, Action<IceOutputStream> args)
    {
        var output = new IceOutputStream();
        IceFrameCodec.StartMessage(output, IceMessageType.Request);
        output.WriteInt(id);
        IceFrameCodec.WriteRequestHead(output, IceIdentity.Parse(identity), "", operation, IceOperationMode.Normal, null, (1, 1));
        args(output);
        output.EndEncapsulation();
        IceFrameCodec.EndMessage(output);
        return output.ToArray();
    }

    [Theory]
    [InlineData("49636551 0100 0100 00 00 0E000000", "bad magic")]
    [InlineData("49636550 0200 0100 00 00 0E000000", "protocol 2.0")]
    [InlineData("49636550 0100 0100 09 00 0E000000", "unknown message type")]
    [InlineData("49636550 0100 0100 00 02 1A000000 01000000 0161 00 00 0178 00 00", "compressed")]
    [InlineData("49636550 0100 0100 00 00 FFFFFF7F", "2 GiB size, past the 1 MiB limit")]
    [InlineData("49636550 0100 0100 00 00 1F000000 01000000 0161 00 02 0166 0167 0178 00 00 06000000 0101", "a facet path of two")]
    [InlineData("49636550 0100 0100 00 00 28000000 01000000 0161 00 00 0178 00 00 06000000 0101", "a size past the bytes sent, then FIN")]
    public async Task A_malformed_message_closes_that_connection_only(string hex, string what)
    {
        await using var host = await IceTestHost.StartAsync();
        using var bystander = host.CreateChannel();
        await bystander.PingAsync(new CallOptions(cancellationToken: Token));

        using var socket = await host.ConnectRawAsync();
        Assert.Equal(IceMessageHeader.HeaderOnly(IceMessageType.ValidateConnection), await ReadExactlyAsync(socket, IceMessageHeader.Length));
        await socket.SendAsync(Hex(hex), Token);
        if (what.EndsWith("FIN", StringComparison.Ordinal))
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        await AssertClosedAsync(socket);

        Assert.Equal(what, await bystander.CreateCallInvoker().AsyncUnaryCall(CalcService.Echo, what, new CallOptions(cancellationToken: Token)));
        Assert.True(host.Logs.Contains("Ice protocol error"), string.Join('\n', host.Logs.Lines));
    }

    [Fact]
    public async Task Undecodable_parameters_get_an_UnknownLocalException_reply_and_the_connection_goes_on()
    {
        await using var host = await IceTestHost.StartAsync();
        using var socket = await host.ConnectRawAsync();
        await ReadExactlyAsync(socket, IceMessageHeader.Length);
        // add(int, int) sent one int only.
        await socket.SendAsync(Request(9, "calc", "add", o => o.WriteInt(1)), Token);
        var reply = IceFrameCodec.DecodeReply(await ReadMessageAsync(socket));
        Assert.Equal((9, IceReplyStatus.UnknownLocalException), (reply.RequestId, reply.Status));
        Assert.StartsWith("Ice::MarshalException", reply.Message, StringComparison.Ordinal);

        await socket.SendAsync(Request(10, "calc", "add", o => { o.WriteInt(1); o.WriteInt(2); }), Token);
        reply = IceFrameCodec.DecodeReply(await ReadMessageAsync(socket));
        Assert.Equal((10, IceReplyStatus.Ok), (reply.RequestId, reply.Status));
    }

    [Fact]
    public async Task Heartbeats_are_ignored_and_CloseConnection_from_the_client_ends_the_connection()
    {
        await using var host = await IceTestHost.StartAsync();
        using var socket = await host.ConnectRawAsync();
        await ReadExactlyAsync(socket, IceMessageHeader.Length);
        await socket.SendAsync(IceMessageHeader.HeaderOnly(IceMessageType.ValidateConnection), Token);
        await socket.SendAsync(Request(1, "calc", "echo", o => o.WriteString("x")), Token);
        Assert.Equal(IceReplyStatus.Ok, IceFrameCodec.DecodeReply(await ReadMessageAsync(socket)).Status);
        await socket.SendAsync(IceMessageHeader.HeaderOnly(IceMessageType.CloseConnection), Token);
        await AssertClosedAsync(socket);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Stopping_the_host_answers_in_flight_requests_then_sends_CloseConnection(bool linux)
    {
        var host = await IceTestHost.StartAsync(linux, core: o => o.Dispatch = DispatchMode.ThreadPool);
        try
        {
            using var socket = await host.ConnectRawAsync();
            await ReadExactlyAsync(socket, IceMessageHeader.Length);
            await socket.SendAsync(Request(7, "calc", "slow", o => o.WriteInt(-1)), Token);
            // A second request proves the first is being dispatched (its reply is held) before the stop begins.
            await socket.SendAsync(Request(8, "calc", "echo", o => o.WriteString("y")), Token);
            Assert.Equal(8, IceFrameCodec.DecodeReply(await ReadMessageAsync(socket)).RequestId);

            var stopping = host.StopAsync();
            host.State.SlowGate.TrySetResult();
            var reply = IceFrameCodec.DecodeReply(await ReadMessageAsync(socket));
            Assert.Equal((7, IceReplyStatus.Ok), (reply.RequestId, reply.Status));
            Assert.Equal(IceMessageHeader.HeaderOnly(IceMessageType.CloseConnection), await ReadMessageAsync(socket));
            await AssertClosedAsync(socket);
            await stopping;
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
