using System.Buffers;
using Steward.Rpc.Protobuf.WellKnownTypes;
using Steward.Runtime.Test;

namespace Steward.Rpc.Protobuf.Tests;

public class MessageTests
{
    private static Node Sample() => new()
    {
        Name = "root",
        Child = new Node { Name = "kid", Numbers = { 1, -2, 3 } },
        Numbers = { 7, 8 },
        Fixeds = { 1, uint.MaxValue },
        ByName = { ["a"] = new Node { Signed = -5 }, ["b"] = new Node() },
        Blob = new byte[] { 0, 1, 2 },
        Signed = long.MinValue,
        When = new Timestamp { Seconds = 1_700_000_000, Nanos = 5 },
        Extra = new Struct { Fields = { ["k"] = new Value { StringValue = "v" }, ["n"] = new Value { NullValue = NullValue.NullValue } } },
        Text = "chosen",
        Maybe = 0,
    };

    [Fact]
    public void A_message_round_trips_through_every_entry_point()
    {
        var original = Sample();
        var bytes = original.ToByteArray();
        Assert.Equal(bytes.Length, original.CalculateSize());
        Assert.Equal(original, Node.Parse(bytes));

        var buffer = new ArrayBufferWriter<byte>();
        original.WriteTo(buffer);
        Assert.Equal(bytes, buffer.WrittenSpan.ToArray());

        var span = new byte[bytes.Length + 10];
        Assert.Equal(bytes.Length, original.WriteTo(span));
        Assert.Equal(bytes, span.AsSpan(0, bytes.Length).ToArray());
    }

    [Fact]
    public void A_message_split_across_sequence_segments_parses_like_a_contiguous_one()
    {
        var bytes = Sample().ToByteArray();
        for (var cut = 1; cut < bytes.Length; cut += 7)
        {
            var first = new Segment(bytes.AsMemory(0, cut));
            var last = first.Append(bytes.AsMemory(cut));
            var sequence = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
            Assert.False(sequence.IsSingleSegment);
            Assert.Equal(Sample(), Node.Parse(sequence));
        }
    }

    [Fact]
    public void Clone_is_deep()
    {
        var original = Sample();
        var copy = original.Clone();
        Assert.Equal(original, copy);
        copy.Child!.Numbers.Add(99);
        copy.ByName["a"].Signed = 1;
        copy.Extra!.Fields["k"].StringValue = "changed";
        Assert.NotEqual(original, copy);
        Assert.Equal(3, original.Child!.Numbers.Count);
        Assert.Equal(-5, original.ByName["a"].Signed);
        Assert.Equal("v", original.Extra!.Fields["k"].StringValue);
    }

    [Fact]
    public void Maps_compare_equal_regardless_of_insertion_order()
    {
        var a = new Node { ByName = { ["x"] = new Node(), ["y"] = new Node { Name = "y" } } };
        var b = new Node { ByName = { ["y"] = new Node { Name = "y" }, ["x"] = new Node() } };
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Optional_presence_survives_the_wire_even_at_the_default_value()
    {
        var parsed = Node.Parse(new Node { Maybe = 0 }.ToByteArray());
        Assert.True(parsed.HasMaybe);
        parsed.ClearMaybe();
        Assert.False(parsed.HasMaybe);
        Assert.Empty(parsed.ToByteArray());
        Assert.NotEqual(new Node { Maybe = 0 }, new Node());
    }

    [Fact]
    public void Oneof_members_exclude_each_other()
    {
        var node = new Node { Text = "t" };
        Assert.Equal(Node.ChoiceOneofCase.Text, node.ChoiceCase);
        node.Node_ = new Node { Name = "inner" };
        Assert.Equal(Node.ChoiceOneofCase.Node_, node.ChoiceCase);
        Assert.Equal("", node.Text);
        node.Node_ = null;
        Assert.Equal(Node.ChoiceOneofCase.None, node.ChoiceCase);
    }

    [Fact]
    public void MergeFrom_follows_protobuf_merge_rules()
    {
        var target = new Node { Name = "keep", Numbers = { 1 }, ByName = { ["a"] = new Node { Name = "old" } }, Child = new Node { Name = "c", Signed = 1 } };
        var source = new Node { Numbers = { 2 }, ByName = { ["a"] = new Node { Name = "new" } }, Child = new Node { Signed = 2 }, Text = "t" };
        target.MergeFrom(source);
        Assert.Equal("keep", target.Name);
        Assert.Equal([1, 2], target.Numbers);
        Assert.Equal("new", target.ByName["a"].Name);
        Assert.Equal("c", target.Child!.Name);
        Assert.Equal(2, target.Child.Signed);
        Assert.Equal("t", target.Text);

        // Concatenated encodings merge the same way.
        var concatenated = new Node { Name = "keep", Numbers = { 1 } }.ToByteArray().Concat(new Node { Numbers = { 2 } }.ToByteArray()).ToArray();
        Assert.Equal([1, 2], Node.Parse(concatenated).Numbers);
    }

    [Fact]
    public void Unknown_fields_are_kept_in_order_and_written_back_after_known_fields()
    {
        // field 100 varint 1, name "n", field 101 fixed32, field 100 again.
        var input = Convert.FromHexString("A00601" + "0A016E" + "AD0601020304" + "A00602");
        var node = Node.Parse(input);
        Assert.Equal("n", node.Name);
        Assert.Equal("A00601" + "AD0601020304" + "A00602", Convert.ToHexString(node.UnknownFields!.RawBytes));
        Assert.Equal("0A016E" + "A00601" + "AD0601020304" + "A00602", Convert.ToHexString(node.ToByteArray()));
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
