using System.Net.Sockets;
using System.Text;

namespace Steward.Rpc.Thrift.Tests.Server;

/// <summary>
/// A client writing bytes by hand: every malformed input ends its own connection with a
/// TApplicationException reply or a logged protocol error, and the server then answers a fresh connection.
/// </summary>
public sealed class BadInputTests
{
    private static async Task AssertStillServesAsync(ThriftTestHost host)
    {
        using var channel = host.CreateChannel();
        Assert.Equal("still here", await ServerCallTests.EchoAsync(channel.CreateCallInvoker(), "still here"));
    }

    [Fact]
    public async Task A_well_formed_raw_call_is_answered_with_its_sequence_id()
    {
        await using var host = await ThriftTestHost.StartAsync();
        using var socket = await host.ConnectRawAsync();
        await RawThrift.SendAsync(socket, RawThrift.Frame(RawThrift.EchoCall("raw", 12345)));
        var reply = await RawThrift.ReadFramedReplyAsync(socket);
        Assert.Equal(new ThriftMessageHeader("echo", ThriftMessageType.Reply, 12345), reply!.Value.Header);
        Assert.Equal("raw", reply.Value.Text);
    }

    [Fact]
    public async Task A_frame_cut_short_by_the_close_is_a_logged_protocol_error()
    {
        await using var host = await ThriftTestHost.StartAsync();
        using (var socket = await host.ConnectRawAsync())
        {
            var message = RawThrift.EchoCall("truncated", 1);
            await RawThrift.SendAsync(socket, [.. RawThrift.I32(message.Length), .. message.AsSpan(0, message.Length / 2)]);
            socket.Shutdown(SocketShutdown.Send);
            Assert.True(await RawThrift.IsClosedByServerAsync(socket));
        }
        await host.Logs.AssertLoggedAsync("The connection closed inside a frame");
        await AssertStillServesAsync(host);
    }

    [Fact]
    public async Task An_unframed_message_cut_short_by_the_close_is_a_logged_protocol_error()
    {
        await using var host = await ThriftTestHost.StartAsync();
        using (var socket = await host.ConnectRawAsync())
        {
            var message = RawThrift.EchoCall("truncated", 1);
            await RawThrift.SendAsync(socket, message.AsSpan(0, message.Length - 3).ToArray());
            socket.Shutdown(SocketShutdown.Send);
            Assert.True(await RawThrift.IsClosedByServerAsync(socket));
        }
        await host.Logs.AssertLoggedAsync("Thrift protocol error from ipv4:127.0.0.1");
        await AssertStillServesAsync(host);
    }

    [Fact]
    public async Task A_negative_frame_length_closes_the_connection()
    {
        await using var host = await ThriftTestHost.StartAsync(o => o.Transport = ThriftTransport.Framed);
        using (var socket = await host.ConnectRawAsync())
        {
            await RawThrift.SendAsync(socket, [.. RawThrift.I32(-10), .. RawThrift.EchoCall("x", 1)]);
            Assert.True(await RawThrift.IsClosedByServerAsync(socket));
        }
        await host.Logs.AssertLoggedAsync("Frame length -10 is negative");
        await AssertStillServesAsync(host);
    }

    [Fact]
    public async Task A_frame_past_the_maximum_is_refused_before_its_body_arrives()
    {
        await using var host = await ThriftTestHost.StartAsync();
        using (var socket = await host.ConnectRawAsync())
        {
            // Only the header is sent: the server must not wait for (or allocate) the 16 MB it claims.
            await RawThrift.SendAsync(socket, [.. RawThrift.I32(ThriftLimits.Default.MaxFrameSize + 1), .. RawThrift.Header("echo", 1, 1)]);
            Assert.True(await RawThrift.IsClosedByServerAsync(socket));
        }
        await host.Logs.AssertLoggedAsync($"Frame length {ThriftLimits.Default.MaxFrameSize + 1} exceeds the maximum frame size");
        await AssertStillServesAsync(host);
    }

