using System.Buffers;
using System.Text;
using static Steward.Rpc.Thrift.Tests.Protocol.WireNode;

namespace Steward.Rpc.Thrift.Tests.Protocol;

/// <summary>Encodings worked out by hand from the protocol specifications, independent of any library.</summary>
public class KnownEncodingTests
{
    private static readonly WireMessage Ping = new("ping", ThriftMessageType.Call, 7, Struct((1, Of(5))));

    [Fact]
    public void Binary_message_is_version_word_name_seqid_then_fields()
    {
        Assert.Equal("800100010000000470696E6700000007080001000000050" + "0", Convert.ToHexString(OurWire.Write(ThriftProtocolKind.Binary, Ping)));
    }

    [Fact]
    public void Binary_reads_the_old_non_strict_header_with_the_name_first()
    {
        var old = Convert.FromHexString("0000000470696E67" + "01" + "00000007" + "080001000000050" + "0");
        var read = OurWire.Read(ThriftProtocolKind.Binary, new ReadOnlySequence<byte>(old), Ping.Body);
        Assert.Equal(Ping.ToString(), read.ToString());
    }

    [Fact]
    public async Task Binary_non_strict_header_written_by_apache_reads_the_same()
    {
        using var transport = new global::Thrift.Transport.Client.TMemoryBufferTransport(new global::Thrift.TConfiguration());
        global::Thrift.Protocol.TProtocol apache = new global::Thrift.Protocol.TBinaryProtocol(transport, strictRead: false, strictWrite: false);
        await apache.WriteMessageBeginAsync(new global::Thrift.Protocol.Entities.TMessage("ping", global::Thrift.Protocol.Entities.TMessageType.Call, 7), TestContext.Current.CancellationToken);
        await ApacheWire.WriteAsync(apache, Ping.Body);
        await apache.WriteMessageEndAsync(TestContext.Current.CancellationToken);
        var bytes = transport.GetBuffer();
        Assert.Equal(0, bytes[0]);
        Assert.Equal(Ping.ToString(), OurWire.Read(ThriftProtocolKind.Binary, new ReadOnlySequence<byte>(bytes), Ping.Body).ToString());
    }

    [Theory]
    [InlineData("80020001")]
    [InlineData("80000001")]
    [InlineData("FFFFFFFF")]
    public void Binary_with_a_bad_version_word_is_a_bad_version(string header)
    {
        var bytes = Convert.FromHexString(header + "0000000470696E67000000070" + "0");
        var ex = Assert.Throws<ThriftProtocolException>(() => OurWire.Read(ThriftProtocolKind.Binary, new ReadOnlySequence<byte>(bytes), Struct()));
        Assert.Equal(ThriftProtocolError.BadVersion, ex.Error);
    }

    [Fact]
    public void Compact_message_is_protocol_id_version_and_type_varint_seqid_name_then_fields()
    {
        Assert.Equal("82210704" + "70696E67" + "150A00", Convert.ToHexString(OurWire.Write(ThriftProtocolKind.Compact, Ping)));
    }

    [Fact]
    public void Compact_folds_bools_into_field_headers_and_uses_the_long_form_past_a_delta_of_15()
    {
        var message = new WireMessage("", ThriftMessageType.Reply, 0, Struct((1, Of(true)), (2, Of(false)), (20, Of(-1)), (-3, Of(true))));
        // 11: delta 1 true; 12: delta 1 false; 05 28 01: i32, zigzag id 20, zigzag -1; 01 05: true, zigzag id -3.
        Assert.Equal("8241000011120528010105" + "00", Convert.ToHexString(OurWire.Write(ThriftProtocolKind.Compact, message)));
    }

    [Fact]
    public void Compact_lists_use_the_short_header_up_to_14_elements_and_maps_omit_types_when_empty()
    {
        var message = new WireMessage("", ThriftMessageType.Call, 0, Struct(
            (1, List(WireKind.Byte, [.. Enumerable.Repeat(Of((sbyte)1), 14)])),
            (2, List(WireKind.Bool, [.. Enumerable.Repeat(Of(false), 15)])),
            (3, Map(WireKind.I32, WireKind.String)),
            (4, Map(WireKind.I32, WireKind.String, (Of(1), Of("a"))))));
        var hex = Convert.ToHexString(OurWire.Write(ThriftProtocolKind.Compact, message));
        var expected = "82210000" + "19" + "E3" + string.Concat(Enumerable.Repeat("01", 14))
            + "19" + "F10F" + string.Concat(Enumerable.Repeat("02", 15))
            + "1B" + "00" + "1B" + "0158" + "02" + "0161" + "00";
        Assert.Equal(expected, hex);
    }

    [Theory]
    [InlineData("8321")]
    [InlineData("8222")]
    [InlineData("8200")]
    public void Compact_with_a_bad_protocol_id_or_version_is_a_bad_version(string header)
    {
        var bytes = Convert.FromHexString(header + "0000" + "00");
        var ex = Assert.Throws<ThriftProtocolException>(() => OurWire.Read(ThriftProtocolKind.Compact, new ReadOnlySequence<byte>(bytes), Struct()));
        Assert.Equal(ThriftProtocolError.BadVersion, ex.Error);
    }

    [Fact]
    public void Json_message_is_an_array_with_quoted_field_ids()
    {
        Assert.Equal("[1,\"ping\",1,7,{\"1\":{\"i32\":5}}]", Encoding.UTF8.GetString(OurWire.Write(ThriftProtocolKind.Json, Ping)));
    }

