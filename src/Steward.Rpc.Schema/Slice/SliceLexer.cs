using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Steward.Rpc.Schema.Lexing;

namespace Steward.Rpc.Schema.Slice;

/// <summary>
/// Slice's scanner with the preprocessing slice2* get from mcpp folded in: directives are read at
/// the start of a line (<see cref="SliceLexer"/>'s Directives part), text in a false conditional is
/// skipped, and includes are recorded for the compiler to load as files of their own rather than
/// spliced, so every definition keeps the file it was written in. Comments go; doc comments
/// (<c>/** */</c>, <c>///</c>) stay attached to the token that follows them.
/// </summary>
internal sealed partial class SliceLexer : IdlLexer
{
    /// <summary>Slice 3.7's keywords; one needs a <c>\</c> escape to serve as an identifier.</summary>
    public static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "bool", "byte", "class", "const", "dictionary", "double", "enum", "exception", "extends", "false", "float",
        "idempotent", "implements", "int", "interface", "local", "LocalObject", "long", "module", "Object", "optional",
        "out", "sequence", "short", "string", "struct", "throws", "true", "Value", "void",
    };

    private readonly List<SliceToken> _tokens = new();
    private string? _doc;

    public SliceLexer(string text, string file, DiagnosticBag diagnostics) : base(text, file, diagnostics)
    {
    }

    /// <summary>The <c>#include</c>s of the active text, in order.</summary>
    public List<SliceInclude> Includes { get; } = new();

    public List<SliceToken> Tokenize()
    {
        var atLineStart = true;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                NewLine();
                atLineStart = true;
                continue;
            }
            if (IsBlank(c))
            {
                _pos++;
                continue;
            }
            if (atLineStart && c == '#')
            {
                Directive();
                continue;
            }
            atLineStart = false;
            if (!Active)
            {
                SkipToEndOfLine();
                continue;
            }
            ReadToken(c);
        }
        EndOfInput();
        _tokens.Add(new SliceToken(SliceTokenKind.End, "", _line, Column) { Documentation = _doc });
        return _tokens;
    }

    private void SkipToEndOfLine()
    {
        while (_pos < _text.Length && _text[_pos] != '\n')
        {
            _pos++;
        }
    }

    private void ReadToken(char c)
    {
        if (c == '/' && Peek(1) == '/')
        {
            LineComment();
            return;
        }
        if (c == '/' && Peek(1) == '*')
        {
            BlockComment();
            return;
        }
        if (c == '"')
        {
            StringLiteral();
            return;
        }
        if (IsDigit(c) || (c == '.' && IsDigit(Peek(1))))
        {
            Number();
            return;
        }
        if (IsLetter(c) || c == '\\' || (c == ':' && Peek(1) == ':'))
        {
            Identifier();
            return;
        }
        var line = _line;
        var column = Column;
        if ((c == '[' && Peek(1) == '[') || (c == ']' && Peek(1) == ']'))
        {
            _pos += 2;
            Add(new SliceToken(SliceTokenKind.Symbol, new string(c, 2), line, column));
            return;
        }
        if ("{}()[]<>,;=*?-+".IndexOf(c) >= 0)
        {
            _pos++;
            Add(new SliceToken(SliceTokenKind.Symbol, c.ToString(), line, column));
            return;
        }
        _diagnostics.Error(SliceDiagnostics.InvalidCharacter, $"Illegal input character: '{Printable(c)}'.", At(line, column));
        _pos++;
    }

    private static string Printable(char c) => c < ' ' || c > '~' ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString();

    private void Add(SliceToken token)
    {
        token.Documentation = _doc;
        _doc = null;
        _tokens.Add(token);
    }

    private void LineComment()
    {
        var start = _pos;
        SkipToEndOfLine();
        var body = _text.Substring(start, _pos - start);
        if (body.StartsWith("///", StringComparison.Ordinal) && !body.StartsWith("////", StringComparison.Ordinal))
        {
            var line = body.Substring(3).Trim();
            // Consecutive /// lines form one comment; anything else in between starts a new one.
            _doc = _doc != null && _lastDocWasLine && _lastDocLine == _line - 1 ? _doc + "\n" + line : line;
            _lastDocWasLine = true;
            _lastDocLine = _line;
        }
    }

    private bool _lastDocWasLine;
    private int _lastDocLine;

    private void BlockComment()
    {
        var line = _line;
        var column = Column;
        var start = _pos;
        _pos += 2;
        while (_pos < _text.Length && !(_text[_pos] == '*' && Peek(1) == '/'))
        {
            if (_text[_pos] == '\n')
            {
                NewLine();
            }
            else
            {
                _pos++;
            }
        }
        if (_pos >= _text.Length)
        {
            // mcpp closes it at the end of the input with a warning, and slice2* go on.
            _diagnostics.Warning(SliceDiagnostics.UnterminatedComment, "End of input with unterminated comment, terminated the comment.", At(line, column));
            return;
        }
        _pos += 2;
        var body = _text.Substring(start, _pos - start);
        if (body.StartsWith("/**", StringComparison.Ordinal) && body != "/**/")
        {
            _doc = CleanBlockDoc(body.Substring(3, body.Length - 5));
            _lastDocWasLine = false;
        }
    }

    /// <summary>The text of a <c>/** */</c> comment without the leading asterisks of its lines or blank edge lines.</summary>
    private static string CleanBlockDoc(string body)
    {
        var lines = new List<string>();
        foreach (var raw in body.Replace("\r", "").Split('\n'))
        {
            var line = raw.Trim();
            while (line.StartsWith("*", StringComparison.Ordinal))
            {
                line = line.Substring(1);
            }
            lines.Add(line.Trim());
        }
        while (lines.Count > 0 && lines[0].Length == 0)
        {
            lines.RemoveAt(0);
        }
        while (lines.Count > 0 && lines[lines.Count - 1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        return string.Join("\n", lines);
    }

    private void Identifier()
    {
        var line = _line;
        var column = Column;
        var escaped = false;
        var text = new StringBuilder();
        if (_text[_pos] == '\\')
        {
            escaped = true;
            _pos++;
        }
        while (true)
        {
            if (_pos + 1 < _text.Length && _text[_pos] == ':' && _text[_pos + 1] == ':')
            {
                text.Append("::");
                _pos += 2;
                if (Peek(0) == '\\')
                {
                    // Only a name's first part may be escaped; slice2* keep the backslash, so the name resolves to nothing.
                    text.Append('\\');
                    _pos++;
                }
                continue;
            }
            if (_pos < _text.Length && (IsLetter(_text[_pos]) || IsDigit(_text[_pos])))
            {
                text.Append(_text[_pos]);
                _pos++;
                continue;
            }
            break;
        }
        var name = text.ToString();
        var kind = !escaped && Keywords.Contains(name) ? SliceTokenKind.Keyword : SliceTokenKind.Identifier;
        Add(new SliceToken(kind, name, line, column) { Escaped = escaped });
    }

    private void Number()
    {
        var line = _line;
        var column = Column;
        var start = _pos;
        // Only a lower-case 0x starts a hexadecimal literal in Slice.
        if (_text[_pos] == '0' && Peek(1) == 'x')
        {
            _pos += 2;
            var digits = _pos;
            while (_pos < _text.Length && IsHex(_text[_pos]))
            {
                _pos++;
            }
            FinishInteger(_text.Substring(digits, _pos - digits), 16, start, line, column);
            return;
        }
        while (_pos < _text.Length && IsDigit(_text[_pos]))
        {
            _pos++;
        }
        var isFloat = false;
        if (Peek(0) == '.')
        {
            isFloat = true;
            _pos++;
            while (_pos < _text.Length && IsDigit(_text[_pos]))
            {
                _pos++;
            }
        }
        if ((Peek(0) == 'e' || Peek(0) == 'E') && (IsDigit(Peek(1)) || ((Peek(1) == '+' || Peek(1) == '-') && IsDigit(Peek(2)))))
        {
            isFloat = true;
            _pos += 2;
            while (_pos < _text.Length && IsDigit(_text[_pos]))
            {
                _pos++;
            }
        }
        var end = _pos;
        if (isFloat && (Peek(0) == 'f' || Peek(0) == 'F'))
        {
            _pos++;
        }
        if (IsLetter(Peek(0)) || IsDigit(Peek(0)))
        {
            while (_pos < _text.Length && (IsLetter(_text[_pos]) || IsDigit(_text[_pos])))
            {
                _pos++;
            }
            Invalid(start, line, column);
            return;
        }
        var literal = _text.Substring(start, end - start);
        if (isFloat)
        {
            if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsInfinity(value))
            {
                if (double.IsInfinity(value))
                {
                    _diagnostics.Error(SliceDiagnostics.InvalidNumber, $"Floating-point constant `{literal}' too large (overflow).", At(line, column));
                    Add(new SliceToken(SliceTokenKind.Float, literal, line, column) { Float = value });
                    return;
                }
                Invalid(start, line, column);
                return;
            }
            Add(new SliceToken(SliceTokenKind.Float, literal, line, column) { Float = value });
            return;
        }
        if (literal.Length > 1 && literal[0] == '0')
        {
            // slice2* read octal with strtoll, which stops at the first 8 or 9: 0789 is 7.
            var octal = 1;
            while (octal < literal.Length && literal[octal] <= '7')
            {
                octal++;
            }
            FinishInteger(octal == 1 ? "0" : literal.Substring(1, octal - 1), 8, start, line, column);
            return;
        }
        FinishInteger(literal, 10, start, line, column);
    }

    private void FinishInteger(string digits, int radix, int start, int line, int column)
    {
        if (IsLetter(Peek(0)) || IsDigit(Peek(0)))
        {
            while (_pos < _text.Length && (IsLetter(_text[_pos]) || IsDigit(_text[_pos])))
            {
                _pos++;
            }
            Invalid(start, line, column);
            return;
        }
        var literal = _text.Substring(start, _pos - start);
        if (digits.Length == 0 || !TryParseInteger(digits, radix, out var value))
        {
            _diagnostics.Error(SliceDiagnostics.InvalidNumber, $"Integer constant `{literal}' out of range.", At(line, column));
            value = 0;
        }
        Add(new SliceToken(SliceTokenKind.Integer, literal, line, column) { Integer = value });
    }

    private void Invalid(int start, int line, int column)
    {
        var literal = _text.Substring(start, _pos - start);
        _diagnostics.Error(SliceDiagnostics.InvalidNumber, $"Malformed number `{literal}'.", At(line, column));
        Add(new SliceToken(SliceTokenKind.Integer, literal, line, column));
    }

    internal static bool TryParseInteger(string digits, int radix, out ulong value)
    {
        value = 0;
        foreach (var ch in digits)
        {
            var digit = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : 99;
            if (digit >= radix)
            {
                return false;
            }
            if (value > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
            {
                return false;
            }
            value = value * (ulong)radix + (ulong)digit;
        }
        return true;
    }
}
