using System;
using System.Globalization;
using System.Text;

namespace Steward.Rpc.Schema.OmgIdl;

/// <summary>
/// Turns one file's text into tokens: identifiers (a leading <c>_</c> escapes a keyword), integer
/// literals (decimal, octal, hex), floating-point literals, character and string literals (wide
/// ones too) with C escapes, and punctuation. Comments are skipped. The preprocessor drives it and
/// reads directive lines raw with <see cref="ReadRestOfLine"/>.
/// </summary>
internal sealed class OmgIdlLexer
{
    private readonly string _text;
    private readonly string _file;
    private readonly DiagnosticBag _diagnostics;
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private bool _sawTokenOnLine;

    public OmgIdlLexer(string text, string file, DiagnosticBag diagnostics, int firstLine = 1, int firstColumn = 1)
    {
        _text = text;
        _file = file;
        _diagnostics = diagnostics;
        _line = firstLine;
        _lineStart = 1 - firstColumn;
    }

    /// <summary>While true (inside a skipped <c>#if</c> branch) malformed literals are not reported, as cpp does.</summary>
    public bool Quiet { get; set; }

    private SourceLocation Here(int pos) => new(_file, _line, pos - _lineStart + 1);

    private void Error(string code, string message, int pos)
    {
        if (!Quiet)
        {
            _diagnostics.Error(code, message, Here(pos));
        }
    }

    private char Peek(int offset = 0) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private void NewLine()
    {
        _line++;
        _lineStart = _pos;
        _sawTokenOnLine = false;
    }

