namespace Steward.Rpc.Ice.Tests.Server;

/// <summary>The server and the client together, on Kestrel's sockets and on Steward's Linux transport.</summary>
public sealed class ServerCallTests
{
    public static TheoryData<bool> Transports => new() { false, true };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<TResult> CallAsync<TArgs, TResult>(IceChannel channel, Method<TArgs, TResult> method, TArgs args, CallOptions options = default)
        where TArgs : class where TResult : class =>
        await channel.CreateCallInvoker().AsyncUnaryCall(method, args, options.CancellationToken.CanBeCanceled ? options : options.WithCancellationToken(Token));

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Twoway_calls_return_their_results(bool linux)
    {
        await using var host = await IceTestHost.StartAsync(linux);
        using var channel = host.CreateChannel();
        Assert.Equal("héllo", await CallAsync(channel, CalcService.Echo, "héllo"));
        Assert.Equal(7, (await CallAsync(channel, CalcService.Add, new AddArgs(3, 4))).Value);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Built_in_operations_answer_from_the_interface_type_ids(bool linux)
    {
        await using var host = await IceTestHost.StartAsync(linux);
        using var channel = host.CreateChannel();
        await channel.PingAsync(new CallOptions(cancellationToken: Token));
        Assert.True(await channel.IsAAsync("::Test::Calc", new CallOptions(cancellationToken: Token)));
        Assert.False(await channel.IsAAsync("::Test::Other", new CallOptions(cancellationToken: Token)));
        Assert.Equal("::Test::Calc", await channel.IdAsync(new CallOptions(cancellationToken: Token)));
        Assert.Equal(CalcService.TypeIds, await channel.IdsAsync(new CallOptions(cancellationToken: Token)));
    }

    [Fact]
    public async Task An_unknown_identity_gets_ObjectNotExist_with_what_was_asked()
    {
        await using var host = await IceTestHost.StartAsync();
        using var channel = host.CreateChannel("nobody");
        var ex = await Assert.ThrowsAsync<IceObjectNotExistException>(() => CallAsync(channel, CalcService.Echo, "x"));
        Assert.Equal(new IceIdentity("nobody"), ex.Identity);
        Assert.Equal("echo", ex.Operation);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task An_unknown_facet_of_a_known_identity_gets_FacetNotExist()
    {
        await using var host = await IceTestHost.StartAsync();
        using var root = host.CreateChannel();
        using var channel = root.WithReference(root.Reference with { Facet = "missing" });
        var ex = await Assert.ThrowsAsync<IceFacetNotExistException>(() => channel.PingAsync(new CallOptions(cancellationToken: Token)));
        Assert.Equal("missing", ex.Facet);
        using var admin = root.WithReference(root.Reference with { Facet = "admin" });
        Assert.Equal("via facet", await CallAsync(admin, CalcService.Echo, "via facet"));
    }

    [Fact]
    public async Task An_unknown_operation_gets_OperationNotExist()
    {
        await using var host = await IceTestHost.StartAsync();
        using var channel = host.CreateChannel();
        var undefined = new Method<string, string>(MethodType.Unary, CalcService.Name, "nope", CalcService.Echo.RequestMarshaller, CalcService.Echo.ResponseMarshaller)
        {
            Codecs = MethodCodecs.Empty.With(new IceOperation<string, string>("nope", IceOperationMode.Normal,
                (o, v) => o.WriteString(v), i => i.ReadString(), (o, v) => o.WriteString(v), i => i.ReadString())),
        };
        var ex = await Assert.ThrowsAsync<IceOperationNotExistException>(() => CallAsync(channel, undefined, "x"));
        Assert.Equal("nope", ex.Operation);
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    [Fact]
    public async Task A_default_servant_serves_every_identity_of_its_category()
    {
        await using var host = await IceTestHost.StartAsync();
        using var channel = host.CreateChannel("users/alice");
        Assert.Equal("hi", await CallAsync(channel, CalcService.Echo, "hi"));
        using var other = host.CreateChannel("groups/alice");
        await Assert.ThrowsAsync<IceObjectNotExistException>(() => CallAsync(other, CalcService.Echo, "hi"));
    }

    [Theory]
    [InlineData("undeclared", typeof(IceUnknownUserException), "::Test::StrayError")]
    [InlineData("rpc", typeof(IceUnknownLocalException), "no entry")]
    [InlineData("other", typeof(IceUnknownException), "unknown exception in 'fail'")]
    public async Task Servant_failures_reach_the_caller_as_Ice_reports_them(string kind, Type expected, string text)
    {
        await using var host = await IceTestHost.StartAsync();
        using var channel = host.CreateChannel();
        var ex = await Assert.ThrowsAnyAsync<IceUnknownException>(() => CallAsync(channel, CalcService.Fail, kind));
        Assert.IsType(expected, ex);
        Assert.Contains(text, ex.Unknown, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_declared_user_exception_is_thrown_again_as_its_own_type(bool linux)
    {
        await using var host = await IceTestHost.StartAsync(linux);
        using var channel = host.CreateChannel();
        var ex = await Assert.ThrowsAsync<CalcError>(() => CallAsync(channel, CalcService.Fail, "declared"));
        Assert.Equal("declared failure", ex.Reason);
    }

    [Fact]
    public async Task A_servant_that_throws_ObjectNotExist_answers_with_that_status()
    {
        await using var host = await IceTestHost.StartAsync();
        using var channel = host.CreateChannel();
        var ex = await Assert.ThrowsAsync<IceObjectNotExistException>(() => CallAsync(channel, CalcService.Fail, "notexist"));
        Assert.Equal("gone", ex.Identity.Name);
    }

    [Fact]
    public async Task Call_headers_arrive_as_the_request_context()
    {
        await using var host = await IceTestHost.StartAsync();
        using var channel = new IceChannel(host.Proxy(), new IceChannelOptions { Context = { ["tenant"] = "t1" } });
        Assert.Equal("v1", await CallAsync(channel, CalcService.Context, "Key", new CallOptions(new Metadata { { "Key", "v1" } })));
        Assert.Equal("t1", await CallAsync(channel, CalcService.Context, "tenant"));
        Assert.Equal("<none>", await CallAsync(channel, CalcService.Context, "absent"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Oneway_and_batched_requests_are_dispatched_without_replies(bool linux)
    {
        await using var host = await IceTestHost.StartAsync(linux);
        using var root = host.CreateChannel();
        using var oneway = root.WithReference(root.Reference with { Mode = IceInvocationMode.Oneway });
        await CallAsync(oneway, CalcService.Notify, "one");
        await host.State.NotifiedSignal.WaitAsync(Token);
        using var batch = root.WithReference(root.Reference with { Mode = IceInvocationMode.BatchOneway });
        await CallAsync(batch, CalcService.Notify, "b1");
        await CallAsync(batch, CalcService.Notify, "b2");
        Assert.Single(host.State.Notified);
        await batch.FlushBatchAsync(Token);
        await host.State.NotifiedSignal.WaitAsync(Token);
        await host.State.NotifiedSignal.WaitAsync(Token);
        Assert.Equal(["one", "b1", "b2"], host.State.Notified.ToArray());
        // The connection still answers twoway calls after requests that had no reply.
        Assert.Equal("after", await CallAsync(root, CalcService.Echo, "after"));
    }

    [Fact]
    public async Task A_oneway_proxy_refuses_an_operation_that_returns_values()
    {
        await using var host = await IceTestHost.StartAsync();
        using var root = host.CreateChannel();
        using var oneway = root.WithReference(root.Reference with { Mode = IceInvocationMode.Oneway });
        var ex = await Assert.ThrowsAsync<RpcException>(() => CallAsync(oneway, CalcService.Echo, "x"));
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
    }

    [Fact]
    public async Task Calls_on_one_connection_overlap_and_replies_are_matched_by_request_id()
    {
        await using var host = await IceTestHost.StartAsync(core: o => o.Dispatch = DispatchMode.ThreadPool);
        using var channel = host.CreateChannel();
        var blocked = CallAsync(channel, CalcService.Slow, new Boxed<int>(-1));
        // The blocked call holds its dispatch; later calls on the same connection still complete first.
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(i, (await CallAsync(channel, CalcService.Slow, new Boxed<int>(i))).Value);
        }
        Assert.False(blocked.IsCompleted);
        host.State.SlowGate.TrySetResult();
        Assert.Equal(-1, (await blocked).Value);
    }

    [Fact]
    public async Task A_call_past_its_deadline_fails_with_DeadlineExceeded()
    {
        await using var host = await IceTestHost.StartAsync(core: o => o.Dispatch = DispatchMode.ThreadPool);
        using var channel = host.CreateChannel();
        await channel.PingAsync(new CallOptions(cancellationToken: Token));
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            CallAsync(channel, CalcService.Slow, new Boxed<int>(-1), new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(200), cancellationToken: Token)));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        host.State.SlowGate.TrySetResult();
        Assert.Equal("still fine", await CallAsync(channel, CalcService.Echo, "still fine"));
    }

    [Fact]
    public async Task Without_a_deadline_the_endpoint_timeout_bounds_the_call()
    {
        await using var host = await IceTestHost.StartAsync(core: o => o.Dispatch = DispatchMode.ThreadPool);
        using var channel = new IceChannel(host.Proxy() + " -t 300");
        var ex = await Assert.ThrowsAsync<RpcException>(() => CallAsync(channel, CalcService.Slow, new Boxed<int>(-1)));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        host.State.SlowGate.TrySetResult();
    }

    [Fact]
    public async Task A_batch_runs_in_order_even_when_dispatch_is_concurrent()
    {
        await using var host = await IceTestHost.StartAsync(core: o => o.Dispatch = DispatchMode.ThreadPool);
        using var root = host.CreateChannel();
        using var batch = root.WithReference(root.Reference with { Mode = IceInvocationMode.BatchOneway });
        var sent = Enumerable.Range(0, 50).Select(i => "m" + i).ToArray();
        foreach (var text in sent)
        {
            await CallAsync(batch, CalcService.Notify, text);
        }
        await batch.FlushBatchAsync(Token);
        foreach (var _ in sent)
        {
            await host.State.NotifiedSignal.WaitAsync(Token);
        }
        Assert.Equal(sent, host.State.Notified.ToArray());
    }

    [Fact]
    public async Task Cancelling_a_call_fails_it_with_Cancelled()
    {
        await using var host = await IceTestHost.StartAsync(core: o => o.Dispatch = DispatchMode.ThreadPool);
        using var channel = host.CreateChannel();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var call = CallAsync(channel, CalcService.Slow, new Boxed<int>(-1), new CallOptions(cancellationToken: cts.Token));
        await cts.CancelAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        host.State.SlowGate.TrySetResult();
    }

    [Fact]
    public async Task Disposing_the_channel_closes_its_connection_with_CloseConnection()
    {
        await using var host = await IceTestHost.StartAsync();
        var channel = host.CreateChannel();
        await channel.PingAsync(new CallOptions(cancellationToken: Token));
        channel.Dispose();
        for (var i = 0; i < 200 && !host.Logs.Contains("the client sent CloseConnection"); i++)
        {
            await Task.Delay(25, Token);
        }
        Assert.True(host.Logs.Contains("the client sent CloseConnection"), string.Join('\n', host.Logs.Lines));
    }

    [Fact]
    public async Task A_server_that_is_gone_makes_calls_fail_with_Unavailable()
    {
        var host = await IceTestHost.StartAsync();
        using var channel = host.CreateChannel();
        await channel.PingAsync(new CallOptions(cancellationToken: Token));
        await host.DisposeAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => CallAsync(channel, CalcService.Echo, "x"));
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }
}
