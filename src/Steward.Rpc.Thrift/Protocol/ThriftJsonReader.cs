using System.Buffers;
using System.Globalization;
using System.Text;

namespace Steward.Rpc.Thrift;

/// <summary>
/// TJSONProtocol's read half. Accepts what Apache's reader accepts, with these differences, all on input
/// Apache never writes: \u escapes take upper-case hex too; an unpaired surrogate escape, bad base64, a
/// number out of its type's range or an unknown type name is an error instead of being passed through or
/// truncated. Like Apache, it allows no whitespace between tokens.
/// </summary>
public sealed class ThriftJsonReader : ThriftReader
{
    /// <summary>No valid number is longer (an i64 is 20 characters, a G17 double 24).</summary>
    private const int MaxNumberLength = 40;

    private ThriftInput _in;
    private int _depth;
    private readonly JsonContexts _contexts = new();
    private byte[] _scratch = new byte[256];

    public ThriftJsonReader(ThriftLimits? limits = null) : base(limits ?? ThriftLimits.Default) { }

    public override ThriftProtocolKind Kind => ThriftProtocolKind.Json;

    public override long Consumed => _in.Consumed;

    public override void Reset(ReadOnlySequence<byte> input)
    {
        _in.Reset(input);
        _depth = 0;
        _contexts.Reset();
        if (_scratch.Length > 64 * 1024)
        {
            _scratch = new byte[256];
        }
    }

    public override ThriftMessageHeader ReadMessageBegin()
    {
        _contexts.Reset();
        ReadArrayStart();
        if (ReadInteger() != 1)
        {
            throw new ThriftProtocolException(ThriftProtocolError.BadVersion, "The JSON message does not start with version 1.");
        }
        var name = ReadString();
        var type = ThriftBinaryReader.CheckMessageType((byte)Math.Clamp(ReadInteger(), 0, 255));
        var sequenceId = ToInt32(ReadInteger());
        return new ThriftMessageHeader(name, type, sequenceId);
    }

    public override void ReadMessageEnd() => ReadArrayEnd();

    public override void ReadStructBegin()
    {
        ThriftLimitChecks.Enter(ref _depth, Limits);
        ReadObjectStart();
    }

    public override void ReadStructEnd()
    {
        ReadObjectEnd();
        ThriftLimitChecks.Exit(ref _depth);
    }

    public override ThriftFieldHeader ReadFieldBegin()
    {
        if (_in.PeekByte() == (byte)'}')
        {
            return default;
        }
        var id = ReadInteger();
        if (id is < short.MinValue or > short.MaxValue)
        {
            throw new ThriftProtocolException(ThriftProtocolError.InvalidData, $"Field id {id} is out of range.");
        }
        ReadObjectStart();
        return new ThriftFieldHeader(ReadTypeName(), (short)id);
    }

    public override void ReadFieldEnd() => ReadObjectEnd();

    public override ThriftListHeader ReadListBegin()
    {
        ReadArrayStart();
        var type = ReadTypeName();
        // Each element takes at least one byte and a comma.
        var count = ThriftLimitChecks.CheckCount(ReadInteger(), Limits, _in.Remaining + 1, 2);
        ThriftLimitChecks.Enter(ref _depth, Limits);
        return new ThriftListHeader(type, count);
    }

    public override void ReadListEnd()
    {
        ReadArrayEnd();
        ThriftLimitChecks.Exit(ref _depth);
    }

    public override ThriftListHeader ReadSetBegin() => ReadListBegin();

    public override void ReadSetEnd() => ReadListEnd();

    public override ThriftMapHeader ReadMapBegin()
    {
        ReadArrayStart();
        var keyType = ReadTypeName();
        var valueType = ReadTypeName();
        // Each entry takes at least a quoted key, a colon, a value and a comma: "1":2,
        var count = ThriftLimitChecks.CheckCount(ReadInteger(), Limits, _in.Remaining + 1, 6);
        ReadObjectStart();
        ThriftLimitChecks.Enter(ref _depth, Limits);
        return new ThriftMapHeader(keyType, valueType, count);
    }

    public override void ReadMapEnd()
    {
        ReadObjectEnd();
        ReadArrayEnd();
        ThriftLimitChecks.Exit(ref _depth);
    }

    public override bool ReadBool() => ReadInteger() != 0;

    public override sbyte ReadByte()
    {
        var value = ReadInteger();
        return value is >= sbyte.MinValue and <= sbyte.MaxValue ? (sbyte)value : throw OutOfRange(value, "i8");
    }

    public override short ReadI16()
    {
        var value = ReadInteger();
        return value is >= short.MinValue and <= short.MaxValue ? (short)value : throw OutOfRange(value, "i16");
    }

    public override int ReadI32() => ToInt32(ReadInteger());

    public override long ReadI64() => ReadInteger();

