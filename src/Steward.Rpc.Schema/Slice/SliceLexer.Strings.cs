using System.Text;

namespace Steward.Rpc.Schema.Slice;

internal sealed partial class SliceLexer
{
    /// <summary>A C-style string literal: the escapes slice2* decode (<c>\x</c>, octal, <c>\u</c>, <c>\U</c> and the letters).</summary>
    private void StringLiteral()
    {
        var line = _line;
        var column = Column;
        _pos++;
        var text = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                _diagnostics.Error(SliceDiagnostics.UnterminatedString, "Unterminated string literal.", At(line, column));
                break;
            }
            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                break;
            }
            if (c != '\\')
            {
                text.Append(c);
                _pos++;
                continue;
            }
            Escape(text);
        }
        Add(new SliceToken(SliceTokenKind.String, text.ToString(), line, column));
    }

    private void Escape(StringBuilder text)
    {
        var line = _line;
        var column = Column;
        var e = Peek(1);
        _pos += 2;
        switch (e)
        {
            case '\\': text.Append('\\'); return;
            case '"': text.Append('"'); return;
            case '\'': text.Append('\''); return;
            case '?': text.Append('?'); return;
            case 'a': text.Append('\a'); return;
            case 'b': text.Append('\b'); return;
            case 'f': text.Append('\f'); return;
            case 'n': text.Append('\n'); return;
            case 'r': text.Append('\r'); return;
            case 't': text.Append('\t'); return;
            case 'v': text.Append('\v'); return;
            case 'x':
                AppendCode(text, ReadDigits(16, int.MaxValue), line, column);
                return;
            case 'u':
                AppendCode(text, ReadDigits(16, 4, exactly: true), line, column);
                return;
            case 'U':
                AppendCode(text, ReadDigits(16, 8, exactly: true), line, column);
                return;
        }
        if (e >= '0' && e <= '7')
        {
            _pos--;
            AppendCode(text, ReadDigits(8, 3), line, column);
            return;
        }
        if (e == '\n' || e == '\0')
        {
            // Leave the line feed (or the end) to the caller, which reports the string unterminated.
            _pos--;
            return;
        }
        // slice2* only warn about an unknown escape and keep the character.
        _diagnostics.Warning(SliceDiagnostics.SyntaxError, $"Unknown escape sequence `\\{e}'.", At(line, column));
        text.Append(e);
    }

    /// <summary>Up to <paramref name="max"/> digits of <paramref name="radix"/>; -1 when none (or too few where <paramref name="exactly"/>).</summary>
    private long ReadDigits(int radix, int max, bool exactly = false)
    {
        long value = 0;
        var count = 0;
        while (count < max && _pos < _text.Length)
        {
            var c = _text[_pos];
            var digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
            if (digit >= radix)
            {
                break;
            }
            value = value > 0x10FFFF ? value : value * radix + digit;
            count++;
            _pos++;
        }
        return count == 0 || (exactly && count < max) ? -1 : value;
    }

    private void AppendCode(StringBuilder text, long code, int line, int column)
    {
        if (code < 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        {
            _diagnostics.Error(SliceDiagnostics.SyntaxError, "Invalid escape sequence in string literal.", At(line, column));
            return;
        }
        text.Append(char.ConvertFromUtf32((int)code));
    }
}
