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
internal sealed partial class ThriftJsonReader : ThriftReader
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

    protected override void SkipScalar(ThriftType type)
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
}