    public override double ReadDouble()
    {
        ReadDelimiter();
        if (_in.PeekByte() == (byte)'"')
        {
            var text = ReadRawString(out var rented);
            try
            {
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var quoted))
                {
                    throw new ThriftProtocolException(ThriftProtocolError.InvalidData, "A quoted double that is not a number.");
                }
                if (!_contexts.EscapeNumbers && double.IsFinite(quoted))
                {
                    throw new ThriftProtocolException(ThriftProtocolError.InvalidData, "Numeric data unexpectedly quoted.");
                }
                return quoted;
            }
            finally
            {
                Return(rented);
            }
        }
        if (_contexts.EscapeNumbers)
        {
            Expect((byte)'"');
        }
        Span<byte> buffer = stackalloc byte[MaxNumberLength];
        var number = ReadNumericChars(buffer);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new ThriftProtocolException(ThriftProtocolError.InvalidData, "Bad data in a JSON double.");
        }
        return value;
    }

    public override string ReadString()
    {
        ReadDelimiter();
        var bytes = ReadRawString(out var rented);
        try
        {
            return bytes.IsEmpty ? string.Empty : Encoding.UTF8.GetString(bytes);
        }
        finally
        {
            Return(rented);
        }
    }

    public override byte[] ReadBinary()
    {
        ReadDelimiter();
        var text = ReadRawString(out var rented);
        try
        {
            return ThriftBase64.Decode(text);
        }
        finally
        {
            Return(rented);
        }
    }

    public override Guid ReadUuid()
    {
        ReadDelimiter();
        var text = ReadRawString(out var rented);
        try
        {
            Span<char> chars = stackalloc char[68];
            if (text.Length > chars.Length || !Guid.TryParse(chars[..Encoding.ASCII.GetChars(text, chars)], out var value))
            {
                throw new ThriftProtocolException(ThriftProtocolError.InvalidData, "A uuid that is not in any of Guid's text forms.");
            }
            return value;
        }
        finally
        {
            Return(rented);
        }
    }

    public override void Skip(ThriftType type)
    {
        switch (type)
        {
            case ThriftType.Bool:
                ReadBool();
                break;
            case ThriftType.Byte:
                ReadByte();
                break;
            case ThriftType.I16:
                ReadI16();
                break;
            case ThriftType.I32:
                ReadI32();
                break;
            case ThriftType.I64:
                ReadInteger();
                break;
            case ThriftType.Double:
                ReadDouble();
                break;
            case ThriftType.String:
            case ThriftType.Uuid:
                {
                    // Either is a JSON string; skipping checks its escapes without decoding it.
                    ReadDelimiter();
                    ReadRawString(out var rented);
                    Return(rented);
                    break;
                }
            case ThriftType.Struct:
                ReadStructBegin();
                while (true)
                {
                    var field = ReadFieldBegin();
                    if (field.Type == ThriftType.Stop)
                    {
                        break;
                    }
                    Skip(field.Type);
                    ReadFieldEnd();
                }
                ReadStructEnd();
                break;
            case ThriftType.List:
            case ThriftType.Set:
                {
                    var list = ReadListBegin();
                    for (var i = 0; i < list.Count; i++)
                    {
                        Skip(list.ElementType);
                    }
                    ReadListEnd();
                    break;
                }
            case ThriftType.Map:
                {
                    var map = ReadMapBegin();
                    for (var i = 0; i < map.Count; i++)
                    {
                        Skip(map.KeyType);
                        Skip(map.ValueType);
                    }
                    ReadMapEnd();
                    break;
                }
            default:
                throw ThriftLimitChecks.UnknownType((int)type);
        }
    }

    private static ThriftProtocolException OutOfRange(long value, string type) =>
        new(ThriftProtocolError.InvalidData, $"{value} is out of range for {type}.");

    private static int ToInt32(long value) =>
        value is >= int.MinValue and <= int.MaxValue ? (int)value : throw OutOfRange(value, "i32");

    private ThriftType ReadTypeName()
    {
        ReadDelimiter();
        var name = ReadRawString(out var rented);
        var type = ThriftJsonNames.Parse(name);
        Return(rented);
        return type != ThriftType.Stop ? type : throw new ThriftProtocolException(ThriftProtocolError.InvalidData, "Unknown JSON type name.");
    }

    private long ReadInteger()
    {
        ReadDelimiter();
        var quoted = _contexts.EscapeNumbers;
        if (quoted)
        {
            Expect((byte)'"');
        }
        Span<byte> buffer = stackalloc byte[MaxNumberLength];
        var number = ReadNumericChars(buffer);
        if (quoted)
        {
            Expect((byte)'"');
        }
        if (!long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new ThriftProtocolException(ThriftProtocolError.InvalidData, "Bad data in a JSON integer.");
        }
        return value;
    }

    private ReadOnlySpan<byte> ReadNumericChars(Span<byte> buffer)
    {
        var n = 0;
        while (IsNumeric(_in.PeekByte()))
        {
            if (n == buffer.Length)
            {
                throw new ThriftProtocolException(ThriftProtocolError.InvalidData, "A JSON number too long to be one.");
            }
            buffer[n++] = _in.ReadByte();
        }
        return buffer[..n];
    }

    private static bool IsNumeric(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (byte)'+' or (byte)'-' or (byte)'.' or (byte)'E' or (byte)'e';

    private void ReadDelimiter()
    {
        var delimiter = _contexts.NextWrite();
        if (delimiter != 0)
        {
            Expect(delimiter);
        }
    }

    private void Expect(byte expected)
    {
        var actual = _in.ReadByte();
        if (actual != expected)
        {
            throw new ThriftProtocolException(ThriftProtocolError.InvalidData, $"Unexpected character '{(char)actual}' where '{(char)expected}' was expected.");
        }
    }

    private void ReadObjectStart()
    {
        ReadDelimiter();
        Expect((byte)'{');
        _contexts.Push(JsonContexts.Pair);
    }

    private void ReadObjectEnd()
    {
        Expect((byte)'}');
        _contexts.Pop();
    }

    private void ReadArrayStart()
    {
        ReadDelimiter();
        Expect((byte)'[');
        _contexts.Push(JsonContexts.List);
    }

    private void ReadArrayEnd()
    {
        Expect((byte)']');
        _contexts.Pop();
    }

    private static void Return(byte[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

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

/// <summary>Base64 as TJSONProtocol reads it: padding optional (Apache writes none).</summary>
internal static class ThriftBase64
{
    private static readonly sbyte[] s_values = BuildValues();

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
        var value = s_values[c];
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
