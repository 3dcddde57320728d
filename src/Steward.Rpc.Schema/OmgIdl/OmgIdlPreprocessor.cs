using System;
using System.Collections.Generic;

namespace Steward.Rpc.Schema.OmgIdl;

/// <summary>
/// The C preprocessor as IDL compilers run it, over tokens: <c>#include "..."</c> (next to the
/// including file first, then the include roots) and <c>#include &lt;...&gt;</c> (the roots only),
/// object-like <c>#define</c> expanded in the text, <c>#undef</c>, the <c>#if</c> family with
/// <c>defined</c>, <c>#error</c>/<c>#warning</c>, and the pragmas: <c>once</c> here, <c>prefix</c>,
/// <c>version</c> and <c>ID</c> left in the stream as markers for the parser (they act where they
/// stand), every other pragma ignored as omniidl does. Included files are pasted in place between
/// <see cref="OmgIdlTokenKind.FileEnter"/> and <see cref="OmgIdlTokenKind.FileExit"/> markers.
/// </summary>
internal sealed partial class OmgIdlPreprocessor
{
    /// <summary>Deeper includes than this are a cycle without a guard.</summary>
    public const int MaxIncludeDepth = 64;

    /// <summary>More tokens than this out of macro expansion is a runaway (or hostile) macro.</summary>
    public const int MaxExpandedTokens = 4_000_000;

    private readonly IFileSource _source;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, List<OmgIdlToken>> _macros = new(StringComparer.Ordinal);
    private readonly HashSet<string> _once = new(StringComparer.Ordinal);
    private readonly List<string> _stack = new();
    private readonly List<OmgIdlToken> _output = new();
    private int _files;
    private SourceLocation _rootEnd;

    public OmgIdlPreprocessor(IFileSource source, DiagnosticBag diagnostics)
    {
        _source = source;
        _diagnostics = diagnostics;
        // omniidl runs its preprocessor with -D__OMNIIDL__=<version>; files test it with #ifdef (CosLifeCycle.idl does).
        _macros["__OMNIIDL__"] = new List<OmgIdlToken> { new(OmgIdlTokenKind.Integer, "1", SourceLocation.None) { Integer = 1 } };
    }

    /// <summary>Preprocesses the root file <paramref name="canonical"/>; the stream ends with an End token.</summary>
    public List<OmgIdlToken> Run(string canonical, string text)
    {
        ProcessFile(canonical, text, null);
        _output.Add(new OmgIdlToken(OmgIdlTokenKind.End, "", _rootEnd));
        return _output;
    }

    private sealed class Conditional
    {
        public Conditional(bool parentActive, bool taken, SourceLocation location)
        {
            ParentActive = parentActive;
            Active = parentActive && taken;
            AnyTaken = taken;
            Location = location;
        }

        public bool ParentActive { get; }
        public bool Active { get; set; }
        public bool AnyTaken { get; set; }
        public bool SawElse { get; set; }
        public SourceLocation Location { get; }
    }

    private void ProcessFile(string canonical, string text, OmgIdlToken? include)
    {
        _files++;
        var enter = new OmgIdlToken(OmgIdlTokenKind.FileEnter, canonical, include?.Location ?? new SourceLocation(canonical, 0, 0));
        if (include != null)
        {
            enter.Arguments.Add(include.Text);
        }
        _output.Add(enter);
        _stack.Add(canonical);
        var lexer = new OmgIdlLexer(text, canonical, _diagnostics);
        var conditionals = new List<Conditional>();
        while (true)
        {
            var active = conditionals.Count == 0 || conditionals[conditionals.Count - 1].Active;
            lexer.Quiet = !active;
            var token = lexer.Next();
            if (token.Kind == OmgIdlTokenKind.End)
            {
                if (include == null)
                {
                    // "Expected ..., found end of file" points at the end of the root file.
                    _rootEnd = token.Location;
                }
                break;
            }
            if (token.AtLineStart && token.Is("#"))
            {
                var line = lexer.ReadRestOfLine();
                Directive(canonical, token.Location, line, conditionals, active);
                continue;
            }
            if (!active)
            {
                continue;
            }
            if (token.Kind == OmgIdlTokenKind.Identifier && !token.Escaped && _macros.ContainsKey(token.Text))
            {
                Expand(token, token.Location, new HashSet<string>(StringComparer.Ordinal), _output);
                continue;
            }
            _output.Add(token);
        }
        foreach (var open in conditionals)
        {
            Error("Unterminated conditional directive: #if without #endif.", open.Location);
        }
        _stack.RemoveAt(_stack.Count - 1);
        _output.Add(new OmgIdlToken(OmgIdlTokenKind.FileExit, canonical, new SourceLocation(canonical, 0, 0)));
    }

