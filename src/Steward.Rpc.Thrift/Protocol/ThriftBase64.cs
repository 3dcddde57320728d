namespace Steward.Rpc.Thrift;

/// <summary>Base64 as TJSONProtocol reads it: padding optional (Apache writes none).</summary>
internal static class ThriftBase64
{
    private static readonly sbyte[] Values = BuildValues();

    public static byte[] Decode(ReadOnlySpan<byte> text)
    {
        while (!text.IsEmpty && text[^1] == (byte)'=')
        {
            text = text[..^1];
        }
        var rest = text.Length % 4;
        if (rest == 1)
        {
            throw new ThriftProtocolException(ThriftProtocolError.InvalidData, "Base64 of a length no bytes have.");
        }
        var result = new byte[text.Length / 4 * 3 + (rest == 0 ? 0 : rest - 1)];
        var n = 0;
        var i = 0;
        for (; i + 4 <= text.Length; i += 4)
        {
            var bits = (Value(text[i]) << 18) | (Value(text[i + 1]) << 12) | (Value(text[i + 2]) << 6) | Value(text[i + 3]);
            result[n++] = (byte)(bits >> 16);
            result[n++] = (byte)(bits >> 8);
            result[n++] = (byte)bits;
        }
        if (rest >= 2)
        {
            var bits = (Value(text[i]) << 18) | (Value(text[i + 1]) << 12) | (rest == 3 ? Value(text[i + 2]) << 6 : 0);
            result[n++] = (byte)(bits >> 16);
            if (rest == 3)
            {
                result[n] = (byte)(bits >> 8);
            }
        }
        return result;
    }

    private static int Value(byte c)
    {
        var value = Values[c];
        return value >= 0 ? value : throw new ThriftProtocolException(ThriftProtocolError.InvalidData, $"'{(char)c}' is not a base64 character.");
    }

    private static sbyte[] BuildValues()
    {
        var values = new sbyte[256];
        values.AsSpan().Fill(-1);
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8;
        for (var i = 0; i < alphabet.Length; i++)
        {
            values[alphabet[i]] = (sbyte)i;
        }
        return values;
    }
}
