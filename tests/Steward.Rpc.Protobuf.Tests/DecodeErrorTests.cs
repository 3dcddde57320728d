using System.Buffers;
using Steward.Runtime.Test;

namespace Steward.Rpc.Protobuf.Tests;

/// <summary>Every kind of bad input ends in one <see cref="ProtoDecodeException"/> that says where and why.</summary>
public class DecodeErrorTests
{
    private static ProtoDecodeException Fails(string hex, ProtoReaderOptions? options = null) =>
        Assert.Throws<ProtoDecodeException>(() => Node.Parse(Convert.FromHexString(hex), options));

    [Fact]
    public void Truncated_varint_reports_where_it_started()
    {
        // name = "ab", then numbers (field 3, varint) whose value never ends.
        var ex = Fails("0A0261621880");
        Assert.Equal(5, ex.Position);
        Assert.Contains("truncated varint", ex.Message);
    }

    [Fact]
    public void Varint_longer_than_ten_bytes_is_rejected()
    {
        var ex = Fails("18" + "FFFFFFFFFFFFFFFFFFFF01");
        Assert.Equal(1, ex.Position);
        Assert.Contains("longer than 10 bytes", ex.Reason);
    }

    [Fact]
    public void Length_past_the_end_is_rejected_before_anything_is_allocated()
    {
        // blob (field 6) claims 2 GiB - 1 bytes in a 7-byte input.
        var ex = Fails("32FFFFFFFF07");
        Assert.Equal(1, ex.Position);
        Assert.Contains("runs past the end", ex.Reason);
    }

    [Fact]
    public void Negative_length_is_rejected()
    {
        var ex = Fails("0AFFFFFFFFFFFFFFFFFF01");
        Assert.Equal(1, ex.Position);
        Assert.Contains("negative", ex.Reason);
        Assert.Contains("negative", Fails("0AFFFFFFFF0F").Reason);
    }

    [Fact]
    public void Wrong_wire_type_for_a_known_field_is_rejected()
    {
        // name (field 1) is a string but arrives as a varint.
        var ex = Fails("0A01610801");
        Assert.Equal(3, ex.Position);
        Assert.Contains("field 1 has wire type 0", ex.Reason);
    }

    [Theory]
    [InlineData("0B", 3)]
    [InlineData("0C", 4)]
    [InlineData("A306", 3)]
    public void Group_wire_types_are_rejected_because_proto3_has_no_groups(string hex, int wireType)
    {
        var ex = Fails(hex);
        Assert.Equal(0, ex.Position);
        Assert.Contains($"group wire type {wireType}", ex.Reason);
    }

    [Theory]
    [InlineData("0E")]
    [InlineData("0F")]
    public void Undefined_wire_types_are_rejected(string hex) => Assert.Contains("invalid wire type", Fails(hex).Reason);

    [Fact]
    public void Field_number_zero_is_rejected() => Assert.Contains("field number 0", Fails("0001").Reason);

    [Fact]
    public void Truncated_fixed_width_values_are_rejected()
    {
        Assert.Contains("truncated fixed32", Fails("220400000000" + "2501").Reason);
        var reader = new ProtoReader([1, 2, 3]);
        try
        {
            reader.ReadFixed64();
            Assert.Fail("no exception");
        }
        catch (ProtoDecodeException ex)
        {
            Assert.Equal(0, ex.Position);
        }
    }

    [Fact]
    public void Packed_fixed32_whose_length_is_not_a_multiple_of_four_is_rejected() =>
        Assert.Contains("truncated fixed32", Fails("220501020304FF").Reason);

    [Fact]
    public void Embedded_message_length_past_its_parent_is_rejected()
    {
        // child (field 2) of 3 bytes contains name with a length of 5.
        var ex = Fails("12030A0561");
        Assert.Equal(3, ex.Position);
    }

    private static byte[] Nested(int depth)
    {
        var inner = Array.Empty<byte>();
        for (var i = 0; i < depth; i++)
        {
            var outer = new List<byte> { 0x12 };
            var length = inner.Length;
            while (length >= 0x80)
            {
                outer.Add((byte)(length | 0x80));
                length >>= 7;
            }
            outer.Add((byte)length);
            outer.AddRange(inner);
            inner = outer.ToArray();
        }
        return inner;
    }

    [Fact]
    public void Nesting_up_to_the_recursion_limit_is_accepted_and_one_deeper_is_rejected()
    {
        var atLimit = Node.Parse(Nested(100));
        Assert.NotNull(atLimit.Child);
        var ex = Assert.Throws<ProtoDecodeException>(() => Node.Parse(Nested(101)));
        Assert.Contains("recursion limit of 100", ex.Reason);
        Assert.Throws<ProtoDecodeException>(() => Node.Parse(Nested(11), new ProtoReaderOptions { RecursionLimit = 10 }));
    }

    [Fact]
    public void Nesting_thousands_deep_fails_at_the_limit_instead_of_overflowing_the_stack() =>
        Assert.Contains("recursion limit", Assert.Throws<ProtoDecodeException>(() => Node.Parse(Nested(20_000))).Reason);

    [Fact]
    public void Input_over_the_configured_maximum_size_is_rejected_up_front()
    {
        var bytes = new Node { Name = new string('x', 100) }.ToByteArray();
        var ex = Assert.Throws<ProtoDecodeException>(() => Node.Parse(bytes, new ProtoReaderOptions { MaxMessageSize = 50 }));
        Assert.Equal(0, ex.Position);
        Assert.Contains("exceeds the maximum of 50", ex.Reason);
        Assert.Throws<ProtoDecodeException>(() => Node.Parse(new ReadOnlySequence<byte>(bytes), new ProtoReaderOptions { MaxMessageSize = 50 }));
        Assert.Equal("xxx", Node.Parse(new Node { Name = "xxx" }.ToByteArray(), new ProtoReaderOptions { MaxMessageSize = 50 }).Name);
    }

    [Fact]
    public void Errors_in_map_entries_and_oneof_messages_carry_positions_too()
    {
        // by_name (5) entry whose key (1) arrives as fixed64.
        var ex = Fails("2A0909" + "0102030405060708");
        Assert.Contains("field 1 has wire type 1", ex.Reason);
        Assert.Equal(2, ex.Position);
    }
}
