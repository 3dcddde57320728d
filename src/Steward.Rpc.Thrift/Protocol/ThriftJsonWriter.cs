using System.Buffers;
using System.Globalization;
using System.Text;

namespace Steward.Rpc.Thrift;

/// <summary>
/// TJSONProtocol's write half, byte for byte as Apache's: messages <c>[1,"name",type,seqid,{…}]</c>, structs
/// <c>{"id":{"type":value},…}</c>, maps <c>["k","v",count,{…}]</c>, lists and sets <c>["t",count,…]</c>; numbers
/// in key position quoted; strings escaped per UTF-8 byte; binary as unpadded base64; uuid as its "D" text.
/// </summary>
internal sealed class ThriftJsonWriter : ThriftWriter
{
    private static readonly SearchValues<byte> NeedsEscape = SearchValues.Create(BuildNeedsEscape());
    private static readonly byte[] Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8.ToArray();

    private ThriftOutput _out;
    private readonly JsonContexts _contexts = new();

    public override ThriftProtocolKind Kind => ThriftProtocolKind.Json;

    public override void Reset(IBufferWriter<byte> output)
    {
        _out.Reset(output);
        _contexts.Reset();
    }

    public override void Flush() => _out.Flush();

    public override void WriteMessageBegin(in ThriftMessageHeader header)
    {
        _contexts.Reset();
        WriteArrayStart();
        WriteInteger(1);
        WriteString(header.Name);
        WriteInteger((long)header.Type);
        WriteInteger(header.SequenceId);
    }

    public override void WriteMessageEnd() => WriteArrayEnd();

    public override void WriteStructBegin(string name) => WriteObjectStart();

    public override void WriteStructEnd() => WriteObjectEnd();

    public override void WriteFieldBegin(string name, ThriftType type, short id)
    {
        WriteInteger(id);
        WriteObjectStart();
        WriteAscii(ThriftJsonNames.Of(type));
    }

    public override void WriteFieldEnd() => WriteObjectEnd();

    public override void WriteFieldStop() { }

    public override void WriteListBegin(in ThriftListHeader header)
    {
        WriteArrayStart();
        WriteAscii(ThriftJsonNames.Of(header.ElementType));
        WriteInteger(header.Count);
    }

    public override void WriteListEnd() => WriteArrayEnd();

    public override void WriteSetBegin(in ThriftListHeader header) => WriteListBegin(header);

    public override void WriteSetEnd() => WriteArrayEnd();

    public override void WriteMapBegin(in ThriftMapHeader header)
    {
        WriteArrayStart();
        WriteAscii(ThriftJsonNames.Of(header.KeyType));
        WriteAscii(ThriftJsonNames.Of(header.ValueType));
        WriteInteger(header.Count);
        WriteObjectStart();
    }

    public override void WriteMapEnd()
    {
        WriteObjectEnd();
        WriteArrayEnd();
    }

    public override void WriteBool(bool value) => WriteInteger(value ? 1 : 0);

    public override void WriteByte(sbyte value) => WriteInteger(value);

    public override void WriteI16(short value) => WriteInteger(value);

    public override void WriteI32(int value) => WriteInteger(value);

    public override void WriteI64(long value) => WriteInteger(value);

    public override void WriteDouble(double value)
    {
        WriteDelimiter();
        var span = _out.GetSpan(32);
        // Apache formats with "G17"; NaN and the infinities become quoted strings, as do keys.
        var quote = !double.IsFinite(value) || _contexts.EscapeNumbers;
        var n = 0;
        if (quote)
        {
            span[n++] = (byte)'"';
        }
        value.TryFormat(span[n..], out var written, "G17", CultureInfo.InvariantCulture);
        n += written;
        if (quote)
        {
            span[n++] = (byte)'"';
        }
        _out.Advance(n);
    }