    [Fact]
    public void Json_writes_containers_with_type_names_counts_and_quoted_map_keys()
    {
        var message = new WireMessage("m", ThriftMessageType.Reply, 1, Struct(
            (1, Map(WireKind.String, WireKind.I32, (Of("a"), Of(1)))),
            (2, Map(WireKind.I32, WireKind.Bool, (Of(2), Of(true)))),
            (3, List(WireKind.I64, Of(1L), Of(-2L))),
            (4, Set(WireKind.Double, Of(double.NaN), Of(-0.5))),
            (5, Map(WireKind.Double, WireKind.Byte, (Of(1.5), Of((sbyte)3))))));
        Assert.Equal(
            "[1,\"m\",2,1,{\"1\":{\"map\":[\"str\",\"i32\",1,{\"a\":1}]},\"2\":{\"map\":[\"i32\",\"tf\",1,{\"2\":1}]},"
            + "\"3\":{\"lst\":[\"i64\",2,1,-2]},\"4\":{\"set\":[\"dbl\",2,\"NaN\",-0.5]},\"5\":{\"map\":[\"dbl\",\"i8\",1,{\"1.5\":3}]}}]",
            Encoding.UTF8.GetString(OurWire.Write(ThriftProtocolKind.Json, message)));
    }

    [Fact]
    public void Json_escapes_per_byte_as_apache_does_and_writes_base64_without_padding()
    {
        var message = new WireMessage("", ThriftMessageType.Call, 0, Struct(
            (1, Of("a\"b\\c\u0001\n/é")), (2, Of(new byte[] { 1, 2, 3 })), (3, Of(new byte[] { 1, 2 })), (4, Of(new byte[] { 0xff })),
            (5, Of(Guid.Parse("00112233-4455-6677-8899-AABBCCDDEEFF")))));
        Assert.Equal(
            "[1,\"\",1,0,{\"1\":{\"str\":\"a\\\"b\\\\c\\u0001\\n/é\"},\"2\":{\"str\":\"AQID\"},\"3\":{\"str\":\"AQI\"},\"4\":{\"str\":\"/w\"},"
            + "\"5\":{\"uid\":\"00112233-4455-6677-8899-aabbccddeeff\"}}]",
            Encoding.UTF8.GetString(OurWire.Write(ThriftProtocolKind.Json, message)));
    }

    [Fact]
    public void Json_reads_unicode_escapes_surrogate_pairs_solidus_and_padded_base64()
    {
        var json = "[1,\"\",1,0,{\"1\":{\"str\":\"\\u00e9\\ud83d\\ude00\\/\\u0041\\t\"},\"2\":{\"str\":\"AQI=\"},\"3\":{\"str\":\"/w==\"}}]";
        var template = Struct((1, Of("")), (2, Of(Array.Empty<byte>())), (3, Of(Array.Empty<byte>())));
        var read = OurWire.Read(ThriftProtocolKind.Json, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), template);
        Assert.Equal(Struct((1, Of("é😀/A\t")), (2, Of(new byte[] { 1, 2 })), (3, Of(new byte[] { 0xff }))).ToString(), read.Body.ToString());
    }

    [Theory]
    [InlineData("\"\\ud83d\"", "a lone high surrogate")]
    [InlineData("\"\\ude00\"", "a lone low surrogate")]
    [InlineData("\"\\ud83dx\\ude00\"", "a raw byte between the halves")]
    [InlineData("\"\\x\"", "an unknown escape")]
    [InlineData("\"\\u00g0\"", "a bad hex digit")]
    public void Json_rejects_bad_escapes_as_invalid_data(string jsonString, string because)
    {
        var json = "[1,\"\",1,0,{\"1\":{\"str\":" + jsonString + "}}]";
        var ex = Assert.Throws<ThriftProtocolException>(() =>
            OurWire.Read(ThriftProtocolKind.Json, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), Struct((1, Of("")))));
        Assert.True(ex.Error == ThriftProtocolError.InvalidData, because);
    }

    [Theory]
    [InlineData("[2,\"\",1,0,{}]", ThriftProtocolError.BadVersion)]
    [InlineData("[1,\"\",1,0,{\"1\":{\"xyz\":1}}]", ThriftProtocolError.InvalidData)]
    [InlineData("[1,\"\",1,0,{\"1\":{\"i32\":\"1\"}}]", ThriftProtocolError.InvalidData)]
    [InlineData("[1,\"\",1,0,{\"1\":{\"dbl\":\"1.5\"}}]", ThriftProtocolError.InvalidData)]
    [InlineData("[1,\"\",1,0,{1:{\"i32\":1}}]", ThriftProtocolError.InvalidData)]
    [InlineData("[1,\"\",1,0,{\"1\":{\"i32\":99999999999}}]", ThriftProtocolError.InvalidData)]
    [InlineData("[1, \"\",1,0,{}]", ThriftProtocolError.InvalidData)]
    public void Json_rejects_malformed_messages_with_the_right_error(string json, ThriftProtocolError error)
    {
        var reader = new ThriftJsonReader();
        reader.Reset(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)));
        var ex = Assert.Throws<ThriftProtocolException>(() =>
        {
            reader.ReadMessageBegin();
            reader.Skip(ThriftType.Struct);
            reader.ReadMessageEnd();
        });
        Assert.Equal(error, ex.Error);
    }

    [Fact]
    public void Uuids_are_sixteen_bytes_in_rfc_4122_order_in_binary_and_compact()
    {
        var uuid = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        var message = new WireMessage("", ThriftMessageType.Call, 0, Struct((1, Of(uuid))));
        Assert.EndsWith("1000010" + "0112233445566778899AABBCCDDEEFF00", Convert.ToHexString(OurWire.Write(ThriftProtocolKind.Binary, message)));
        Assert.EndsWith("1D00112233445566778899AABBCCDDEEFF00", Convert.ToHexString(OurWire.Write(ThriftProtocolKind.Compact, message)));
    }
}
