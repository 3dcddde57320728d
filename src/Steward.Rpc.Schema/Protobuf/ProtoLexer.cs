using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Steward.Rpc.Schema.Lexing;

namespace Steward.Rpc.Schema.Protobuf;

internal enum TokenKind
{
    Identifier,
    Integer,
    Float,
    String,
    Symbol,
    End,
}

internal sealed class Token
{
    public TokenKind Kind;
    /// <summary>Source text (for strings: with quotes).</summary>
    public string Text = "";
    public int Line;
    public int Column;
    public int Start;
    public int End;
    /// <summary>Decoded string bytes.</summary>
    public byte[]? StringBytes;
    public ulong IntegerValue;
    /// <summary>The literal did not fit in 64 bits.</summary>
    public bool IntegerOverflow;
    public double FloatValue;
    /// <summary>The comment block directly above this token (no blank line between), markers stripped.</summary>
    public string? LeadingComment;

    public bool Is(string symbolOrWord) => (Kind == TokenKind.Symbol || Kind == TokenKind.Identifier) && Text == symbolOrWord;
    public override string ToString() => Kind == TokenKind.End ? "end of file" : "\"" + Text + "\"";
}

/// <summary>
/// Splits .proto text into tokens the way protoc's tokenizer does: C-like identifiers, decimal,
/// octal and hex integers, floats, single- or double-quoted strings with C escapes, and the
/// comments kept as documentation when they sit directly above a declaration.
/// </summary>
internal sealed partial class ProtoLexer : IdlLexer
{
    public ProtoLexer(string text, string file, DiagnosticBag diagnostics)
        : base(text, file, diagnostics)
    {
    }

