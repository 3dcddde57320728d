using System.Buffers;
using Steward.Rpc.Thrift.Tests.Protocol;
using static Steward.Rpc.Thrift.Tests.Protocol.WireNode;

namespace Steward.Rpc.Thrift.Tests.Codecs;

public class CodecTests
{
    public static TheoryData<ThriftProtocolKind> Kinds => [ThriftProtocolKind.Binary, ThriftProtocolKind.Compact, ThriftProtocolKind.Json];

    private static Greeting Sample() => new()
    {
        Text = "héllo", Count = -42, Values = [1, long.MinValue, 300], Flag = true,
        Inner = new Greeting { Text = "", Count = 7, Flag = false },
    };

    private static WireNode SampleNode() => Struct(
        (1, Of("héllo")), (2, Of(-42)), (3, List(WireKind.I64, Of(1L), Of(long.MinValue), Of(300L))),
        (4, Struct((1, Of("")), (2, Of(7)), (5, Of(false)))), (5, Of(true)));

    private static byte[] Encode(ThriftProtocolKind kind, Action<ThriftWriter> write)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = ThriftProtocols.CreateWriter(kind);
        writer.Reset(output);
        write(writer);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    private static async Task<byte[]> ApacheEncode(ThriftProtocolKind kind, WireNode node)
    {
        using var transport = new global::Thrift.Transport.Client.TMemoryBufferTransport(new global::Thrift.TConfiguration());
        await ApacheWire.WriteAsync(ApacheWire.Protocol(kind, transport), node);
        return transport.GetBuffer();
    }

    private static ThriftReader Reader(ThriftProtocolKind kind, byte[] bytes)
    {
        var reader = ThriftProtocols.CreateReader(kind);
        reader.Reset(new ReadOnlySequence<byte>(bytes));
        return reader;
    }

    [Fact]
    public async Task Struct_marshaller_writes_the_compact_struct_apache_writes_and_reads_it_back()
    {
        var output = new ArrayBufferWriter<byte>();
        ThriftStructMarshaller<Greeting>.Default.Serialize(Sample(), output);
        Assert.Equal(Convert.ToHexString(await ApacheEncode(ThriftProtocolKind.Compact, SampleNode())), Convert.ToHexString(output.WrittenSpan));
        var back = ThriftStructMarshaller<Greeting>.Default.Deserialize(Segments.EveryByte(output.WrittenSpan.ToArray()));
        Assert.Equal(Sample().ToString(), back.ToString());
    }

    [Fact]
    public void Struct_marshaller_rejects_bytes_after_the_struct()
    {
        var output = new ArrayBufferWriter<byte>();
        ThriftStructMarshaller<Greeting>.Default.Serialize(Sample(), output);
        var bytes = output.WrittenSpan.ToArray().Append((byte)0).ToArray();
        var ex = Assert.Throws<ThriftProtocolException>(() => ThriftStructMarshaller<Greeting>.Default.Deserialize(new ReadOnlySequence<byte>(bytes)));
        Assert.Equal(ThriftProtocolError.InvalidData, ex.Error);
    }

    [Fact]
    public void Struct_marshaller_honours_its_limits_and_reports_truncation_and_missing_required_fields()
    {
        var output = new ArrayBufferWriter<byte>();
        ThriftStructMarshaller<Greeting>.Default.Serialize(Sample(), output);
        var bytes = output.WrittenSpan.ToArray();
        var strict = new ThriftStructMarshaller<Greeting>(new ThriftLimits { MaxStringSize = 3 });
        Assert.Equal(ThriftProtocolError.SizeLimit, Assert.Throws<ThriftProtocolException>(() => strict.Deserialize(new ReadOnlySequence<byte>(bytes))).Error);
        Assert.Throws<ThriftIncompleteMessageException>(() => ThriftStructMarshaller<Greeting>.Default.Deserialize(new ReadOnlySequence<byte>(bytes, 0, bytes.Length - 1)));
        var noText = new ArrayBufferWriter<byte>();
        ThriftStructMarshaller<Greeting>.Default.Serialize(new Greeting { Count = 1 }, noText);
        var ex = Assert.Throws<ThriftProtocolException>(() => ThriftStructMarshaller<Greeting>.Default.Deserialize(new ReadOnlySequence<byte>(noText.WrittenMemory)));
        Assert.Contains("text", ex.Message, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task For_structs_writes_args_and_results_as_they_are(ThriftProtocolKind kind)
    {
        var codec = ThriftMethodCodec.ForStructs<Greeting, Greeting>();
        var args = Encode(kind, w => codec.WriteArgs(w, Sample()));
        Assert.Equal(Convert.ToHexString(await ApacheEncode(kind, SampleNode())), Convert.ToHexString(args));
        Assert.Equal(Sample().ToString(), codec.ReadArgs(Reader(kind, args)).ToString());
        var result = Encode(kind, w => codec.WriteResult(w, Sample()));
        Assert.Equal(Sample().ToString(), codec.ReadResult(Reader(kind, result)).ToString());
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Wrapping_puts_the_request_in_field_1_and_the_response_in_field_0(ThriftProtocolKind kind)
    {
        var codec = ThriftMethodCodec.Wrapping<Greeting, Greeting>();
        var args = Encode(kind, w => codec.WriteArgs(w, Sample()));
        Assert.Equal(Convert.ToHexString(await ApacheEncode(kind, Struct((1, SampleNode())))), Convert.ToHexString(args));
        Assert.Equal(Sample().ToString(), codec.ReadArgs(Reader(kind, args)).ToString());

        var result = Encode(kind, w => codec.WriteResult(w, Sample()));
        Assert.Equal(Convert.ToHexString(await ApacheEncode(kind, Struct((0, SampleNode())))), Convert.ToHexString(result));
        Assert.Equal(Sample().ToString(), codec.ReadResult(Reader(kind, result)).ToString());
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Wrapping_skips_unknown_result_fields_and_a_result_without_success_is_missing_result(ThriftProtocolKind kind)
    {
        var codec = ThriftMethodCodec.Wrapping<Greeting, Greeting>();
        var withExtra = await ApacheEncode(kind, Struct((1, Struct((1, Of("declared exception")))), (0, SampleNode()), (9, List(WireKind.String, Of("x")))));
        Assert.Equal(Sample().ToString(), codec.ReadResult(Reader(kind, withExtra)).ToString());

        var empty = await ApacheEncode(kind, Struct((1, Struct((1, Of("declared exception"))))));
        var ex = Assert.Throws<ThriftApplicationException>(() => codec.ReadResult(Reader(kind, empty)));
        Assert.Equal(ThriftApplicationExceptionType.MissingResult, ex.Type);
        Assert.Equal(StatusCode.Internal, ex.StatusCode);

        var noRequest = await ApacheEncode(kind, Struct());
        Assert.NotNull(codec.ReadArgs(Reader(kind, noRequest)));
    }
}
