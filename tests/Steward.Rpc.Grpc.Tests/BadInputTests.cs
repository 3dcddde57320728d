using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Steward.Rpc.Grpc.Tests;

/// <summary>
/// Malformed input ends only the call it arrived on, with the status the spec calls for and a log line;
/// the same server then serves a normal call.
/// </summary>
public sealed class BadInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Frame(byte flag, uint declaredLength, byte[] body)
    {
        var frame = new byte[5 + body.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), declaredLength);
        body.CopyTo(frame, 5);
        return frame;
    }

    /// <summary>Posts a hand-made body and returns grpc-status and grpc-message (headers for trailers-only, else trailers).</summary>
    private static async Task<(string? Status, string? Message)> PostRawAsync(TestServer server, string path, byte[] body, string? encoding = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Address + path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (encoding is not null)
        {
            request.Headers.TryAddWithoutValidation("grpc-encoding", encoding);
        }
        using var response = await http.SendAsync(request, Ct);
        await response.Content.ReadAsByteArrayAsync(Ct);
        string? Get(HttpHeaders h, string name) => h.TryGetValues(name, out var v) ? v.First() : null;
        var status = Get(response.Headers, "grpc-status") ?? Get(response.TrailingHeaders, "grpc-status");
        var message = Get(response.Headers, "grpc-message") ?? Get(response.TrailingHeaders, "grpc-message");
        return (status, message);
    }

    private static async Task AssertStillServes(TestServer server)
    {
        using var channel = server.CreateChannel();
        Assert.Equal("still here", await channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, "still here", new CallOptions()));
    }

    private static async Task AssertLogged(TestServer server, string text)
    {
        for (var i = 0; i < 200 && !server.Logs.Contains(text); i++)
        {
            await Task.Delay(25, Ct);
        }
        Assert.True(server.Logs.Contains(text), $"log has '{text}':\n{string.Join('\n', server.Logs.Lines)}");
    }

    [Fact]
    public async Task A_length_prefix_longer_than_the_body_is_internal()
    {
        await using var server = await TestServer.StartAsync();
        var (status, message) = await PostRawAsync(server, "/test.Echo/Unary", Frame(0, 50, new byte[10]));
        Assert.Equal("13", status);
        Assert.Contains("Incomplete message", message, StringComparison.Ordinal);
        await AssertLogged(server, "/test.Echo/Unary ended with Internal: Incomplete message");
        await AssertStillServes(server);
    }

    [Fact]
    public async Task A_truncated_prefix_is_internal()
    {
        await using var server = await TestServer.StartAsync();
        var (status, _) = await PostRawAsync(server, "/test.Echo/Unary", [0, 0, 0]);
        Assert.Equal("13", status);
        await AssertLogged(server, "/test.Echo/Unary ended with Internal");
        await AssertStillServes(server);
    }

    [Fact]
    public async Task A_flag_byte_other_than_0_or_1_is_internal()
    {
        await using var server = await TestServer.StartAsync();
        var (status, message) = await PostRawAsync(server, "/test.Echo/Unary", Frame(7, 2, "hi"u8.ToArray()));
        Assert.Equal("13", status);
        Assert.Contains("compressed flag is 7", message, StringComparison.Ordinal);
        await AssertLogged(server, "ended with Internal: Malformed message");
        await AssertStillServes(server);
    }

    [Fact]
    public async Task A_compressed_flag_without_grpc_encoding_is_internal()
    {
        await using var server = await TestServer.StartAsync();
        var (status, message) = await PostRawAsync(server, "/test.Echo/Unary", Frame(1, 2, "hi"u8.ToArray()));
        Assert.Equal("13", status);
        Assert.Contains("no grpc-encoding", message, StringComparison.Ordinal);
        await AssertLogged(server, "flagged compressed but the call has no grpc-encoding");
        await AssertStillServes(server);
    }

    [Fact]
    public async Task An_unsupported_grpc_encoding_is_unimplemented()
    {
        await using var server = await TestServer.StartAsync();
        var (status, _) = await PostRawAsync(server, "/test.Echo/Unary", Frame(1, 2, "hi"u8.ToArray()), encoding: "snappy");
        Assert.Equal("12", status);
        await AssertLogged(server, "Unsupported grpc-encoding 'snappy'");
        await AssertStillServes(server);
    }

    [Fact]
    public async Task Gzip_that_is_not_gzip_is_internal()
    {
        await using var server = await TestServer.StartAsync();
        var (status, _) = await PostRawAsync(server, "/test.Echo/Unary", Frame(1, 4, [1, 2, 3, 4]), encoding: "gzip");
        Assert.Equal("13", status);
        await AssertLogged(server, "not valid gzip");
        await AssertStillServes(server);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_resource_exhausted_without_reading_the_body()
    {
        await using var server = await TestServer.StartAsync();
        // Only the prefix is sent: the verdict must come from the length alone.
        var (status, message) = await PostRawAsync(server, "/test.Echo/Unary", Frame(0, 5 * 1024 * 1024, []));
        Assert.Equal("8", status);
        Assert.Contains("larger than max", message, StringComparison.Ordinal);
        await AssertLogged(server, "ended with ResourceExhausted");
        await AssertStillServes(server);
    }

    [Fact]
    public async Task A_gzip_bomb_is_stopped_at_the_limit()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxReceiveMessageSize = 64 * 1024);
        using var ms = new MemoryStream();
        using (var gz = new System.IO.Compression.GZipStream(ms, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gz.Write(new byte[10 * 1024 * 1024]);
        }
        var bomb = ms.ToArray();
        var (status, _) = await PostRawAsync(server, "/test.Echo/Unary", Frame(1, (uint)bomb.Length, bomb), encoding: "gzip");
        Assert.Equal("8", status);
        await AssertLogged(server, "larger than max after decompression");
        await AssertStillServes(server);
    }

    [Fact]
    public async Task Garbage_protobuf_is_internal()
    {
        await using var server = await TestServer.StartAsync();
        // grpc.health.v1.HealthCheckRequest is a real protobuf message; 0xff... is not a valid encoding of anything.
        var (status, message) = await PostRawAsync(server, "/grpc.health.v1.Health/Check", Frame(0, 4, [0xff, 0xff, 0xff, 0xff]));
        Assert.Equal("13", status);
        Assert.Contains("Failed to deserialize", message, StringComparison.Ordinal);
        await AssertLogged(server, "/grpc.health.v1.Health/Check ended with Internal: Failed to deserialize");
        await AssertStillServes(server);
    }

    [Fact]
    public async Task A_peer_that_vanishes_mid_stream_ends_its_call_as_cancelled()
    {
        await using var server = await TestServer.StartAsync();
        var port = new Uri(server.Address).Port;
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync(IPAddress.Loopback, port, Ct);
            var bytes = new List<byte>();
            bytes.AddRange("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray());
            bytes.AddRange(Http2Frame(0x4, 0, 0, [])); // SETTINGS
            bytes.AddRange(Http2Frame(0x1, 0x4, 1, Hpack(
                (":method", "POST"), (":scheme", "http"), (":path", "/test.Echo/Duplex"), (":authority", "localhost"),
                ("content-type", "application/grpc"), ("te", "trailers"))));
            bytes.AddRange(Http2Frame(0x0, 0, 1, Frame(0, 5, "hello"u8.ToArray())));
            bytes.AddRange(Http2Frame(0x0, 0, 1, Frame(0, 100, "half a mess"u8.ToArray())));
            await socket.SendAsync(bytes.ToArray(), Ct);
            // Wait for the echo of the whole first message, so the call is surely running, then vanish.
            var buffer = new byte[4096];
            var seen = new List<byte>();
            while (!Encoding.ASCII.GetString(seen.ToArray()).Contains("HELLO", StringComparison.Ordinal))
            {
                var n = await socket.ReceiveAsync(buffer, Ct);
                Assert.NotEqual(0, n);
                seen.AddRange(buffer.AsSpan(0, n).ToArray());
            }
        }
        await AssertLogged(server, "/test.Echo/Duplex ended with Cancelled");
        await AssertStillServes(server);
    }

    private static byte[] Http2Frame(byte type, byte flags, int streamId, byte[] payload)
    {
        var frame = new byte[9 + payload.Length];
        frame[0] = (byte)(payload.Length >> 16);
        frame[1] = (byte)(payload.Length >> 8);
        frame[2] = (byte)payload.Length;
        frame[3] = type;
        frame[4] = flags;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(5), streamId);
        payload.CopyTo(frame, 9);
        return frame;
    }

    /// <summary>HPACK "literal header field without indexing, new name", no Huffman: enough for a hand-made request.</summary>
    private static byte[] Hpack(params (string Name, string Value)[] headers)
    {
        var bytes = new List<byte>();
        foreach (var (name, value) in headers)
        {
            bytes.Add(0x00);
            bytes.Add((byte)name.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(name));
            bytes.Add((byte)value.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(value));
        }
        return bytes.ToArray();
    }
}