    public List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        var previousLine = 0;
        while (true)
        {
            var comment = SkipTrivia(previousLine);
            var token = new Token { Line = _line, Column = Column, Start = _pos, LeadingComment = comment };
            if (_pos >= _text.Length)
            {
                token.Kind = TokenKind.End;
                token.End = _pos;
                tokens.Add(token);
                return tokens;
            }
            ReadToken(token);
            token.End = _pos;
            token.Text = _text.Substring(token.Start, _pos - token.Start);
            tokens.Add(token);
            previousLine = _line;
        }
    }

    /// <summary>Skips whitespace and comments; returns the comment block that directly precedes the next token.</summary>
    private string? SkipTrivia(int previousTokenLine)
    {
        List<string>? block = null;
        var lastCommentEndLine = -1;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                NewLine();
                continue;
            }
            if (IsBlank(c))
            {
                _pos++;
                continue;
            }
            if (c == '/' && _pos + 1 < _text.Length && (_text[_pos + 1] == '/' || _text[_pos + 1] == '*'))
            {
                var startLine = _line;
                var startColumn = Column;
                var body = _text[_pos + 1] == '/' ? ReadLineComment() : ReadBlockComment(startLine, startColumn);
                // A comment on the previous token's line trails that token; it documents nothing below.
                if (startLine == previousTokenLine)
                {
                    lastCommentEndLine = -1;
                    continue;
                }
                if (block == null || lastCommentEndLine < startLine - 1)
                {
                    block = new List<string>();
                }
                block.Add(body);
                lastCommentEndLine = _line;
                continue;
            }
            break;
        }
        // A blank line between the comment block and the token detaches it.
        if (block == null || lastCommentEndLine < _line - 1)
        {
            return null;
        }
        var text = string.Join("\n", block).Trim('\n');
        return text.Length == 0 ? null : text;
    }

    private string ReadLineComment()
    {
        _pos += 2;
        var start = _pos;
        while (_pos < _text.Length && _text[_pos] != '\n')
        {
            _pos++;
        }
        var body = _text.Substring(start, _pos - start).TrimEnd('\r', ' ', '\t');
        return body.StartsWith(" ", System.StringComparison.Ordinal) ? body.Substring(1) : body;
    }

    private string ReadBlockComment(int startLine, int startColumn)
    {
        _pos += 2;
        var start = _pos;
        var end = _text.IndexOf("*/", _pos, System.StringComparison.Ordinal);
        if (end < 0)
        {
            _diagnostics.Error(ProtoDiagnostics.UnterminatedComment, "Comment is not terminated: '/*' has no matching '*/'.", At(startLine, startColumn));
            end = _text.Length;
        }
        for (var i = _pos; i < end; i++)
        {
            if (_text[i] == '\n')
            {
                _line++;
                _lineStart = i + 1;
            }
        }
        _pos = end >= _text.Length ? _text.Length : end + 2;
        var lines = _text.Substring(start, end - start).Split('\n');
        var sb = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim(' ', '\t', '\r');
            if (line.StartsWith("*", System.StringComparison.Ordinal))
            {
                line = line.Substring(1);
                if (line.StartsWith(" ", System.StringComparison.Ordinal))
                {
                    line = line.Substring(1);
                }
            }
            if (sb.Length > 0 || line.Length > 0)
            {
                if (sb.Length > 0)
                {
                    sb.Append('\n');
                }
                sb.Append(line);
            }
        }
        return sb.ToString().TrimEnd('\n');
    }


    private void ReadToken(Token token)
    {
        var c = _text[_pos];
        if (IsLetter(c))
        {
            token.Kind = TokenKind.Identifier;
            while (_pos < _text.Length && (IsLetter(_text[_pos]) || IsDigit(_text[_pos])))
            {
                _pos++;
            }
            return;
        }
        if (IsDigit(c) || (c == '.' && _pos + 1 < _text.Length && IsDigit(_text[_pos + 1])))
        {
            ReadNumber(token);
            return;
        }
        if (c == '"' || c == '\'')
        {
            ReadString(token, c);
            return;
        }
        token.Kind = TokenKind.Symbol;
        _pos++;
        if (c < ' ' || c > '~')
        {
            _diagnostics.Error(ProtoDiagnostics.InvalidCharacter,
                string.Format(CultureInfo.InvariantCulture, "Invalid character U+{0:X4} in the file.", (int)c), At(token.Line, token.Column));
        }
    }

    private void ReadNumber(Token token)
    {
        var start = _pos;
        var isFloat = false;
        if (_text[_pos] == '0' && _pos + 1 < _text.Length && (_text[_pos + 1] == 'x' || _text[_pos + 1] == 'X'))
        {
            _pos += 2;
            var digitsStart = _pos;
            while (_pos < _text.Length && IsHex(_text[_pos]))
            {
                _pos++;
            }
            token.Kind = TokenKind.Integer;
            if (_pos == digitsStart)
            {
                _diagnostics.Error(ProtoDiagnostics.InvalidNumber, "\"0x\" must be followed by hex digits.", At(token.Line, token.Column));
            }
            token.IntegerValue = ParseRadix(_text.Substring(digitsStart, _pos - digitsStart), 16, out token.IntegerOverflow);
            CheckNoTrailingLetter(token);
            return;
        }
        while (_pos < _text.Length && IsDigit(_text[_pos]))
        {
            _pos++;
        }
        if (_pos < _text.Length && _text[_pos] == '.')
        {
            isFloat = true;
            _pos++;
            while (_pos < _text.Length && IsDigit(_text[_pos]))
            {
                _pos++;
            }
        }
        if (_pos < _text.Length && (_text[_pos] == 'e' || _text[_pos] == 'E'))
        {
            var save = _pos;
            _pos++;
            if (_pos < _text.Length && (_text[_pos] == '+' || _text[_pos] == '-'))
            {
                _pos++;
            }
            if (_pos < _text.Length && IsDigit(_text[_pos]))
            {
                isFloat = true;
                while (_pos < _text.Length && IsDigit(_text[_pos]))
                {
                    _pos++;
                }
            }
            else
            {
                _pos = save + 1;
                _diagnostics.Error(ProtoDiagnostics.InvalidNumber, "\"e\" must be followed by an exponent.", At(token.Line, token.Column));
                isFloat = true;
            }
        }
        var literal = _text.Substring(start, _pos - start);
        if (isFloat)
        {
            token.Kind = TokenKind.Float;
            double.TryParse(literal.EndsWith("e", System.StringComparison.OrdinalIgnoreCase) ? literal + "0" : literal,
                NumberStyles.Float, CultureInfo.InvariantCulture, out token.FloatValue);
        }
        else
        {
            token.Kind = TokenKind.Integer;
            if (literal.Length > 1 && literal[0] == '0')
            {
                var octal = true;
                foreach (var d in literal)
                {
                    octal &= d <= '7';
                }
                if (!octal)
                {
                    // Reported once; read it as decimal so no second error follows from a wrong value.
                    _diagnostics.Error(ProtoDiagnostics.InvalidNumber, "Numbers starting with leading zero must be in octal.", At(token.Line, token.Column));
                }
                token.IntegerValue = ParseRadix(octal ? literal.Substring(1) : literal, octal ? 8u : 10u, out token.IntegerOverflow);
            }
            else
            {
                token.IntegerValue = ParseRadix(literal, 10, out token.IntegerOverflow);
            }
        }
        CheckNoTrailingLetter(token);
    }

    private void CheckNoTrailingLetter(Token token)
    {
        if (_pos < _text.Length && (IsLetter(_text[_pos]) || IsDigit(_text[_pos])))
        {
            _diagnostics.Error(ProtoDiagnostics.InvalidNumber, "Need space between number and identifier.", At(token.Line, token.Column));
            while (_pos < _text.Length && (IsLetter(_text[_pos]) || IsDigit(_text[_pos])))
            {
                _pos++;
            }
        }
    }

    private static ulong ParseRadix(string digits, uint radix, out bool overflow)
    {
        overflow = false;
        ulong value = 0;
        foreach (var d in digits)
        {
            uint digit = d <= '9' ? (uint)(d - '0') : (uint)((d | 0x20) - 'a' + 10);
            if (digit >= radix)
            {
                continue;
            }
            if (value > (ulong.MaxValue - digit) / radix)
            {
                overflow = true;
                return ulong.MaxValue;
            }
            value = value * radix + digit;
        }
        return value;
    }
}
