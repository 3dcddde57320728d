
namespace Steward.Rpc.Protobuf.Dynamic.Tests;

/// <summary>The dynamic codec against protoc itself: same bytes from the same text, same text from the same bytes.</summary>
public class ProtocInteropTests
{
    private static string RichText => File.ReadAllText(Path.Combine(TestSchemas.ProtoDirectory, "rich.txt"));

    [Fact]
    public void Encoding_text_gives_the_same_bytes_as_protoc_encode()
    {
        Protoc.RequireInstalled();
        var expected = Protoc.Encode("rich.Rich", RichText);

        var message = ProtoTextFormat.Parse(TestSchemas.Message("rich.Rich"), RichText, TestSchemas.Rich);
        var actual = ProtoBinary.Serialize(message);

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(actual));
    }

    [Fact]
    public void Decoding_protoc_bytes_prints_exactly_the_text_protoc_decode_prints()
    {
        Protoc.RequireInstalled();
        var binary = Protoc.Encode("rich.Rich", RichText);
        var expected = Protoc.Decode("rich.Rich", binary);

        var message = ProtoBinary.Parse(TestSchemas.Message("rich.Rich"), binary);

        Assert.Equal(expected, ProtoTextFormat.Format(message));
    }

    [Fact]
    public void Unknown_fields_print_by_number_like_protoc()
    {
        Protoc.RequireInstalled();
        // Inner has fields 1-3; 7 (varint), 8 (fixed64), 9 (fixed32), 10 (string), 11 (nested fields) are unknown to it.
        var bytes = Convert.FromHexString("0A0178" + "3896" + "01" + "410100000000000000" + "4D02000000" + "5203616263" + "5A020801");
        var expected = Protoc.Decode("rich.Inner", bytes);

        var message = ProtoBinary.Parse(TestSchemas.Message("rich.Inner"), bytes);

        Assert.Equal(expected, ProtoTextFormat.Format(message));
        Assert.Equal(bytes, ProtoBinary.Serialize(message));
    }

    [Fact]
    public void Well_known_types_encode_like_protoc()
    {
        Protoc.RequireInstalled();
        const string text = """
            ts { seconds: 1700000000 nanos: 5 } dur { seconds: -1 nanos: -500 } i64w { value: -3 } sw { value: "s" }
            st { fields { key: "k" value { list_value { values { number_value: 1 } values { null_value: NULL_VALUE } } } } }
            mask { paths: "a.b" paths: "c_d" } empty {} any { [type.googleapis.com/rich.Inner] { name: "packed" } }
            """;
        var expected = Protoc.Encode("rich.Known", text);

        var message = ProtoTextFormat.Parse(TestSchemas.Message("rich.Known"), text, TestSchemas.Rich);

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(ProtoBinary.Serialize(message)));
        Assert.Equal(Protoc.Decode("rich.Known", expected), ProtoTextFormat.Format(ProtoBinary.Parse(TestSchemas.Message("rich.Known"), expected)));
    }

    [Fact]
    public void Packed_and_unpacked_repeated_fields_are_both_accepted_and_written_as_declared()
    {
        // ri (18) arrives unpacked, rsi (29, packed=false) arrives packed; each is rewritten in its declared form.
        var input = Convert.FromHexString("9001019001029001" + "03" + "EA01020102");
        var message = ProtoBinary.Parse(TestSchemas.Message("rich.Rich"), input);

        var output = ProtoBinary.Serialize(message);

        Assert.Equal("920103010203E80101E80102", Convert.ToHexString(output));
        Assert.Equal("ri: 1\nri: 2\nri: 3\nrsi: -1\nrsi: 1\n", ProtoTextFormat.Format(message));
    }
}