    private void SkipSpaceAndComments()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                _pos++;
                NewLine();
            }
            else if (c == '\\' && (Peek(1) == '\n' || (Peek(1) == '\r' && Peek(2) == '\n')))
            {
                // A line continuation: the next line continues this one.
                _pos += Peek(1) == '\r' ? 3 : 2;
                _line++;
                _lineStart = _pos;
            }
            else if (char.IsWhiteSpace(c))
            {
                _pos++;
            }
            else if (c == '/' && Peek(1) == '/')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var start = Here(_pos);
                _pos += 2;
                while (_pos < _text.Length && !(_text[_pos] == '*' && Peek(1) == '/'))
                {
                    if (_text[_pos] == '\n')
                    {
                        _pos++;
                        var saw = _sawTokenOnLine;
                        NewLine();
                        _sawTokenOnLine = saw;
                        continue;
                    }
                    _pos++;
                }
                if (_pos >= _text.Length)
                {
                    if (!Quiet)
                    {
                        _diagnostics.Error(OmgIdlDiagnostics.UnterminatedComment, "Unterminated comment: '/*' has no matching '*/'.", start);
                    }
                    return;
                }
                _pos += 2;
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>The raw rest of the current line (continuations joined, the newline not consumed), for directives.</summary>
    public string ReadRestOfLine()
    {
        var builder = new StringBuilder();
        while (_pos < _text.Length && _text[_pos] != '\n')
        {
            if (_text[_pos] == '\\' && (Peek(1) == '\n' || (Peek(1) == '\r' && Peek(2) == '\n')))
            {
                _pos += Peek(1) == '\r' ? 3 : 2;
                _line++;
                _lineStart = _pos;
                builder.Append(' ');
                continue;
            }
            if (_text[_pos] == '/' && Peek(1) == '*')
            {
                // A comment inside a directive is a space; it may run onto later lines.
                var end = _text.IndexOf("*/", _pos + 2, System.StringComparison.Ordinal);
                var stop = end < 0 ? _text.Length : end + 2;
                for (var i = _pos; i < stop; i++)
                {
                    if (_text[i] == '\n')
                    {
                        _line++;
                        _lineStart = i + 1;
                    }
                }
                _pos = stop;
                builder.Append(' ');
                continue;
            }
            if (_text[_pos] == '/' && Peek(1) == '/')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
                break;
            }
            builder.Append(_text[_pos]);
            _pos++;
        }
        return builder.ToString().TrimEnd('\r');
    }

    /// <summary>The next token, or an <see cref="OmgIdlTokenKind.End"/> token.</summary>
    public OmgIdlToken Next()
    {
        while (true)
        {
            SkipSpaceAndComments();
            if (_pos >= _text.Length)
            {
                return new OmgIdlToken(OmgIdlTokenKind.End, "", Here(_pos)) { AtLineStart = true };
            }
            var atLineStart = !_sawTokenOnLine;
            var token = Scan();
            if (token == null)
            {
                continue;
            }
            token.AtLineStart = atLineStart;
            _sawTokenOnLine = true;
            return token;
        }
    }

    private OmgIdlToken? Scan()
    {
        var start = _pos;
        var c = _text[_pos];
        if ((c == 'L') && (Peek(1) == '\'' || Peek(1) == '"'))
        {
            _pos++;
            var wide = Peek() == '\'' ? ScanChar(start) : ScanString(start);
            wide.Wide = true;
            return wide;
        }
        if (char.IsLetter(c) || c == '_')
        {
            while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
            {
                _pos++;
            }
            var word = _text.Substring(start, _pos - start);
            var escaped = word[0] == '_';
            return new OmgIdlToken(OmgIdlTokenKind.Identifier, escaped ? word.Substring(1) : word, Here(start)) { Escaped = escaped };
        }
        if (char.IsDigit(c) || (c == '.' && char.IsDigit(Peek(1))))
        {
            return ScanNumber(start);
        }
        if (c == '\'')
        {
            return ScanChar(start);
        }
        if (c == '"')
        {
            return ScanString(start);
        }
        foreach (var two in new[] { "::", "<<", ">>", "&&", "||", "==", "!=", "<=", ">=" })
        {
            if (string.CompareOrdinal(_text, _pos, two, 0, 2) == 0)
            {
                _pos += 2;
                return new OmgIdlToken(OmgIdlTokenKind.Punct, two, Here(start));
            }
        }
        if ("{}()[];:,=+-*/%~|^&<>#!?.".IndexOf(c) >= 0)
        {
            _pos++;
            return new OmgIdlToken(OmgIdlTokenKind.Punct, c.ToString(), Here(start));
        }
        _pos++;
        Error(OmgIdlDiagnostics.InvalidCharacter, $"Invalid character '{c}' (U+{(int)c:X4}).", start);
        return null;
    }

    private OmgIdlToken ScanNumber(int start)
    {
        if (Peek() == '0' && (Peek(1) == 'x' || Peek(1) == 'X'))
        {
            _pos += 2;
            var digits = _pos;
            while (Uri.IsHexDigit(Peek()))
            {
                _pos++;
            }
            var hex = _text.Substring(digits, _pos - digits);
            var ok = ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value);
            if (hex.Length == 0 || !ok)
            {
                Error(OmgIdlDiagnostics.InvalidNumber, $"Invalid hexadecimal literal '{_text.Substring(start, _pos - start)}'" + (ok || hex.Length == 0 ? "." : ": it does not fit in 64 bits."), start);
            }
            return new OmgIdlToken(OmgIdlTokenKind.Integer, _text.Substring(start, _pos - start), Here(start)) { Integer = value };
        }
        while (char.IsDigit(Peek()))
        {
            _pos++;
        }
        var isFloat = false;
        if (Peek() == '.' && Peek(1) != '.')
        {
            isFloat = true;
            _pos++;
            while (char.IsDigit(Peek()))
            {
                _pos++;
            }
        }
        if ((Peek() == 'e' || Peek() == 'E') && (char.IsDigit(Peek(1)) || ((Peek(1) == '+' || Peek(1) == '-') && char.IsDigit(Peek(2)))))
        {
            isFloat = true;
            _pos += 2;
            while (char.IsDigit(Peek()))
            {
                _pos++;
            }
        }
        var text = _text.Substring(start, _pos - start);
        if (Peek() == 'd' || Peek() == 'D')
        {
            _pos++;
            Error(OmgIdlDiagnostics.Unsupported, $"Fixed-point literal '{text}d': Steward does not support the fixed type.", start);
            return new OmgIdlToken(OmgIdlTokenKind.Float, text, Here(start));
        }
        if (isFloat)
        {
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real);
            return new OmgIdlToken(OmgIdlTokenKind.Float, text, Here(start)) { Float = real };
        }
        ulong integer = 0;
        var valid = true;
        var octal = text.Length > 1 && text[0] == '0';
        foreach (var digit in text)
        {
            var d = (ulong)(digit - '0');
            if (octal && d > 7)
            {
                Error(OmgIdlDiagnostics.InvalidNumber, $"Invalid octal literal '{text}'.", start);
                valid = false;
                break;
            }
            var radix = octal ? 8UL : 10UL;
            if (integer > (ulong.MaxValue - d) / radix)
            {
                Error(OmgIdlDiagnostics.InvalidNumber, $"Integer literal '{text}' does not fit in 64 bits.", start);
                valid = false;
                break;
            }
            integer = integer * radix + d;
        }
        return new OmgIdlToken(OmgIdlTokenKind.Integer, text, Here(start)) { Integer = valid ? integer : 0 };
    }

    private OmgIdlToken ScanChar(int start)
    {
        _pos++;
        var code = ReadCharacter(start, '\'', out var ok);
        if (Peek() != '\'')
        {
            if (ok)
            {
                Error(OmgIdlDiagnostics.InvalidLiteral, "Malformed character literal: expected one character between quotes.", start);
            }
            while (_pos < _text.Length && _text[_pos] != '\'' && _text[_pos] != '\n')
            {
                _pos++;
            }
        }
        if (Peek() == '\'')
        {
            _pos++;
        }
        return new OmgIdlToken(OmgIdlTokenKind.Char, char.ConvertFromUtf32(code < 0 || code > 0x10FFFF || (code >= 0xD800 && code < 0xE000) ? 0xFFFD : code), Here(start)) { Integer = (ulong)System.Math.Max(code, 0) };
    }

    private OmgIdlToken ScanString(int start)
    {
        _pos++;
        var builder = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                Error(OmgIdlDiagnostics.InvalidLiteral, "Unterminated string literal.", start);
                break;
            }
            if (_text[_pos] == '"')
            {
                _pos++;
                break;
            }
            var code = ReadCharacter(start, '"', out _);
            if (code == 0)
            {
                Error(OmgIdlDiagnostics.InvalidLiteral, "A string literal may not contain a NUL character.", start);
                continue;
            }
            builder.Append(char.ConvertFromUtf32(code < 0 || code > 0x10FFFF || (code >= 0xD800 && code < 0xE000) ? 0xFFFD : code));
        }
        return new OmgIdlToken(OmgIdlTokenKind.String, builder.ToString(), Here(start));
    }

    /// <summary>One character of a literal, escapes decoded; -1 when there is none.</summary>
    private int ReadCharacter(int start, char quote, out bool ok)
    {
        ok = true;
        if (_pos >= _text.Length || _text[_pos] == '\n' || _text[_pos] == quote)
        {
            ok = false;
            Error(OmgIdlDiagnostics.InvalidLiteral, quote == '\'' ? "Empty or unterminated character literal." : "Unterminated string literal.", start);
            return -1;
        }
        var c = _text[_pos++];
        if (c != '\\')
        {
            if (char.IsHighSurrogate(c) && _pos < _text.Length && char.IsLowSurrogate(_text[_pos]))
            {
                return char.ConvertToUtf32(c, _text[_pos++]);
            }
            return c;
        }
        var e = Peek();
        _pos++;
        switch (e)
        {
            case 'n': return '\n';
            case 't': return '\t';
            case 'v': return '\v';
            case 'b': return '\b';
            case 'r': return '\r';
            case 'f': return '\f';
            case 'a': return '\a';
            case '\\': return '\\';
            case '?': return '?';
            case '\'': return '\'';
            case '"': return '"';
            case 'x':
                return ReadDigits(16, 2, start, "\\x", out ok);
            case 'u':
                return ReadDigits(16, 4, start, "\\u", out ok);
        }
        if (e >= '0' && e <= '7')
        {
            _pos--;
            return ReadDigits(8, 3, start, "\\", out ok);
        }
        ok = false;
        Error(OmgIdlDiagnostics.InvalidLiteral, $"Unknown escape sequence '\\{e}'.", start);
        return e;
    }

    private int ReadDigits(int radix, int max, int start, string escape, out bool ok)
    {
        var value = 0;
        var count = 0;
        while (count < max && _pos < _text.Length && Uri.IsHexDigit(_text[_pos]) && (radix == 16 || (_text[_pos] >= '0' && _text[_pos] <= '7')))
        {
            value = value * radix + Convert.ToInt32(_text[_pos].ToString(), 16);
            _pos++;
            count++;
        }
        ok = count > 0;
        if (!ok)
        {
            Error(OmgIdlDiagnostics.InvalidLiteral, $"Escape '{escape}' needs at least one digit.", start);
        }
        if (radix == 8 && value > 255)
        {
            ok = false;
            Error(OmgIdlDiagnostics.InvalidLiteral, "Octal escape out of range (more than \\377).", start);
        }
        return value;
    }
}
