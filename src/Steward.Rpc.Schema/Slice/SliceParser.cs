using System;
using System.Collections.Generic;

namespace Steward.Rpc.Schema.Slice;

/// <summary>
/// Recursive-descent parser for one preprocessed Slice file, after the grammar of slice2* (Ice 3.7):
/// modules hold the definitions, a <c>;</c> after a closing brace is optional, and names stay
/// unresolved until <see cref="SliceLinker"/> runs. A syntax error abandons the definition it is in.
/// <para>
/// Metadata is recorded verbatim as <see cref="OptionDef"/>s: <c>["amd", "cs:attribute:X"]</c> on a
/// definition, member, operation or parameter gives one option per string whose
/// <see cref="OptionDef.Name"/> is the whole string and whose value is the same string as a
/// <see cref="ConstantKind.String"/> literal. File metadata <c>[["python:pkgdir:x"]]</c> goes to
/// <see cref="SchemaFile.Options"/> the same way. Modules have no model element, so a module's
/// metadata also goes to <see cref="SchemaFile.Options"/>, with an <see cref="ConstantKind.Identifier"/>
/// value holding the module's dotted path. Metadata on a sequence or dictionary's element, key or
/// value type is kept on the typedef, on a return type on the method. <c>local</c> definitions are
/// parsed as slice2py parses them and carry an option named <c>local</c>.
/// </para>
/// </summary>
internal sealed partial class SliceParser
{
    /// <summary>Modules, definitions and constant literals nested deeper than this are refused.</summary>
    public const int MaxNesting = 100;

    private readonly List<SliceToken> _tokens;
    private readonly string _path;
    private readonly DiagnosticBag _diagnostics;
    private readonly SliceUnit _unit;
    private readonly List<string> _scope = new();
    private int _pos;
    private int _order;
    private bool _sawDefinition;

    private SliceParser(List<SliceToken> tokens, string path, DiagnosticBag diagnostics, SliceUnit unit)
    {
        _tokens = tokens;
        _path = path;
        _diagnostics = diagnostics;
        _unit = unit;
    }

    public static SliceUnit Parse(string path, string text, DiagnosticBag diagnostics)
    {
        var file = new SchemaFile(path, SliceSyntax.Slice) { Package = "" };
        var unit = new SliceUnit(file);
        var lexer = new SliceLexer(text, path, diagnostics);
        var tokens = lexer.Tokenize();
        unit.Includes.AddRange(lexer.Includes);
        unit.IncludedOnce = lexer.HasPragmaOnce || lexer.HasIncludeGuard;
        foreach (var include in lexer.Includes)
        {
            file.Imports.Add(new ImportDef(include.Path, include.Location));
        }
        var parser = new SliceParser(tokens, path, diagnostics, unit);
        parser.ParseDefinitions(topLevel: true);
        return unit;
    }

    /// <summary>Thrown to abandon the current definition after a syntax error has been reported.</summary>
    private sealed class SyntaxErrorException : Exception
    {
    }

    private SliceToken Current => _tokens[_pos];
    private SliceToken PeekToken(int offset) => _tokens[Math.Min(_pos + offset, _tokens.Count - 1)];
    private string Scope => string.Join(".", _scope);
    private SourceLocation Loc(SliceToken token) => new(_path, token.Line, token.Column);
    private int NextOrder() => ++_order;

    private SliceToken Next()
    {
        var token = _tokens[_pos];
        if (_pos < _tokens.Count - 1)
        {
            _pos++;
        }
        return token;
    }

    private SyntaxErrorException Fail(string message)
    {
        _diagnostics.Error(SliceDiagnostics.SyntaxError, message, Loc(Current));
        return new SyntaxErrorException();
    }

    private SliceToken Expect(string symbol)
    {
        if (!Current.Is(symbol))
        {
            throw Fail($"Syntax error: expected `{symbol}', found {Current}.");
        }
        return Next();
    }

    private bool Accept(string symbol)
    {
        if (Current.Is(symbol))
        {
            Next();
            return true;
        }
        return false;
    }

