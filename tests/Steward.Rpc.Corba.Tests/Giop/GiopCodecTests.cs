using System.Text;

namespace Steward.Rpc.Corba.Tests.Giop;

/// <summary>Every GIOP message kind, encoded and decoded, in each version and byte order.</summary>
public sealed class GiopCodecTests
{
    private static readonly CdrLimits Limits = CdrLimits.Default;
    private static readonly CdrWriter<string> WriteText = static (o, v) => o.WriteString(v);

    public static TheoryData<byte, bool> VersionsAndOrders => new() { { 0, true }, { 1, true }, { 2, true }, { 0, false }, { 1, false }, { 2, false } };

    private static (GiopHeader Header, byte[] Message) Frame(byte[] message)
    {
        var header = GiopHeader.Read(message, Limits.MaxMessageSize);
        Assert.Equal(message.Length, header.MessageSize);
        return (header, message);
    }

    [Theory]
    [MemberData(nameof(VersionsAndOrders))]
    public void Requests_round_trip_with_their_header_fields_and_body(byte minor, bool littleEndian)
    {
        var version = new GiopVersion(1, minor);
        var contexts = new[] { GiopServiceContext.ForCodeSets(CodeSets.Native), new GiopServiceContext(0x4f4d0001, [1, 2, 3]) };
        var message = GiopCodec.EncodeRequest(version, 77, 3, GiopTarget.ForKey("calc"u8.ToArray()), "echo", contexts, CodeSets.Default, WriteText, "body", littleEndian);
        var (header, bytes) = Frame(message);
        Assert.Equal((version, littleEndian, GiopMessageType.Request), (header.Version, header.LittleEndian, header.Type));
        var request = GiopCodec.DecodeRequest(header, bytes, Limits);
        Assert.Equal(77u, request.RequestId);
        Assert.True(request.ResponseExpected);
        Assert.Equal("calc"u8.ToArray(), request.Target.ResolveKey(Limits));
        Assert.Equal("echo", request.Operation);
        Assert.Equal(2, request.Contexts.Length);
        Assert.Equal(CodeSets.Native, request.Contexts[0].ReadCodeSets(Limits));
        Assert.Equal(new byte[] { 1, 2, 3 }, request.Contexts[1].Data);
        Assert.Equal("body", request.OpenBody(CodeSets.Default, Limits).ReadString());
        if (minor == 2)
        {
            Assert.Equal(0, request.BodyOffset % 8);
        }
    }

    [Fact]
    public void A_GIOP_1_2_request_without_a_body_has_no_padding_and_its_oneway_flag_survives()
    {
        var message = GiopCodec.EncodeRequest<object?>(GiopVersion.V1_2, 1, 0, GiopTarget.ForKey([1]), "ping", [], CodeSets.Default, null, null);
        // header 12 + id 4 + flags 1 + reserved 3 + disposition 2 + pad 2 + key length 4 + key 1 + pad 3 + name length 4 + "ping\0" 5 + pad 3 + contexts 4
        Assert.Equal(48, message.Length);
        var request = GiopCodec.DecodeRequest(GiopHeader.Read(message, Limits.MaxMessageSize), message, Limits);
        Assert.False(request.ResponseExpected);
        Assert.Equal(message.Length, request.BodyOffset);
    }

    [Fact]
    public void GIOP_1_2_targets_by_profile_and_by_reference_resolve_to_the_profiles_key()
    {
        var profile = new IiopProfile(GiopVersion.V1_2, "127.0.0.1", 2809, "key"u8.ToArray(), []).ToTaggedProfile();
        var reference = new CorbaObjectReference("IDL:X:1.0", [new TaggedProfile(99, [1]), profile]);
        foreach (var target in new[] { new GiopTarget(GiopTarget.ProfileAddr, null, profile, 0, null), new GiopTarget(GiopTarget.ReferenceAddr, null, null, 1, reference) })
        {
            var message = GiopCodec.EncodeRequest<object?>(GiopVersion.V1_2, 5, 3, target, "op", [], CodeSets.Default, null, null);
            var request = GiopCodec.DecodeRequest(GiopHeader.Read(message, Limits.MaxMessageSize), message, Limits);
            Assert.Equal(target.Disposition, request.Target.Disposition);
            Assert.Equal("key"u8.ToArray(), request.Target.ResolveKey(Limits));
        }
        var wrongIndex = new GiopTarget(GiopTarget.ReferenceAddr, null, null, 0, reference);
        Assert.Equal("MARSHAL", Assert.Throws<CorbaSystemException>(() => wrongIndex.ResolveKey(Limits)).Name);
    }