    [Fact]
    public async Task An_unknown_field_type_in_the_args_is_a_protocol_error_reply_and_the_framed_connection_goes_on()
    {
        await using var host = await ThriftTestHost.StartAsync();
        using var socket = await host.ConnectRawAsync();
        byte[] call = [.. RawThrift.Header("echo", 1, 7), 99, .. RawThrift.I16(5), 1, 2, 3, 0];
        await RawThrift.SendAsync(socket, RawThrift.Frame(call));
        var reply = await RawThrift.ReadFramedReplyAsync(socket);
        Assert.Equal(ThriftMessageType.Exception, reply!.Value.Header.Type);
        Assert.Equal(7, reply.Value.Header.SequenceId);
        Assert.Equal(ThriftApplicationExceptionType.ProtocolError, reply.Value.Error!.Type);
        await host.Logs.AssertLoggedAsync("answered with ProtocolError");
        // The frame said where the bad message ended, so the next one is read normally.
        await RawThrift.SendAsync(socket, RawThrift.Frame(RawThrift.EchoCall("next", 8)));
        Assert.Equal("next", (await RawThrift.ReadFramedReplyAsync(socket))!.Value.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_huge_string_length_is_refused_without_allocating_it(bool framed)
    {
        await using var host = await ThriftTestHost.StartAsync();
        using (var socket = await host.ConnectRawAsync())
        {
            byte[] call = [.. RawThrift.Header("echo", 1, 3), 11, .. RawThrift.I16(1), .. RawThrift.I32(0x7FFFFFF0), .. "abc"u8, 0];
            await RawThrift.SendAsync(socket, framed ? RawThrift.Frame(call) : call);
            if (framed)
            {
                var reply = await RawThrift.ReadFramedReplyAsync(socket);
                Assert.Equal(ThriftApplicationExceptionType.ProtocolError, reply!.Value.Error!.Type);
                Assert.Contains("past the limit", reply.Value.Error.Message, StringComparison.Ordinal);
            }
            else
            {
                // Unframed, the stream's place is lost: the reply (unframed) is followed by the close.
                Assert.True(await RawThrift.IsClosedByServerAsync(socket));
            }
        }
        await host.Logs.AssertLoggedAsync("String or binary length 2147483632 is past the limit");
        await AssertStillServesAsync(host);
    }

    [Fact]
    public async Task A_huge_container_size_is_refused()
    {
        await using var host = await ThriftTestHost.StartAsync();
        using (var socket = await host.ConnectRawAsync())
        {
            // Field 2 (unknown to echo) is a list of 2^31-1 i32s: skipping it must check the size first.
            byte[] call = [.. RawThrift.Header("echo", 1, 4), 15, .. RawThrift.I16(2), 8, .. RawThrift.I32(int.MaxValue), 0, 0, 0, 1, 0];
            await RawThrift.SendAsync(socket, RawThrift.Frame(call));
            var reply = await RawThrift.ReadFramedReplyAsync(socket);
            Assert.Equal(ThriftApplicationExceptionType.ProtocolError, reply!.Value.Error!.Type);
        }
        await host.Logs.AssertLoggedAsync("Container size 2147483647 is past the limit");
        await AssertStillServesAsync(host);
    }

    [Fact]
    public async Task A_reply_sent_to_the_server_is_an_invalid_message_type_and_closes()
    {
        await using var host = await ThriftTestHost.StartAsync();
        using (var socket = await host.ConnectRawAsync())
        {
            await RawThrift.SendAsync(socket, RawThrift.Frame(RawThrift.EchoCall("x", 9, type: 2)));
            var reply = await RawThrift.ReadFramedReplyAsync(socket);
            Assert.Equal(ThriftApplicationExceptionType.InvalidMessageType, reply!.Value.Error!.Type);
            Assert.Equal(9, reply.Value.Header.SequenceId);
            Assert.True(await RawThrift.IsClosedByServerAsync(socket));
        }
        await host.Logs.AssertLoggedAsync("answered with InvalidMessageType");
        await AssertStillServesAsync(host);
    }

    [Fact]
    public async Task An_undefined_message_type_is_a_logged_protocol_error()
    {
        await using var host = await ThriftTestHost.StartAsync();
        using (var socket = await host.ConnectRawAsync())
        {
            await RawThrift.SendAsync(socket, RawThrift.Frame(RawThrift.EchoCall("x", 9, type: 7)));
            Assert.True(await RawThrift.IsClosedByServerAsync(socket));
        }
        await host.Logs.AssertLoggedAsync("Unknown message type 7");
        await AssertStillServesAsync(host);
    }

    [Fact]
    public async Task Bytes_that_are_not_Thrift_are_refused_at_the_first_byte()
    {
        await using var host = await ThriftTestHost.StartAsync();
        using (var socket = await host.ConnectRawAsync())
        {
            await RawThrift.SendAsync(socket, Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
            Assert.True(await RawThrift.IsClosedByServerAsync(socket));
        }
        await host.Logs.AssertLoggedAsync("The first byte 0x47 starts no Thrift message");
        await AssertStillServesAsync(host);
    }

    [Fact]
    public async Task An_unframed_message_past_the_maximum_message_size_closes_the_connection()
    {
        await using var host = await ThriftTestHost.StartAsync(o => o.Limits = new ThriftLimits { MaxMessageSize = 1024 });
        using (var socket = await host.ConnectRawAsync())
        {
            // An echo call whose string claims 4000 bytes and delivers 2000 of them: still incomplete, already too big.
            byte[] call = [.. RawThrift.Header("echo", 1, 5), 11, .. RawThrift.I16(1), .. RawThrift.I32(4000), .. new byte[2000]];
            await RawThrift.SendAsync(socket, call);
            Assert.True(await RawThrift.IsClosedByServerAsync(socket));
        }
        await host.Logs.AssertLoggedAsync("maximum message size of 1024 bytes");
        await AssertStillServesAsync(host);
    }

    [Fact]
    public async Task Pipelined_calls_are_answered_in_request_order_when_calls_run_concurrently()
    {
        await using var host = await ThriftTestHost.StartAsync(core: o => o.Dispatch = DispatchMode.BoundedPerConnection);
        using var socket = await host.ConnectRawAsync();
        await RawThrift.SendAsync(socket, [
            .. RawThrift.Frame(RawThrift.EchoCall("slow:300", 1)),
            .. RawThrift.Frame(RawThrift.EchoCall("fast", 2)),
            .. RawThrift.Frame(RawThrift.EchoCall("missing?", 3, type: 1)),
        ]);
        var first = await RawThrift.ReadFramedReplyAsync(socket);
        var second = await RawThrift.ReadFramedReplyAsync(socket);
        var third = await RawThrift.ReadFramedReplyAsync(socket);
        Assert.Equal((1, "slow:300"), (first!.Value.Header.SequenceId, first.Value.Text));
        Assert.Equal((2, "fast"), (second!.Value.Header.SequenceId, second.Value.Text));
        Assert.Equal((3, "missing?"), (third!.Value.Header.SequenceId, third.Value.Text));
    }
}
