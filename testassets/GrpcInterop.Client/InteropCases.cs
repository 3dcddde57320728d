using Grpc.Testing;
using Steward.Rpc;
using Steward.Rpc.Grpc;

namespace GrpcInterop.Client;

/// <summary>The interop test cases (grpc doc/interop-test-descriptions.md), each asserting what the description says.</summary>
internal sealed class InteropCases(GrpcChannel channel)
{
    public static readonly string[] Names =
    [
        "empty_unary", "large_unary", "client_streaming", "server_streaming", "ping_pong", "empty_stream",
        "custom_metadata", "status_code_and_message", "special_status_message", "unimplemented_method",
        "unimplemented_service", "cancel_after_begin", "cancel_after_first_response", "timeout_on_sleeping_server",
        "client_compressed_unary", "server_compressed_unary",
    ];

    private readonly TestService.TestServiceClient _client = new(channel.CreateCallInvoker());

    public Task RunAsync(string name) => name switch
    {
        "empty_unary" => EmptyUnary(),
        "large_unary" => LargeUnary(),
        "client_streaming" => ClientStreaming(),
        "server_streaming" => ServerStreaming(),
        "ping_pong" => PingPong(),
        "empty_stream" => EmptyStream(),
        "custom_metadata" => CustomMetadata(),
        "status_code_and_message" => StatusCodeAndMessage("test status message"),
        "special_status_message" => StatusCodeAndMessage("\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n", unaryOnly: true),
        "unimplemented_method" => UnimplementedMethod(),
        "unimplemented_service" => UnimplementedService(),
        "cancel_after_begin" => CancelAfterBegin(),
        "cancel_after_first_response" => CancelAfterFirstResponse(),
        "timeout_on_sleeping_server" => TimeoutOnSleepingServer(),
        "client_compressed_unary" => ClientCompressedUnary(),
        "server_compressed_unary" => ServerCompressedUnary(),
        _ => throw new ArgumentException("unknown test case " + name),
    };

