using System.Buffers;
using static Steward.Rpc.Thrift.Tests.Protocol.WireNode;

namespace Steward.Rpc.Thrift.Tests.Protocol;

/// <summary>
/// Skip is one recursion for every protocol. These are the cases where the three copies it replaced used to
/// differ: only binary passed over fixed-size maps in one step, only JSON closed each field it skipped, and
/// only compact read a skipped bool from its field header.
/// </summary>
public class SkipTests
{
    public static TheoryData<ThriftProtocolKind> Kinds => [ThriftProtocolKind.Binary, ThriftProtocolKind.Compact, ThriftProtocolKind.Json];

    private const int Sentinel = -123_456;

    /// <summary>Skips field 1 of <c>{1: value, 2: Sentinel}</c> and checks the reader lands exactly on field 2 and the message end.</summary>
    private static void SkipsToTheNextField(ThriftProtocolKind kind, WireNode value)
    {
        var bytes = OurWire.Write(kind, new WireMessage("m", ThriftMessageType.Call, 1, Struct((1, value), (2, Of(Sentinel)))));
        var reader = ThriftProtocols.CreateReader(kind);
        reader.Reset(new ReadOnlySequence<byte>(bytes));
        reader.ReadMessageBegin();
        reader.ReadStructBegin();
        var skipped = reader.ReadFieldBegin();
        Assert.Equal((short)1, skipped.Id);
        reader.Skip(skipped.Type);
        reader.ReadFieldEnd();
        var next = reader.ReadFieldBegin();
        Assert.Equal((ThriftType.I32, (short)2), (next.Type, next.Id));
        Assert.Equal(Sentinel, reader.ReadI32());
        reader.ReadFieldEnd();
        Assert.Equal(ThriftType.Stop, reader.ReadFieldBegin().Type);
        reader.ReadStructEnd();
        reader.ReadMessageEnd();
        Assert.Equal(bytes.Length, reader.Consumed);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Maps_of_fixed_size_keys_and_values_are_skipped_byte_exactly(ThriftProtocolKind kind)
    {
        SkipsToTheNextField(kind, Map(WireKind.I64, WireKind.Double, (Of(long.MinValue), Of(1.5)), (Of(7L), Of(double.NaN))));
        SkipsToTheNextField(kind, Map(WireKind.Byte, WireKind.Uuid, (Of((sbyte)-1), Of(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff")))));
        SkipsToTheNextField(kind, Map(WireKind.Bool, WireKind.Double, (Of(true), Of(-0.0)), (Of(false), Of(2.0))));
        SkipsToTheNextField(kind, Map(WireKind.I32, WireKind.I16, (Of(int.MaxValue), Of(short.MinValue))));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Maps_with_a_variable_size_side_are_skipped_entry_by_entry(ThriftProtocolKind kind)
    {
        SkipsToTheNextField(kind, Map(WireKind.Double, WireKind.String, (Of(1.0), Of("one")), (Of(2.0), Of(""))));
        SkipsToTheNextField(kind, Map(WireKind.String, WireKind.Bool, (Of("yes"), Of(true)), (Of("no"), Of(false))));
        SkipsToTheNextField(kind, Map(WireKind.Byte, WireKind.List, (Of((sbyte)1), List(WireKind.I64, Of(1L), Of(-1L)))));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Structs_with_several_fields_are_skipped_field_by_field_to_their_end(ThriftProtocolKind kind)
    {
        SkipsToTheNextField(kind, Struct((1, Of(true)), (2, Of("two")), (3, Struct((1, Of(false)), (9, Of(3.5)))), (4, Of(false))));
        SkipsToTheNextField(kind, WireSamples.Nested(5));
        SkipsToTheNextField(kind, Struct());
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Bools_are_skipped_as_fields_and_as_container_elements(ThriftProtocolKind kind)
    {
        SkipsToTheNextField(kind, Of(true));
        SkipsToTheNextField(kind, Of(false));
        SkipsToTheNextField(kind, List(WireKind.Bool, Of(true), Of(false), Of(true)));
        SkipsToTheNextField(kind, Set(WireKind.Bool, Of(false)));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Every_container_sample_is_skipped_to_the_next_field(ThriftProtocolKind kind)
    {
        foreach (var (_, value) in WireSamples.Containers().Fields)
        {
            SkipsToTheNextField(kind, value);
        }
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_fixed_size_map_claiming_more_entries_than_the_input_holds_is_incomplete(ThriftProtocolKind kind)
    {
        var bytes = OurWire.Write(kind, new WireMessage("m", ThriftMessageType.Call, 1,
            Struct((1, Map(WireKind.I64, WireKind.Double, [.. Enumerable.Range(0, 50).Select(i => (Of((long)i), Of(i * 0.5)))])))));
        var reader = ThriftProtocols.CreateReader(kind);
        var truncated = new ReadOnlySequence<byte>(bytes, 0, bytes.Length / 2);
        Assert.Throws<ThriftIncompleteMessageException>(() => OurWire.SkipMessage(reader, truncated));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Skipping_a_fixed_size_map_nested_past_the_depth_limit_is_a_depth_limit(ThriftProtocolKind kind)
    {
        WireNode nested = Map(WireKind.I32, WireKind.I32, (Of(1), Of(2)));
        for (var i = 0; i < 3; i++)
        {
            nested = List(nested.Kind, nested);
        }
        var bytes = OurWire.Write(kind, new WireMessage("m", ThriftMessageType.Call, 1, Struct((1, nested))));
        var reader = ThriftProtocols.CreateReader(kind, new ThriftLimits { MaxDepth = 4 });
        var ex = Assert.Throws<ThriftProtocolException>(() => OurWire.SkipMessage(reader, new ReadOnlySequence<byte>(bytes)));
        Assert.Equal(ThriftProtocolError.DepthLimit, ex.Error);
        OurWire.SkipMessage(ThriftProtocols.CreateReader(kind, new ThriftLimits { MaxDepth = 5 }), new ReadOnlySequence<byte>(bytes));
    }
}
