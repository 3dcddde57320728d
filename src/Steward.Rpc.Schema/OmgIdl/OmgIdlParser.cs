using System;
using System.Collections.Generic;

namespace Steward.Rpc.Schema.OmgIdl;

/// <summary>
/// Parses one root's preprocessed token stream into the model, resolving names as it goes (IDL
/// names must be declared before use, so one pass sees what omniidl sees). Each definition goes to
/// the <see cref="SchemaFile"/> of the file it is written in. Repository ids follow the spec: the
/// prefix in effect (<c>#pragma prefix</c>, scoped to its file and the enclosing definition), the
/// scoped name from there, <c>:1.0</c>; <c>#pragma version</c> and <c>#pragma ID</c> override.
/// After a syntax error the rest of the root is skipped: omniidl's later messages are consequences.
/// </summary>
internal sealed partial class OmgIdlParser
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "any", "attribute", "boolean", "case", "char", "const", "context", "custom", "default",
        "double", "enum", "exception", "factory", "FALSE", "fixed", "float", "in", "inout", "interface",
        "local", "long", "module", "native", "Object", "octet", "oneway", "out", "private", "public",
        "raises", "readonly", "sequence", "short", "string", "struct", "supports", "switch", "TRUE",
        "truncatable", "typedef", "unsigned", "union", "ValueBase", "valuetype", "void", "wchar", "wstring",
    };

    private static readonly Dictionary<string, string> KeywordsByLower = LowerKeywords();

    private readonly List<OmgIdlToken> _tokens;
    private readonly SchemaSet _set;
    private readonly OmgIdlLinker _linker;
    private readonly OmgIdlSession _session;
    private readonly List<FileState> _fileStack = new();
    private readonly SchemaFile _scratch = new("", OmgIdlSyntax.OmgIdl);
    private int _pos;
    private OmgIdlScope _scope;
    private string _prefix = "";
    private bool _draining;

    public OmgIdlParser(List<OmgIdlToken> tokens, SchemaSet set, OmgIdlSession session)
    {
        _tokens = tokens;
        _set = set;
        _session = session;
        _linker = session.Linker;
        _scope = _linker.Global;
    }

    private sealed class FileState
    {
        public FileState(SchemaFile file, string savedPrefix, bool replay)
        {
            File = file;
            SavedPrefix = savedPrefix;
            Replay = replay;
        }

        public SchemaFile File { get; }
        public string SavedPrefix { get; }
        public bool Replay { get; }
    }

    private sealed class ParseError : Exception
    {
    }

    private DiagnosticBag Diagnostics => _set.Diagnostics;

    private bool Replay => _fileStack.Count > 0 && _fileStack[_fileStack.Count - 1].Replay;

    /// <summary>Where new definitions go: the file being read, or a scratch file when it is read again for another root.</summary>
    private SchemaFile File => _fileStack.Count == 0 || Replay ? _scratch : _fileStack[_fileStack.Count - 1].File;

    private static Dictionary<string, string> LowerKeywords()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var keyword in Keywords)
        {
            map[keyword.ToLowerInvariant()] = keyword;
        }
        return map;
    }

    public void Parse()
    {
        try
        {
            SkipMeta();
            while (Current.Kind != OmgIdlTokenKind.End)
            {
                ParseDefinition();
            }
        }
        catch (ParseError)
        {
            // Reported where it was thrown; the files' bookkeeping below still runs.
        }
        _draining = true;
        for (; _pos < _tokens.Count; _pos++)
        {
            if (_tokens[_pos].IsMeta)
            {
                ProcessMeta(_tokens[_pos]);
            }
        }
    }

    // ---- tokens ----

    private OmgIdlToken Current => _tokens[_pos];

    private OmgIdlToken Next()
    {
        var token = _tokens[_pos];
        if (token.Kind != OmgIdlTokenKind.End)
        {
            _pos++;
            SkipMeta();
        }
        return token;
    }

    private OmgIdlToken Peek(int offset)
    {
        var i = _pos;
        while (i < _tokens.Count - 1)
        {
            if (!_tokens[i].IsMeta)
            {
                if (offset == 0)
                {
                    return _tokens[i];
                }
                offset--;
            }
            i++;
        }
        return _tokens[_tokens.Count - 1];
    }

    private void SkipMeta()
    {
        while (_pos < _tokens.Count && _tokens[_pos].IsMeta)
        {
            var token = _tokens[_pos];
            _pos++;
            ProcessMeta(token);
        }
    }

    private bool Accept(string text)
    {
        if (Current.Is(text))
        {
            Next();
            return true;
        }
        return false;
    }

    private OmgIdlToken Expect(string text, string? context = null)
    {
        if (!Current.Is(text))
        {
            throw Fail($"Syntax error{(context == null ? "" : " in " + context)}: expected '{text}', found {Current}.");
        }
        return Next();
    }

    private ParseError Fail(string message) => Fail(message, Current.Location);

    private ParseError Fail(string message, SourceLocation location)
    {
        Diagnostics.Error(OmgIdlDiagnostics.SyntaxError, message, location);
        return new ParseError();
    }

    private void Error(string code, string message, SourceLocation location)
    {
        if (!Replay)
        {
            Diagnostics.Error(code, message, location);
        }
    }

    private bool IsKeyword(OmgIdlToken token) => token.Kind == OmgIdlTokenKind.Identifier && !token.Escaped && Keywords.Contains(token.Text);

    /// <summary>An identifier being declared: not a keyword, and not a keyword in other capitals.</summary>
    private OmgIdlToken ExpectIdentifier(string what)
    {
        var token = Current;
        if (token.Kind != OmgIdlTokenKind.Identifier || IsKeyword(token))
        {
            throw Fail($"Syntax error: expected the {what}'s name, found {token}.");
        }
        CheckKeywordCase(token);
        Next();
        return token;
    }

    private void CheckKeywordCase(OmgIdlToken token)
    {
        if (!token.Escaped && KeywordsByLower.TryGetValue(token.Text.ToLowerInvariant(), out var keyword) && keyword != token.Text)
        {
            Error(OmgIdlDiagnostics.CaseConflict, $"Identifier '{token.Text}' clashes with keyword '{keyword}'.", token.Location);
        }
    }

    /// <summary>A scoped name as written: <c>A</c>, <c>A::B</c>, <c>::A::B</c>.</summary>
    private (string Name, SourceLocation Location) ExpectScopedName(string what)
    {
        var at = Current.Location;
        var name = "";
        if (Accept("::"))
        {
            name = "::";
        }
        while (true)
        {
            var part = Current;
            if (part.Kind != OmgIdlTokenKind.Identifier || IsKeyword(part))
            {
                throw Fail($"Syntax error: expected {what}, found {part}.");
            }
            Next();
            name += part.Text;
            if (!Current.Is("::"))
            {
                return (name, at);
            }
            Next();
            name += "::";
        }
    }

    // ---- files and pragmas ----

    private void ProcessMeta(OmgIdlToken token)
    {
        switch (token.Kind)
        {
            case OmgIdlTokenKind.FileEnter:
                EnterFile(token);
                return;
            case OmgIdlTokenKind.FileExit:
                var state = _fileStack[_fileStack.Count - 1];
                _fileStack.RemoveAt(_fileStack.Count - 1);
                _prefix = state.SavedPrefix;
                if (!_set.Files.Contains(state.File))
                {
                    _set.Files.Add(state.File);
                }
                _session.Completed.Add(state.File.Path);
                return;
            case OmgIdlTokenKind.Pragma when !_draining:
                Pragma(token);
                return;
        }
    }

    private void EnterFile(OmgIdlToken token)
    {
        var canonical = token.Text;
        var replay = _session.CompletedBefore.Contains(canonical);
        if (!_session.Files.TryGetValue(canonical, out var file))
        {
            file = new SchemaFile(canonical, OmgIdlSyntax.OmgIdl) { Package = "" };
            _session.Files[canonical] = file;
        }
        if (_fileStack.Count == 0)
        {
            if (!_set.RootFiles.Contains(file))
            {
                _set.RootFiles.Add(file);
            }
        }
        else if (!Replay && token.Arguments.Count > 0)
        {
            File.Imports.Add(new ImportDef(token.Arguments[0], token.Location) { File = file });
        }
        _fileStack.Add(new FileState(file, _prefix, replay));
        _prefix = "";
    }

    private void Pragma(OmgIdlToken token)
    {
        if (token.Text == "prefix")
        {
            _prefix = token.Arguments[0];
            return;
        }
        if (Replay)
        {
            return;
        }
        var symbol = _linker.Resolve(_scope, token.Arguments[0], token.Location);
        if (symbol == null)
        {
            return;
        }
        var value = token.Arguments[1];
        if (token.Text == "ID")
        {
            if (value.IndexOf(':') <= 0)
            {
                Error(OmgIdlDiagnostics.RepositoryId, $"Repository id \"{value}\" has no format prefix (such as \"IDL:\").", token.Location);
                return;
            }
            if (symbol.RepositoryIdFixed && symbol.RepositoryId != value)
            {
                Error(OmgIdlDiagnostics.RepositoryId, $"Cannot set the repository id of '{token.Arguments[0]}' to \"{value}\": it is already \"{symbol.RepositoryId}\".", token.Location);
                return;
            }
            symbol.RepositoryId = value;
            symbol.RepositoryIdFixed = true;
        }
        else
        {
            var colon = symbol.RepositoryId.LastIndexOf(':');
            if (!symbol.RepositoryId.StartsWith("IDL:", StringComparison.Ordinal) || colon <= 3)
            {
                Error(OmgIdlDiagnostics.RepositoryId, $"Cannot set the version of '{token.Arguments[0]}': its repository id \"{symbol.RepositoryId}\" is not in IDL format.", token.Location);
                return;
            }
            var updated = symbol.RepositoryId.Substring(0, colon + 1) + value;
            if (symbol.VersionFixed && updated != symbol.RepositoryId)
            {
                Error(OmgIdlDiagnostics.RepositoryId, $"Cannot set the version of '{token.Arguments[0]}' to {value}: it is already set.", token.Location);
                return;
            }
            symbol.RepositoryId = updated;
            symbol.VersionFixed = true;
        }
        PublishId(symbol);
    }

    /// <summary>Gives <paramref name="symbol"/> the repository id the prefix in effect makes, unless a pragma fixed it.</summary>
    private void AssignId(OmgIdlSymbol symbol)
    {
        if (!symbol.RepositoryIdFixed && !symbol.VersionFixed)
        {
            symbol.RepositoryId = "IDL:" + (_prefix.Length > 0 ? _prefix + "/" : "") + symbol.Name + ":1.0";
        }
        PublishId(symbol);
    }

    private static void PublishId(OmgIdlSymbol symbol)
    {
        switch (symbol.Element)
        {
            case TypeDef type:
                type.RepositoryId = symbol.RepositoryId;
                break;
            case ServiceDef service:
                service.RepositoryId = symbol.RepositoryId;
                break;
        }
    }

    /// <summary>Opens the scope of <paramref name="symbol"/>; returns what <see cref="Leave"/> restores.</summary>
    private (OmgIdlScope Scope, string Prefix) Enter(OmgIdlSymbol symbol)
    {
        var saved = (_scope, _prefix);
        symbol.Inner ??= new OmgIdlScope(_scope, symbol.FullName, symbol);
        _scope = symbol.Inner;
        _prefix = _prefix.Length > 0 ? _prefix + "/" + symbol.Name : symbol.Name;
        return saved;
    }

    private void Leave((OmgIdlScope Scope, string Prefix) saved)
    {
        _scope = saved.Scope;
        _prefix = saved.Prefix;
    }

    /// <summary>Declares a name in the current scope, with omniidl's clash checks against the enclosing scope's name and names used in this scope.</summary>
    private OmgIdlSymbol? Declare(OmgIdlKind kind, OmgIdlToken name, bool forward = false)
    {
        var owner = _scope.Owner;
        if (owner != null && string.Equals(owner.Name, name.Text, StringComparison.OrdinalIgnoreCase))
        {
            Error(OmgIdlDiagnostics.Redefinition, $"Identifier '{name.Text}' clashes with the name of the enclosing scope '{owner.Name}'.", name.Location);
        }
        if (_scope.Used.TryGetValue(name.Text.ToLowerInvariant(), out var used) && !Replay)
        {
            var existing = _scope.Symbols.TryGetValue(name.Text, out var same) ? same : null;
            if (existing == null || existing != used.Symbol)
            {
                Error(OmgIdlDiagnostics.Redefinition, $"Identifier '{name.Text}' clashes with the use of '{used.Text}' in this scope at {used.Location}.", name.Location);
            }
        }
        if (Replay)
        {
            return _linker.Declare(_scope, kind, name.Text, name.Location, forward, replay: true);
        }
        return _linker.Declare(_scope, kind, name.Text, name.Location, forward, replay: false);
    }

    /// <summary>Resolves a name and records its first component as used in the current scope.</summary>
    private OmgIdlSymbol? Resolve(string scopedName, SourceLocation location)
    {
        var symbol = _linker.Resolve(_scope, scopedName, location);
        if (symbol != null && !scopedName.StartsWith("::", StringComparison.Ordinal))
        {
            var first = scopedName.Split(':')[0];
            var firstSymbol = first == scopedName ? symbol : _linker.Resolve(_scope, first, location);
            var key = first.ToLowerInvariant();
            if (firstSymbol != null && !_scope.Used.ContainsKey(key))
            {
                _scope.Used[key] = (first, firstSymbol, location);
            }
        }
        return symbol;
    }

    // ---- definitions ----

    private void ParseDefinition()
    {
        var token = Current;
        if (token.Kind != OmgIdlTokenKind.Identifier || token.Escaped)
        {
            throw Fail($"Syntax error: expected a definition, found {token}.");
        }
        switch (token.Text)
        {
            case "module":
                ParseModule();
                return;
            case "interface":
            case "abstract" when Peek(1).Is("interface"):
            case "local" when Peek(1).Is("interface"):
                ParseInterface();
                break;
            default:
                if (!TryParseTypeOrConstant(inInterface: false))
                {
                    throw Fail($"Syntax error: expected a definition, found {token}.");
                }
                break;
        }
        Expect(";", "definition");
    }

    private void ParseModule()
    {
        Next();
        var name = ExpectIdentifier("module");
        var symbol = Declare(OmgIdlKind.Module, name);
        symbol ??= new OmgIdlSymbol(OmgIdlKind.Module, name.Text, _scope, name.Location);
        if (symbol.RepositoryId.Length == 0)
        {
            AssignId(symbol);
        }
        // The scope opens before '{' is consumed: a pragma right after it belongs inside.
        var saved = Enter(symbol);
        Expect("{", "module");
        if (Current.Is("}"))
        {
            throw Fail($"Syntax error: module '{name.Text}' is empty; IDL needs at least one definition in it.");
        }
        while (!Current.Is("}"))
        {
            if (Current.Kind == OmgIdlTokenKind.End)
            {
                throw Fail($"Syntax error: module '{name.Text}' is not closed with '}}'.");
            }
            ParseDefinition();
        }
        Next();
        Leave(saved);
        Expect(";", "module");
    }
}
