namespace Steward.Rpc.Schema.Lexing;

/// <summary>
/// What every IDL lexer sets up the same way: the text and its file name, the diagnostics, the
/// position with its 1-based line and column bookkeeping (a leading byte-order mark is skipped),
/// and the character classes C-family IDLs share. A lexer derives from this and reads tokens.
/// </summary>
internal abstract class IdlLexer
{
    protected readonly string _text;
    protected readonly string _file;
    protected readonly DiagnosticBag _diagnostics;
    protected int _pos;
    protected int _line = 1;
    protected int _lineStart;

    protected IdlLexer(string text, string file, DiagnosticBag diagnostics)
    {
        _text = text;
        _file = file;
        _diagnostics = diagnostics;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            // A byte-order mark from an editor is not part of the source.
            _pos = 1;
            _lineStart = 1;
        }
    }

    /// <summary>The 1-based column of the current position.</summary>
    protected int Column => _pos - _lineStart + 1;

    /// <summary>The character <paramref name="offset"/> ahead of the current one, or <c>'\0'</c> past the end.</summary>
    protected char Peek(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    protected SourceLocation At(int line, int column) => new(_file, line, column);

    /// <summary>Steps over the <c>'\n'</c> at the current position and starts the next line.</summary>
    protected void NewLine()
    {
        _pos++;
        _line++;
        _lineStart = _pos;
    }

    /// <summary>Whitespace other than the line feed, which <see cref="NewLine"/> counts.</summary>
    protected static bool IsBlank(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';

    protected static bool IsLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    protected static bool IsDigit(char c) => c >= '0' && c <= '9';

    protected static bool IsHex(char c) => IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