    private static Payload Zeros(int size) => new() { Body = new byte[size] };

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("assertion failed: " + what);
        }
    }

    private static void CheckZeros(Payload? payload, int size, string what)
    {
        Check(payload is not null, what + ": payload present");
        Check(payload!.Body.Length == size, $"{what}: body is {size} bytes (got {payload.Body.Length})");
        Check(!payload.Body.Span.ContainsAnyExcept((byte)0), what + ": body is zeros");
    }

    private static async Task<RpcException> ExpectFailure(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RpcException ex)
        {
            return ex;
        }
        throw new InvalidOperationException("assertion failed: the call succeeded but should have failed");
    }

    private async Task EmptyUnary()
    {
        var response = await _client.EmptyCallAsync(new Empty());
        Check(response is not null, "response is non-null");
    }

    private async Task LargeUnary()
    {
        var response = await _client.UnaryCallAsync(new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828) });
        CheckZeros(response.Payload, 314159, "response");
    }

    private async Task ClientStreaming()
    {
        using var call = _client.StreamingInputCall();
        foreach (var size in new[] { 27182, 8, 1828, 45904 })
        {
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Zeros(size) });
        }
        await call.RequestStream.CompleteAsync();
        var response = await call;
        Check(response.AggregatedPayloadSize == 74922, $"aggregated_payload_size is 74922 (got {response.AggregatedPayloadSize})");
    }

    private async Task ServerStreaming()
    {
        int[] sizes = [31415, 9, 2653, 58979];
        var request = new StreamingOutputCallRequest();
        foreach (var size in sizes)
        {
            request.ResponseParameters.Add(new ResponseParameters { Size = size });
        }
        using var call = _client.StreamingOutputCall(request);
        var got = new List<int>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            CheckZeros(response.Payload, sizes[Math.Min(got.Count, sizes.Length - 1)], "response " + got.Count);
            got.Add(response.Payload!.Body.Length);
        }
        Check(got.SequenceEqual(sizes), "four responses sized 31415, 9, 2653, 58979");
        Check(call.GetStatus().StatusCode == StatusCode.OK, "status OK");
    }

    private async Task PingPong()
    {
        int[] requestSizes = [27182, 8, 1828, 45904];
        int[] responseSizes = [31415, 9, 2653, 58979];
        using var call = _client.FullDuplexCall();
        for (var i = 0; i < requestSizes.Length; i++)
        {
            var request = new StreamingOutputCallRequest { Payload = Zeros(requestSizes[i]) };
            request.ResponseParameters.Add(new ResponseParameters { Size = responseSizes[i] });
            await call.RequestStream.WriteAsync(request);
            Check(await call.ResponseStream.MoveNext(), "a reply to request " + i);
            CheckZeros(call.ResponseStream.Current.Payload, responseSizes[i], "response " + i);
        }
        await call.RequestStream.CompleteAsync();
        Check(!await call.ResponseStream.MoveNext(), "exactly four responses");
        Check(call.GetStatus().StatusCode == StatusCode.OK, "status OK");
    }

    private async Task EmptyStream()
    {
        using var call = _client.FullDuplexCall();
        await call.RequestStream.CompleteAsync();
        Check(!await call.ResponseStream.MoveNext(), "zero responses");
        Check(call.GetStatus().StatusCode == StatusCode.OK, "status OK");
    }

    private async Task CustomMetadata()
    {
        const string InitialKey = "x-grpc-test-echo-initial";
        const string InitialValue = "test_initial_metadata_value";
        const string TrailingKey = "x-grpc-test-echo-trailing-bin";
        byte[] trailingValue = [0xab, 0xab, 0xab];
        Metadata Headers() => new Metadata().Add(InitialKey, InitialValue).Add(TrailingKey, trailingValue);

        using (var call = _client.UnaryCallAsync(new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828) }, Headers()))
        {
            await call;
            Check((await call.ResponseHeadersAsync).GetValue(InitialKey) == InitialValue, "unary: initial metadata echoed");
            Check(call.GetTrailers().GetValueBytes(TrailingKey)?.SequenceEqual(trailingValue) == true, "unary: trailing metadata echoed");
        }

        using (var call = _client.FullDuplexCall(Headers()))
        {
            var request = new StreamingOutputCallRequest { Payload = Zeros(271828) };
            request.ResponseParameters.Add(new ResponseParameters { Size = 314159 });
            await call.RequestStream.WriteAsync(request);
            await call.RequestStream.CompleteAsync();
            while (await call.ResponseStream.MoveNext())
            {
            }
            Check((await call.ResponseHeadersAsync).GetValue(InitialKey) == InitialValue, "duplex: initial metadata echoed");
            Check(call.GetTrailers().GetValueBytes(TrailingKey)?.SequenceEqual(trailingValue) == true, "duplex: trailing metadata echoed");
        }
    }

    private async Task StatusCodeAndMessage(string message, bool unaryOnly = false)
    {
        var status = new EchoStatus { Code = 2, Message = message };
        var unary = await ExpectFailure(async () => await _client.UnaryCallAsync(new SimpleRequest { ResponseStatus = status }));
        Check(unary.StatusCode == StatusCode.Unknown, $"unary: code 2 (got {unary.StatusCode})");
        Check(unary.Status.Detail == message, $"unary: message round-trips (got '{unary.Status.Detail}')");
        if (unaryOnly)
        {
            return;
        }
        using var call = _client.FullDuplexCall();
        await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { ResponseStatus = status });
        await call.RequestStream.CompleteAsync();
        var duplex = await ExpectFailure(async () => { while (await call.ResponseStream.MoveNext()) { } });
        Check(duplex.StatusCode == StatusCode.Unknown, $"duplex: code 2 (got {duplex.StatusCode})");
        Check(duplex.Status.Detail == message, $"duplex: message round-trips (got '{duplex.Status.Detail}')");
    }

    private async Task UnimplementedMethod()
    {
        var ex = await ExpectFailure(async () => await _client.UnimplementedCallAsync(new Empty()));
        Check(ex.StatusCode == StatusCode.Unimplemented, $"UNIMPLEMENTED (got {ex.StatusCode})");
    }

    private async Task UnimplementedService()
    {
        var client = new Grpc.Testing.UnimplementedService.UnimplementedServiceClient(channel.CreateCallInvoker());
        var ex = await ExpectFailure(async () => await client.UnimplementedCallAsync(new Empty()));
        Check(ex.StatusCode == StatusCode.Unimplemented, $"UNIMPLEMENTED (got {ex.StatusCode})");
    }

    private async Task CancelAfterBegin()
    {
        using var cts = new CancellationTokenSource();
        using var call = _client.StreamingInputCall(null, cancellationToken: cts.Token);
        await cts.CancelAsync();
        var ex = await ExpectFailure(async () => await call.ResponseAsync);
        Check(ex.StatusCode == StatusCode.Cancelled, $"CANCELLED (got {ex.StatusCode})");
    }

    private async Task CancelAfterFirstResponse()
    {
        using var cts = new CancellationTokenSource();
        using var call = _client.FullDuplexCall(null, cancellationToken: cts.Token);
        var request = new StreamingOutputCallRequest { Payload = Zeros(27182) };
        request.ResponseParameters.Add(new ResponseParameters { Size = 31415 });
        await call.RequestStream.WriteAsync(request);
        Check(await call.ResponseStream.MoveNext(), "a first response");
        await cts.CancelAsync();
        var ex = await ExpectFailure(async () => await call.ResponseStream.MoveNext());
        Check(ex.StatusCode == StatusCode.Cancelled, $"CANCELLED (got {ex.StatusCode})");
    }

    private async Task TimeoutOnSleepingServer()
    {
        using var call = _client.FullDuplexCall(null, deadline: DateTime.UtcNow.AddMilliseconds(1));
        var ex = await ExpectFailure(async () =>
        {
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { Payload = Zeros(27182) });
            await call.ResponseStream.MoveNext();
        });
        Check(ex.StatusCode == StatusCode.DeadlineExceeded, $"DEADLINE_EXCEEDED (got {ex.StatusCode})");
    }

    private async Task ClientCompressedUnary()
    {
        var probe = await ExpectFailure(async () => await _client.UnaryCallAsync(NewCompressionRequest(expect: true)));
        Check(probe.StatusCode == StatusCode.InvalidArgument, $"probe: INVALID_ARGUMENT (got {probe.StatusCode})");
        var compressed = await _client.UnaryCallAsync(NewCompressionRequest(expect: true), new CallOptions(compression: GrpcProtocol.Gzip));
        CheckZeros(compressed.Payload, 314159, "compressed call");
        var plain = await _client.UnaryCallAsync(NewCompressionRequest(expect: false));
        CheckZeros(plain.Payload, 314159, "uncompressed call");
    }

    private static SimpleRequest NewCompressionRequest(bool expect) => new()
    {
        ExpectCompressed = new Grpc.Testing.BoolValue { Value = expect },
        ResponseSize = 314159,
        Payload = Zeros(271828),
    };

    private async Task ServerCompressedUnary()
    {
        // The call model does not surface per-message flags; the size and contents are checked, as grpc-dotnet's client does.
        foreach (var compressed in new[] { true, false })
        {
            var response = await _client.UnaryCallAsync(new SimpleRequest
            {
                ResponseCompressed = new Grpc.Testing.BoolValue { Value = compressed },
                ResponseSize = 314159,
                Payload = Zeros(271828),
            });
            CheckZeros(response.Payload, 314159, compressed ? "compressed response" : "uncompressed response");
        }
    }
}