    /// <summary>
    /// The name a definition introduces. A keyword is reported (slice2* refuse it unless escaped) but
    /// still taken as the name, so parsing goes on; scoped names are not names of definitions.
    /// </summary>
    private SliceToken ExpectName(string what)
    {
        var token = Current;
        if (token.Kind == SliceTokenKind.Keyword)
        {
            _diagnostics.Error(SliceDiagnostics.KeywordAsIdentifier, $"Keyword `{token.Text}' cannot be used as {what} name.", Loc(token));
            Next();
            return token;
        }
        if (token.Kind != SliceTokenKind.Identifier || token.Text.IndexOf(':') >= 0)
        {
            throw Fail($"Syntax error: expected {what} name, found {token}.");
        }
        Next();
        _unit.Identifiers.Add((token.Text, Loc(token)));
        return token;
    }

    private string ExpectScopedName(string what)
    {
        var token = Current;
        if (token.Kind != SliceTokenKind.Identifier)
        {
            throw Fail($"Syntax error: expected {what}, found {token}.");
        }
        Next();
        return token.Text;
    }

    private SliceNameRef NameRef(string name, SliceToken at) => new(name, Scope, NextOrder(), Loc(at), _unit.File);

    private void ParseDefinitions(bool topLevel)
    {
        while (true)
        {
            if (Current.Kind == SliceTokenKind.End)
            {
                if (!topLevel)
                {
                    _diagnostics.Error(SliceDiagnostics.SyntaxError, "Syntax error: missing `}' at end of file.", Loc(Current));
                }
                return;
            }
            if (Current.Is("}"))
            {
                if (!topLevel)
                {
                    return;
                }
                _diagnostics.Error(SliceDiagnostics.SyntaxError, "Syntax error: unexpected `}'.", Loc(Current));
                Next();
                continue;
            }
            var start = _pos;
            try
            {
                ParseDefinition(topLevel);
            }
            catch (SyntaxErrorException)
            {
                Recover(start);
            }
        }
    }

    /// <summary>Skips the definition that failed, from its start: up to its <c>;</c> or the brace that closes it.</summary>
    private void Recover(int start)
    {
        var failedAt = _pos;
        _pos = start;
        var depth = 0;
        while (Current.Kind != SliceTokenKind.End)
        {
            if (Current.Is("{"))
            {
                depth++;
            }
            else if (Current.Is("}"))
            {
                if (depth == 0)
                {
                    break;
                }
                depth--;
                if (depth == 0)
                {
                    Next();
                    Accept(";");
                    break;
                }
            }
            else if (Current.Is(";") && depth == 0)
            {
                Next();
                break;
            }
            Next();
        }
        if (_pos <= start && _pos <= failedAt && Current.Kind != SliceTokenKind.End && !Current.Is("}"))
        {
            Next();
        }
    }

