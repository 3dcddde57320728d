using Grpc.Testing;
using Steward.Rpc;
using Steward.Rpc.Grpc;
using static GrpcInterop.Tests.Peers;

namespace GrpcInterop.Tests;

/// <summary>
/// client_compressed_unary with a grpcio server. The case opens with a probe (an uncompressed message
/// claiming expect_compressed must be rejected) that needs the server to see each message's compressed
/// flag, which grpcio's server API never shows; the probe is verified in the other four directions. What
/// this direction can verify is verified: both calls succeed against grpcio with the right payloads, and
/// a relay reading the HTTP/2 DATA frames confirms that the Steward client really set the compressed flag
/// on the first request (and gzip made it small) and left it clear on the second.
/// </summary>
internal static class GrpcioCompressedUnary
{
    private const int RequestSize = 271828;
    private const int ResponseSize = 314159;

    public static async Task VerifyAsync()
    {
        if (Missing(Side.Grpcio) is { } why)
        {
            Assert.Skip(why);
        }
        var port = FreePort();
        var (file, args) = Server(Side.Grpcio, port);
        using var server = Start(file, args, out var serverOutput);
        try
        {
            await WaitForPortAsync(port, server, serverOutput);
            await using var proxy = new Http2CaptureProxy(port);
            using (var channel = GrpcChannel.ForAddress($"http://localhost:{proxy.Port}"))
            {
                var client = new TestService.TestServiceClient(channel.CreateCallInvoker());
                var compressed = await client.UnaryCallAsync(Request(expect: true), new CallOptions(compression: GrpcProtocol.Gzip));
                AssertZeros(compressed.Payload, "compressed call");
                var plain = await client.UnaryCallAsync(Request(expect: false));
                AssertZeros(plain.Payload, "uncompressed call");
            }

            var sent = proxy.Messages;
            Assert.Equal(2, sent.Count);
            Assert.NotEqual(sent[0].StreamId, sent[1].StreamId);
            Assert.True(sent[0].Compressed, "the first request went out without the compressed flag");
            // 271,828 zero bytes gzip to a few hundred bytes; the flag is not just set, the body is compressed.
            Assert.InRange(sent[0].Length, 1, RequestSize / 100);
            Assert.False(sent[1].Compressed, "the second request went out flagged as compressed");
            Assert.Equal(Request(expect: false).CalculateSize(), sent[1].Length);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }
        }
    }

    private static SimpleRequest Request(bool expect) => new()
    {
        ExpectCompressed = new BoolValue { Value = expect },
        ResponseSize = ResponseSize,
        Payload = new Payload { Body = new byte[RequestSize] },
    };

    private static void AssertZeros(Payload? payload, string what)
    {
        Assert.NotNull(payload);
        Assert.True(payload.Body.Length == ResponseSize, $"{what}: {payload.Body.Length} bytes instead of {ResponseSize}");
        Assert.False(payload.Body.Span.ContainsAnyExcept((byte)0), what + ": the body is not all zeros");
    }
}
