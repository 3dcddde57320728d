using System.Buffers;
using System.IO.Pipelines;
using Steward.Rpc.Thrift.Tests.Server;

namespace Steward.Rpc.Thrift.Tests.Transport;

/// <summary>Cutting messages out of a pipe: split arrivals, large messages, leftovers, clean and unclean ends, bad frame lengths.</summary>
public sealed class MessageReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ThriftMessageParser<int, (ThriftMessageHeader, string?)> Echo = (reader, _) =>
    {
        var header = reader.ReadMessageBegin();
        var args = new TextArgs();
        args.Read(reader);
        reader.ReadMessageEnd();
        return (header, args.Text);
    };

    private static ThriftMessageReader Create(Pipe pipe, ThriftTransport transport, ThriftLimits? limits = null, int threshold = ThriftMessageReader.DefaultAccumulateThreshold) =>
        new(pipe.Reader, transport, ThriftProtocols.CreateReader(ThriftProtocolKind.Binary, limits), limits ?? ThriftLimits.Default, threshold);

    private static byte[] Encode(ThriftTransport transport, params byte[][] messages) =>
        messages.SelectMany(m => transport == ThriftTransport.Framed ? RawThrift.Frame(m) : m).ToArray();

    /// <summary>Writes <paramref name="bytes"/> in pieces of <paramref name="chunk"/> bytes, flushing each, then optionally completes.</summary>
    private static async Task FeedAsync(PipeWriter writer, byte[] bytes, int chunk, bool complete = true)
    {
        for (var i = 0; i < bytes.Length; i += chunk)
        {
            await writer.WriteAsync(bytes.AsMemory(i, Math.Min(chunk, bytes.Length - i)), Ct);
        }
        if (complete)
        {
            await writer.CompleteAsync();
        }
    }

    [Theory]
    [InlineData(ThriftTransport.Framed, 1)]
    [InlineData(ThriftTransport.Framed, 7)]
    [InlineData(ThriftTransport.Buffered, 1)]
    [InlineData(ThriftTransport.Buffered, 7)]
    public async Task Messages_arriving_in_pieces_are_read_whole_and_in_order(ThriftTransport transport, int chunk)
    {
        var pipe = new Pipe();
        using var messages = Create(pipe, transport);
        var feeding = FeedAsync(pipe.Writer, Encode(transport, RawThrift.EchoCall("one", 1), RawThrift.EchoCall("two", 2)), chunk);
        var (read1, first) = await messages.ReadAsync(Echo, 0, Ct);
        var (read2, second) = await messages.ReadAsync(Echo, 0, Ct);
        var (read3, _) = await messages.ReadAsync(Echo, 0, Ct);
        await feeding;
        Assert.True(read1 && read2);
        Assert.False(read3);
        Assert.Equal((new ThriftMessageHeader("echo", ThriftMessageType.Call, 1), "one"), first);
        Assert.Equal((new ThriftMessageHeader("echo", ThriftMessageType.Call, 2), "two"), second);
    }

    [Theory]
    [InlineData(ThriftTransport.Framed)]
    [InlineData(ThriftTransport.Buffered)]
    public async Task A_message_larger_than_the_pipe_pause_threshold_still_arrives(ThriftTransport transport)
    {
        // The pipe stops its writer at 64 KB unconsumed, as Kestrel's does at 1 MB: waiting in the pipe would hang.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 64 * 1024, resumeWriterThreshold: 32 * 1024));
        using var messages = Create(pipe, transport, threshold: 16 * 1024);
        var big = new string('z', 300_000);
        var feeding = FeedAsync(pipe.Writer, Encode(transport, RawThrift.EchoCall(big, 1), RawThrift.EchoCall("after", 2)), 4096);
        var (_, first) = await messages.ReadAsync(Echo, 0, Ct);
        var (_, second) = await messages.ReadAsync(Echo, 0, Ct);
        await feeding;
        Assert.Equal(big, first.Item2);
        Assert.Equal("after", second.Item2);
    }

    [Fact]
    public async Task Small_messages_behind_a_large_unframed_one_are_not_lost()
    {
        var pipe = new Pipe();
        using var messages = Create(pipe, ThriftTransport.Buffered, threshold: 1024);
        var bytes = Encode(ThriftTransport.Buffered, RawThrift.EchoCall(new string('a', 5000), 1), RawThrift.EchoCall("b", 2), RawThrift.EchoCall("c", 3));
        // One write: the large message and both small ones land in the accumulated buffer together.
        var feeding = FeedAsync(pipe.Writer, bytes, 3000);
        var texts = new List<string?>();
        while (await messages.ReadAsync(Echo, 0, Ct) is (true, var message))
        {
            texts.Add(message.Item2);
        }
        await feeding;
        Assert.Equal([new string('a', 5000), "b", "c"], texts);
    }

    [Theory]
    [InlineData(ThriftTransport.Framed)]
    [InlineData(ThriftTransport.Buffered)]
    public async Task An_end_inside_a_message_is_a_protocol_error(ThriftTransport transport)
    {
        var pipe = new Pipe();
        using var messages = Create(pipe, transport);
        var bytes = Encode(transport, RawThrift.EchoCall("cut", 1));
        await FeedAsync(pipe.Writer, bytes[..^2], 5);
        var ex = await Assert.ThrowsAnyAsync<ThriftProtocolException>(async () => await messages.ReadAsync(Echo, 0, Ct));
        Assert.Equal(ThriftProtocolError.InvalidData, ex.Error);
    }

    [Theory]
    [InlineData(-1, ThriftProtocolError.NegativeSize)]
    [InlineData(1001, ThriftProtocolError.SizeLimit)]
    public async Task Frame_lengths_are_checked_before_the_body_is_awaited(int length, ThriftProtocolError error)
    {
        var pipe = new Pipe();
        using var messages = Create(pipe, ThriftTransport.Framed, new ThriftLimits { MaxFrameSize = 1000 });
        // Only the prefix is written and the pipe left open: the error must come without more input.
        await pipe.Writer.WriteAsync(RawThrift.I32(length), Ct);
        var ex = await Assert.ThrowsAsync<ThriftProtocolException>(async () => await messages.ReadAsync(Echo, 0, Ct));
        Assert.Equal(error, ex.Error);
    }

    [Fact]
    public async Task A_message_longer_than_its_frame_is_a_protocol_error()
    {
        var pipe = new Pipe();
        using var messages = Create(pipe, ThriftTransport.Framed);
        var message = RawThrift.EchoCall("does not fit", 1);
        await pipe.Writer.WriteAsync((byte[])[.. RawThrift.I32(message.Length - 3), .. message], Ct);
        var ex = await Assert.ThrowsAsync<ThriftProtocolException>(async () => await messages.ReadAsync(Echo, 0, Ct));
        Assert.Contains("does not fit in its frame", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unframed_message_past_the_maximum_size_is_refused_while_incomplete()
    {
        var pipe = new Pipe();
        using var messages = Create(pipe, ThriftTransport.Buffered, new ThriftLimits { MaxMessageSize = 100 });
        await pipe.Writer.WriteAsync(RawThrift.EchoCall(new string('q', 500), 1)[..300], Ct);
        var ex = await Assert.ThrowsAsync<ThriftProtocolException>(async () => await messages.ReadAsync(Echo, 0, Ct));
        Assert.Equal(ThriftProtocolError.SizeLimit, ex.Error);
    }

    [Fact]
    public void The_writer_frames_with_a_big_endian_length_and_enforces_the_frame_limit()
    {
        var writer = new ThriftMessageWriter(ThriftTransport.Framed, ThriftProtocols.CreateWriter(ThriftProtocolKind.Binary), new ThriftLimits { MaxFrameSize = 64 });
        var protocol = writer.Begin();
        protocol.WriteMessageBegin(new ThriftMessageHeader("echo", ThriftMessageType.Call, 1));
        new TextArgs { Text = "hi" }.Write(protocol);
        protocol.WriteMessageEnd();
        Assert.Equal(RawThrift.Frame(RawThrift.EchoCall("hi", 1)), writer.End().ToArray());

        protocol = writer.Begin();
        protocol.WriteMessageBegin(new ThriftMessageHeader("echo", ThriftMessageType.Call, 2));
        new TextArgs { Text = new string('x', 100) }.Write(protocol);
        protocol.WriteMessageEnd();
        Assert.Equal(ThriftProtocolError.SizeLimit, Assert.Throws<ThriftProtocolException>(() => writer.End()).Error);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 1, 0, 1 }, ThriftTransport.Buffered, ThriftProtocolKind.Binary)]
    [InlineData(new byte[] { 0x82, 0x21 }, ThriftTransport.Buffered, ThriftProtocolKind.Compact)]
    [InlineData(new byte[] { (byte)'[', (byte)'1' }, ThriftTransport.Buffered, ThriftProtocolKind.Json)]
    [InlineData(new byte[] { 0, 0, 0, 20, 0x80, 1 }, ThriftTransport.Framed, ThriftProtocolKind.Binary)]
    [InlineData(new byte[] { 0, 0, 0, 20, 0x82 }, ThriftTransport.Framed, ThriftProtocolKind.Compact)]
    [InlineData(new byte[] { 0, 0, 0, 20, (byte)'[' }, ThriftTransport.Framed, ThriftProtocolKind.Json)]
    [InlineData(new byte[] { 0, 0, 0, 4, (byte)'e', (byte)'c' }, ThriftTransport.Buffered, ThriftProtocolKind.Binary)]
    [InlineData(new byte[] { 0, 0, 0, 20, 0, 0, 0, 4 }, ThriftTransport.Framed, ThriftProtocolKind.Binary)]
    public void The_first_bytes_tell_transport_and_protocol(byte[] bytes, ThriftTransport transport, ThriftProtocolKind protocol)
    {
        Assert.True(ThriftDetection.TryDetect(new ReadOnlySequence<byte>(bytes), null, null, out var detected));
        Assert.Equal((transport, protocol), detected);
    }

    [Fact]
    public void Detection_waits_for_the_fifth_byte_of_a_frame_and_refuses_what_is_not_Thrift()
    {
        Assert.False(ThriftDetection.TryDetect(new ReadOnlySequence<byte>([0, 0, 0, 20]), null, null, out _));
        Assert.True(ThriftDetection.TryDetect(new ReadOnlySequence<byte>([0, 0, 0, 20]), ThriftTransport.Framed, ThriftProtocolKind.Compact, out _));
        var ex = Assert.Throws<ThriftProtocolException>(() => ThriftDetection.TryDetect(new ReadOnlySequence<byte>("GET "u8.ToArray()), null, null, out _));
        Assert.Contains("0x47", ex.Message, StringComparison.Ordinal);
    }
}
