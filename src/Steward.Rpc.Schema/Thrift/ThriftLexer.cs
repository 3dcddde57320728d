using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Steward.Rpc.Schema.Lexing;

namespace Steward.Rpc.Schema.Thrift;

internal enum ThriftTokenKind
{
    Identifier,
    Integer,
    Float,
    String,
    Symbol,
    End,
}

internal sealed class ThriftToken
{
    public ThriftTokenKind Kind;
    /// <summary>Source text; for strings the decoded contents.</summary>
    public string Text = "";
    public int Line;
    public int Column;
    public ulong IntegerMagnitude;
    public bool IsNegative;
    public double FloatValue;
    /// <summary>The <c>/** */</c> comment directly before this token, markers stripped.</summary>
    public string? Doc;

    public bool Is(string symbolOrWord) => (Kind == ThriftTokenKind.Symbol || Kind == ThriftTokenKind.Identifier) && Text == symbolOrWord;
    public override string ToString() => Kind switch
    {
        ThriftTokenKind.End => "end of file",
        ThriftTokenKind.String => "string literal",
        _ => "\"" + Text + "\"",
    };
}

/// <summary>
/// Splits .thrift text into tokens as the Thrift compiler's lexer does: identifiers may contain
/// dots (<c>shared.SharedStruct</c> is one token), integers carry their sign (<c>-1:</c> is a field
/// id), strings take either quote and only the escapes Thrift knows, and comments are <c>//</c>,
/// <c>#</c> and <c>/* */</c>, where <c>/** */</c> is documentation for what follows.
/// </summary>
internal sealed class ThriftLexer : IdlLexer
{
    public ThriftLexer(string text, string file, DiagnosticBag diagnostics)
        : base(text, file, diagnostics)
    {
    }

    public List<ThriftToken> Tokenize()
    {
        var tokens = new List<ThriftToken>();
        while (true)
        {
            var doc = SkipTrivia();
            var token = new ThriftToken { Line = _line, Column = Column, Doc = doc };
            if (_pos >= _text.Length)
            {
                token.Kind = ThriftTokenKind.End;
                tokens.Add(token);
                return tokens;
            }
            if (ReadToken(token))
            {
                tokens.Add(token);
            }
        }
    }