    private void ParseDefinition(bool topLevel)
    {
        var doc = Current.Documentation;
        if (Current.Is("[["))
        {
            if (_sawDefinition)
            {
                throw Fail("File metadata must appear before any definitions.");
            }
            foreach (var (text, location) in ParseMetadata("]]"))
            {
                _unit.File.Options.Add(new OptionDef(text, ConstantValue.FromString(text, location), location));
                _unit.AllowUnderscore |= text == "underscore";
                _unit.AllowIcePrefix |= text == "ice-prefix";
            }
            return;
        }
        _sawDefinition = true;
        var metadata = Current.Is("[") ? ParseMetadata("]") : new List<(string, SourceLocation)>();
        var isLocal = Accept("local");
        var keyword = Current;
        if (keyword.Is("module"))
        {
            if (isLocal)
            {
                throw Fail("Syntax error: a module cannot be local.");
            }
            ParseModule(metadata);
            return;
        }
        if (topLevel && keyword.Kind == SliceTokenKind.Keyword)
        {
            var what = keyword.Text switch
            {
                "class" => "a class",
                "interface" => "an interface",
                "exception" => "an exception",
                "struct" => "a structure",
                "sequence" => "a sequence",
                "dictionary" => "a dictionary",
                "enum" => "an enumeration",
                "const" => "a constant",
                _ => null,
            };
            if (what != null)
            {
                _diagnostics.Error(SliceDiagnostics.NotAtModuleScope, $"`{PeekToken(1).Text}': {what} can be defined only at module scope.", Loc(keyword));
            }
        }
        SliceDecl? decl = keyword.Text switch
        {
            "class" when keyword.Kind == SliceTokenKind.Keyword => ParseClass(),
            "interface" when keyword.Kind == SliceTokenKind.Keyword => ParseInterface(),
            "exception" when keyword.Kind == SliceTokenKind.Keyword => ParseException(),
            "struct" when keyword.Kind == SliceTokenKind.Keyword => ParseStruct(),
            "sequence" when keyword.Kind == SliceTokenKind.Keyword => ParseSequence(),
            "dictionary" when keyword.Kind == SliceTokenKind.Keyword => ParseDictionary(),
            "enum" when keyword.Kind == SliceTokenKind.Keyword => ParseEnum(),
            "const" when keyword.Kind == SliceTokenKind.Keyword && !isLocal => ParseConst(),
            _ => throw Fail($"Syntax error: expected a definition, found {keyword}."),
        };
        if (decl == null)
        {
            return;
        }
        decl.IsLocal = isLocal;
        if (decl.Element != null)
        {
            decl.Element.Documentation = doc;
            AddMetadata(decl.Element, metadata);
            if (isLocal)
            {
                decl.Element.Options.Add(new OptionDef("local", ConstantValue.FromString("local", Loc(keyword)), Loc(keyword)));
            }
        }
    }

    private List<(string Text, SourceLocation Location)> ParseMetadata(string close)
    {
        var result = new List<(string, SourceLocation)>();
        Next();
        while (true)
        {
            if (Current.Kind != SliceTokenKind.String)
            {
                throw Fail($"Syntax error: expected a metadata string, found {Current}.");
            }
            result.Add((Current.Text, Loc(Current)));
            Next();
            if (Accept(close))
            {
                return result;
            }
            Expect(",");
        }
    }

    private static void AddMetadata(SchemaElement element, List<(string Text, SourceLocation Location)> metadata)
    {
        foreach (var (text, location) in metadata)
        {
            element.Options.Add(new OptionDef(text, ConstantValue.FromString(text, location), location));
        }
    }

    private void ParseModule(List<(string Text, SourceLocation Location)> metadata)
    {
        Next();
        var name = ExpectName("module");
        var decl = Declare(SliceKind.Module, name);
        if (_scope.Count >= MaxNesting)
        {
            throw Fail($"Modules nest deeper than {MaxNesting}.");
        }
        _scope.Add(name.Text);
        foreach (var (text, location) in metadata)
        {
            _unit.File.Options.Add(new OptionDef(text, ConstantValue.FromIdentifier(decl.FullName, location), location));
        }
        try
        {
            Expect("{");
            ParseDefinitions(topLevel: false);
            Expect("}");
        }
        finally
        {
            _scope.RemoveAt(_scope.Count - 1);
        }
        Accept(";");
    }

    private SliceDecl Declare(SliceKind kind, SliceToken name)
    {
        var decl = new SliceDecl(kind, Scope, name.Text, Loc(name), NextOrder()) { File = _unit.File };
        _unit.Decls.Add(decl);
        return decl;
    }

    private T Define<T>(SliceDecl decl, T element)
        where T : SchemaElement
    {
        decl.Element = element;
        _unit.DeclOf[element] = decl;
        return element;
    }

    /// <summary>After a closing brace the <c>;</c> is optional in Ice 3.7; after anything else it is required.</summary>
    private void EndDefinition(string what)
    {
        if (!Accept(";"))
        {
            throw Fail($"`;' missing after {what} definition.");
        }
    }
}
