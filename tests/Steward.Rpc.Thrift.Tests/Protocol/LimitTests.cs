using System.Buffers;
using static Steward.Rpc.Thrift.Tests.Protocol.WireNode;

namespace Steward.Rpc.Thrift.Tests.Protocol;

/// <summary>Sizes and nesting from the wire are checked before anything is allocated.</summary>
public class LimitTests
{
    public static TheoryData<ThriftProtocolKind> Kinds => [ThriftProtocolKind.Binary, ThriftProtocolKind.Compact, ThriftProtocolKind.Json];

    /// <summary>Far less than any claimed size below; the exception and its message are all a rejection may cost.</summary>
    private const long AllocationBudget = 256 * 1024;

    /// <summary>A message whose body has field 1 of <paramref name="type"/>, written by <paramref name="value"/> (which may lie).</summary>
    private static byte[] Message(ThriftProtocolKind kind, ThriftType type, Action<ThriftWriter> value)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = ThriftProtocols.CreateWriter(kind);
        writer.Reset(output);
        writer.WriteMessageBegin(new ThriftMessageHeader("m", ThriftMessageType.Call, 1));
        writer.WriteStructBegin("args");
        writer.WriteFieldBegin("f", type, 1);
        value(writer);
        writer.WriteFieldEnd();
        writer.WriteFieldStop();
        writer.WriteStructEnd();
        writer.WriteMessageEnd();
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    private static ThriftProtocolException SkipFails(ThriftProtocolKind kind, byte[] bytes, ThriftLimits? limits = null)
    {
        var reader = ThriftProtocols.CreateReader(kind, limits);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.ThrowsAny<ThriftProtocolException>(() => OurWire.SkipMessage(reader, new ReadOnlySequence<byte>(bytes)));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, AllocationBudget);
        return ex;
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_negative_list_set_or_map_size_is_a_negative_size(ThriftProtocolKind kind)
    {
        Assert.Equal(ThriftProtocolError.NegativeSize, SkipFails(kind, Message(kind, ThriftType.List, w => w.WriteListBegin(new(ThriftType.I32, -1)))).Error);
        Assert.Equal(ThriftProtocolError.NegativeSize, SkipFails(kind, Message(kind, ThriftType.Set, w => w.WriteSetBegin(new(ThriftType.String, -5)))).Error);
        Assert.Equal(ThriftProtocolError.NegativeSize, SkipFails(kind, Message(kind, ThriftType.Map, w => w.WriteMapBegin(new(ThriftType.I32, ThriftType.I32, int.MinValue)))).Error);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_container_size_past_the_limit_is_a_size_limit(ThriftProtocolKind kind)
    {
        Assert.Equal(ThriftProtocolError.SizeLimit, SkipFails(kind, Message(kind, ThriftType.List, w => w.WriteListBegin(new(ThriftType.I32, int.MaxValue)))).Error);
        Assert.Equal(ThriftProtocolError.SizeLimit, SkipFails(kind, Message(kind, ThriftType.Map, w => w.WriteMapBegin(new(ThriftType.String, ThriftType.I64, 10_000_001)))).Error);
        var small = new ThriftLimits { MaxContainerSize = 3 };
        var four = Message(kind, ThriftType.List, w =>
        {
            w.WriteListBegin(new(ThriftType.I32, 4));
            for (var i = 0; i < 4; i++)
            {
                w.WriteI32(i);
            }
            w.WriteListEnd();
        });
        Assert.Equal(ThriftProtocolError.SizeLimit, SkipFails(kind, four, small).Error);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_size_within_the_limit_but_past_the_input_is_incomplete_without_allocating(ThriftProtocolKind kind)
    {
        // A million claimed elements in a message of a few bytes: the reader must not size anything by the claim.
        var bytes = Message(kind, ThriftType.List, w => w.WriteListBegin(new(ThriftType.I64, 1_000_000)));
        Assert.IsType<ThriftIncompleteMessageException>(SkipFails(kind, bytes));
        var reader = ThriftProtocols.CreateReader(kind);
        reader.Reset(new ReadOnlySequence<byte>(bytes));
        reader.ReadMessageBegin();
        reader.ReadStructBegin();
        reader.ReadFieldBegin();
        Assert.Throws<ThriftIncompleteMessageException>(() => reader.ReadListBegin());
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_string_longer_than_the_limit_is_a_size_limit(ThriftProtocolKind kind)
    {
        var bytes = Message(kind, ThriftType.String, w => w.WriteString(new string('a', 101)));
        var limits = new ThriftLimits { MaxStringSize = 100 };
        Assert.Equal(ThriftProtocolError.SizeLimit, SkipFails(kind, bytes, limits).Error);
        var reader = ThriftProtocols.CreateReader(kind, limits);
        reader.Reset(new ReadOnlySequence<byte>(bytes));
        reader.ReadMessageBegin();
        reader.ReadStructBegin();
        reader.ReadFieldBegin();
        Assert.Equal(ThriftProtocolError.SizeLimit, Assert.ThrowsAny<ThriftProtocolException>(() => reader.ReadString()).Error);
        // Exactly at the limit is fine.
        var hundred = Message(kind, ThriftType.String, w => w.WriteString(new string('a', 100)));
        OurWire.SkipMessage(ThriftProtocols.CreateReader(kind, limits), new ReadOnlySequence<byte>(hundred));
    }

    [Theory]
    [InlineData(ThriftProtocolKind.Binary, "0B0001" + "FFFFFFFF", ThriftProtocolError.NegativeSize)]
    [InlineData(ThriftProtocolKind.Binary, "0B0001" + "80000000", ThriftProtocolError.NegativeSize)]
    [InlineData(ThriftProtocolKind.Binary, "0B0001" + "7FFFFFFF", ThriftProtocolError.SizeLimit)]
    [InlineData(ThriftProtocolKind.Compact, "18" + "FFFFFFFF0F", ThriftProtocolError.NegativeSize)]
    [InlineData(ThriftProtocolKind.Compact, "18" + "FFFFFFFF07", ThriftProtocolError.SizeLimit)]
    [InlineData(ThriftProtocolKind.Compact, "18" + "FFFFFFFFFF01", ThriftProtocolError.InvalidData)]
    public void A_negative_or_huge_string_length_is_rejected_before_reading(ThriftProtocolKind kind, string body, ThriftProtocolError error)
    {
        var header = kind == ThriftProtocolKind.Binary ? "80010001" + "00000001" + "6D" + "00000001" : "8221" + "01" + "01" + "6D";
        Assert.Equal(error, SkipFails(kind, Convert.FromHexString(header + body)).Error);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Structs_nested_past_the_depth_limit_are_a_depth_limit(ThriftProtocolKind kind)
    {
        // The body is the first level: 64 levels pass, 65 do not.
        var ok = OurWire.Write(kind, new WireMessage("m", ThriftMessageType.Call, 1, WireSamples.Nested(63)));
        OurWire.SkipMessage(ThriftProtocols.CreateReader(kind), new ReadOnlySequence<byte>(ok));
        var deep = OurWire.Write(kind, new WireMessage("m", ThriftMessageType.Call, 1, WireSamples.Nested(64)));
        Assert.Equal(ThriftProtocolError.DepthLimit, SkipFails(kind, deep).Error);
        var template = WireSamples.Nested(64);
        var ex = Assert.ThrowsAny<ThriftProtocolException>(() => OurWire.Read(kind, new ReadOnlySequence<byte>(deep), template));
        Assert.Equal(ThriftProtocolError.DepthLimit, ex.Error);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Containers_nested_past_the_depth_limit_are_a_depth_limit(ThriftProtocolKind kind)
    {
        var node = List(WireKind.I32, Of(1));
        for (var i = 0; i < 200; i++)
        {
            node = i % 2 == 0 ? List(node.Kind, node) : Map(WireKind.I32, node.Kind, (Of(i), node));
        }
        var bytes = OurWire.Write(kind, new WireMessage("m", ThriftMessageType.Call, 1, Struct((1, node))));
        Assert.Equal(ThriftProtocolError.DepthLimit, SkipFails(kind, bytes).Error);
        var limits = new ThriftLimits { MaxDepth = 300 };
        OurWire.SkipMessage(ThriftProtocols.CreateReader(kind, limits), new ReadOnlySequence<byte>(bytes));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Unknown_field_types_are_invalid_data(ThriftProtocolKind kind)
    {
        var bytes = kind switch
        {
            ThriftProtocolKind.Binary => Convert.FromHexString("80010001" + "00000001" + "6D" + "00000001" + "010001" + "00"),
            ThriftProtocolKind.Compact => Convert.FromHexString("8221" + "01" + "01" + "6D" + "1E" + "00"),
            _ => "[1,\"m\",1,1,{\"1\":{\"void\":0}}]"u8.ToArray(),
        };
        Assert.Equal(ThriftProtocolError.InvalidData, SkipFails(kind, bytes).Error);
    }
}
