using System;
using System.Collections.Generic;

namespace Steward.Rpc.Schema.Slice;

/// <summary>
/// The preprocessor part: conditionals nest on a stack, <c>#define</c>/<c>#undef</c> keep names
/// (and integer values) for <c>#ifdef</c> and <c>#if</c>, but macros are not expanded in Slice text
/// (slice2* files do not rely on that). Definitions do not cross files, since each file is lexed
/// on its own; an include guard therefore works per file, which with every file loaded once is
/// what <c>#pragma once</c> and guards achieve under mcpp.
/// </summary>
internal sealed partial class SliceLexer
{
    /// <summary>Conditionals nested deeper than this are refused (hostile input guard).</summary>
    public const int MaxConditionalDepth = 256;

    private readonly List<Conditional> _conditionals = new();
    private readonly Dictionary<string, string> _defines = new(StringComparer.Ordinal)
    {
        // What slice2cs defines: Steward generates C#, so files see the C# compiler's symbols.
        ["__ICE_VERSION__"] = "30708",
        ["__SLICE2CS__"] = "1",
    };

    private sealed class Conditional
    {
        public bool ParentActive;
        public bool Active;
        public bool Taken;
        public bool SeenElse;
        public int Line;
    }

    private bool Active => _conditionals.Count == 0 || _conditionals[_conditionals.Count - 1].Active;

    private void EndOfInput()
    {
        if (_conditionals.Count > 0)
        {
            var open = _conditionals[_conditionals.Count - 1];
            _diagnostics.Error(SliceDiagnostics.PreprocessorError, "Unterminated conditional directive (missing #endif).", At(open.Line, 1));
        }
    }

    private void Directive()
    {
        var line = _line;
        var column = Column;
        _pos++;
        var start = _pos;
        SkipToEndOfLine();
        var body = StripComments(_text.Substring(start, _pos - start)).Trim();
        var nameEnd = 0;
        while (nameEnd < body.Length && (IsLetter(body[nameEnd]) || IsDigit(body[nameEnd])))
        {
            nameEnd++;
        }
        var name = body.Substring(0, nameEnd);
        var rest = body.Substring(nameEnd).Trim();
        var at = At(line, column);
        switch (name)
        {
            case "ifdef":
            case "ifndef":
                Push(Active && (_defines.ContainsKey(rest.Trim()) == (name == "ifdef")), line);
                if (Active || _conditionals[_conditionals.Count - 1].ParentActive)
                {
                    RequireName(rest, name, at);
                }
                return;
            case "if":
                Push(Active && Evaluate(rest, at) != 0, line);
                return;
            case "elif":
            case "else":
            case "endif":
                Alternative(name, rest, at);
                return;
        }
        if (!Active)
        {
            return;
        }
        switch (name)
        {
            case "":
                return;
            case "define":
                Define(rest, at);
                return;
            case "undef":
                if (RequireName(rest, name, at))
                {
                    _defines.Remove(rest);
                }
                return;
            case "include":
                Include(rest, at);
                return;
            case "pragma":
            case "line":
            case "ident":
                return;
            case "error":
                _diagnostics.Error(SliceDiagnostics.PreprocessorError, "#error " + rest, at);
                return;
            case "warning":
                _diagnostics.Warning(SliceDiagnostics.PreprocessorError, "#warning " + rest, at);
                return;
            default:
                _diagnostics.Error(SliceDiagnostics.PreprocessorError, $"Unknown preprocessor directive \"#{name}\".", at);
                return;
        }
    }

    private void Push(bool active, int line)
    {
        if (_conditionals.Count >= MaxConditionalDepth)
        {
            _diagnostics.Error(SliceDiagnostics.LimitExceeded, $"Conditional directives nest deeper than {MaxConditionalDepth}.", At(line, 1));
            active = false;
        }
        _conditionals.Add(new Conditional { ParentActive = Active, Active = active, Taken = active, Line = line });
    }

    private void Alternative(string name, string rest, SourceLocation at)
    {
        if (_conditionals.Count == 0)
        {
            _diagnostics.Error(SliceDiagnostics.PreprocessorError, $"#{name} without a matching #if.", at);
            return;
        }
        var top = _conditionals[_conditionals.Count - 1];
        if (name == "endif")
        {
            _conditionals.RemoveAt(_conditionals.Count - 1);
            return;
        }
        if (top.SeenElse)
        {
            _diagnostics.Error(SliceDiagnostics.PreprocessorError, $"#{name} after #else.", at);
        }
        if (name == "else")
        {
            top.SeenElse = true;
            top.Active = top.ParentActive && !top.Taken;
        }
        else
        {
            top.Active = top.ParentActive && !top.Taken && Evaluate(rest, at) != 0;
        }
        top.Taken |= top.Active;
    }

    private bool RequireName(string rest, string directive, SourceLocation at)
    {
        if (IsName(rest))
        {
            return true;
        }
        _diagnostics.Error(SliceDiagnostics.PreprocessorError, $"#{directive} needs one macro name.", at);
        return false;
    }

    private static bool IsName(string text)
    {
        if (text.Length == 0 || !IsLetter(text[0]))
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!IsLetter(c) && !IsDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    private void Define(string rest, SourceLocation at)
    {
        var end = 0;
        while (end < rest.Length && (IsLetter(rest[end]) || IsDigit(rest[end])))
        {
            end++;
        }
        var name = rest.Substring(0, end);
        if (!IsName(name))
        {
            _diagnostics.Error(SliceDiagnostics.PreprocessorError, "#define needs a macro name.", at);
            return;
        }
        _defines[name] = rest.Substring(end).Trim();
    }

    private void Include(string rest, SourceLocation at)
    {
        if (rest.Length >= 2 && ((rest[0] == '"' && rest.IndexOf('"', 1) == rest.Length - 1) || (rest[0] == '<' && rest.IndexOf('>') == rest.Length - 1)))
        {
            var path = rest.Substring(1, rest.Length - 2);
            if (path.Length > 0)
            {
                Includes.Add(new SliceInclude(path, rest[0] == '<', at));
                return;
            }
        }
        _diagnostics.Error(SliceDiagnostics.PreprocessorError, "#include expects \"FILENAME\" or <FILENAME>.", at);
    }

    /// <summary>A directive line without its comments (a <c>/* */</c> comment that spans lines ends the directive early).</summary>
    private static string StripComments(string line)
    {
        var slashes = line.IndexOf("//", StringComparison.Ordinal);
        var block = line.IndexOf("/*", StringComparison.Ordinal);
        if (block >= 0 && (slashes < 0 || block < slashes))
        {
            var close = line.IndexOf("*/", block + 2, StringComparison.Ordinal);
            return close < 0 ? line.Substring(0, block) : StripComments(line.Substring(0, block) + " " + line.Substring(close + 2));
        }
        return slashes >= 0 ? line.Substring(0, slashes) : line;
    }

    private long Evaluate(string expression, SourceLocation at)
    {
        var evaluator = new ConditionEvaluator(expression, _defines);
        if (evaluator.TryEvaluate(out var value))
        {
            return value;
        }
        _diagnostics.Error(SliceDiagnostics.PreprocessorError, $"Malformed #if expression \"{expression}\".", at);
        return 0;
    }

    /// <summary>Integer expressions of <c>#if</c>: <c>defined</c>, macros (undefined ones are 0), C's operators.</summary>
    private sealed class ConditionEvaluator
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
                value = Binary(0);
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
                    var inner = Binary(0);
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
            if (text.Length == 0 || !TryParseInteger(text, radix, out var value))
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
    }

}
