namespace Steward.Rpc.Thrift.Tests.Protocol;

/// <summary>Values that straddle input segments or output chunks read and write the same as contiguous ones.</summary>
public class SegmentedIoTests
{
    public static TheoryData<ThriftProtocolKind> Kinds => [ThriftProtocolKind.Binary, ThriftProtocolKind.Compact, ThriftProtocolKind.Json];

    [Theory, MemberData(nameof(Kinds))]
    public void Reading_from_one_byte_segments_gives_the_same_values(ThriftProtocolKind kind)
    {
        foreach (var message in WireSamples.Fixed().Where(m => m.Name != "large").Concat(WireSamples.Random(7, 10)))
        {
            var bytes = OurWire.Write(kind, message);
            var read = OurWire.Read(kind, Segments.EveryByte(bytes), message.Body);
            Assert.Equal(message.ToString(), read.ToString());
        }
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Reading_from_random_segments_gives_the_same_values_and_skips_exactly(ThriftProtocolKind kind)
    {
        var random = new Random(42);
        var reader = ThriftProtocols.CreateReader(kind);
        foreach (var message in WireSamples.All())
        {
            var bytes = OurWire.Write(kind, message);
            for (var i = 0; i < 5; i++)
            {
                var input = Segments.Random(bytes, random);
                Assert.Equal(message.ToString(), OurWire.Read(kind, input, message.Body).ToString());
                Assert.Equal(bytes.Length, OurWire.SkipMessage(reader, input));
            }
        }
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Writing_into_small_output_chunks_gives_the_same_bytes(ThriftProtocolKind kind)
    {
        var seed = 0;
        foreach (var message in WireSamples.All())
        {
            var expected = OurWire.Write(kind, message);
            var output = new ChunkedBufferWriter(seed++);
            var writer = ThriftProtocols.CreateWriter(kind);
            writer.Reset(output);
            writer.WriteMessageBegin(new ThriftMessageHeader(message.Name, message.Type, message.SequenceId));
            OurWire.Write(writer, message.Body);
            writer.WriteMessageEnd();
            writer.Flush();
            Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(output.WrittenBytes));
        }
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_reused_reader_and_writer_give_the_same_results(ThriftProtocolKind kind)
    {
        var writer = ThriftProtocols.CreateWriter(kind);
        var reader = ThriftProtocols.CreateReader(kind);
        foreach (var message in WireSamples.Random(99, 20))
        {
            var output = new System.Buffers.ArrayBufferWriter<byte>();
            writer.Reset(output);
            writer.WriteMessageBegin(new ThriftMessageHeader(message.Name, message.Type, message.SequenceId));
            OurWire.Write(writer, message.Body);
            writer.WriteMessageEnd();
            writer.Flush();
            Assert.Equal(Convert.ToHexString(OurWire.Write(kind, message)), Convert.ToHexString(output.WrittenSpan));

            reader.Reset(new System.Buffers.ReadOnlySequence<byte>(output.WrittenMemory));
            var header = reader.ReadMessageBegin();
            var body = OurWire.Read(reader, message.Body);
            reader.ReadMessageEnd();
            Assert.Equal(message.ToString(), new WireMessage(header.Name, header.Type, header.SequenceId, body).ToString());
        }
    }
}
