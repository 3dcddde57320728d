namespace Steward.Rpc.Grpc.Tests;

/// <summary>The core's metadata is neutral; gRPC checks its own grammar where it sends and receives.</summary>
public sealed class MetadataGrammarTests
{
    [Theory]
    [InlineData("x-trace", "x-trace")]
    [InlineData("X-Trace.ID_2", "x-trace.id_2")]
    public void Keys_are_folded_to_lower_case(string key, string wire)
    {
        Assert.Equal(wire, GrpcMetadata.Check(new Metadata.Entry(key, "v")).Key);
    }

    [Fact]
    public void A_key_already_in_lower_case_keeps_its_entry()
    {
        var entry = new Metadata.Entry("x-data-bin", [1]);
        Assert.Same(entry, GrpcMetadata.Check(entry));
    }

    [Theory]
    [InlineData("bad key", "v", "Metadata key 'bad key' has an invalid character ' '.", "key")]
    [InlineData("Ünicode", "v", "Metadata key 'Ünicode' has an invalid character 'ü'.", "key")]
    [InlineData("x-text-bin", "v", "Key 'x-text-bin' ends with '-bin' and takes a byte[] value.", "key")]
    [InlineData("x-text", "tab\there", "Metadata value for 'x-text' must be printable ASCII.", "value")]
    [InlineData("x-text", "café", "Metadata value for 'x-text' must be printable ASCII.", "value")]
    public void String_entries_outside_the_grammar_are_argument_exceptions(string key, string value, string message, string parameter)
    {
        var ex = Assert.Throws<ArgumentException>(() => GrpcMetadata.Check(new Metadata.Entry(key, value)));
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(parameter, ex.ParamName);
    }

    [Fact]
    public void Bytes_under_a_key_without_the_bin_suffix_are_an_argument_exception()
    {
        var ex = Assert.Throws<ArgumentException>(() => GrpcMetadata.Check(new Metadata.Entry("X-Data", [1])));
        Assert.StartsWith("Key 'x-data' takes a byte[] value only if it ends with '-bin'.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Collections_gRPC_hands_out_check_entries_as_they_are_added()
    {
        var metadata = GrpcMetadata.Create();
        metadata.Add("X-Ok", "fine");
        Assert.Equal("x-ok", metadata[0].Key);
        Assert.Throws<ArgumentException>(() => metadata.Add("x-ok", "\u0001"));
        Assert.Throws<ArgumentException>(() => metadata.Insert(0, new Metadata.Entry("x-ok-bin", "text")));
        Assert.Throws<ArgumentException>(() => metadata[0] = new Metadata.Entry("x ok", "v"));
        Assert.Single(metadata);
    }

    [Fact]
    public void ToWire_returns_conforming_metadata_itself_and_folds_a_copy_otherwise()
    {
        var conforming = new Metadata().Add("a", "1").Add("b-bin", [2]);
        Assert.Same(conforming, GrpcMetadata.ToWire(conforming));
        var mixed = new Metadata().Add("a", "1").Add("B", "2").Add("c-BIN", [3]);
        var wire = GrpcMetadata.ToWire(mixed)!;
        Assert.Equal(["a", "b", "c-bin"], wire.Select(e => e.Key));
        Assert.Equal("B", mixed[1].Key);
        Assert.Null(GrpcMetadata.ToWire(null));
    }

    [Fact]
    public async Task A_request_header_gRPC_cannot_carry_fails_the_call_before_it_starts()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        var headers = new Metadata().Add("not a header", "v");
        var ex = Assert.Throws<ArgumentException>(() => channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, "héllo", new CallOptions(headers)));
        Assert.StartsWith("Metadata key 'not a header' has an invalid character ' '.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upper_case_keys_are_sent_in_lower_case()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        var headers = new Metadata().Add("X-Text", "sent").Add("X-Data-Bin", [7]);
        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, "headers", new CallOptions(headers));
        Assert.Equal("sent", await call);
        Assert.Equal(new byte[] { 7 }, call.GetTrailers().GetValueBytes("x-echo-bin"));

        using var upper = channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, "upper-case-trailer", new CallOptions());
        await upper;
        Assert.Contains(upper.GetTrailers(), e => e.Key == "x-upper" && e.Value == "v");
    }

    [Fact]
    public async Task A_trailer_gRPC_cannot_carry_fails_the_handler()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, "bad-trailer", new CallOptions()));
        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
    }

    [Fact]
    public async Task Error_trailers_gRPC_cannot_carry_fail_the_handler()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, "bad-error-trailer", new CallOptions()));
        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.Equal("Exception was thrown by handler.", ex.Status.Detail);
    }
}
