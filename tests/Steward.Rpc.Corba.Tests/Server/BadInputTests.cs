namespace Steward.Rpc.Corba.Tests.Server;

/// <summary>Hand-built GIOP against Steward's server: other byte orders, fragments, oneway, and each bad input and what it gets.</summary>
public sealed class BadInputTests
{
    private static readonly CdrWriter<(int A, int B)> WriteAdd = static (o, v) =>
    {
        o.WriteLong(v.A);
        o.WriteLong(v.B);
    };

    private static byte[] Add(GiopVersion version, uint id, int a, int b, bool littleEndian = true, string operation = "add", string key = "calc", byte flags = 3) =>
        GiopCodec.EncodeRequest(version, id, flags, GiopTarget.ForKey(System.Text.Encoding.ASCII.GetBytes(key)), operation, [], CodeSets.Default, WriteAdd, (a, b), littleEndian);

    private static CorbaSystemException SystemException(GiopReply reply)
    {
        Assert.Equal(GiopReplyStatus.SystemException, reply.Status);
        return GiopCodec.ReadSystemException(reply.OpenBody(CodeSets.Default, CdrLimits.Default));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Big_endian_requests_built_by_hand_are_answered_in_the_requests_version(byte minor)
    {
        await using var host = await CorbaTestHost.StartAsync();
        using var raw = await RawGiop.ConnectAsync(host);
        var version = new GiopVersion(1, minor);
        await raw.SendAsync(Add(version, 0x01020304, 20, 22, littleEndian: false));
        var reply = await raw.ReadReplyAsync();
        Assert.Equal((version, 0x01020304u, GiopReplyStatus.NoException), (reply.Version, reply.RequestId, reply.Status));
        Assert.Equal(42, reply.OpenBody(CodeSets.Default, CdrLimits.Default).ReadLong());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_fragmented_request_is_reassembled_and_answered(byte minor)
    {
        await using var host = await CorbaTestHost.StartAsync();
        using var raw = await RawGiop.ConnectAsync(host);
        var version = new GiopVersion(1, minor);
        var text = new string('f', 300);
        var whole = GiopCodec.EncodeRequest(version, 7, 3, GiopTarget.ForKey("calc"u8.ToArray()), "echo", [], CodeSets.Default, static (o, v) => o.WriteString(v), text);
        foreach (var piece in Giop.GiopCodecTests.Split(whole, version, 7, 64))
        {
            await raw.SendAsync(piece);
        }
        var reply = await raw.ReadReplyAsync();
        Assert.Equal(text, reply.OpenBody(CodeSets.Default, CdrLimits.Default).ReadString());
    }

    [Fact]
    public async Task Replies_leave_in_the_order_calls_finish_not_the_order_they_came()
    {
        await using var host = await CorbaTestHost.StartAsync();
        using var raw = await RawGiop.ConnectAsync(host);
        await raw.SendAsync(GiopCodec.EncodeRequest(GiopVersion.V1_2, 1, 3, GiopTarget.ForKey("calc"u8.ToArray()), "slow", [], CodeSets.Default, static (o, v) => o.WriteLong(v), -1));
        await raw.SendAsync(Add(GiopVersion.V1_2, 2, 1, 1));
        Assert.Equal(2u, (await raw.ReadReplyAsync()).RequestId);
        host.State.SlowGate.SetResult();
        Assert.Equal(1u, (await raw.ReadReplyAsync()).RequestId);
    }

    [Fact]
    public async Task A_oneway_request_gets_no_reply()
    {
        await using var host = await CorbaTestHost.StartAsync();
        using var raw = await RawGiop.ConnectAsync(host);
        await raw.SendAsync(Add(GiopVersion.V1_2, 1, 1, 1, flags: 0));
        await raw.SendAsync(Add(GiopVersion.V1_0, 2, 1, 1, flags: 0));
        await raw.SendAsync(Add(GiopVersion.V1_2, 3, 1, 2));
        var reply = await raw.ReadReplyAsync();
        Assert.Equal(3u, reply.RequestId);
    }

    [Fact]
    public async Task Undecodable_arguments_get_MARSHAL_completed_NO_and_the_connection_goes_on()
    {
        await using var host = await CorbaTestHost.StartAsync();
        using var raw = await RawGiop.ConnectAsync(host);
        // add with one long instead of two.
        await raw.SendAsync(GiopCodec.EncodeRequest(GiopVersion.V1_2, 1, 3, GiopTarget.ForKey("calc"u8.ToArray()), "add", [], CodeSets.Default, static (o, v) => o.WriteLong(v), 1));
        var ex = SystemException(await raw.ReadReplyAsync());
        Assert.Equal(("MARSHAL", CompletionStatus.No), (ex.Name, ex.Completed));
        await raw.SendAsync(Add(GiopVersion.V1_2, 2, 2, 2));
        Assert.Equal(GiopReplyStatus.NoException, (await raw.ReadReplyAsync()).Status);
    }

    [Fact]
    public async Task Unknown_keys_and_operations_get_OBJECT_NOT_EXIST_and_BAD_OPERATION_with_omniORBs_minor_codes()
    {
        await using var host = await CorbaTestHost.StartAsync();
        using var raw = await RawGiop.ConnectAsync(host);
        await raw.SendAsync(Add(GiopVersion.V1_1, 1, 1, 1, key: "nobody"));
        var missing = SystemException(await raw.ReadReplyAsync());
        Assert.Equal(("OBJECT_NOT_EXIST", 0x4f4d0001u, CompletionStatus.No), (missing.Name, missing.Minor, missing.Completed));
        await raw.SendAsync(Add(GiopVersion.V1_1, 2, 1, 1, operation: "subtract"));
        var unknown = SystemException(await raw.ReadReplyAsync());
        Assert.Equal(("BAD_OPERATION", 0x41540026u, CompletionStatus.No), (unknown.Name, unknown.Minor, unknown.Completed));
        await raw.SendAsync(GiopCodec.EncodeRequest<object?>(GiopVersion.V1_2, 3, 3, GiopTarget.ForKey("calc"u8.ToArray()), "_interface", [], CodeSets.Default, null, null));
        Assert.Equal("NO_IMPLEMENT", SystemException(await raw.ReadReplyAsync()).Name);
    }

    [Fact]
    public async Task GIOP_1_2_requests_addressed_by_profile_or_by_reference_reach_the_profiles_object()
    {
        await using var host = await CorbaTestHost.StartAsync();
        using var raw = await RawGiop.ConnectAsync(host);
        var reference = host.Adapter.CreateReference("calc", CalcService.RepositoryId);
        var byProfile = new GiopTarget(GiopTarget.ProfileAddr, null, reference.Profiles[0], 0, null);
        var byReference = new GiopTarget(GiopTarget.ReferenceAddr, null, null, 0, reference);
        var missing = new GiopTarget(GiopTarget.ReferenceAddr, null, null, 5, reference);
        uint id = 0;
        foreach (var target in new[] { byProfile, byReference, missing })
        {
            await raw.SendAsync(GiopCodec.EncodeRequest(GiopVersion.V1_2, ++id, 3, target, "add", [], CodeSets.Default, WriteAdd, (20, 1)));
        }
        Assert.Equal(21, (await raw.ReadReplyAsync()).OpenBody(CodeSets.Default, CdrLimits.Default).ReadLong());
        Assert.Equal(21, (await raw.ReadReplyAsync()).OpenBody(CodeSets.Default, CdrLimits.Default).ReadLong());
        Assert.Equal("MARSHAL", SystemException(await raw.ReadReplyAsync()).Name);
    }

    [Fact]
    public async Task LocateRequests_are_answered_OBJECT_HERE_or_UNKNOWN_OBJECT()
    {
        await using var host = await CorbaTestHost.StartAsync();
        using var raw = await RawGiop.ConnectAsync(host);
        await raw.SendAsync(GiopCodec.EncodeLocateRequest(GiopVersion.V1_0, 1, GiopTarget.ForKey("calc"u8.ToArray())));
        await raw.SendAsync(GiopCodec.EncodeLocateRequest(GiopVersion.V1_2, 2, GiopTarget.ForKey("nobody"u8.ToArray())));
        foreach (var expected in new[] { (1u, GiopLocateStatus.ObjectHere), (2u, GiopLocateStatus.UnknownObject) })
        {
            var next = (await raw.ReadAsync())!.Value;
            var reply = GiopCodec.DecodeLocateReply(next.Header, next.Message, CdrLimits.Default);
            Assert.Equal(expected, (reply.RequestId, reply.Status));
        }
    }

    public static TheoryData<string, byte[]> Malformed => new()
    {
        { "bad magic", "GIOX"u8.ToArray().Concat(new byte[] { 1, 2, 1, 0, 0, 0, 0, 0 }).ToArray() },
        { "GIOP 1.3", "GIOP"u8.ToArray().Concat(new byte[] { 1, 3, 1, 0, 0, 0, 0, 0 }).ToArray() },
        { "message type 9", "GIOP"u8.ToArray().Concat(new byte[] { 1, 2, 1, 9, 0, 0, 0, 0 }).ToArray() },
        { "too large", "GIOP"u8.ToArray().Concat(new byte[] { 1, 2, 1, 0, 0, 0, 0, 0x7f }).ToArray() },
        { "a Reply sent to a server", GiopCodec.EncodeReply<object?>(GiopVersion.V1_2, 1, GiopReplyStatus.NoException, [], CodeSets.Default, null, null) },
        { "a truncated request header", "GIOP"u8.ToArray().Concat(new byte[] { 1, 2, 1, 0, 6, 0, 0, 0, 1, 0, 0, 0, 3, 0 }).ToArray() },
        { "an orphan fragment", GiopCodec.EncodeFragment(GiopVersion.V1_2, 5, new byte[8], moreFragments: false) },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_message_gets_MessageError_and_closes_that_connection_only(string what, byte[] message)
    {
        await using var host = await CorbaTestHost.StartAsync();
        using var bystander = await RawGiop.ConnectAsync(host);
        using var raw = await RawGiop.ConnectAsync(host);
        await raw.SendAsync(message);
        var answer = await raw.ReadAsync();
        Assert.True(answer is { Header.Type: GiopMessageType.MessageError }, what);
        Assert.Null(await raw.ReadAsync());
        Assert.True(host.Logs.Contains("GIOP protocol error"));
        // Another connection is untouched, and new ones are served.
        await bystander.SendAsync(Add(GiopVersion.V1_2, 1, 2, 3));
        Assert.Equal(5, (await bystander.ReadReplyAsync()).OpenBody(CodeSets.Default, CdrLimits.Default).ReadLong());
        using var fresh = await RawGiop.ConnectAsync(host);
        await fresh.SendAsync(Add(GiopVersion.V1_2, 1, 3, 3));
        Assert.Equal(6, (await fresh.ReadReplyAsync()).OpenBody(CodeSets.Default, CdrLimits.Default).ReadLong());
    }

    [Fact]
    public async Task A_CancelRequest_cancels_the_call_and_suppresses_its_reply()
    {
        await using var host = await CorbaTestHost.StartAsync();
        using var raw = await RawGiop.ConnectAsync(host);
        await raw.SendAsync(GiopCodec.EncodeRequest(GiopVersion.V1_2, 1, 3, GiopTarget.ForKey("calc"u8.ToArray()), "slow", [], CodeSets.Default, static (o, v) => o.WriteLong(v), -1));
        await raw.SendAsync(GiopCodec.EncodeCancelRequest(GiopVersion.V1_2, 1));
        Assert.True(await host.State.SlowCancelled.Task.WaitAsync(TestContext.Current.CancellationToken));
        await raw.SendAsync(Add(GiopVersion.V1_2, 2, 1, 1));
        Assert.Equal(2u, (await raw.ReadReplyAsync()).RequestId);
    }

    [Fact]
    public async Task Stopping_the_server_answers_what_is_running_then_sends_CloseConnection()
    {
        var host = await CorbaTestHost.StartAsync();
        using var raw = await RawGiop.ConnectAsync(host);
        await raw.SendAsync(Add(GiopVersion.V1_1, 1, 1, 1));
        Assert.Equal(GiopReplyStatus.NoException, (await raw.ReadReplyAsync()).Status);
        var stopping = host.DisposeAsync();
        var close = await raw.ReadAsync();
        Assert.True(close is { Header.Type: GiopMessageType.CloseConnection });
        Assert.Equal(GiopVersion.V1_1, close.Value.Header.Version);
        await stopping;
    }

    [Fact]
    public async Task Code_sets_from_the_first_CodeSets_context_decide_how_the_connection_reads_strings()
    {
        await using var host = await CorbaTestHost.StartAsync();
        using var raw = await RawGiop.ConnectAsync(host);
        GiopServiceContext[] utf8 = [GiopServiceContext.ForCodeSets(CodeSets.Native)];
        await raw.SendAsync(GiopCodec.EncodeRequest(GiopVersion.V1_2, 1, 3, GiopTarget.ForKey("calc"u8.ToArray()), "wecho", utf8, CodeSets.Native, static (o, v) => o.WriteWString(v), "✓"));
        var reply = await raw.ReadReplyAsync();
        Assert.Equal("✓", reply.OpenBody(CodeSets.Native, CdrLimits.Default).ReadWString());
        // Later contexts do not change the choice: ISO-8859-1 announced now, UTF-8 still read.
        GiopServiceContext[] latin1 = [GiopServiceContext.ForCodeSets(CodeSets.Default)];
        await raw.SendAsync(GiopCodec.EncodeRequest(GiopVersion.V1_2, 2, 3, GiopTarget.ForKey("calc"u8.ToArray()), "echo", latin1, CodeSets.Native, static (o, v) => o.WriteString(v), "é"));
        Assert.Equal("é", (await raw.ReadReplyAsync()).OpenBody(CodeSets.Native, CdrLimits.Default).ReadString());
    }
}
