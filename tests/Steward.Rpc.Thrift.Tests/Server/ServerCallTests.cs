namespace Steward.Rpc.Thrift.Tests.Server;

/// <summary>Steward's Thrift client against Steward's Thrift server on Kestrel, over every protocol, transport and socket kind.</summary>
public sealed class ServerCallTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task<string?> EchoAsync(CallInvoker invoker, string text, CallOptions options = default) =>
        (await invoker.AsyncUnaryCall(CalcService.Echo, new TextArgs { Text = text }, options)).Success;

    public static TheoryData<ThriftProtocolKind, ThriftTransport> Combinations()
    {
        var data = new TheoryData<ThriftProtocolKind, ThriftTransport>();
        foreach (var protocol in Enum.GetValues<ThriftProtocolKind>())
        {
            foreach (var transport in Enum.GetValues<ThriftTransport>())
            {
                data.Add(protocol, transport);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task Every_protocol_and_transport_is_detected_and_served(ThriftProtocolKind protocol, ThriftTransport transport)
    {
        await using var host = await ThriftTestHost.StartAsync();
        using var channel = host.CreateChannel(new ThriftChannelOptions { Protocol = protocol, Transport = transport });
        var invoker = channel.CreateCallInvoker();
        Assert.Equal("hello ✓", await EchoAsync(invoker, "hello ✓"));
        var sum = await invoker.AsyncUnaryCall(CalcService.Add, new AddArgs { A = 40, B = 2 }, default);
        Assert.Equal(42, sum.Success);
        await host.Logs.AssertLoggedAsync($"{transport} transport, {protocol} protocol");
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task A_listener_fixed_to_one_protocol_and_transport_serves_it(ThriftProtocolKind protocol, ThriftTransport transport)
    {
        await using var host = await ThriftTestHost.StartAsync(o => { o.Protocol = protocol; o.Transport = transport; });
        using var channel = host.CreateChannel(new ThriftChannelOptions { Protocol = protocol, Transport = transport });
        Assert.Equal("fixed", await EchoAsync(channel.CreateCallInvoker(), "fixed"));
    }

    [Fact]
    public async Task A_large_message_crosses_the_pipe_limit_both_ways()
    {
        await using var host = await ThriftTestHost.StartAsync();
        foreach (var transport in Enum.GetValues<ThriftTransport>())
        {
            using var channel = host.CreateChannel(new ThriftChannelOptions { Transport = transport });
            var text = new string('y', 3 * 1024 * 1024);
            Assert.Equal(text, await EchoAsync(channel.CreateCallInvoker(), text));
            Assert.Equal(2_000_000, (await EchoAsync(channel.CreateCallInvoker(), "big:2000000"))!.Length);
        }
    }

    [Fact]
    public async Task A_reply_past_the_frame_limit_is_replaced_by_an_internal_error()
    {
        await using var host = await ThriftTestHost.StartAsync(o => o.Limits = new ThriftLimits { MaxFrameSize = 1000 });
        using var channel = host.CreateChannel();
        var ex = await Assert.ThrowsAsync<ThriftApplicationException>(() => EchoAsync(channel.CreateCallInvoker(), "big:5000"));
        Assert.Equal(ThriftApplicationExceptionType.InternalError, ex.Type);
        Assert.Equal("small", await EchoAsync(channel.CreateCallInvoker(), "small"));
    }

    [Fact]
    public async Task Unix_domain_sockets_carry_calls()
    {
        await using var host = await ThriftTestHost.StartAsync(unixSocket: true);
        using var channel = host.CreateChannel(new ThriftChannelOptions { Protocol = ThriftProtocolKind.Compact });
        Assert.Equal("over uds", await EchoAsync(channel.CreateCallInvoker(), "over uds"));
    }

    [Theory]
    [InlineData(ThriftTransport.Framed)]
    [InlineData(ThriftTransport.Buffered)]
    public async Task Tls_from_UseHttps_wraps_the_raw_connection(ThriftTransport transport)
    {
        await using var host = await ThriftTestHost.StartAsync(tls: true);
        using var channel = host.CreateChannel(new ThriftChannelOptions { Transport = transport });
        Assert.Equal("secret", await EchoAsync(channel.CreateCallInvoker(), "secret"));
    }

    [Fact]
    public async Task An_untrusted_server_certificate_is_Unavailable()
    {
        await using var host = await ThriftTestHost.StartAsync(tls: true);
        using var channel = host.CreateChannel(new ThriftChannelOptions { Tls = new System.Net.Security.SslClientAuthenticationOptions() });
        var ex = await Assert.ThrowsAsync<RpcException>(() => EchoAsync(channel.CreateCallInvoker(), "x"));
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.IsType<System.Security.Authentication.AuthenticationException>(ex.Status.DebugException);
    }

    [Fact]
    public async Task A_reply_past_the_client_limits_is_Internal()
    {
        await using var host = await ThriftTestHost.StartAsync();
        using var channel = host.CreateChannel(new ThriftChannelOptions { Limits = new ThriftLimits { MaxFrameSize = 1000 } });
        var ex = await Assert.ThrowsAsync<RpcException>(() => EchoAsync(channel.CreateCallInvoker(), "big:5000"));
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.Contains("exceeds the maximum frame size", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, channel.OpenConnections);
    }

    [Fact]
    public async Task A_plain_client_cannot_talk_to_a_tls_listener()
    {
        await using var host = await ThriftTestHost.StartAsync(tls: true);
        using var channel = new ThriftChannel(host.Target, new ThriftChannelOptions { Timeout = TimeSpan.FromSeconds(5) });
        var ex = await Assert.ThrowsAnyAsync<RpcException>(() => EchoAsync(channel.CreateCallInvoker(), "plain"));
        Assert.NotEqual(StatusCode.OK, ex.StatusCode);
    }

    [Fact]
    public async Task Multiplexed_names_reach_their_service_and_bare_names_the_default()
    {
        var other = CalcService.Create<TextArgs, TextResult>("echo", service: "Other");
        var otherService = ServiceDefinition.CreateBuilder("Other")
            .AddMethod(other, (args, _) => Task.FromResult(new TextResult { Success = "other " + args.Text }))
            .Build();
        await using var host = await ThriftTestHost.StartAsync(o => { o.Multiplexed = true; o.DefaultService = CalcService.Name; },
            services: [CalcService.Bind(), otherService]);
        using var multiplexed = host.CreateChannel(new ThriftChannelOptions { Multiplexed = true });
        Assert.Equal("a", await EchoAsync(multiplexed.CreateCallInvoker(), "a"));
        Assert.Equal("other b", (await multiplexed.CreateCallInvoker().AsyncUnaryCall(other, new TextArgs { Text = "b" }, default)).Success);
        using var bare = host.CreateChannel();
        Assert.Equal("c", await EchoAsync(bare.CreateCallInvoker(), "c"));
    }

    [Fact]
    public async Task A_bare_name_two_services_share_is_refused_as_ambiguous_and_others_still_resolve()
    {
        var other = CalcService.Create<TextArgs, TextResult>("echo", service: "Other");
        var otherService = ServiceDefinition.CreateBuilder("Other")
            .AddMethod(other, (TextArgs _, ServerCallContext _) => Task.FromResult(new TextResult { Success = "other" }))
            .Build();
        await using var host = await ThriftTestHost.StartAsync(services: [CalcService.Bind(), otherService]);
        using var channel = host.CreateChannel();
        var ex = await Assert.ThrowsAsync<ThriftApplicationException>(() => EchoAsync(channel.CreateCallInvoker(), "x"));
        Assert.Equal(ThriftApplicationExceptionType.UnknownMethod, ex.Type);
        Assert.Contains("served by several services (Calc, Other)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, (await channel.CreateCallInvoker().AsyncUnaryCall(CalcService.Add, new AddArgs { A = 1, B = 2 }, default)).Success);
    }

    [Fact]
    public async Task A_DefaultService_that_is_not_registered_fails_at_start_up()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => ThriftTestHost.StartAsync(o => o.DefaultService = "Nope"));
        Assert.Contains("DefaultService 'Nope'", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_multiplexing_a_service_name_is_an_unknown_method()
    {
        await using var host = await ThriftTestHost.StartAsync();
        using var channel = host.CreateChannel(new ThriftChannelOptions { Multiplexed = true });
        var ex = await Assert.ThrowsAsync<ThriftApplicationException>(() => EchoAsync(channel.CreateCallInvoker(), "x"));
        Assert.Equal(ThriftApplicationExceptionType.UnknownMethod, ex.Type);
    }

    [Fact]
    public async Task A_oneway_call_runs_the_handler_and_reads_no_reply()
    {
        await using var host = await ThriftTestHost.StartAsync();
        using var channel = host.CreateChannel(new ThriftChannelOptions { MaxConnections = 1 });
        var invoker = channel.CreateCallInvoker();
        var marker = "note-" + Guid.NewGuid().ToString("N");
        Assert.Null(await invoker.AsyncUnaryCall(CalcService.Notify, new TextArgs { Text = marker }, default));
        while (!CalcService.Notified.Contains(marker))
        {
            Assert.True(await CalcService.NotifiedSignal.WaitAsync(TimeSpan.FromSeconds(10), Ct), "the oneway handler never ran");
        }
        // The same (only) connection is still in step: the next reply is the next call's.
        Assert.Equal("after", await EchoAsync(invoker, "after"));
        Assert.Equal(1, channel.OpenConnections);
    }

    [Fact]
    public async Task An_unknown_method_is_answered_and_the_connection_kept()
    {
        await using var host = await ThriftTestHost.StartAsync();
        using var channel = host.CreateChannel(new ThriftChannelOptions { MaxConnections = 1 });
        var invoker = channel.CreateCallInvoker();
        var ex = await Assert.ThrowsAsync<ThriftApplicationException>(() => invoker.AsyncUnaryCall(CalcService.Missing, new TextArgs { Text = "x" }, default).ResponseAsync);
        Assert.Equal(ThriftApplicationExceptionType.UnknownMethod, ex.Type);
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
        Assert.Equal("still", await EchoAsync(invoker, "still"));
        Assert.Equal(1, channel.OpenConnections);
        await host.Logs.AssertLoggedAsync("'missing'");
    }

    [Fact]
    public async Task A_declared_exception_travels_in_the_result_struct()
    {
        await using var host = await ThriftTestHost.StartAsync();
        using var channel = host.CreateChannel();
        var result = await channel.CreateCallInvoker().AsyncUnaryCall(CalcService.Add, new AddArgs { A = 1, B = 0 }, default);
        Assert.Null(result.Success);
        Assert.Equal("b is zero", result.Error?.Reason);
    }

    [Fact]
    public async Task A_handler_RpcException_becomes_a_TApplicationException_with_its_detail()
    {
        await using var host = await ThriftTestHost.StartAsync();
        using var channel = host.CreateChannel();
        var ex = await Assert.ThrowsAsync<ThriftApplicationException>(() => EchoAsync(channel.CreateCallInvoker(), "fail:NotFound:no such thing"));
        Assert.Equal(ThriftApplicationExceptionType.InternalError, ex.Type);
        Assert.Contains("no such thing", ex.Message, StringComparison.Ordinal);
        var unimplemented = await Assert.ThrowsAsync<ThriftApplicationException>(() => EchoAsync(channel.CreateCallInvoker(), "fail:Unimplemented:later"));
        Assert.Equal(ThriftApplicationExceptionType.UnknownMethod, unimplemented.Type);
        await host.Logs.AssertLoggedAsync("Thrift call echo failed with NotFound: no such thing");
    }

    [Fact]
    public async Task A_handler_crash_is_an_internal_error_without_its_message_unless_detailed()
    {
        await using (var host = await ThriftTestHost.StartAsync())
        {
            using var channel = host.CreateChannel();
            var ex = await Assert.ThrowsAsync<ThriftApplicationException>(() => EchoAsync(channel.CreateCallInvoker(), "throw"));
            Assert.Equal(ThriftApplicationExceptionType.InternalError, ex.Type);
            Assert.DoesNotContain("boom", ex.Message, StringComparison.Ordinal);
            await host.Logs.AssertLoggedAsync("Thrift call echo: the handler threw");
        }
        await using (var detailed = await ThriftTestHost.StartAsync(core: o => o.EnableDetailedErrors = true))
        {
            using var channel = detailed.CreateChannel();
            var ex = await Assert.ThrowsAsync<ThriftApplicationException>(() => EchoAsync(channel.CreateCallInvoker(), "throw"));
            Assert.Contains("InvalidOperationException: boom", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_call_context_names_the_protocol_and_method()
    {
        await using var host = await ThriftTestHost.StartAsync();
        using var channel = host.CreateChannel();
        Assert.Equal("thrift /Calc/echo echo", await EchoAsync(channel.CreateCallInvoker(), "context"));
    }

    [Fact]
    public async Task Server_interceptors_from_the_core_options_wrap_Thrift_calls()
    {
        await using var host = await ThriftTestHost.StartAsync(core: o => o.Interceptors.Add(new SuffixInterceptor()));
        using var channel = host.CreateChannel();
        Assert.Equal("x+intercepted", await EchoAsync(channel.CreateCallInvoker(), "x"));
    }

    [Theory]
    [InlineData(DispatchMode.Inline)]
    [InlineData(DispatchMode.ThreadPool)]
    [InlineData(DispatchMode.BoundedPerConnection)]
    public async Task Every_dispatch_mode_serves_concurrent_clients(DispatchMode mode)
    {
        await using var host = await ThriftTestHost.StartAsync(core: o => o.Dispatch = mode);
        using var channel = host.CreateChannel(new ThriftChannelOptions { MaxConnections = 4 });
        var invoker = channel.CreateCallInvoker();
        var texts = Enumerable.Range(0, 40).Select(i => "m" + i).ToArray();
        var replies = await Task.WhenAll(texts.Select(t => EchoAsync(invoker, t)));
        Assert.Equal(texts, replies);
    }

    private sealed class SuffixInterceptor : Interceptor
    {
        public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            var response = await continuation(request, context);
            if (response is TextResult text && context.Protocol == "thrift")
            {
                text.Success += "+intercepted";
            }
            return response;
        }
    }
}
