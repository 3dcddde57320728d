using System.Collections.Generic;

namespace Steward.Rpc.Schema.Protobuf;

/// <summary>String literals: protoc's escapes, decoded to the bytes protoc would store.</summary>
internal sealed partial class ProtoLexer
{
    private void ReadString(Token token, char quote)
    {
        token.Kind = TokenKind.String;
        var bytes = new List<byte>();
        _pos++;
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                _diagnostics.Error(ProtoDiagnostics.UnterminatedString, "String literal is not terminated before the end of the line.", At(token.Line, token.Column));
                break;
            }
            var c = _text[_pos];
            if (c == quote)
            {
                _pos++;
                break;
            }
            if (c == '\\')
            {
                ReadEscape(bytes);
                continue;
            }
            _pos++;
            if (char.IsHighSurrogate(c) && _pos < _text.Length && char.IsLowSurrogate(_text[_pos]))
            {
                AppendUtf8(bytes, char.ConvertToUtf32(c, _text[_pos]));
                _pos++;
            }
            else
            {
                AppendUtf8(bytes, c);
            }
        }
        token.StringBytes = bytes.ToArray();
    }

    private void ReadEscape(List<byte> bytes)
    {
        var escapeColumn = Column;
        _pos++;
        if (_pos >= _text.Length || _text[_pos] == '\n')
        {
            return;
        }
        var c = _text[_pos++];
        switch (c)
        {
            case 'a': bytes.Add(7); return;
            case 'b': bytes.Add(8); return;
            case 'f': bytes.Add(12); return;
            case 'n': bytes.Add(10); return;
            case 'r': bytes.Add(13); return;
            case 't': bytes.Add(9); return;
            case 'v': bytes.Add(11); return;
            case '\\': case '\'': case '"': case '?': bytes.Add((byte)c); return;
            case 'x':
            case 'X':
            {
                var value = ReadDigits(16, 2, out var count);
                if (count == 0)
                {
                    _diagnostics.Error(ProtoDiagnostics.InvalidEscape, "Expected hex digits for escape sequence.", At(_line, escapeColumn));
                    return;
                }
                bytes.Add((byte)value);
                return;
            }
            case 'u':
            case 'U':
            {
                var want = c == 'u' ? 4 : 8;
                var value = ReadDigits(16, want, out var count);
                if (count != want || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
                {
                    _diagnostics.Error(ProtoDiagnostics.InvalidEscape,
                        c == 'u' ? "Expected four hex digits for \\u escape sequence." : "Expected eight hex digits up to 10ffff for \\U escape sequence.",
                        At(_line, escapeColumn));
                    return;
                }
                AppendUtf8(bytes, (int)value);
                return;
            }
            default:
                if (c >= '0' && c <= '7')
                {
                    _pos--;
                    var value = ReadDigits(8, 3, out _);
                    bytes.Add((byte)value);
                    return;
                }
                _diagnostics.Error(ProtoDiagnostics.InvalidEscape, "Invalid escape sequence in string literal.", At(_line, escapeColumn));
                return;
        }
    }

    private uint ReadDigits(uint radix, int max, out int count)
    {
        uint value = 0;
        count = 0;
        while (count < max && _pos < _text.Length)
        {
            var d = _text[_pos];
            uint digit;
            if (IsDigit(d))
            {
                digit = (uint)(d - '0');
            }
            else if (radix == 16 && IsHex(d))
            {
                digit = (uint)((d | 0x20) - 'a' + 10);
            }
            else
            {
                break;
            }
            if (digit >= radix)
            {
                break;
            }
            value = value * radix + digit;
            count++;
            _pos++;
        }
        return value;
    }

    private static void AppendUtf8(List<byte> bytes, int codePoint)
    {
        if (codePoint < 0x80)
        {
            bytes.Add((byte)codePoint);
        }
        else if (codePoint < 0x800)
        {
            bytes.Add((byte)(0xC0 | (codePoint >> 6)));
            bytes.Add((byte)(0x80 | (codePoint & 0x3F)));
        }
        else if (codePoint < 0x10000)
        {
            bytes.Add((byte)(0xE0 | (codePoint >> 12)));
            bytes.Add((byte)(0x80 | ((codePoint >> 6) & 0x3F)));
            bytes.Add((byte)(0x80 | (codePoint & 0x3F)));
        }
        else
        {
            bytes.Add((byte)(0xF0 | (codePoint >> 18)));
            bytes.Add((byte)(0x80 | ((codePoint >> 12) & 0x3F)));
            bytes.Add((byte)(0x80 | ((codePoint >> 6) & 0x3F)));
            bytes.Add((byte)(0x80 | (codePoint & 0x3F)));
        }
    }
}
