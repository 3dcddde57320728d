namespace Steward.Rpc.Ice.Tests.Encoding;

public sealed class PrimitiveEncodingTests
{
    [Fact]
    public void Primitives_are_little_endian_and_round_trip()
    {
        var output = new IceOutputStream();
        output.WriteBool(true);
        output.WriteByte(0xfe);
        output.WriteShort(-2);
        output.WriteInt(0x01020304);
        output.WriteLong(-1L);
        output.WriteFloat(1.5f);
        output.WriteDouble(-0.25);
        Assert.Equal(Convert.FromHexString("01FEFEFF04030201FFFFFFFFFFFFFFFF0000C03F000000000000D0BF"), output.ToArray());

        var input = new IceInputStream(output.ToArray());
        Assert.True(input.ReadBool());
        Assert.Equal(0xfe, input.ReadByte());
        Assert.Equal(-2, input.ReadShort());
        Assert.Equal(0x01020304, input.ReadInt());
        Assert.Equal(-1L, input.ReadLong());
        Assert.Equal(1.5f, input.ReadFloat());
        Assert.Equal(-0.25, input.ReadDouble());
        Assert.Equal(0, input.Remaining);
    }

    [Theory]
    [InlineData(0, "00")]
    [InlineData(254, "FE")]
    [InlineData(255, "FFFF000000")]
    [InlineData(70000, "FF70110100")]
    public void Sizes_take_one_byte_below_255_and_five_from_255(int size, string hex)
    {
        var output = new IceOutputStream();
        output.WriteSize(size);
        Assert.Equal(Convert.FromHexString(hex), output.ToArray());
        Assert.Equal(size, new IceInputStream(output.ToArray()).ReadSize());
    }

    [Fact]
    public void Strings_are_a_size_and_utf8_and_null_writes_as_empty()
    {
        var output = new IceOutputStream();
        output.WriteString("héllo");
        output.WriteString(null);
        Assert.Equal(Convert.FromHexString("0668C3A96C6C6F00"), output.ToArray());
        var input = new IceInputStream(output.ToArray());
        Assert.Equal("héllo", input.ReadString());
        Assert.Equal("", input.ReadString());
    }

    [Fact]
    public void Invalid_utf8_gets_a_marshal_exception()
    {
        var ex = Assert.Throws<IceMarshalException>(() => new IceInputStream(new byte[] { 2, 0xc3, 0x28 }).ReadString());
        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_size_past_the_data_gets_a_marshal_exception_before_allocating()
    {
        // 0x7fffffff elements announced in 5 bytes of data.
        var ex = Assert.Throws<IceMarshalException>(() => new IceInputStream(new byte[] { 255, 0xff, 0xff, 0xff, 0x7f }).ReadByteSeq());
        Assert.Contains("cannot fit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_size_gets_a_marshal_exception() =>
        Assert.Throws<IceMarshalException>(() => new IceInputStream(new byte[] { 255, 0, 0, 0, 0x80 }).ReadSize());

    [Fact]
    public void An_enumerator_out_of_range_gets_a_marshal_exception() =>
        Assert.Throws<IceMarshalException>(() => new IceInputStream(new byte[] { 3 }).ReadEnum(2));

    [Fact]
    public void Encapsulations_carry_their_size_and_bound_the_reads_inside()
    {
        var output = new IceOutputStream();
        output.StartEncapsulation();
        output.WriteInt(7);
        output.EndEncapsulation();
        output.WriteByte(9);
        Assert.Equal(Convert.FromHexString("0A000000010107000000" + "09"), output.ToArray());

        var input = new IceInputStream(output.ToArray());
        Assert.Equal(((byte)1, (byte)1), input.StartEncapsulation());
        Assert.Equal(4, input.Remaining);
        Assert.Equal(7, input.ReadInt());
        Assert.Throws<IceMarshalException>(() => input.ReadByte());
        input.EndEncapsulation();
        Assert.Equal(9, input.ReadByte());
    }

    [Fact]
    public void An_encapsulation_left_partly_unread_gets_a_marshal_exception()
    {
        var input = new IceInputStream(Convert.FromHexString("0A000000010107000000"));
        input.StartEncapsulation();
        input.ReadShort();
        Assert.Throws<IceMarshalException>(input.EndEncapsulation);
    }

    [Theory]
    [InlineData("05000000010100", "does not fit")]
    [InlineData("FF000000010100", "does not fit")]
    [InlineData("0600000002000000", "Unsupported encoding 2.0")]
    public void A_bad_encapsulation_header_gets_a_marshal_exception(string hex, string message)
    {
        var ex = Assert.Throws<IceMarshalException>(() => new IceInputStream(Convert.FromHexString(hex)).StartEncapsulation());
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