    private void Error(string message, SourceLocation location) =>
        _diagnostics.Error(OmgIdlDiagnostics.PreprocessorError, message, location);

    /// <summary>Appends the expansion of the macro <paramref name="token"/> names, every token placed at <paramref name="at"/>.</summary>
    private void Expand(OmgIdlToken token, SourceLocation at, HashSet<string> expanding, List<OmgIdlToken> into)
    {
        if (!expanding.Add(token.Text))
        {
            into.Add(token.CopyAt(at));
            return;
        }
        foreach (var body in _macros[token.Text])
        {
            if (into.Count > MaxExpandedTokens)
            {
                _diagnostics.Error(OmgIdlDiagnostics.LimitExceeded, $"Macro '{token.Text}' expands to more than {MaxExpandedTokens} tokens.", at);
                break;
            }
            if (body.Kind == OmgIdlTokenKind.Identifier && !body.Escaped && _macros.ContainsKey(body.Text))
            {
                Expand(body, at, expanding, into);
            }
            else
            {
                into.Add(body.CopyAt(at));
            }
        }
        expanding.Remove(token.Text);
    }

    private static (string Word, string Tail) SplitWord(string text)
    {
        text = text.TrimStart();
        var end = 0;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }
        return (text.Substring(0, end), text.Substring(end));
    }

    private List<OmgIdlToken> Tokens(string text, SourceLocation location)
    {
        var lexer = new OmgIdlLexer(text, location.File, _diagnostics, location.Line, location.Column + 1);
        var tokens = new List<OmgIdlToken>();
        for (var token = lexer.Next(); token.Kind != OmgIdlTokenKind.End; token = lexer.Next())
        {
            tokens.Add(token);
        }
        return tokens;
    }

    private void Directive(string file, SourceLocation at, string line, List<Conditional> conditionals, bool active)
    {
        var (name, rest) = SplitWord(line);
        switch (name)
        {
            case "if":
            case "ifdef":
            case "ifndef":
                var taken = active && (name == "if" ? Evaluate(rest, at) : IsDefined(rest, at) == (name == "ifdef"));
                conditionals.Add(new Conditional(active, taken, at));
                return;
            case "elif":
            case "else":
                if (conditionals.Count == 0 || conditionals[conditionals.Count - 1].SawElse)
                {
                    Error($"#{name} without a matching #if.", at);
                    return;
                }
                var top = conditionals[conditionals.Count - 1];
                top.SawElse = name == "else";
                var now = top.ParentActive && !top.AnyTaken && (name == "else" || Evaluate(rest, at));
                top.Active = now;
                top.AnyTaken |= now;
                return;
            case "endif":
                if (conditionals.Count == 0)
                {
                    Error("#endif without a matching #if.", at);
                    return;
                }
                conditionals.RemoveAt(conditionals.Count - 1);
                return;
        }
        if (!active)
        {
            return;
        }
        switch (name)
        {
            case "":
                if (rest.Trim().Length > 0 && !char.IsDigit(rest.Trim()[0]))
                {
                    Error($"Invalid preprocessing directive '#{rest.Trim()}'.", at);
                }
                return;
            case "include":
                Include(file, at, rest.Trim());
                return;
            case "define":
                Define(at, rest);
                return;
            case "undef":
                var (undefined, _) = SplitWord(rest);
                if (undefined.Length == 0)
                {
                    Error("#undef needs a macro name.", at);
                }
                _macros.Remove(undefined);
                return;
            case "pragma":
                Pragma(file, at, rest);
                return;
            case "error":
                _diagnostics.Error(OmgIdlDiagnostics.PreprocessorError, "#error" + (rest.Trim().Length > 0 ? " " + rest.Trim() : ""), at);
                return;
            case "warning":
                _diagnostics.Warning(OmgIdlDiagnostics.PreprocessorError, "#warning " + rest.Trim(), at);
                return;
            case "line":
            case "ident":
                return;
        }
        Error($"Invalid preprocessing directive '#{name}'.", at);
    }

    private bool IsDefined(string rest, SourceLocation at)
    {
        var (macro, tail) = SplitWord(rest);
        if (macro.Length == 0 || tail.Trim().Length > 0)
        {
            Error("#ifdef and #ifndef need exactly one macro name.", at);
        }
        return _macros.ContainsKey(macro);
    }

    private void Define(SourceLocation at, string rest)
    {
        var (macro, body) = SplitWord(rest);
        if (macro.Length == 0 || char.IsDigit(macro[0]))
        {
            Error("#define needs a macro name.", at);
            return;
        }
        if (body.StartsWith("(", StringComparison.Ordinal))
        {
            _diagnostics.Error(OmgIdlDiagnostics.Unsupported, $"Function-like macro '{macro}(...)': Steward's IDL preprocessor supports object-like macros only.", at);
            return;
        }
        if (macro == "defined")
        {
            Error("'defined' cannot be used as a macro name.", at);
            return;
        }
        _macros[macro] = Tokens(body, at);
    }

    private void Include(string file, SourceLocation at, string rest)
    {
        if (rest.Length > 0 && !(rest[0] == '"' || rest[0] == '<') && _macros.ContainsKey(SplitWord(rest).Word))
        {
            // #include MACRO: the macro's one string token is the file.
            var expanded = new List<OmgIdlToken>();
            Expand(new OmgIdlToken(OmgIdlTokenKind.Identifier, SplitWord(rest).Word, at), at, new HashSet<string>(StringComparer.Ordinal), expanded);
            rest = expanded.Count == 1 && expanded[0].Kind == OmgIdlTokenKind.String ? "\"" + expanded[0].Text + "\"" : rest;
        }
        var close = rest.Length == 0 ? -1 : rest.IndexOf(rest[0] == '<' ? '>' : '"', 1);
        if (close < 0 || (rest[0] != '"' && rest[0] != '<'))
        {
            Error("#include expects \"FILENAME\" or <FILENAME>.", at);
            return;
        }
        var path = rest.Substring(1, close - 1);
        var angled = rest[0] == '<';
        if (_stack.Count >= MaxIncludeDepth || _files >= OmgIdlCompiler.MaxFiles)
        {
            _diagnostics.Error(OmgIdlDiagnostics.LimitExceeded,
                $"#include nested too deeply or too many files (\"{path}\"): a file that includes itself needs an include guard or #pragma once.", at);
            return;
        }
        if (!TryResolve(path, angled, file, out var canonical, out var text))
        {
            _diagnostics.Error(OmgIdlDiagnostics.IncludeNotFound, $"Cannot open include file \"{path}\".", at);
            return;
        }
        if (_once.Contains(canonical))
        {
            return;
        }
        if (text.Length > OmgIdlCompiler.MaxFileChars)
        {
            _diagnostics.Error(OmgIdlDiagnostics.LimitExceeded, $"\"{canonical}\" is {text.Length} characters long; the limit is {OmgIdlCompiler.MaxFileChars}.", at);
            return;
        }
        ProcessFile(canonical, text, new OmgIdlToken(OmgIdlTokenKind.String, path, at));
    }

    private bool TryResolve(string include, bool angled, string includingFile, out string canonical, out string text)
    {
        var path = include.Replace('\\', '/');
        var slash = includingFile.Replace('\\', '/').LastIndexOf('/');
        if (!angled && !path.StartsWith("/", StringComparison.Ordinal))
        {
            var sibling = OmgIdlCompiler.NormalizePath(slash > 0 ? includingFile.Substring(0, slash) + "/" + path : path);
            if (_source.TryResolve(sibling, includingFile, out canonical, out text))
            {
                return true;
            }
        }
        return _source.TryResolve(OmgIdlCompiler.NormalizePath(path), includingFile, out canonical, out text);
    }

    private void Pragma(string file, SourceLocation at, string rest)
    {
        var (name, args) = SplitWord(rest);
        switch (name)
        {
            case "once":
                _once.Add(file);
                return;
            case "prefix":
                var prefix = Tokens(args, at);
                if (prefix.Count != 1 || prefix[0].Kind != OmgIdlTokenKind.String)
                {
                    _diagnostics.Error(OmgIdlDiagnostics.RepositoryId, "#pragma prefix expects one string literal.", at);
                    return;
                }
                AddPragma(name, at, prefix[0].Text);
                return;
            case "ID":
                var id = Tokens(args, at);
                var last = id.Count - 1;
                if (last < 1 || id[last].Kind != OmgIdlTokenKind.String || !IsScopedName(id, 0, last))
                {
                    _diagnostics.Error(OmgIdlDiagnostics.RepositoryId, "#pragma ID expects a scoped name and a string literal.", at);
                    return;
                }
                AddPragma(name, at, Join(id, 0, last), id[last].Text);
                return;
            case "version":
                var words = args.Trim().Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                var target = Tokens(words.Length > 0 ? words[0] : "", at);
                if (words.Length != 2 || !IsScopedName(target, 0, target.Count) || !IsVersion(words[1]))
                {
                    _diagnostics.Error(OmgIdlDiagnostics.RepositoryId, "#pragma version expects a scoped name and a version 'major.minor'.", at);
                    return;
                }
                AddPragma(name, at, Join(target, 0, target.Count), words[1]);
                return;
        }
        // omniidl passes other pragmas to its back-ends, which ignore the ones they do not know.
    }

    private void AddPragma(string name, SourceLocation at, params string[] arguments)
    {
        var pragma = new OmgIdlToken(OmgIdlTokenKind.Pragma, name, at);
        pragma.Arguments.AddRange(arguments);
        _output.Add(pragma);
    }

    private static bool IsScopedName(List<OmgIdlToken> tokens, int start, int end)
    {
        var i = start;
        if (i < end && tokens[i].Is("::"))
        {
            i++;
        }
        while (true)
        {
            if (i >= end || tokens[i].Kind != OmgIdlTokenKind.Identifier)
            {
                return false;
            }
            i++;
            if (i == end)
            {
                return true;
            }
            if (!tokens[i].Is("::"))
            {
                return false;
            }
            i++;
        }
    }

    private static string Join(List<OmgIdlToken> tokens, int start, int end)
    {
        var parts = new System.Text.StringBuilder();
        for (var i = start; i < end; i++)
        {
            parts.Append(tokens[i].Kind == OmgIdlTokenKind.Identifier && tokens[i].Escaped ? "_" + tokens[i].Text : tokens[i].Text);
        }
        return parts.ToString();
    }

    private static bool IsVersion(string text)
    {
        var dot = text.IndexOf('.');
        return dot > 0 && dot < text.Length - 1
            && ushort.TryParse(text.Substring(0, dot), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
            && ushort.TryParse(text.Substring(dot + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _);
    }
}
