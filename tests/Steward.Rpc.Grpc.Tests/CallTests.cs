namespace Steward.Rpc.Grpc.Tests;

public sealed class CallTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unary_call_round_trips_the_message()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        var invoker = channel.CreateCallInvoker();
        using var call = invoker.AsyncUnaryCall(EchoService.Unary, "héllo", new CallOptions());
        Assert.Equal("héllo", await call);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Server_streaming_yields_each_message_then_ok()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(EchoService.Split, "abc", new CallOptions());
        var got = new List<string>();
        await foreach (var item in call.ResponseStream.ReadAllAsync(Ct))
        {
            got.Add(item);
        }
        Assert.Equal(["a", "b", "c"], got);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Client_streaming_sends_all_then_gets_one_response()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(EchoService.Concat, new CallOptions());
        foreach (var part in new[] { "x", "y", "z" })
        {
            await call.RequestStream.WriteAsync(part, Ct);
        }
        await call.RequestStream.CompleteAsync();
        Assert.Equal("xyz", await call);
    }

    [Fact]
    public async Task Duplex_interleaves_requests_and_responses()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(EchoService.Duplex, new CallOptions());
        foreach (var word in new[] { "one", "two", "three" })
        {
            await call.RequestStream.WriteAsync(word, Ct);
            Assert.True(await call.ResponseStream.MoveNext(Ct));
            Assert.Equal(word.ToUpperInvariant(), call.ResponseStream.Current);
        }
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(Ct));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Deadline_on_a_sleeping_handler_ends_with_deadline_exceeded()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, "sleep", new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(200))));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    [Fact]
    public async Task Cancelling_the_token_cancels_the_call_and_the_server_sees_it()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var cts = new CancellationTokenSource();
        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, "sleep", new CallOptions(cancellationToken: cts.Token));
        await Task.Delay(100, Ct);
        await cts.CancelAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        for (var i = 0; i < 100 && !server.Logs.Contains("Cancelled"); i++)
        {
            await Task.Delay(20, Ct);
        }
        Assert.True(server.Logs.Contains("/test.Echo/Unary ended with Cancelled"));
    }

    [Fact]
    public async Task Ascii_and_binary_metadata_travel_both_ways()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        var headers = new Metadata().Add("x-text", "plain value").Add("x-data-bin", [0, 1, 2, 0xfe, 0xff]);
        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, "headers", new CallOptions(headers));
        Assert.Equal("plain value", await call);
        Assert.Equal("plain value", (await call.ResponseHeadersAsync).GetValue("x-echo"));
        Assert.Equal(new byte[] { 0, 1, 2, 0xfe, 0xff }, call.GetTrailers().GetValueBytes("x-echo-bin"));
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument, "plain")]
    [InlineData(StatusCode.Unknown, "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n")]
    [InlineData(StatusCode.NotFound, "100% sure")]
    public async Task Error_status_and_message_reach_the_client_intact(StatusCode code, string message)
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, $"fail:{(int)code}:{message}", new CallOptions()));
        Assert.Equal(code, ex.StatusCode);
        Assert.Equal(message, ex.Status.Detail);
    }

    [Fact]
    public async Task Unknown_method_and_unknown_service_are_unimplemented()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        var invoker = channel.CreateCallInvoker();
        var method = await Assert.ThrowsAsync<RpcException>(async () => await invoker.AsyncUnaryCall(EchoService.Missing, "", new CallOptions()));
        Assert.Equal(StatusCode.Unimplemented, method.StatusCode);
        Assert.Contains("Method", method.Status.Detail, StringComparison.Ordinal);
        var service = await Assert.ThrowsAsync<RpcException>(async () => await invoker.AsyncUnaryCall(EchoService.MissingService, "", new CallOptions()));
        Assert.Equal(StatusCode.Unimplemented, service.StatusCode);
        Assert.Contains("Service", service.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gzip_request_is_inflated_and_gzip_response_is_sent_when_asked()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        var invoker = channel.CreateCallInvoker();
        Assert.Equal("yes", await invoker.AsyncUnaryCall(EchoService.Unary, "compressed?", new CallOptions(compression: "gzip")));
        Assert.Equal("no", await invoker.AsyncUnaryCall(EchoService.Unary, "compressed?", new CallOptions()));
        using var call = invoker.AsyncUnaryCall(EchoService.Unary, "gzip:" + new string('z', 10000), new CallOptions());
        Assert.Equal(new string('z', 10000), await call);
    }

    [Fact]
    public async Task Messages_over_the_limits_fail_with_resource_exhausted()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxReceiveMessageSize = 1000);
        using var channel = server.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = 2000 });
        var invoker = channel.CreateCallInvoker();
        var tooBigRequest = await Assert.ThrowsAsync<RpcException>(async () => await invoker.AsyncUnaryCall(EchoService.Unary, new string('a', 1001), new CallOptions()));
        Assert.Equal(StatusCode.ResourceExhausted, tooBigRequest.StatusCode);
        var tooBigResponse = await Assert.ThrowsAsync<RpcException>(async () => await invoker.AsyncUnaryCall(EchoService.Unary, "big:2001", new CallOptions()));
        Assert.Equal(StatusCode.ResourceExhausted, tooBigResponse.StatusCode);
        Assert.Equal(2000, (await invoker.AsyncUnaryCall(EchoService.Unary, "big:2000", new CallOptions())).Length);
    }

    [Fact]
    public async Task A_throwing_handler_gives_unknown_and_an_error_log()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, "throw", new CallOptions()));
        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.DoesNotContain("boom", ex.Status.Detail, StringComparison.Ordinal);
        Assert.True(server.Logs.Contains("Error Steward.Rpc.Grpc.Server: gRPC call /test.Echo/Unary: the handler threw"));
    }

    [Fact]
    public async Task Tls_with_alpn_h2_carries_calls()
    {
        await using var server = await TestServer.StartAsync(tls: true);
        using var channel = server.CreateChannel();
        Assert.StartsWith("https://", server.Address, StringComparison.Ordinal);
        Assert.Equal("secure", await channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, "secure", new CallOptions()));
    }

    [Fact]
    public async Task Unix_domain_socket_carries_calls()
    {
        await using var server = await TestServer.StartAsync(unixSocket: true);
        using var channel = server.CreateChannel();
        Assert.Equal("uds", await channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, "uds", new CallOptions()));
    }

    [Fact]
    public async Task Health_check_reports_serving_and_not_found_for_unknown_services()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        var invoker = channel.CreateCallInvoker();
        Assert.Equal(ServingStatus.Serving, (await invoker.AsyncUnaryCall(HealthService.CheckMethod, "", new CallOptions())).Status);
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await invoker.AsyncUnaryCall(HealthService.CheckMethod, "nope", new CallOptions()));
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Bounded_dispatch_runs_at_most_the_limit_per_connection()
    {
        await using var server = await TestServer.StartAsync(o => { o.Dispatch = DispatchMode.BoundedPerConnection; o.MaxConcurrentCallsPerConnection = 2; });
        // GrpcChannel may open extra HTTP/2 connections when twelve calls race a cold channel; the bound is per
        // connection, so pin the client to one connection and open it before the burst.
        using var oneConnection = new SocketsHttpHandler { EnableMultipleHttp2Connections = false };
        using var channel = server.CreateChannel(new GrpcChannelOptions { HttpHandler = oneConnection });
        var invoker = channel.CreateCallInvoker();
        Assert.Equal("warm", await invoker.AsyncUnaryCall(EchoService.Unary, "warm", new CallOptions()));
        EchoService.MaxRunning = 0;
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => invoker.AsyncUnaryCall(EchoService.Unary, "slow", new CallOptions()).ResponseAsync));
        Assert.All(results, r => Assert.Equal("slow", r));
        Assert.InRange(EchoService.MaxRunning, 1, 2);
    }

    [Theory]
    [InlineData(DispatchMode.Inline)]
    [InlineData(DispatchMode.ThreadPool)]
    [InlineData(DispatchMode.BoundedPerConnection)]
    public async Task Every_dispatch_mode_serves_concurrent_calls(DispatchMode mode)
    {
        await using var server = await TestServer.StartAsync(o => { o.Dispatch = mode; o.MaxConcurrentCallsPerConnection = 2; });
        using var channel = server.CreateChannel();
        var invoker = channel.CreateCallInvoker();
        var calls = Enumerable.Range(0, 20).Select(i => invoker.AsyncUnaryCall(EchoService.Unary, "n" + i, new CallOptions()).ResponseAsync);
        var results = await Task.WhenAll(calls);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => "n" + i), results);
    }

    [Fact]
    public async Task Non_grpc_content_type_gets_415()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient { DefaultRequestVersion = System.Net.HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var content = new ByteArrayContent([0, 0, 0, 0, 0]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        // UseStewardGrpc lets non-gRPC requests through to the mapped endpoints, which answer 415.
        using var response = await http.PostAsync(server.Address + "/test.Echo/Unary", content, Ct);
        Assert.Equal(System.Net.HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}
