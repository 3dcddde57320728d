using System;
using System.Collections.Generic;
using System.Text;

namespace Steward.Rpc.Schema.Slice;

internal sealed partial class SliceLexer
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// A C-style string literal. As in slice2*, <c>\x</c> (two digits at most) and octal escapes give
    /// bytes, <c>\u</c>/<c>\U</c> give a code point's UTF-8, and the bytes must form valid UTF-8.
    /// </summary>
    private void StringLiteral()
    {
        var line = _line;
        var column = Column;
        _pos++;
        var bytes = new List<byte>();
        var valid = true;
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
                var length = char.IsHighSurrogate(c) && _pos + 1 < _text.Length && char.IsLowSurrogate(_text[_pos + 1]) ? 2 : 1;
                AppendUtf8(bytes, _text.Substring(_pos, length));
                _pos += length;
                continue;
            }
            valid &= Escape(bytes);
        }
        var text = "";
        try
        {
            text = StrictUtf8.GetString(bytes.ToArray());
        }
        catch (ArgumentException)
        {
            if (valid)
            {
                _diagnostics.Error(SliceDiagnostics.InvalidEscape, "The escapes of this string literal do not form valid UTF-8.", At(line, column));
            }
        }
        Add(new SliceToken(SliceTokenKind.String, text, line, column));
    }

    private static void AppendUtf8(List<byte> bytes, string text)
    {
        try
        {
            bytes.AddRange(StrictUtf8.GetBytes(text));
        }
        catch (ArgumentException)
        {
            // A lone surrogate in the source text: keep the replacement character rather than fail twice.
            bytes.AddRange(new byte[] { 0xEF, 0xBF, 0xBD });
        }
    }

    /// <summary>One escape sequence into <paramref name="bytes"/>; false when it was reported as invalid.</summary>
    private bool Escape(List<byte> bytes)
    {
        var line = _line;
        var column = Column;
        var e = Peek(1);
        _pos += 2;
        var simple = e switch
        {
            '\\' => '\\',
            '"' => '"',
            '\'' => '\'',
            '?' => '?',
            'a' => '\a',
            'b' => '\b',
            'f' => '\f',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\v',
            _ => '\0',
        };
        if (simple != '\0')
        {
            bytes.Add((byte)simple);
            return true;
        }
        switch (e)
        {
            case 'x':
                return AppendByte(bytes, ReadDigits(16, 2), "hex", line, column);
            case 'u':
                return AppendCodePoint(bytes, ReadDigits(16, 4, exactly: true), line, column);
            case 'U':
                return AppendCodePoint(bytes, ReadDigits(16, 8, exactly: true), line, column);
        }
        if (e >= '0' && e <= '7')
        {
            _pos--;
            return AppendByte(bytes, ReadDigits(8, 3), "octal", line, column);
        }
        if (e == '\n' || e == '\0')
        {
            // Leave the line feed (or the end) to the caller, which reports the string unterminated.
            _pos--;
            return true;
        }
        // slice2* only warn about an unknown escape and keep the character.
        _diagnostics.Warning(SliceDiagnostics.InvalidEscape, $"Unknown escape sequence `\\{e}'.", At(line, column));
        AppendUtf8(bytes, e.ToString());
        return true;
    }

    private bool AppendByte(List<byte> bytes, long value, string kind, int line, int column)
    {
        if (value < 0 || value > 255)
        {
            _diagnostics.Error(SliceDiagnostics.InvalidEscape, $"Invalid {kind} escape sequence in string literal.", At(line, column));
            return false;
        }
        bytes.Add((byte)value);
        return true;
    }

    private bool AppendCodePoint(List<byte> bytes, long code, int line, int column)
    {
        if (code < 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        {
            _diagnostics.Error(SliceDiagnostics.InvalidEscape, "Invalid universal character name in string literal.", At(line, column));
            return false;
        }
        AppendUtf8(bytes, char.ConvertFromUtf32((int)code));
        return true;
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
}
