using System.Buffers;
using System.Text;

namespace Steward.Rpc.Thrift;

/// <summary>JSON strings: unescaping, surrogate pairs, the size limit.</summary>
internal sealed partial class ThriftJsonReader
{
    /// <summary>
    /// Reads a quoted JSON string (the delimiter already read) and returns its bytes unescaped: a slice of the
    /// input when it has no escapes, else the reader's scratch buffer or <paramref name="rented"/>.
    /// </summary>
    private ReadOnlySpan<byte> ReadRawString(out byte[]? rented)
    {
        rented = null;
        Expect((byte)'"');
        var limit = Limits.MaxStringSize;
        // Fast path: the whole string, without escapes, in the current segment.
        if (_in.TryReadPlainString(limit, out var plain))
        {
            return plain;
        }
        var buffer = _scratch;
        var length = 0;
        var highSurrogate = 0;
        while (true)
        {
            var b = _in.ReadByte();
            if (b == (byte)'"')
            {
                break;
            }
            if (length + 4 > buffer.Length)
            {
                if (length >= limit)
                {
                    throw new ThriftProtocolException(ThriftProtocolError.SizeLimit, $"A JSON string longer than the limit of {limit} bytes.");
                }
                buffer = Grow(buffer, ref rented, length);
            }
            if (b != (byte)'\\')
            {
                if (highSurrogate != 0)
                {
                    throw new ThriftProtocolException(ThriftProtocolError.InvalidData, "Expected a low surrogate escape.");
                }
                buffer[length++] = b;
                continue;
            }
            var escape = _in.ReadByte();
            if (escape != (byte)'u')
            {
                if (highSurrogate != 0)
                {
                    throw new ThriftProtocolException(ThriftProtocolError.InvalidData, "Expected a low surrogate escape.");
                }
                buffer[length++] = escape switch
                {
                    (byte)'"' => (byte)'"',
                    (byte)'\\' => (byte)'\\',
                    (byte)'/' => (byte)'/',
                    (byte)'b' => (byte)'\b',
                    (byte)'f' => (byte)'\f',
                    (byte)'n' => (byte)'\n',
                    (byte)'r' => (byte)'\r',
                    (byte)'t' => (byte)'\t',
                    _ => throw new ThriftProtocolException(ThriftProtocolError.InvalidData, $"Unknown escape '\\{(char)escape}'."),
                };
                continue;
            }
            var unit = ReadHex4();
            if (char.IsHighSurrogate((char)unit))
            {
                if (highSurrogate != 0)
                {
                    throw new ThriftProtocolException(ThriftProtocolError.InvalidData, "Expected a low surrogate escape.");
                }
                highSurrogate = unit;
                continue;
            }
            int codePoint;
            if (char.IsLowSurrogate((char)unit))
            {
                if (highSurrogate == 0)
                {
                    throw new ThriftProtocolException(ThriftProtocolError.InvalidData, "A low surrogate escape without its high surrogate.");
                }
                codePoint = char.ConvertToUtf32((char)highSurrogate, (char)unit);
                highSurrogate = 0;
            }
            else
            {
                if (highSurrogate != 0)
                {
                    throw new ThriftProtocolException(ThriftProtocolError.InvalidData, "Expected a low surrogate escape.");
                }
                codePoint = unit;
            }
            length += new Rune(codePoint).EncodeToUtf8(buffer.AsSpan(length));
        }
        if (highSurrogate != 0)
        {
            throw new ThriftProtocolException(ThriftProtocolError.InvalidData, "Expected a low surrogate escape.");
        }
        if (length > limit)
        {
            throw new ThriftProtocolException(ThriftProtocolError.SizeLimit, $"A JSON string longer than the limit of {limit} bytes.");
        }
        return buffer.AsSpan(0, length);
    }

    private byte[] Grow(byte[] buffer, ref byte[]? rented, int length)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, 1024));
        buffer.AsSpan(0, length).CopyTo(bigger);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
        rented = bigger;
        return bigger;
    }

    private int ReadHex4()
    {
        var value = 0;
        for (var i = 0; i < 4; i++)
        {
            var c = _in.ReadByte();
            int digit = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                _ => throw new ThriftProtocolException(ThriftProtocolError.InvalidData, "Expected a hex digit in a \\u escape."),
            };
            value = (value << 4) | digit;
        }
        return value;
    }
}
