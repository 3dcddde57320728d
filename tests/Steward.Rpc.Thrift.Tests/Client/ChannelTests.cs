using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Steward.Rpc.Thrift.Tests.Server;

namespace Steward.Rpc.Thrift.Tests.Client;

/// <summary>The client: pooling, deadlines, cancellation, reply checks against a fake server written with raw sockets.</summary>
public sealed class ChannelTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Concurrent_calls_share_at_most_MaxConnections_connections()
    {
        await using var host = await ThriftTestHost.StartAsync();
        using var channel = host.CreateChannel(new ThriftChannelOptions { MaxConnections = 3 });
        var invoker = channel.CreateCallInvoker();
        CalcService.Peers.Clear();
        var slow = Enumerable.Range(0, 12).Select(_ => ServerCallTests.EchoAsync(invoker, "slow:40")).ToArray();
        var peers = Enumerable.Range(0, 12).Select(_ => ServerCallTests.EchoAsync(invoker, "peer")).ToArray();
        Assert.All(await Task.WhenAll(slow), r => Assert.Equal("slow:40", r));
        var seen = (await Task.WhenAll(peers)).Distinct().ToArray();
        Assert.InRange(seen.Length, 1, 3);
        Assert.InRange(channel.OpenConnections, 1, 3);
    }

    [Fact]
    public async Task A_passed_deadline_is_DeadlineExceeded_and_the_connection_is_not_reused()
    {
        await using var host = await ThriftTestHost.StartAsync();
        using var channel = host.CreateChannel(new ThriftChannelOptions { MaxConnections = 1 });
        var invoker = channel.CreateCallInvoker();
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            ServerCallTests.EchoAsync(invoker, "sleep", new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(200))));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.Equal(0, channel.OpenConnections);
        Assert.Equal("fresh", await ServerCallTests.EchoAsync(invoker, "fresh"));
        // The discarded connection's close reaches the server, which cancels the handler still running.
        await host.Logs.AssertLoggedAsync("closed while 'echo' was running");
    }

    [Fact]
    public async Task A_client_hanging_up_cancels_calls_running_on_a_pipelined_connection()
    {
        await using var host = await ThriftTestHost.StartAsync(core: o => o.Dispatch = DispatchMode.BoundedPerConnection);
        using var channel = host.CreateChannel();
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            ServerCallTests.EchoAsync(channel.CreateCallInvoker(), "sleep", new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(200))));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        await host.Logs.AssertLoggedAsync("closed while 'echo' was running");
    }

    [Fact]
    public async Task The_channel_timeout_applies_when_a_call_has_no_deadline()
    {
        await using var host = await ThriftTestHost.StartAsync();
        using var channel = host.CreateChannel(new ThriftChannelOptions { Timeout = TimeSpan.FromMilliseconds(200) });
        var ex = await Assert.ThrowsAsync<RpcException>(() => ServerCallTests.EchoAsync(channel.CreateCallInvoker(), "sleep"));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    [Fact]
    public async Task Cancelling_a_call_is_Cancelled()
    {
        await using var host = await ThriftTestHost.StartAsync();
        using var channel = host.CreateChannel();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var call = ServerCallTests.EchoAsync(channel.CreateCallInvoker(), "sleep", new CallOptions(cancellationToken: cts.Token));
        await Task.Delay(100, Ct);
        await cts.CancelAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
    }

    [Fact]
    public async Task A_call_waiting_for_a_connection_honours_its_deadline()
    {
        await using var host = await ThriftTestHost.StartAsync();
        using var channel = host.CreateChannel(new ThriftChannelOptions { MaxConnections = 1 });
        var invoker = channel.CreateCallInvoker();
        var busy = ServerCallTests.EchoAsync(invoker, "slow:1000");
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            ServerCallTests.EchoAsync(invoker, "waiting", new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(150))));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.Equal("slow:1000", await busy);
    }

    [Fact]
    public async Task A_reply_with_another_sequence_id_is_BadSequenceId()
    {
        await using var fake = FakeServer.Start((header, _) => new ThriftMessageHeader(header.Name, ThriftMessageType.Reply, header.SequenceId + 1));
        using var channel = new ThriftChannel(fake.Target);
        var ex = await Assert.ThrowsAsync<ThriftApplicationException>(() => ServerCallTests.EchoAsync(channel.CreateCallInvoker(), "x"));
        Assert.Equal(ThriftApplicationExceptionType.BadSequenceId, ex.Type);
        Assert.Equal(0, channel.OpenConnections);
    }

    [Fact]
    public async Task A_reply_for_another_method_is_WrongMethodName()
    {
        await using var fake = FakeServer.Start((header, _) => header with { Name = "other", Type = ThriftMessageType.Reply });
        using var channel = new ThriftChannel(fake.Target);
        var ex = await Assert.ThrowsAsync<ThriftApplicationException>(() => ServerCallTests.EchoAsync(channel.CreateCallInvoker(), "x"));
        Assert.Equal(ThriftApplicationExceptionType.WrongMethodName, ex.Type);
    }

    [Fact]
    public async Task A_multiplexed_call_accepts_the_bare_name_Apache_servers_reply_with()
    {
        await using var fake = FakeServer.Start((header, _) => header with { Name = header.Name[(header.Name.IndexOf(':') + 1)..], Type = ThriftMessageType.Reply });
        using var channel = new ThriftChannel(fake.Target, new ThriftChannelOptions { Multiplexed = true });
        Assert.Equal("fake", await ServerCallTests.EchoAsync(channel.CreateCallInvoker(), "x"));
        Assert.Equal("Calc:echo", fake.Names.Single());
    }

    [Fact]
    public async Task A_server_that_closes_without_replying_is_Unavailable()
    {
        await using var fake = FakeServer.Start((_, _) => null);
        using var channel = new ThriftChannel(fake.Target);
        var ex = await Assert.ThrowsAsync<RpcException>(() => ServerCallTests.EchoAsync(channel.CreateCallInvoker(), "x"));
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task Nothing_listening_is_Unavailable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var channel = new ThriftChannel("127.0.0.1:" + port);
        var ex = await Assert.ThrowsAsync<RpcException>(() => ServerCallTests.EchoAsync(channel.CreateCallInvoker(), "x"));
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task Streaming_kinds_and_methods_without_a_Thrift_codec_are_Unimplemented()
    {
        using var channel = new ThriftChannel("127.0.0.1:1");
        var invoker = channel.CreateCallInvoker();
        var streaming = new Method<TextArgs, TextResult>(MethodType.ServerStreaming, "Calc", "stream", ThriftStructMarshaller<TextArgs>.Default, ThriftStructMarshaller<TextResult>.Default);
        var ex = Assert.Throws<RpcException>(() => invoker.AsyncServerStreamingCall(streaming, new TextArgs(), default));
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Contains("unary calls only", ex.Message, StringComparison.Ordinal);
        var noCodec = new Method<TextArgs, TextResult>(MethodType.Unary, "Calc", "echo", ThriftStructMarshaller<TextArgs>.Default, ThriftStructMarshaller<TextResult>.Default);
        var missing = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(noCodec, new TextArgs(), default).ResponseAsync);
        Assert.Equal(StatusCode.Unimplemented, missing.StatusCode);
    }

    [Theory]
    [InlineData("localhost:9090", "localhost", 9090, null)]
    [InlineData("[::1]:9090", "::1", 9090, null)]
    [InlineData("unix:/tmp/thrift.sock", null, 0, "/tmp/thrift.sock")]
    [InlineData("unix:///tmp/thrift.sock", null, 0, "/tmp/thrift.sock")]
    public void Targets_are_host_port_or_unix_paths(string target, string? host, int port, string? path) =>
        Assert.Equal(new ThriftEndpoint(host, port, path), ThriftEndpoint.Parse(target));

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:0")]
    [InlineData("localhost:http")]
    [InlineData("unix:")]
    public void Malformed_targets_are_refused(string target) =>
        Assert.Throws<ArgumentException>(() => new ThriftChannel(target));

    /// <summary>
    /// A Thrift server made of a raw socket: reads one framed binary call per connection, answers with the
    /// header the test chooses (or closes when it returns null) and the echo result "fake".
    /// </summary>
    private sealed class FakeServer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly Task _loop;
        private readonly Func<ThriftMessageHeader, int, ThriftMessageHeader?> _answer;

        private FakeServer(Func<ThriftMessageHeader, int, ThriftMessageHeader?> answer)
        {
            _answer = answer;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            _loop = AcceptAsync();
        }

        public string Target => "127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port;
        public System.Collections.Concurrent.ConcurrentQueue<string> Names { get; } = new();

        public static FakeServer Start(Func<ThriftMessageHeader, int, ThriftMessageHeader?> answer) => new(answer);

        private async Task AcceptAsync()
        {
            var count = 0;
            try
            {
                while (true)
                {
                    using var socket = await _listener.AcceptSocketAsync(Ct);
                    await ServeAsync(socket, count++);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }

        private async Task ServeAsync(Socket socket, int index)
        {
            var prefix = new byte[4];
            await socket.ReceiveAsync(prefix, SocketFlags.None, Ct);
            var body = new byte[BinaryPrimitives.ReadInt32BigEndian(prefix)];
            for (var read = 0; read < body.Length;)
            {
                read += await socket.ReceiveAsync(body.AsMemory(read), SocketFlags.None, Ct);
            }
            var reader = ThriftProtocols.CreateReader(ThriftProtocolKind.Binary);
            reader.Reset(new ReadOnlySequence<byte>(body));
            var header = reader.ReadMessageBegin();
            Names.Enqueue(header.Name);
            if (_answer(header, index) is not { } reply)
            {
                socket.Shutdown(SocketShutdown.Both);
                return;
            }
            var output = new ArrayBufferWriter<byte>();
            output.GetSpan(4);
            output.Advance(4);
            var writer = ThriftProtocols.CreateWriter(ThriftProtocolKind.Binary);
            writer.Reset(output);
            writer.WriteMessageBegin(reply);
            new TextResult { Success = "fake" }.Write(writer);
            writer.WriteMessageEnd();
            writer.Flush();
            var bytes = output.WrittenSpan.ToArray();
            BinaryPrimitives.WriteInt32BigEndian(bytes, bytes.Length - 4);
            await socket.SendAsync(bytes, SocketFlags.None, Ct);
            // Hold the connection until the client has read and closed it.
            await socket.ReceiveAsync(new byte[1], SocketFlags.None, Ct);
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            await _loop;
            _listener.Dispose();
        }
    }
}
