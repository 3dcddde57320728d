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

    private bool _reportedDepth;
    private string? _guardCandidate;

    /// <summary>The file says <c>#pragma once</c>.</summary>
    public bool HasPragmaOnce { get; private set; }

    /// <summary>The file opens with <c>#ifndef X</c> <c>#define X</c>, the classic include guard.</summary>
    public bool HasIncludeGuard { get; private set; }

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
                if (name == "ifndef" && _tokens.Count == 0 && _conditionals.Count == 0 && _guardCandidate == null)
                {
                    _guardCandidate = rest;
                }
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
                if (_guardCandidate != null && _conditionals.Count == 1 && _tokens.Count == 0 && rest.Trim() == _guardCandidate)
                {
                    HasIncludeGuard = true;
                }
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
                if (rest == "once")
                {
                    HasPragmaOnce = true;
                }
                else
                {
                    // mcpp hands other pragmas on to slice2*, whose parser refuses them.
                    _diagnostics.Error(SliceDiagnostics.SyntaxError, $"Syntax error: unsupported #pragma \"{rest}\" (only #pragma once is understood).", at);
                }
                return;
            case "line":
                return;
            case "error":
                _diagnostics.Error(SliceDiagnostics.PreprocessorError, "#error " + rest, at);
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
            if (_reportedDepth)
            {
                _conditionals.Add(new Conditional { ParentActive = false, Line = line });
                return;
            }
            _reportedDepth = true;
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
}
