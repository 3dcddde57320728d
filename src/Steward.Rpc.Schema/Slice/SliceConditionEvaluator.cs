using System;
using System.Collections.Generic;

namespace Steward.Rpc.Schema.Slice;

/// <summary>Integer expressions of <c>#if</c>: <c>defined</c>, macros (undefined ones are 0), C's operators including <c>?:</c>.</summary>
internal sealed class ConditionEvaluator
{
    private readonly string _text;
    private readonly Dictionary<string, string> _defines;
    private int _pos;
    private int _depth;

    public ConditionEvaluator(string text, Dictionary<string, string> defines)
    {
        _text = text;
        _defines = defines;
    }

    public bool TryEvaluate(out long value)
    {
        value = 0;
        try
        {
            value = Conditional();
            SkipBlanks();
            return _pos == _text.Length;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static readonly string[][] Levels =
    {
        new[] { "||" }, new[] { "&&" }, new[] { "|" }, new[] { "^" }, new[] { "&" }, new[] { "==", "!=" },
        new[] { "<=", ">=", "<", ">" }, new[] { "<<", ">>" }, new[] { "+", "-" }, new[] { "*", "/", "%" },
    };

    private long Conditional()
    {
        var condition = Binary(0);
        SkipBlanks();
        if (_pos >= _text.Length || _text[_pos] != '?')
        {
            return condition;
        }
        _pos++;
        var whenTrue = Conditional();
        Require(':');
        var whenFalse = Conditional();
        return condition != 0 ? whenTrue : whenFalse;
    }

    private long Binary(int level)
    {
        if (level == Levels.Length)
        {
            return Unary();
        }
        var left = Binary(level + 1);
        while (true)
        {
            SkipBlanks();
            string? op = null;
            foreach (var candidate in Levels[level])
            {
                if (string.CompareOrdinal(_text, _pos, candidate, 0, candidate.Length) == 0 && !IsLongerOperator(candidate))
                {
                    op = candidate;
                    break;
                }
            }
            if (op == null)
            {
                return left;
            }
            _pos += op.Length;
            var right = Binary(level + 1);
            left = Apply(op, left, right);
        }
    }

    /// <summary>Keeps <c>|</c> from matching the start of <c>||</c>, <c>&lt;</c> of <c>&lt;&lt;</c> and so on.</summary>
    private bool IsLongerOperator(string op)
    {
        if (op.Length != 1)
        {
            return false;
        }
        var next = _pos + 1 < _text.Length ? _text[_pos + 1] : '\0';
        return op switch
        {
            "|" => next == '|',
            "&" => next == '&',
            "<" => next == '<' || next == '=',
            ">" => next == '>' || next == '=',
            _ => false,
        };
    }

    private static long Apply(string op, long a, long b) => op switch
    {
        "||" => a != 0 || b != 0 ? 1 : 0,
        "&&" => a != 0 && b != 0 ? 1 : 0,
        "|" => a | b,
        "^" => a ^ b,
        "&" => a & b,
        "==" => a == b ? 1 : 0,
        "!=" => a != b ? 1 : 0,
        "<=" => a <= b ? 1 : 0,
        ">=" => a >= b ? 1 : 0,
        "<" => a < b ? 1 : 0,
        ">" => a > b ? 1 : 0,
        "<<" => a << (int)(b & 63),
        ">>" => a >> (int)(b & 63),
        "+" => unchecked(a + b),
        "-" => unchecked(a - b),
        "*" => unchecked(a * b),
        "/" => b == 0 ? throw new FormatException() : (a == long.MinValue && b == -1 ? a : a / b),
        _ => b == 0 ? throw new FormatException() : (b == -1 ? 0 : a % b),
    };

    private long Unary()
    {
        SkipBlanks();
        if (++_depth > 256 || _pos >= _text.Length)
        {
            throw new FormatException();
        }
        var c = _text[_pos];
        switch (c)
        {
            case '!':
                _pos++;
                return Unary() == 0 ? 1 : 0;
            case '-':
                _pos++;
                return unchecked(-Unary());
            case '+':
                _pos++;
                return Unary();
            case '~':
                _pos++;
                return ~Unary();
            case '(':
                _pos++;
                var inner = Conditional();
                Require(')');
                return inner;
        }
        if (IsDigit(c))
        {
            var start = _pos;
            while (_pos < _text.Length && (IsLetter(_text[_pos]) || IsDigit(_text[_pos])))
            {
                _pos++;
            }
            return ParseNumber(_text.Substring(start, _pos - start));
        }
        var name = Name();
        if (name == "defined")
        {
            SkipBlanks();
            var parenthesized = _pos < _text.Length && _text[_pos] == '(';
            if (parenthesized)
            {
                _pos++;
            }
            var macro = Name();
            if (parenthesized)
            {
                Require(')');
            }
            return _defines.ContainsKey(macro) ? 1 : 0;
        }
        return _defines.TryGetValue(name, out var definition) && definition.Length > 0 && IsDigit(definition[0]) ? ParseNumber(definition) : 0;
    }

    private static long ParseNumber(string literal)
    {
        var text = literal.TrimEnd('u', 'U', 'l', 'L');
        var radix = 10;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text.Substring(2);
            radix = 16;
        }
        else if (text.Length > 1 && text[0] == '0')
        {
            text = text.Substring(1);
            radix = 8;
        }
        if (text.Length == 0 || !SliceLexer.TryParseInteger(text, radix, out var value))
        {
            throw new FormatException();
        }
        return unchecked((long)value);
    }

    private string Name()
    {
        SkipBlanks();
        var start = _pos;
        while (_pos < _text.Length && (IsLetter(_text[_pos]) || (_pos > start && IsDigit(_text[_pos]))))
        {
            _pos++;
        }
        if (_pos == start)
        {
            throw new FormatException();
        }
        return _text.Substring(start, _pos - start);
    }

    private void Require(char c)
    {
        SkipBlanks();
        if (_pos >= _text.Length || _text[_pos] != c)
        {
            throw new FormatException();
        }
        _pos++;
    }

    private void SkipBlanks()
    {
        while (_pos < _text.Length && IsBlank(_text[_pos]))
        {
            _pos++;
        }
    }

    private static bool IsBlank(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';

    private static bool IsLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    private static bool IsDigit(char c) => c >= '0' && c <= '9';
}