    public override void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteDelimiter();
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max <= 1024)
        {
            Span<byte> utf8 = stackalloc byte[1024];
            var n = Encoding.UTF8.GetBytes(value, utf8);
            WriteQuotedEscaped(utf8[..n]);
            return;
        }
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetByteCount(value));
        try
        {
            var n = Encoding.UTF8.GetBytes(value, rented);
            WriteQuotedEscaped(rented.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteDelimiter();
        _out.WriteByte((byte)'"');
        while (value.Length > 0)
        {
            // Whole 3-byte groups per chunk; only the very end may leave 1 or 2 bytes (written unpadded, as Apache does).
            var take = value.Length <= 3072 ? value.Length : 3072;
            var chunk = value[..take];
            var span = _out.GetSpan((take + 2) / 3 * 4);
            var n = 0;
            var i = 0;
            for (; i + 3 <= chunk.Length; i += 3)
            {
                var bits = (chunk[i] << 16) | (chunk[i + 1] << 8) | chunk[i + 2];
                span[n++] = Base64Alphabet[bits >> 18];
                span[n++] = Base64Alphabet[(bits >> 12) & 0x3f];
                span[n++] = Base64Alphabet[(bits >> 6) & 0x3f];
                span[n++] = Base64Alphabet[bits & 0x3f];
            }
            var rest = chunk.Length - i;
            if (rest == 1)
            {
                span[n++] = Base64Alphabet[chunk[i] >> 2];
                span[n++] = Base64Alphabet[(chunk[i] << 4) & 0x30];
            }
            else if (rest == 2)
            {
                span[n++] = Base64Alphabet[chunk[i] >> 2];
                span[n++] = Base64Alphabet[((chunk[i] << 4) & 0x30) | (chunk[i + 1] >> 4)];
                span[n++] = Base64Alphabet[(chunk[i + 1] << 2) & 0x3c];
            }
            _out.Advance(n);
            value = value[take..];
        }
        _out.WriteByte((byte)'"');
    }

    public override void WriteUuid(Guid value)
    {
        WriteDelimiter();
        var span = _out.GetSpan(38);
        span[0] = (byte)'"';
        value.TryFormat(span[1..], out var n, "D");
        span[n + 1] = (byte)'"';
        _out.Advance(n + 2);
    }

    private void WriteDelimiter()
    {
        var delimiter = _contexts.NextWrite();
        if (delimiter != 0)
        {
            _out.WriteByte(delimiter);
        }
    }

    private void WriteInteger(long value)
    {
        WriteDelimiter();
        var span = _out.GetSpan(22);
        if (_contexts.EscapeNumbers)
        {
            span[0] = (byte)'"';
            value.TryFormat(span[1..], out var n, default, CultureInfo.InvariantCulture);
            span[n + 1] = (byte)'"';
            _out.Advance(n + 2);
        }
        else
        {
            value.TryFormat(span, out var n, default, CultureInfo.InvariantCulture);
            _out.Advance(n);
        }
    }

    /// <summary>A type name: plain ASCII that needs no escaping.</summary>
    private void WriteAscii(ReadOnlySpan<byte> name)
    {
        WriteDelimiter();
        var span = _out.GetSpan(name.Length + 2);
        span[0] = (byte)'"';
        name.CopyTo(span[1..]);
        span[name.Length + 1] = (byte)'"';
        _out.Advance(name.Length + 2);
    }

    private void WriteObjectStart()
    {
        WriteDelimiter();
        _out.WriteByte((byte)'{');
        _contexts.Push(JsonContexts.Pair);
    }

    private void WriteObjectEnd()
    {
        _contexts.Pop();
        _out.WriteByte((byte)'}');
    }

    private void WriteArrayStart()
    {
        WriteDelimiter();
        _out.WriteByte((byte)'[');
        _contexts.Push(JsonContexts.List);
    }

    private void WriteArrayEnd()
    {
        _contexts.Pop();
        _out.WriteByte((byte)']');
    }

    /// <summary>
    /// Apache's escaping, per UTF-8 byte: backslash and quote get a backslash, \b \t \n \f \r their short
    /// forms, other bytes below 0x20 \u00xx in lower-case hex; everything else (non-ASCII too) as it is.
    /// </summary>
    private void WriteQuotedEscaped(ReadOnlySpan<byte> utf8)
    {
        _out.WriteByte((byte)'"');
        while (!utf8.IsEmpty)
        {
            var run = utf8.IndexOfAny(NeedsEscape);
            if (run < 0)
            {
                run = utf8.Length;
            }
            if (run > 0)
            {
                _out.Write(utf8[..run]);
                utf8 = utf8[run..];
                continue;
            }
            var b = utf8[0];
            utf8 = utf8[1..];
            var span = _out.GetSpan(6);
            span[0] = (byte)'\\';
            var shortForm = b switch
            {
                (byte)'\\' => (byte)'\\',
                (byte)'"' => (byte)'"',
                (byte)'\b' => (byte)'b',
                (byte)'\t' => (byte)'t',
                (byte)'\n' => (byte)'n',
                (byte)'\f' => (byte)'f',
                (byte)'\r' => (byte)'r',
                _ => (byte)0,
            };
            if (shortForm != 0)
            {
                span[1] = shortForm;
                _out.Advance(2);
            }
            else
            {
                span[1] = (byte)'u';
                span[2] = (byte)'0';
                span[3] = (byte)'0';
                span[4] = HexDigit(b >> 4);
                span[5] = HexDigit(b & 0xf);
                _out.Advance(6);
            }
        }
        _out.WriteByte((byte)'"');
    }

    private static byte HexDigit(int value) => (byte)(value < 10 ? '0' + value : 'a' + value - 10);

    private static byte[] BuildNeedsEscape()
    {
        var bytes = new List<byte>();
        for (var b = 0; b < 0x20; b++)
        {
            bytes.Add((byte)b);
        }
        bytes.Add((byte)'"');
        bytes.Add((byte)'\\');
        return [.. bytes];
    }
}
