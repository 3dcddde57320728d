using System.Text;

/// <summary>
/// The Greeter's SayHello CALL and its expected REPLY, encoded here by hand from the protocol specs
/// (framed: a 4-byte big-endian length, then the message), so the load client depends on neither
/// stack under test and checks both servers' replies byte for byte.
/// </summary>
internal static class WireCalls
{
    public const string Method = "SayHello";

    public static (byte[] Request, byte[] Reply) Encode(string protocol, string name, int seqId) => protocol switch
    {
        "binary" => (Frame(BinaryCall(name, seqId)), Frame(BinaryReply("Hello " + name, seqId))),
        "compact" => (Frame(CompactCall(name, seqId)), Frame(CompactReply("Hello " + name, seqId))),
        _ => throw new ArgumentException("protocol must be binary or compact: " + protocol),
    };

    private static byte[] Frame(List<byte> message)
    {
        var framed = new byte[4 + message.Count];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(framed, message.Count);
        message.CopyTo(framed, 4);
        return framed;
    }

    // TBinaryProtocol, strict: version|type, name, seqid; field = type, i16 id; string = i32 length + UTF-8.
    private static List<byte> BinaryCall(string name, int seqId)
    {
        var b = new List<byte>();
        BinaryHeader(b, 1, seqId);
        b.AddRange([12, 0, 1]);          // args field 1 `request`: struct
        BinaryString(b, 1, name);        // HelloRequest field 1 `name`
        b.Add(0);                        // end of HelloRequest
        b.Add(0);                        // end of args
        return b;
    }

    private static List<byte> BinaryReply(string message, int seqId)
    {
        var b = new List<byte>();
        BinaryHeader(b, 2, seqId);
        b.AddRange([12, 0, 0]);          // result field 0 `success`: struct
        BinaryString(b, 1, message);     // HelloReply field 1 `message`
        b.Add(0);
        b.Add(0);
        return b;
    }

    private static void BinaryHeader(List<byte> b, byte type, int seqId)
    {
        b.AddRange([0x80, 0x01, 0x00, type]);
        BinaryI32(b, Method.Length);
        b.AddRange(Encoding.UTF8.GetBytes(Method));
        BinaryI32(b, seqId);
    }

    private static void BinaryString(List<byte> b, short id, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        b.AddRange([11, (byte)(id >> 8), (byte)id]);
        BinaryI32(b, bytes.Length);
        b.AddRange(bytes);
    }

    private static void BinaryI32(List<byte> b, int value) =>
        b.AddRange([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);

    // TCompactProtocol: 0x82, version 1 | type << 5, varint seqid, varint-length name; a field is
    // (id delta << 4 | type) when the delta is 1..15, else the type byte and a zigzag i16 id.
    private static List<byte> CompactCall(string name, int seqId)
    {
        var b = new List<byte>();
        CompactHeader(b, 1, seqId);
        b.Add(0x1C);                     // args field 1 (delta 1), struct
        CompactString(b, name);
        b.Add(0);
        b.Add(0);
        return b;
    }

    private static List<byte> CompactReply(string message, int seqId)
    {
        var b = new List<byte>();
        CompactHeader(b, 2, seqId);
        b.AddRange([0x0C, 0x00]);        // result field 0: no delta form for id 0, so type then zigzag(0)
        CompactString(b, message);
        b.Add(0);
        b.Add(0);
        return b;
    }

    private static void CompactHeader(List<byte> b, byte type, int seqId)
    {
        b.Add(0x82);
        b.Add((byte)(1 | (type << 5)));
        Varint(b, (uint)seqId);
        Varint(b, (uint)Method.Length);
        b.AddRange(Encoding.UTF8.GetBytes(Method));
    }

    private static void CompactString(List<byte> b, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        b.Add(0x18);                     // field 1 (delta 1), binary
        Varint(b, (uint)bytes.Length);
        b.AddRange(bytes);
    }

    private static void Varint(List<byte> b, uint value)
    {
        while (value >= 0x80)
        {
            b.Add((byte)(value | 0x80));
            value >>= 7;
        }
        b.Add((byte)value);
    }
}
