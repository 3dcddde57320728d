
namespace Steward.Rpc.Corba.Tests.Cdr;

public class CdrStreamTests
{
    [Fact]
    public void Primitives_are_aligned_on_their_size_from_the_message_start()
    {
        var output = new CdrOutputStream(GiopVersion.V1_2, CodeSets.Native, alignmentOffset: 12);
        output.WriteOctet(1);
        output.WriteULong(0x01020304);
        output.WriteULongLong(5);
        // offset 12: octet; 13..15 pad; 16..19 ulong; 20..23 pad to 24; 24..31 ulonglong
        Assert.Equal(new byte[] { 1, 0, 0, 0, 4, 3, 2, 1, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0 }, output.ToArray());
    }

    [Fact]
    public void Big_endian_input_is_read_as_written()
    {
        var output = new CdrOutputStream(GiopVersion.V1_2, CodeSets.Native, littleEndian: false);
        output.WriteShort(-2);
        output.WriteLong(123456789);
        output.WriteDouble(2.5);
        output.WriteString("héllo");
        var input = new CdrInputStream(output.ToArray(), littleEndian: false, GiopVersion.V1_2, CodeSets.Native);
        Assert.Equal(-2, input.ReadShort());
        Assert.Equal(123456789, input.ReadLong());
        Assert.Equal(2.5, input.ReadDouble());
        Assert.Equal("héllo", input.ReadString());
        Assert.Equal(0, input.Remaining);
    }

    [Fact]
    public void An_encapsulation_counts_alignment_from_its_byte_order_octet()
    {
        var output = new CdrOutputStream();
        output.WriteOctet(9);
        output.BeginEncapsulation();
        output.WriteULong(7);
        output.EndEncapsulation();
        // octet, pad to 4, length 8, byte order 1, pad to 4 within the encapsulation, ulong 7
        Assert.Equal(new byte[] { 9, 0, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0, 7, 0, 0, 0 }, output.ToArray());
        var input = new CdrInputStream(output.ToArray(), true, GiopVersion.V1_2, CodeSets.Native);
        Assert.Equal(9, input.ReadOctet());
        var inner = input.ReadEncapsulation();
        Assert.Equal(7u, inner.ReadULong());
        Assert.Equal(0, input.Remaining);
    }

    [Fact]
    public void A_length_larger_than_the_message_is_a_marshal_error()
    {
        var output = new CdrOutputStream();
        output.WriteULong(1000);
        var input = new CdrInputStream(output.ToArray(), true, GiopVersion.V1_2, CodeSets.Native);
        var error = Assert.Throws<CorbaSystemException>(() => input.ReadString());
        Assert.Equal("MARSHAL", error.Name);
    }

    [Fact]
    public void Wide_strings_need_a_negotiated_code_set_and_giop_1_1()
    {
        Assert.Equal("BAD_PARAM", Assert.Throws<CorbaSystemException>(() => new CdrOutputStream(GiopVersion.V1_2, CodeSets.Default).WriteWString("x")).Name);
        Assert.Equal("BAD_PARAM", Assert.Throws<CorbaSystemException>(() => new CdrOutputStream(GiopVersion.V1_0, CodeSets.Native).WriteWString("x")).Name);
        foreach (var version in new[] { GiopVersion.V1_1, GiopVersion.V1_2 })
        {
            var output = new CdrOutputStream(version, CodeSets.Native);
            output.WriteWString("Grüße ✓");
            output.WriteWChar('λ');
            var input = new CdrInputStream(output.ToArray(), true, version, CodeSets.Native);
            Assert.Equal("Grüße ✓", input.ReadWString());
            Assert.Equal('λ', input.ReadWChar());
        }
    }

    [Fact]
    public void A_string_with_a_nul_inside_is_a_marshal_error_as_the_writer_refuses_one()
    {
        // length 4: 'a', NUL, 'b', NUL
        var input = new CdrInputStream(new byte[] { 4, 0, 0, 0, 0x61, 0, 0x62, 0 }, true, GiopVersion.V1_2, CodeSets.Native);
        Assert.Equal("MARSHAL", Assert.Throws<CorbaSystemException>(() => input.ReadString()).Name);
        Assert.Equal("BAD_PARAM", Assert.Throws<CorbaSystemException>(() => new CdrOutputStream().WriteString("a\0b")).Name);
    }
}
