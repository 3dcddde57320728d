using System.Globalization;
using System.Text;

namespace Steward.Rpc.Protobuf.Dynamic;

internal enum JsonKind
{
    Null,
    True,
    False,
    Number,
    String,
    Array,
    Object,
}

/// <summary>
/// A parsed JSON value that remembers where it was written, so errors about its meaning (wrong
/// type, unknown field, out of range) point at the line and column. Numbers keep their source
/// text: int64 values must not pass through a double.
/// </summary>
internal sealed class JsonNode
{
    public JsonNode(JsonKind kind, int line, int column)
    {
        Kind = kind;
        Line = line;
        Column = column;
    }

    public JsonKind Kind { get; }
    public int Line { get; }
    public int Column { get; }
    /// <summary>String contents (unescaped) or the number as written.</summary>
    public string Text { get; init; } = "";
    public List<JsonNode> Items { get; } = new();
    public List<KeyValuePair<JsonNode, JsonNode>> Properties { get; } = new();

    public ProtoFormatException Error(string reason) => new(Line, Column, reason);

    public string Describe() => Kind switch
    {
        JsonKind.String => "string \"" + (Text.Length > 40 ? Text.Substring(0, 40) + "…" : Text) + "\"",
        JsonKind.Number => "number " + Text,
        _ => Kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>A strict RFC 8259 reader with a nesting limit; every error carries line and column.</summary>
internal sealed class JsonTreeReader
{
    private readonly string _text;
    private readonly int _maxDepth;
    private int _position;
    private int _line = 1;
    private int _lineStart;

    private JsonTreeReader(string text, int maxDepth)
    {
        _text = text;
        _maxDepth = maxDepth;
    }

    public static JsonNode Parse(string text, int maxDepth)
    {
        var reader = new JsonTreeReader(text, maxDepth);
        var value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (reader._position < text.Length)
        {
            throw reader.Error("Unexpected text after the JSON value.");
        }
        return value;
    }

    private JsonNode ReadValue(int depth)
    {
        SkipWhitespace();
        if (_position >= _text.Length)
        {
            throw Error("Unexpected end of JSON input.");
        }
        var line = _line;
        var column = _position - _lineStart + 1;
        var c = _text[_position];
        switch (c)
        {
            case '{':
                return ReadObject(depth, line, column);
            case '[':
                return ReadArray(depth, line, column);
            case '"':
                return new JsonNode(JsonKind.String, line, column) { Text = ReadString() };
            case 't':
                ExpectWord("true");
                return new JsonNode(JsonKind.True, line, column);
            case 'f':
                ExpectWord("false");
                return new JsonNode(JsonKind.False, line, column);
            case 'n':
                ExpectWord("null");
                return new JsonNode(JsonKind.Null, line, column);
            default:
                if (c == '-' || char.IsAsciiDigit(c))
                {
                    return new JsonNode(JsonKind.Number, line, column) { Text = ReadNumber() };
                }
                throw Error($"Unexpected character '{c}'.");
        }
    }

    private JsonNode ReadObject(int depth, int line, int column)
    {
        if (depth >= _maxDepth)
        {
            throw Error($"JSON nested deeper than the limit of {_maxDepth}.");
        }
        _position++;
        var node = new JsonNode(JsonKind.Object, line, column);
        SkipWhitespace();
        if (Peek() == '}')
        {
            _position++;
            return node;
        }
        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw Error("Expected a property name in double quotes.");
            }
            var keyLine = _line;
            var keyColumn = _position - _lineStart + 1;
            var key = new JsonNode(JsonKind.String, keyLine, keyColumn) { Text = ReadString() };
            SkipWhitespace();
            if (Peek() != ':')
            {
                throw Error("Expected ':' after a property name.");
            }
            _position++;
            node.Properties.Add(new KeyValuePair<JsonNode, JsonNode>(key, ReadValue(depth + 1)));
            SkipWhitespace();
            var next = Peek();
            _position++;
            if (next == '}')
            {
                return node;
            }
            if (next != ',')
            {
                _position--;
                throw Error("Expected ',' or '}' in an object.");
            }
        }
    }

    private JsonNode ReadArray(int depth, int line, int column)
    {
        if (depth >= _maxDepth)
        {
            throw Error($"JSON nested deeper than the limit of {_maxDepth}.");
        }
        _position++;
        var node = new JsonNode(JsonKind.Array, line, column);
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            return node;
        }
        while (true)
        {
            node.Items.Add(ReadValue(depth + 1));
            SkipWhitespace();
            var next = Peek();
            _position++;
            if (next == ']')
            {
                return node;
            }
            if (next != ',')
            {
                _position--;
                throw Error("Expected ',' or ']' in an array.");
            }
        }
    }

    private string ReadString()
    {
        _position++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("Unterminated string.");
            }
            var c = _text[_position++];
            if (c == '"')
            {
                return sb.ToString();
            }
            if (c < 0x20)
            {
                _position--;
                throw Error("Control character in string.");
            }
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (_position >= _text.Length)
            {
                throw Error("Unterminated string.");
            }
            var e = _text[_position++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (_text.Length - _position < 4 || !int.TryParse(_text.AsSpan(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error("Invalid \\u escape.");
                    }
                    _position += 4;
                    sb.Append((char)code);
                    break;
                default:
                    _position--;
                    throw Error($"Invalid escape '\\{e}'.");
            }
        }
    }

    private string ReadNumber()
    {
        var start = _position;
        if (Peek() == '-')
        {
            _position++;
        }
        if (!char.IsAsciiDigit(Peek()))
        {
            throw Error("Invalid number.");
        }
        if (Peek() == '0')
        {
            _position++;
        }
        else
        {
            SkipDigits();
        }
        if (Peek() == '.')
        {
            _position++;
            if (!char.IsAsciiDigit(Peek()))
            {
                throw Error("Invalid number.");
            }
            SkipDigits();
        }
        if (Peek() is 'e' or 'E')
        {
            _position++;
            if (Peek() is '+' or '-')
            {
                _position++;
            }
            if (!char.IsAsciiDigit(Peek()))
            {
                throw Error("Invalid number.");
            }
            SkipDigits();
        }
        return _text.Substring(start, _position - start);
    }

    private void SkipDigits()
    {
        while (char.IsAsciiDigit(Peek()))
        {
            _position++;
        }
    }

    private void ExpectWord(string word)
    {
        if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0)
        {
            throw Error("Invalid literal.");
        }
        _position += word.Length;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipWhitespace()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == '\n')
            {
                _line++;
                _lineStart = _position + 1;
            }
            else if (c is not (' ' or '\t' or '\r'))
            {
                return;
            }
            _position++;
        }
    }

    private ProtoFormatException Error(string reason) => new(_line, _position - _lineStart + 1, reason);
}
