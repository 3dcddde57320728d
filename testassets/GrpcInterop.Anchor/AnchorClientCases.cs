using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;

namespace GrpcInterop.Anchor;

/// <summary>The interop client cases on Grpc.Net.Client.</summary>
public sealed class AnchorClientCases(GrpcChannel channel)
{
    private readonly TestService.TestServiceClient _client = new(channel);

    public Task RunAsync(string name) => name switch
    {
        "empty_unary" => Run(async () => Check(await _client.EmptyCallAsync(new Empty()) is not null, "response")),
        "large_unary" => Run(async () => CheckZeros((await _client.UnaryCallAsync(new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828) })).Payload, 314159)),
        "client_streaming" => ClientStreaming(),
        "server_streaming" => ServerStreaming(),
        "ping_pong" => PingPong(),
        "empty_stream" => EmptyStream(),
        "custom_metadata" => CustomMetadata(),
        "status_code_and_message" => StatusCodeAndMessage("test status message", duplex: true),
        "special_status_message" => StatusCodeAndMessage("\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n", duplex: false),
        "unimplemented_method" => ExpectCode(StatusCode.Unimplemented, async () => await _client.UnimplementedCallAsync(new Empty())),
        "unimplemented_service" => ExpectCode(StatusCode.Unimplemented, async () => await new UnimplementedService.UnimplementedServiceClient(channel).UnimplementedCallAsync(new Empty())),
        "cancel_after_begin" => CancelAfterBegin(),
        "cancel_after_first_response" => CancelAfterFirstResponse(),
        "timeout_on_sleeping_server" => TimeoutOnSleepingServer(),
        "client_compressed_unary" => ClientCompressedUnary(),
        "server_compressed_unary" => ServerCompressedUnary(),
        _ => throw new ArgumentException("unknown test case " + name),
    };

    private static Task Run(Func<Task> body) => body();

    private static Payload Zeros(int n) => new() { Body = ByteString.CopyFrom(new byte[n]) };

    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException("assertion failed: " + what);
        }
    }

    private static void CheckZeros(Payload p, int n) => Check(p.Body.Length == n && p.Body.All(b => b == 0), $"payload of {n} zero bytes (got {p.Body.Length})");

    private static async Task<RpcException> ExpectCode(StatusCode code, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RpcException ex)
        {
            Check(ex.StatusCode == code, $"{code} (got {ex.StatusCode})");
            return ex;
        }
        throw new InvalidOperationException("assertion failed: the call succeeded but should have failed with " + code);
    }

    private async Task ClientStreaming()
    {
        using var call = _client.StreamingInputCall();
        foreach (var n in new[] { 27182, 8, 1828, 45904 })
        {
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Zeros(n) });
        }
        await call.RequestStream.CompleteAsync();
        Check((await call).AggregatedPayloadSize == 74922, "aggregated size 74922");
    }

    private async Task ServerStreaming()
    {
        int[] sizes = [31415, 9, 2653, 58979];
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.AddRange(sizes.Select(s => new ResponseParameters { Size = s }));
        using var call = _client.StreamingOutputCall(request);
        var got = new List<int>();
        await foreach (var r in call.ResponseStream.ReadAllAsync())
        {
            got.Add(r.Payload.Body.Length);
        }
        Check(got.SequenceEqual(sizes), "four sized responses");
    }

    private async Task PingPong()
    {
        int[] req = [27182, 8, 1828, 45904], resp = [31415, 9, 2653, 58979];
        using var call = _client.FullDuplexCall();
        for (var i = 0; i < 4; i++)
        {
            var r = new StreamingOutputCallRequest { Payload = Zeros(req[i]) };
            r.ResponseParameters.Add(new ResponseParameters { Size = resp[i] });
            await call.RequestStream.WriteAsync(r);
            Check(await call.ResponseStream.MoveNext(), "reply " + i);
            CheckZeros(call.ResponseStream.Current.Payload, resp[i]);
        }
        await call.RequestStream.CompleteAsync();
        Check(!await call.ResponseStream.MoveNext(), "exactly four responses");
    }

    private async Task EmptyStream()
    {
        using var call = _client.FullDuplexCall();
        await call.RequestStream.CompleteAsync();
        Check(!await call.ResponseStream.MoveNext(), "zero responses");
    }

    private async Task CustomMetadata()
    {
        var headers = new Metadata { { "x-grpc-test-echo-initial", "test_initial_metadata_value" }, { "x-grpc-test-echo-trailing-bin", new byte[] { 0xab, 0xab, 0xab } } };
        using (var call = _client.UnaryCallAsync(new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828) }, headers))
        {
            await call;
            Check((await call.ResponseHeadersAsync).GetValue("x-grpc-test-echo-initial") == "test_initial_metadata_value", "unary initial metadata");
            Check(call.GetTrailers().GetValueBytes("x-grpc-test-echo-trailing-bin")?.SequenceEqual(new byte[] { 0xab, 0xab, 0xab }) == true, "unary trailing metadata");
        }
        using (var call = _client.FullDuplexCall(headers))
        {
            var r = new StreamingOutputCallRequest { Payload = Zeros(271828) };
            r.ResponseParameters.Add(new ResponseParameters { Size = 314159 });
            await call.RequestStream.WriteAsync(r);
            await call.RequestStream.CompleteAsync();
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
            }
            Check((await call.ResponseHeadersAsync).GetValue("x-grpc-test-echo-initial") == "test_initial_metadata_value", "duplex initial metadata");
            Check(call.GetTrailers().GetValueBytes("x-grpc-test-echo-trailing-bin")?.SequenceEqual(new byte[] { 0xab, 0xab, 0xab }) == true, "duplex trailing metadata");
        }
    }

    private async Task StatusCodeAndMessage(string message, bool duplex)
    {
        var status = new EchoStatus { Code = 2, Message = message };
        var ex = await ExpectCode(StatusCode.Unknown, async () => await _client.UnaryCallAsync(new SimpleRequest { ResponseStatus = status }));
        Check(ex.Status.Detail == message, "unary message round-trips");
        if (duplex)
        {
            using var call = _client.FullDuplexCall();
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { ResponseStatus = status });
            await call.RequestStream.CompleteAsync();
            var d = await ExpectCode(StatusCode.Unknown, async () => await call.ResponseStream.MoveNext());
            Check(d.Status.Detail == message, "duplex message round-trips");
        }
    }

    private async Task CancelAfterBegin()
    {
        using var cts = new CancellationTokenSource();
        using var call = _client.StreamingInputCall(cancellationToken: cts.Token);
        await cts.CancelAsync();
        await ExpectCode(StatusCode.Cancelled, async () => await call.ResponseAsync);
    }

    private async Task CancelAfterFirstResponse()
    {
        using var cts = new CancellationTokenSource();
        using var call = _client.FullDuplexCall(cancellationToken: cts.Token);
        var r = new StreamingOutputCallRequest { Payload = Zeros(27182) };
        r.ResponseParameters.Add(new ResponseParameters { Size = 31415 });
        await call.RequestStream.WriteAsync(r);
        Check(await call.ResponseStream.MoveNext(), "first response");
        await cts.CancelAsync();
        await ExpectCode(StatusCode.Cancelled, async () => await call.ResponseStream.MoveNext());
    }

    private async Task TimeoutOnSleepingServer()
    {
        using var call = _client.FullDuplexCall(deadline: DateTime.UtcNow.AddMilliseconds(1));
        await ExpectCode(StatusCode.DeadlineExceeded, async () =>
        {
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { Payload = Zeros(27182) });
            await call.ResponseStream.MoveNext();
        });
    }

    private static SimpleRequest CompressionRequest(bool expect) => new() { ExpectCompressed = new BoolValue { Value = expect }, ResponseSize = 314159, Payload = Zeros(271828) };

    private async Task ClientCompressedUnary()
    {
        await ExpectCode(StatusCode.InvalidArgument, async () => await _client.UnaryCallAsync(CompressionRequest(true)));
        // grpc-dotnet's way to ask for request compression on one call.
        var gzip = new Metadata { { "grpc-internal-encoding-request", "gzip" } };
        CheckZeros((await _client.UnaryCallAsync(CompressionRequest(true), gzip)).Payload, 314159);
        CheckZeros((await _client.UnaryCallAsync(CompressionRequest(false))).Payload, 314159);
    }

    private async Task ServerCompressedUnary()
    {
        foreach (var compressed in new[] { true, false })
        {
            var r = await _client.UnaryCallAsync(new SimpleRequest { ResponseCompressed = new BoolValue { Value = compressed }, ResponseSize = 314159, Payload = Zeros(271828) });
            CheckZeros(r.Payload, 314159);
        }
    }
}