    [Theory]
    [MemberData(nameof(VersionsAndOrders))]
    public void Replies_round_trip_for_each_status(byte minor, bool littleEndian)
    {
        var version = new GiopVersion(1, minor);
        var ok = GiopCodec.EncodeReply(version, 9, GiopReplyStatus.NoException, [], CodeSets.Default, WriteText, "result", littleEndian);
        var (header, bytes) = Frame(ok);
        var reply = GiopCodec.DecodeReply(header, bytes, Limits);
        Assert.Equal((9u, GiopReplyStatus.NoException), (reply.RequestId, reply.Status));
        Assert.Equal("result", reply.OpenBody(CodeSets.Default, Limits).ReadString());

        var system = GiopCodec.EncodeSystemExceptionReply(version, 10, CorbaSystemException.BadOperation("x", 0x41540026));
        var decoded = GiopCodec.DecodeReply(GiopHeader.Read(system, Limits.MaxMessageSize), system, Limits);
        Assert.Equal(GiopReplyStatus.SystemException, decoded.Status);
        var ex = GiopCodec.ReadSystemException(decoded.OpenBody(CodeSets.Default, Limits));
        Assert.Equal(("BAD_OPERATION", 0x41540026u, CompletionStatus.No), (ex.Name, ex.Minor, ex.Completed));

        var forward = GiopCodec.EncodeReply(version, 11, GiopReplyStatus.LocationForward, [], CodeSets.Default, CorbaObjectReference.Write,
            CorbaObjectReference.ForIiop("IDL:X:1.0", new IiopProfile(GiopVersion.V1_2, "h", 1, [7], [])));
        var forwarded = GiopCodec.DecodeReply(GiopHeader.Read(forward, Limits.MaxMessageSize), forward, Limits);
        Assert.Equal(GiopReplyStatus.LocationForward, forwarded.Status);
        Assert.Equal("IDL:X:1.0", CorbaObjectReference.Read(forwarded.OpenBody(CodeSets.Default, Limits)).TypeId);
    }