    private string? SkipTrivia()
    {
        string? doc = null;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                NewLine();
            }
            else if (IsBlank(c))
            {
                _pos++;
            }
            else if (c == '#' || (c == '/' && Peek(1) == '/'))
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var line = _line;
                var column = Column;
                var isDoc = Peek(2) == '*' && Peek(3) != '/';
                var bodyStart = _pos + 2;
                _pos += 2;
                var closed = false;
                while (_pos < _text.Length)
                {
                    if (_text[_pos] == '*' && Peek(1) == '/')
                    {
                        closed = true;
                        break;
                    }
                    if (_text[_pos] == '\n')
                    {
                        _line++;
                        _lineStart = _pos + 1;
                    }
                    _pos++;
                }
                if (!closed)
                {
                    _diagnostics.Error(ThriftDiagnostics.UnterminatedComment, "Comment started here is never closed with \"*/\".", At(line, column));
                    return doc;
                }
                var body = _text.Substring(bodyStart, _pos - bodyStart);
                _pos += 2;
                // Thrift keeps only the last doc comment before a definition; plain comments in between do not reset it.
                doc = isDoc ? CleanDoc(body.Substring(1)) : doc;
            }
            else
            {
                break;
            }
        }
        return doc;
    }


    /// <summary>Drops the leading <c>*</c> column and surrounding blank lines of a doc comment.</summary>
    private static string CleanDoc(string body)
    {
        var lines = body.Replace("\r", "").Split('\n');
        var cleaned = new List<string>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith("*", System.StringComparison.Ordinal))
            {
                line = line.Substring(1);
                if (line.StartsWith(" ", System.StringComparison.Ordinal))
                {
                    line = line.Substring(1);
                }
            }
            cleaned.Add(line.TrimEnd());
        }
        while (cleaned.Count > 0 && cleaned[0].Length == 0)
        {
            cleaned.RemoveAt(0);
        }
        while (cleaned.Count > 0 && cleaned[cleaned.Count - 1].Length == 0)
        {
            cleaned.RemoveAt(cleaned.Count - 1);
        }
        return string.Join("\n", cleaned);
    }

    private static bool IsIdentStart(char c) => IsLetter(c);
    private static bool IsIdentPart(char c) => IsLetter(c) || IsDigit(c);

    /// <summary>Reads one token; false when the character was invalid and skipped.</summary>
    private bool ReadToken(ThriftToken token)
    {
        var c = _text[_pos];
        var start = _pos;
        if (IsIdentStart(c))
        {
            _pos++;
            while (_pos < _text.Length && (IsIdentPart(_text[_pos]) || (_text[_pos] == '.' && IsIdentPart(Peek(1)))))
            {
                _pos++;
            }
            token.Kind = ThriftTokenKind.Identifier;
            token.Text = _text.Substring(start, _pos - start);
            return true;
        }
        if (IsDigit(c) || ((c == '+' || c == '-') && (IsDigit(Peek(1)) || (Peek(1) == '.' && IsDigit(Peek(2))))) || (c == '.' && IsDigit(Peek(1))))
        {
            ReadNumber(token);
            return true;
        }
        if (c == '"' || c == '\'')
        {
            ReadString(token);
            return true;
        }
        if ("{}()[]<>,;:=*".IndexOf(c) >= 0)
        {
            _pos++;
            token.Kind = ThriftTokenKind.Symbol;
            token.Text = c.ToString();
            return true;
        }
        _diagnostics.Error(ThriftDiagnostics.InvalidCharacter,
            $"Unexpected character '{(c < ' ' || c > '~' ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString())}'.",
            At(token.Line, token.Column));
        _pos++;
        return false;
    }

    private void ReadNumber(ThriftToken token)
    {
        var start = _pos;
        var negative = false;
        if (_text[_pos] == '+' || _text[_pos] == '-')
        {
            negative = _text[_pos] == '-';
            _pos++;
        }
        if (_text[_pos] == '0' && (Peek(1) == 'x' || Peek(1) == 'X') && IsHex(Peek(2)))
        {
            _pos += 2;
            var digitsStart = _pos;
            while (_pos < _text.Length && IsHex(_text[_pos]))
            {
                _pos++;
            }
            SetInteger(token, start, _text.Substring(digitsStart, _pos - digitsStart), 16, negative);
            return;
        }
        var intStart = _pos;
        while (_pos < _text.Length && IsDigit(_text[_pos]))
        {
            _pos++;
        }
        var isFloat = false;
        if (_pos < _text.Length && _text[_pos] == '.' && IsDigit(Peek(1)))
        {
            isFloat = true;
            _pos++;
            while (_pos < _text.Length && IsDigit(_text[_pos]))
            {
                _pos++;
            }
        }
        if (_pos < _text.Length && (_text[_pos] == 'e' || _text[_pos] == 'E') &&
            (IsDigit(Peek(1)) || ((Peek(1) == '+' || Peek(1) == '-') && IsDigit(Peek(2)))))
        {
            isFloat = true;
            _pos += 2;
            while (_pos < _text.Length && IsDigit(_text[_pos]))
            {
                _pos++;
            }
        }
        var text = _text.Substring(start, _pos - start);
        if (isFloat)
        {
            token.Kind = ThriftTokenKind.Float;
            token.Text = text;
            // Out-of-range literals become infinity, as strtod gives the Thrift compiler.
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out token.FloatValue);
            return;
        }
        SetInteger(token, start, _text.Substring(intStart, _pos - intStart), 10, negative);
    }


    private void SetInteger(ThriftToken token, int start, string digits, int radix, bool negative)
    {
        token.Kind = ThriftTokenKind.Integer;
        token.Text = _text.Substring(start, _pos - start);
        token.IsNegative = negative;
        ulong value = 0;
        foreach (var d in digits)
        {
            var digit = (ulong)(IsDigit(d) ? d - '0' : (char.ToLowerInvariant(d) - 'a' + 10));
            if (value > (ulong.MaxValue - digit) / (ulong)radix)
            {
                _diagnostics.Error(ThriftDiagnostics.InvalidNumber, $"This integer is too big: \"{token.Text}\".", At(token.Line, token.Column));
                value = 0;
                break;
            }
            value = value * (ulong)radix + digit;
        }
        // Thrift reads every integer as a signed 64-bit value.
        if (value > (negative ? 9223372036854775808UL : long.MaxValue))
        {
            _diagnostics.Error(ThriftDiagnostics.InvalidNumber, $"This integer is too big: \"{token.Text}\".", At(token.Line, token.Column));
            value = 0;
        }
        token.IntegerMagnitude = value;
    }

    private void ReadString(ThriftToken token)
    {
        var quote = _text[_pos];
        _pos++;
        var builder = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                _diagnostics.Error(ThriftDiagnostics.UnterminatedString, "String literal is not closed before the end of the line.", At(token.Line, token.Column));
                break;
            }
            var c = _text[_pos];
            if (c == quote)
            {
                _pos++;
                break;
            }
            if (c == '\\' && _pos + 1 < _text.Length && _text[_pos + 1] != '\n')
            {
                var e = _text[_pos + 1];
                var decoded = e switch
                {
                    '\\' => '\\',
                    '"' => '"',
                    '\'' => '\'',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    _ => '\0',
                };
                if (decoded == '\0')
                {
                    _diagnostics.Error(ThriftDiagnostics.InvalidEscape,
                        $"Bad escape character '\\{e}' (Thrift knows \\\\ \\\" \\' \\n \\r \\t).", At(_line, Column));
                    builder.Append(e);
                }
                else
                {
                    builder.Append(decoded);
                }
                _pos += 2;
                continue;
            }
            builder.Append(c);
            _pos++;
        }
        token.Kind = ThriftTokenKind.String;
        token.Text = builder.ToString();
    }
}
