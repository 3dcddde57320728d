namespace Steward.Rpc.Protobuf.Tests;

public class WireTests
{
    private static byte[] Write(int size, WriteAction action)
    {
        var buffer = new byte[size];
        var writer = new ProtoWriter(buffer);
        action(ref writer);
        Assert.Equal(size, writer.Position);
        return buffer;
    }

    private delegate void WriteAction(ref ProtoWriter writer);

    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(1UL, "01")]
    [InlineData(127UL, "7F")]
    [InlineData(128UL, "8001")]
    [InlineData(300UL, "AC02")]
    [InlineData(16384UL, "808001")]
    [InlineData(ulong.MaxValue, "FFFFFFFFFFFFFFFFFF01")]
    public void Varints_encode_as_in_the_protobuf_spec_and_read_back(ulong value, string hex)
    {
        var bytes = Write(ProtoSize.Varint64(value), (ref ProtoWriter w) => w.WriteVarint64(value));
        Assert.Equal(hex, Convert.ToHexString(bytes));
        var reader = new ProtoReader(bytes);
        Assert.Equal(value, reader.ReadVarint64());
        Assert.True(reader.IsAtEnd);
    }

    [Theory]
    [InlineData(0, 0u)]
    [InlineData(-1, 1u)]
    [InlineData(1, 2u)]
    [InlineData(-2, 3u)]
    [InlineData(int.MaxValue, 4294967294u)]
    [InlineData(int.MinValue, 4294967295u)]
    public void ZigZag_maps_signed_to_unsigned_like_the_spec(int value, uint encoded)
    {
        Assert.Equal(encoded, WireFormat.EncodeZigZag32(value));
        Assert.Equal(value, WireFormat.DecodeZigZag32(encoded));
        Assert.Equal(value, WireFormat.DecodeZigZag64(WireFormat.EncodeZigZag64(value)));
    }

    [Fact]
    public void Negative_int32_is_sign_extended_to_ten_bytes()
    {
        Assert.Equal(10, ProtoSize.Int32(-1));
        var bytes = Write(10, (ref ProtoWriter w) => w.WriteInt32(-1));
        Assert.Equal("FFFFFFFFFFFFFFFFFF01", Convert.ToHexString(bytes));
        var reader = new ProtoReader(bytes);
        Assert.Equal(-1, reader.ReadInt32());
    }

    [Fact]
    public void Fixed_width_values_and_floats_are_little_endian()
    {
        var bytes = Write(4 + 8 + 4 + 8, (ref ProtoWriter w) =>
        {
            w.WriteFixed32(0x01020304);
            w.WriteFixed64(0x0102030405060708);
            w.WriteFloat(-0f);
            w.WriteDouble(double.NaN);
        });
        Assert.StartsWith("04030201" + "0807060504030201" + "00000080", Convert.ToHexString(bytes));
        var reader = new ProtoReader(bytes);
        Assert.Equal(0x01020304u, reader.ReadFixed32());
        Assert.Equal(0x0102030405060708UL, reader.ReadFixed64());
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(reader.ReadFloat()));
        Assert.True(double.IsNaN(reader.ReadDouble()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("ü€😀")]
    [InlineData("a string long enough that its UTF-8 length needs the counted path: ü€😀 ü€😀 ü€😀 ü€😀 ü€😀 ü€😀 ü€😀 ü€😀 ü€😀 ü€😀 ü€😀 ü€😀 ü€😀 ü€😀")]
    public void Strings_are_length_prefixed_utf8(string text)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        var bytes = Write(ProtoSize.String(text), (ref ProtoWriter w) => w.WriteString(text));
        Assert.Equal(utf8, bytes.AsSpan(ProtoSize.Length(utf8.Length)).ToArray());
        var reader = new ProtoReader(bytes);
        Assert.Equal(text, reader.ReadString());
    }

    [Fact]
    public void Tags_carry_field_number_and_wire_type()
    {
        var tag = WireFormat.MakeTag(2047, WireType.LengthDelimited);
        Assert.Equal(2047, WireFormat.GetFieldNumber(tag));
        Assert.Equal(WireType.LengthDelimited, WireFormat.GetWireType(tag));
        var bytes = Write(ProtoSize.Varint32(tag), (ref ProtoWriter w) => w.WriteTag(tag));
        var reader = new ProtoReader(bytes);
        Assert.Equal(tag, reader.ReadTag());
        Assert.Equal(0u, reader.ReadTag());
    }

    [Fact]
    public void ByteString_has_value_equality()
    {
        ByteString a = new byte[] { 1, 2, 3 };
        var b = ByteString.CopyFrom([1, 2, 3]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, ByteString.CopyFromUtf8("abc"));
        Assert.True(default(ByteString).IsEmpty);
        Assert.Equal("hé", ByteString.CopyFromUtf8("hé").ToStringUtf8());
    }
}