    [Fact]
    public void Reply_statuses_added_in_GIOP_1_2_are_refused_in_1_1()
    {
        var message = GiopCodec.EncodeReply<object?>(GiopVersion.V1_1, 1, GiopReplyStatus.NeedsAddressingMode, [], CodeSets.Default, null, null);
        Assert.Throws<GiopProtocolException>(() => GiopCodec.DecodeReply(GiopHeader.Read(message, Limits.MaxMessageSize), message, Limits));
        var twelve = GiopCodec.EncodeReply(GiopVersion.V1_2, 1, GiopReplyStatus.NeedsAddressingMode, [], CodeSets.Default, static (o, v) => o.WriteShort(v), (short)1);
        var reply = GiopCodec.DecodeReply(GiopHeader.Read(twelve, Limits.MaxMessageSize), twelve, Limits);
        Assert.Equal(1, reply.OpenBody(CodeSets.Default, Limits).ReadShort());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Cancel_locate_and_header_only_messages_round_trip(byte minor)
    {
        var version = new GiopVersion(1, minor);
        var cancel = GiopCodec.EncodeCancelRequest(version, 42);
        Assert.Equal(42u, GiopCodec.DecodeCancelRequest(GiopHeader.Read(cancel, Limits.MaxMessageSize), cancel, Limits));

        var locate = GiopCodec.EncodeLocateRequest(version, 43, GiopTarget.ForKey("k"u8.ToArray()));
        var request = GiopCodec.DecodeLocateRequest(GiopHeader.Read(locate, Limits.MaxMessageSize), locate, Limits);
        Assert.Equal((43u, "k"), (request.RequestId, Encoding.ASCII.GetString(request.Target.ResolveKey(Limits))));

        var here = GiopCodec.EncodeLocateReply<object?>(version, 43, GiopLocateStatus.ObjectHere, null, null);
        var reply = GiopCodec.DecodeLocateReply(GiopHeader.Read(here, Limits.MaxMessageSize), here, Limits);
        Assert.Equal((43u, GiopLocateStatus.ObjectHere), (reply.RequestId, reply.Status));

        foreach (var type in new[] { GiopMessageType.CloseConnection, GiopMessageType.MessageError })
        {
            var header = GiopHeader.Read(GiopHeader.HeaderOnly(type, version), Limits.MaxMessageSize);
            Assert.Equal((type, 0, version), (header.Type, header.BodySize, header.Version));
        }
    }

    [Fact]
    public void A_GIOP_1_2_LocateReply_carries_a_system_exception()
    {
        var message = GiopCodec.EncodeLocateReply(GiopVersion.V1_2, 3, GiopLocateStatus.LocSystemException, GiopCodec.WriteSystemException, CorbaSystemException.Marshal("m"));
        var reply = GiopCodec.DecodeLocateReply(GiopHeader.Read(message, Limits.MaxMessageSize), message, Limits);
        Assert.Equal("MARSHAL", GiopCodec.ReadSystemException(reply.OpenBody(Limits)).Name);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'O', (byte)'X', 1, 2, 1, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'O', (byte)'P', 1, 3, 1, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'O', (byte)'P', 2, 0, 1, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'O', (byte)'P', 1, 2, 1, 8, 0, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'O', (byte)'P', 1, 0, 1, 7, 0, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'O', (byte)'P', 1, 0, 2, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'O', (byte)'P', 1, 2, 1, 0, 0xff, 0xff, 0xff, 0x7f })]
    public void Bad_headers_are_protocol_errors(byte[] head) =>
        Assert.Throws<GiopProtocolException>(() => GiopHeader.Read(head, Limits.MaxMessageSize));

    [Fact]
    public void A_truncated_request_header_is_a_protocol_error()
    {
        var message = GiopCodec.EncodeRequest(GiopVersion.V1_2, 1, 3, GiopTarget.ForKey([1, 2]), "operation", [], CodeSets.Default, WriteText, "x");
        var cut = message[..30];
        var header = GiopHeader.Read(message, Limits.MaxMessageSize) with { BodySize = cut.Length - GiopHeader.Length };
        Assert.Throws<GiopProtocolException>(() => GiopCodec.DecodeRequest(header, cut, Limits));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Fragments_reassemble_into_the_whole_message(byte minor)
    {
        var version = new GiopVersion(1, minor);
        var whole = GiopCodec.EncodeRequest(version, 5, 3, GiopTarget.ForKey("calc"u8.ToArray()), "echo", [], CodeSets.Default, WriteText, new string('x', 100));
        var pieces = Split(whole, version, 5, 48);
        var assembler = new GiopFragmentAssembler(Limits);
        (GiopHeader Header, byte[] Message)? result = null;
        foreach (var piece in pieces)
        {
            Assert.Null(result);
            result = assembler.Add(GiopHeader.Read(piece, Limits.MaxMessageSize), piece);
        }
        Assert.NotNull(result);
        Assert.Equal(whole, result.Value.Message);
        Assert.False(result.Value.Header.MoreFragments);
    }

    [Fact]
    public void GIOP_1_2_fragments_of_two_requests_may_interleave()
    {
        var first = GiopCodec.EncodeRequest(GiopVersion.V1_2, 1, 3, GiopTarget.ForKey([1]), "echo", [], CodeSets.Default, WriteText, new string('a', 60));
        var second = GiopCodec.EncodeRequest(GiopVersion.V1_2, 2, 3, GiopTarget.ForKey([2]), "echo", [], CodeSets.Default, WriteText, new string('b', 60));
        var a = Split(first, GiopVersion.V1_2, 1, 40);
        var b = Split(second, GiopVersion.V1_2, 2, 40);
        var assembler = new GiopFragmentAssembler(Limits);
        var done = new List<byte[]>();
        for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            foreach (var list in new[] { a, b })
            {
                if (i < list.Count && assembler.Add(GiopHeader.Read(list[i], Limits.MaxMessageSize), list[i]) is { } whole)
                {
                    done.Add(whole.Message);
                }
            }
        }
        Assert.Equal(2, done.Count);
        Assert.Contains(first, done);
        Assert.Contains(second, done);
    }

    [Fact]
    public void Broken_fragment_sequences_are_protocol_errors()
    {
        var orphan = GiopCodec.EncodeFragment(GiopVersion.V1_2, 9, new byte[8], moreFragments: false);
        Assert.Throws<GiopProtocolException>(() => new GiopFragmentAssembler(Limits).Add(GiopHeader.Read(orphan, Limits.MaxMessageSize), orphan));

        var orphan11 = GiopCodec.EncodeFragment(GiopVersion.V1_1, 0, new byte[8], moreFragments: false);
        Assert.Throws<GiopProtocolException>(() => new GiopFragmentAssembler(Limits).Add(GiopHeader.Read(orphan11, Limits.MaxMessageSize), orphan11));

        // A message that grows past the limit while being reassembled.
        var small = Limits with { MaxMessageSize = 200 };
        var whole = GiopCodec.EncodeRequest(GiopVersion.V1_2, 3, 3, GiopTarget.ForKey([1]), "echo", [], CodeSets.Default, WriteText, new string('x', 400));
        var assembler = new GiopFragmentAssembler(small);
        var ex = Record.Exception(() =>
        {
            foreach (var piece in Split(whole, GiopVersion.V1_2, 3, 64))
            {
                assembler.Add(GiopHeader.Read(piece, small.MaxMessageSize), piece);
            }
        });
        Assert.IsType<GiopProtocolException>(ex);
    }

    /// <summary>Cuts a whole message into an initial message (more-fragments set) and Fragments of at most <paramref name="chunk"/> body bytes (a multiple of 8).</summary>
    internal static List<byte[]> Split(byte[] whole, GiopVersion version, uint requestId, int chunk)
    {
        var header = GiopHeader.Read(whole, CdrLimits.Default.MaxMessageSize);
        var firstEnd = Math.Min(whole.Length, GiopHeader.Length + chunk);
        var pieces = new List<byte[]>();
        var first = whole[..firstEnd];
        var more = firstEnd < whole.Length;
        (header with { BodySize = first.Length - GiopHeader.Length, MoreFragments = more }).Write(first);
        pieces.Add(first);
        for (var at = firstEnd; at < whole.Length; at += chunk)
        {
            var end = Math.Min(whole.Length, at + chunk);
            pieces.Add(GiopCodec.EncodeFragment(version, requestId, whole.AsSpan(at, end - at), moreFragments: end < whole.Length, header.LittleEndian));
        }
        return pieces;
    }
}
