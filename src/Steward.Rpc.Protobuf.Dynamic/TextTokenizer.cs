using System.Text;

namespace Steward.Rpc.Protobuf.Dynamic;

internal enum TextTokenKind
{
    End,
    Identifier,
    Integer,
    Float,
    String,
    Symbol,
}

internal readonly record struct TextToken(TextTokenKind Kind, string Text, int Line, int Column, byte[]? Bytes = null);

/// <summary>Splits protobuf text format into tokens, following protobuf's tokenizer (<c>#</c> comments, C escapes).</summary>
internal sealed class TextTokenizer
{
    private readonly string _text;
    private int _position;
    private int _line = 1;
    private int _lineStart;

    public TextTokenizer(string text) => _text = text;

    public TextToken Next()
    {
        SkipWhitespaceAndComments();
        var line = _line;
        var column = _position - _lineStart + 1;
        if (_position >= _text.Length)
        {
            return new TextToken(TextTokenKind.End, "", line, column);
        }
        var c = _text[_position];
        if (char.IsAsciiLetter(c) || c == '_')
        {
            var start = _position;
            while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
            {
                _position++;
            }
            return new TextToken(TextTokenKind.Identifier, _text.Substring(start, _position - start), line, column);
        }
        if (char.IsAsciiDigit(c) || c == '.' && _position + 1 < _text.Length && char.IsAsciiDigit(_text[_position + 1]))
        {
            return ReadNumber(line, column);
        }
        if (c is '"' or '\'')
        {
            return ReadString(c, line, column);
        }
        _position++;
        return new TextToken(TextTokenKind.Symbol, c.ToString(), line, column);
    }

    private void SkipWhitespaceAndComments()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == '\n')
            {
                _position++;
                _line++;
                _lineStart = _position;
            }
            else if (c is ' ' or '\t' or '\r' or '\v' or '\f')
            {
                _position++;
            }
            else if (c == '#')
            {
                while (_position < _text.Length && _text[_position] != '\n')
                {
                    _position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private TextToken ReadNumber(int line, int column)
    {
        var start = _position;
        var isFloat = false;
        if (_text[_position] == '0' && _position + 1 < _text.Length && _text[_position + 1] is 'x' or 'X')
        {
            _position += 2;
            while (_position < _text.Length && char.IsAsciiHexDigit(_text[_position]))
            {
                _position++;
            }
        }
        else
        {
            while (_position < _text.Length)
            {
                var c = _text[_position];
                if (char.IsAsciiDigit(c))
                {
                    _position++;
                }
                else if (c == '.')
                {
                    isFloat = true;
                    _position++;
                }
                else if (c is 'e' or 'E')
                {
                    isFloat = true;
                    _position++;
                    if (_position < _text.Length && _text[_position] is '+' or '-')
                    {
                        _position++;
                    }
                }
                else
                {
                    break;
                }
            }
            if (_position < _text.Length && _text[_position] is 'f' or 'F')
            {
                isFloat = true;
                _position++;
            }
        }
        if (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
        {
            throw new ProtoFormatException(line, column, $"Malformed number near \"{_text.Substring(start, Math.Min(_position - start + 1, 40))}\".");
        }
        return new TextToken(isFloat ? TextTokenKind.Float : TextTokenKind.Integer, _text.Substring(start, _position - start), line, column);
    }

    private TextToken ReadString(char quote, int line, int column)
    {
        _position++;
        var bytes = new List<byte>();
        Span<byte> utf8 = stackalloc byte[4];
        while (true)
        {
            if (_position >= _text.Length || _text[_position] == '\n')
            {
                throw new ProtoFormatException(line, column, "Unterminated string literal.");
            }
            var c = _text[_position++];
            if (c == quote)
            {
                break;
            }
            if (c != '\\')
            {
                if (char.IsHighSurrogate(c) && _position < _text.Length && char.IsLowSurrogate(_text[_position]))
                {
                    var n = Encoding.UTF8.GetBytes(new[] { c, _text[_position++] }, utf8);
                    AddRange(bytes, utf8[..n]);
                }
                else
                {
                    var n = Encoding.UTF8.GetBytes(new[] { c }, utf8);
                    AddRange(bytes, utf8[..n]);
                }
                continue;
            }
            if (_position >= _text.Length)
            {
                throw new ProtoFormatException(line, column, "Unterminated string literal.");
            }
            var e = _text[_position++];
            switch (e)
            {
                case 'n': bytes.Add((byte)'\n'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case 'a': bytes.Add(7); break;
                case 'b': bytes.Add(8); break;
                case 'f': bytes.Add(12); break;
                case 'v': bytes.Add(11); break;
                case '?': bytes.Add((byte)'?'); break;
                case '\\': bytes.Add((byte)'\\'); break;
                case '\'': bytes.Add((byte)'\''); break;
                case '"': bytes.Add((byte)'"'); break;
                case 'x' or 'X':
                    bytes.Add((byte)ReadDigits(16, 2, line, column));
                    break;
                case 'u':
                    AppendCodePoint(bytes, ReadDigits(16, 4, line, column, exact: true), line, column);
                    break;
                case 'U':
                    AppendCodePoint(bytes, ReadDigits(16, 8, line, column, exact: true), line, column);
                    break;
                case >= '0' and <= '7':
                    _position--;
                    var octal = ReadDigits(8, 3, line, column);
                    if (octal > 255)
                    {
                        throw new ProtoFormatException(_line, _position - _lineStart, "Octal escape out of range.");
                    }
                    bytes.Add((byte)octal);
                    break;
                default:
                    throw new ProtoFormatException(_line, _position - _lineStart, $"Invalid escape sequence \"\\{e}\" in string literal.");
            }
        }
        var array = bytes.ToArray();
        return new TextToken(TextTokenKind.String, Encoding.UTF8.GetString(array), line, column, array);
    }

    private static void AddRange(List<byte> bytes, ReadOnlySpan<byte> span)
    {
        foreach (var b in span)
        {
            bytes.Add(b);
        }
    }

    private int ReadDigits(int radix, int max, int line, int column, bool exact = false)
    {
        var value = 0;
        var count = 0;
        while (count < max && _position < _text.Length && HexValue(_text[_position]) is var d && d >= 0 && d < radix)
        {
            value = value * radix + d;
            _position++;
            count++;
        }
        if (count == 0 || exact && count != max)
        {
            throw new ProtoFormatException(line, column, "Malformed escape sequence in string literal.");
        }
        return value;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static void AppendCodePoint(List<byte> bytes, int codePoint, int line, int column)
    {
        if (codePoint > 0x10FFFF || codePoint is >= 0xD800 and <= 0xDFFF)
        {
            throw new ProtoFormatException(line, column, $"Invalid Unicode code point U+{codePoint:X} in string literal.");
        }
        AddRange(bytes, Encoding.UTF8.GetBytes(char.ConvertFromUtf32(codePoint)));
    }
}
