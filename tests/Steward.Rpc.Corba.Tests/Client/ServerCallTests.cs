using Steward.Rpc.Corba.Tests.Server;

namespace Steward.Rpc.Corba.Tests.Client;

/// <summary>Steward's client against Steward's server, on Kestrel's sockets and on Steward's Linux transport.</summary>
public sealed class ServerCallTests
{
    public static TheoryData<bool> Transports => new() { false, true };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static CallOptions Options => new(cancellationToken: Token);

    private static async Task<TResult> CallAsync<TArgs, TResult>(CorbaChannel channel, Method<TArgs, TResult> method, TArgs args, CallOptions options = default)
        where TArgs : class where TResult : class =>
        await channel.CreateCallInvoker().AsyncUnaryCall(method, args, options.CancellationToken.CanBeCanceled ? options : options.WithCancellationToken(Token));

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Twoway_calls_return_their_results(bool linux)
    {
        await using var host = await CorbaTestHost.StartAsync(linux);
        using var channel = host.CreateChannel();
        Assert.Equal("héllo", (await CallAsync(channel, CalcService.Echo, new Boxed<string>("héllo"))).Value);
        Assert.Equal(7, (await CallAsync(channel, CalcService.Add, new AddArgs(3, 4))).Value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Every_GIOP_version_carries_calls(byte minor)
    {
        await using var host = await CorbaTestHost.StartAsync();
        using var channel = host.CreateChannel(options: new CorbaChannelOptions { MaxGiopVersion = new GiopVersion(1, minor) });
        Assert.Equal(-5, (await CallAsync(channel, CalcService.Add, new AddArgs(-8, 3))).Value);
        Assert.Equal("x", (await CallAsync(channel, CalcService.Echo, new Boxed<string>("x"))).Value);
    }

    [Fact]
    public async Task Wide_strings_travel_once_code_sets_are_negotiated_from_the_IOR()
    {
        await using var host = await CorbaTestHost.StartAsync();
        using var channel = host.CreateChannel();
        Assert.Equal("wide ✓ 𝄞", (await CallAsync(channel, CalcService.WEcho, new Boxed<string>("wide ✓ 𝄞"))).Value);
        Assert.Equal("ünïcode", (await CallAsync(channel, CalcService.Echo, new Boxed<string>("ünïcode"))).Value);
    }

    [Fact]
    public async Task A_wide_string_without_negotiated_code_sets_is_refused_before_it_is_sent()
    {
        await using var host = await CorbaTestHost.StartAsync();
        // A corbaloc reference has no TAG_CODE_SETS: no wchar code set can be chosen.
        using var channel = new CorbaChannel($"corbaloc:iiop:1.2@127.0.0.1:{host.Port}/calc");
        var ex = await Assert.ThrowsAsync<CorbaSystemException>(() => CallAsync(channel, CalcService.WEcho, new Boxed<string>("w")));
        Assert.Equal("BAD_PARAM", ex.Name);
        Assert.Equal("ok", (await CallAsync(channel, CalcService.Echo, new Boxed<string>("ok"))).Value);
    }

    [Fact]
    public async Task Built_in_operations_answer_from_the_repository_ids()
    {
        await using var host = await CorbaTestHost.StartAsync();
        using var channel = host.CreateChannel();
        Assert.True(await channel.IsAAsync(CalcService.RepositoryId, Options));
        Assert.True(await channel.IsAAsync(CorbaRepositoryIds.Object, Options));
        Assert.False(await channel.IsAAsync("IDL:Test/Other:1.0", Options));
        Assert.False(await channel.NonExistentAsync(Options));
        Assert.True(await channel.LocateAsync(Options));
    }

    [Fact]
    public async Task An_unknown_key_gets_OBJECT_NOT_EXIST_and_UNKNOWN_OBJECT()
    {
        await using var host = await CorbaTestHost.StartAsync();
        using var channel = host.CreateChannel("nobody");
        var ex = await Assert.ThrowsAsync<CorbaSystemException>(() => CallAsync(channel, CalcService.Echo, new Boxed<string>("x")));
        Assert.Equal("OBJECT_NOT_EXIST", ex.Name);
        Assert.Equal(CorbaSystemException.OmgMinorBase | 1, ex.Minor);
        Assert.Equal(CompletionStatus.No, ex.Completed);
        Assert.True(await channel.NonExistentAsync(Options));
        Assert.False(await channel.LocateAsync(Options));
    }

    [Fact]
    public async Task An_unknown_operation_gets_BAD_OPERATION()
    {
        await using var host = await CorbaTestHost.StartAsync();
        using var channel = host.CreateChannel();
        var undefined = CalcService.Create<Boxed<string>, Boxed<string>>("nope",
            (o, v) => o.WriteString(v.Value), i => new Boxed<string>(i.ReadString()), (o, v) => o.WriteString(v.Value), i => new Boxed<string>(i.ReadString()));
        var ex = await Assert.ThrowsAsync<CorbaSystemException>(() => CallAsync(channel, undefined, new Boxed<string>("x")));
        Assert.Equal("BAD_OPERATION", ex.Name);
        Assert.Equal(CompletionStatus.No, ex.Completed);
    }

    [Fact]
    public async Task A_default_servant_serves_every_other_key_and_sees_it()
    {
        await using var host = await CorbaTestHost.StartAsync(adapter: a => a.AddDefaultServant(CalcService.Name));
        using var channel = host.CreateChannel("users/alice");
        Assert.Equal("hi", (await CallAsync(channel, CalcService.Echo, new Boxed<string>("hi"))).Value);
        Assert.Equal("users/alice"u8.ToArray(), host.State.Keys.Last());
    }

    [Fact]
    public async Task Declared_user_exceptions_arrive_as_themselves_and_the_rest_as_system_exceptions()
    {
        await using var host = await CorbaTestHost.StartAsync();
        using var channel = host.CreateChannel();
        var declared = await Assert.ThrowsAsync<CalcError>(() => CallAsync(channel, CalcService.Fail, new Boxed<string>("declared")));
        Assert.Equal("declared failure", declared.Reason);

        var undeclared = await Assert.ThrowsAsync<CorbaSystemException>(() => CallAsync(channel, CalcService.Fail, new Boxed<string>("undeclared")));
        Assert.Equal(("UNKNOWN", CorbaSystemException.OmgMinorBase | 1, CompletionStatus.Maybe), (undeclared.Name, undeclared.Minor, undeclared.Completed));

        var system = await Assert.ThrowsAsync<CorbaSystemException>(() => CallAsync(channel, CalcService.Fail, new Boxed<string>("system")));
        Assert.Equal(("NO_RESOURCES", 7u, CompletionStatus.Yes), (system.Name, system.Minor, system.Completed));

        var rpc = await Assert.ThrowsAsync<CorbaSystemException>(() => CallAsync(channel, CalcService.Fail, new Boxed<string>("rpc")));
        Assert.Equal(("NO_PERMISSION", CompletionStatus.Maybe), (rpc.Name, rpc.Completed));

        var other = await Assert.ThrowsAsync<CorbaSystemException>(() => CallAsync(channel, CalcService.Fail, new Boxed<string>("crash")));
        Assert.Equal(("UNKNOWN", CorbaSystemException.OmgMinorBase | 2), (other.Name, other.Minor));
        Assert.True(host.Logs.Contains("the servant threw"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Oneway_calls_get_no_reply_and_reach_the_servant(bool linux)
    {
        await using var host = await CorbaTestHost.StartAsync(linux);
        using var channel = host.CreateChannel();
        await CallAsync(channel, CalcService.Notify, new Boxed<string>("one"));
        await host.State.NotifiedSignal.WaitAsync(Token);
        Assert.Equal(["one"], host.State.Notified);
        // The connection still answers twoway calls after the oneway one.
        Assert.Equal(2, (await CallAsync(channel, CalcService.Add, new AddArgs(1, 1))).Value);
    }

    [Theory]
    [InlineData(DispatchMode.Inline)]
    [InlineData(DispatchMode.ThreadPool)]
    [InlineData(DispatchMode.BoundedPerConnection)]
    public async Task Calls_on_one_connection_overlap_and_replies_come_back_in_any_order(DispatchMode mode)
    {
        await using var host = await CorbaTestHost.StartAsync(core: o => o.Dispatch = mode);
        using var channel = host.CreateChannel();
        var blocked = CallAsync(channel, CalcService.Slow, new Boxed<int>(-1));
        // Answered while the first call is still running: the reply to the later request comes first.
        Assert.Equal(3, (await CallAsync(channel, CalcService.Add, new AddArgs(1, 2))).Value);
        Assert.False(blocked.IsCompleted);
        host.State.SlowGate.SetResult();
        Assert.Equal(-1, (await blocked).Value);
    }

    [Fact]
    public async Task Cancelling_a_call_sends_CancelRequest_which_cancels_the_servant()
    {
        await using var host = await CorbaTestHost.StartAsync();
        using var channel = host.CreateChannel();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var call = CallAsync(channel, CalcService.Slow, new Boxed<int>(-1), new CallOptions(cancellationToken: cts.Token));
        Assert.Equal(1, (await CallAsync(channel, CalcService.Add, new AddArgs(0, 1))).Value);
        await cts.CancelAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        Assert.True(await host.State.SlowCancelled.Task.WaitAsync(Token));
    }

    [Fact]
    public async Task A_past_deadline_fails_with_DeadlineExceeded()
    {
        await using var host = await CorbaTestHost.StartAsync();
        using var channel = host.CreateChannel();
        var ex = await Assert.ThrowsAsync<RpcException>(() => CallAsync(channel, CalcService.Slow, new Boxed<int>(-1),
            new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(200), cancellationToken: Token)));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.True(await host.State.SlowCancelled.Task.WaitAsync(Token));
    }

    [Fact]
    public async Task An_unreachable_server_is_TRANSIENT_and_completed_NO()
    {
        int port;
        await using (var host = await CorbaTestHost.StartAsync())
        {
            port = host.Port;
        }
        using var channel = new CorbaChannel($"corbaloc:iiop:127.0.0.1:{port}/calc");
        var ex = await Assert.ThrowsAsync<CorbaSystemException>(() => CallAsync(channel, CalcService.Echo, new Boxed<string>("x")));
        Assert.Equal(("TRANSIENT", CompletionStatus.No), (ex.Name, ex.Completed));
    }

    [Fact]
    public async Task The_same_key_reaches_the_same_object_after_a_restart()
    {
        var host = await CorbaTestHost.StartAsync();
        var ior = host.Ior();
        var port = host.Port;
        await host.DisposeAsync();
        await using var again = await CorbaTestHost.StartAsync(port: port);
        using var channel = new CorbaChannel(ior);
        Assert.Equal("again", (await CallAsync(channel, CalcService.Echo, new Boxed<string>("again"))).Value);
    }

    [Fact]
    public async Task A_server_shutdown_sends_CloseConnection_and_the_next_call_reconnects_or_fails_TRANSIENT()
    {
        var host = await CorbaTestHost.StartAsync();
        var port = host.Port;
        using var channel = host.CreateChannel();
        Assert.Equal(1, (await CallAsync(channel, CalcService.Add, new AddArgs(1, 0))).Value);
        await host.DisposeAsync();
        var ex = await Assert.ThrowsAsync<CorbaSystemException>(() => CallAsync(channel, CalcService.Add, new AddArgs(1, 0)));
        Assert.Contains(ex.Name, new[] { "TRANSIENT", "COMM_FAILURE" });
        await using var again = await CorbaTestHost.StartAsync(port: port);
        Assert.Equal(2, (await CallAsync(channel, CalcService.Add, new AddArgs(1, 1))).Value);
    }
}
