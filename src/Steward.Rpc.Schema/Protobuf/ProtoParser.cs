using System;
using System.Collections.Generic;
using System.Text;

namespace Steward.Rpc.Schema.Protobuf;

/// <summary>
/// Recursive-descent parser for .proto files (proto3, and proto2 as far as descriptor.proto-style
/// imports need). Produces an unlinked <see cref="SchemaFile"/>: type references stay
/// <see cref="TypeKind.Unresolved"/> until <see cref="ProtoLinker"/> runs. On a syntax error it
/// reports, skips the statement the way protoc does (to the next <c>;</c> or past a <c>{...}</c>
/// block) and goes on, so one run reports every error.
/// </summary>
internal sealed partial class ProtoParser
{
    /// <summary>Deeper nesting than any real schema; stops stack exhaustion on hostile input.</summary>
    internal const int MaxDepth = 64;
    internal const int MaxFieldNumber = 536870911;

    private readonly List<Token> _tokens;
    private readonly string _path;
    private readonly string _text;
    private readonly DiagnosticBag _diagnostics;
    private readonly SchemaFile _file;
    private int _index;
    private int _depth;
    private bool _sawPackage;

    private sealed class SyntaxAbort : Exception
    {
    }

    private ProtoParser(string path, string text, DiagnosticBag diagnostics)
    {
        _path = path;
        _text = text;
        _diagnostics = diagnostics;
        _tokens = new ProtoLexer(text, path, diagnostics).Tokenize();
        _file = new SchemaFile(path, IdlSyntax.Proto3);
    }

    public static SchemaFile Parse(string path, string text, DiagnosticBag diagnostics)
    {
        var parser = new ProtoParser(path, text, diagnostics);
        parser.ParseFile();
        return parser._file;
    }

    private bool IsProto3 => _file.Syntax == IdlSyntax.Proto3;

    // ---- token helpers ------------------------------------------------------------------

    private Token Current => _tokens[_index];
    private Token PeekAt(int offset) => _tokens[Math.Min(_index + offset, _tokens.Count - 1)];
    private bool AtEnd => Current.Kind == TokenKind.End;
    private bool At(string text) => Current.Is(text);

    private Token Advance()
    {
        var token = Current;
        if (_index < _tokens.Count - 1)
        {
            _index++;
        }
        return token;
    }

    private bool TryConsume(string text)
    {
        if (At(text))
        {
            Advance();
            return true;
        }
        return false;
    }

    private SourceLocation Loc(Token token) => new(_path, token.Line, token.Column);

    private SyntaxAbort Fail(string message) => Fail(message, Current);

    private SyntaxAbort Fail(string message, Token at)
    {
        _diagnostics.Error(ProtoDiagnostics.SyntaxError, message, Loc(at));
        return new SyntaxAbort();
    }

    private Token Expect(string text, string? what = null)
    {
        if (!At(text))
        {
            throw Fail(what ?? $"Expected \"{text}\", found {Current}.");
        }
        return Advance();
    }

    private Token ExpectIdentifier(string what)
    {
        if (Current.Kind != TokenKind.Identifier)
        {
            throw Fail($"Expected {what}, found {Current}.");
        }
        return Advance();
    }

    /// <summary>protoc's recovery: skip to after the next <c>;</c>, or past a <c>{...}</c> block, or up to a closing <c>}</c>.</summary>
    private void SkipStatement()
    {
        while (!AtEnd)
        {
            if (At(";"))
            {
                Advance();
                return;
            }
            if (At("{"))
            {
                Advance();
                SkipRestOfBlock();
                return;
            }
            if (At("}"))
            {
                return;
            }
            Advance();
        }
    }

    private void SkipRestOfBlock()
    {
        var depth = 1;
        while (!AtEnd)
        {
            var token = Advance();
            if (token.Is("{"))
            {
                depth++;
            }
            else if (token.Is("}") && --depth == 0)
            {
                return;
            }
        }
    }

    /// <summary>Runs one statement; a syntax error inside it is already reported, so skip the rest of it.</summary>
    private void Statement(Action parse)
    {
        var start = _index;
        try
        {
            parse();
        }
        catch (SyntaxAbort)
        {
            SkipStatement();
            if (_index == start && !AtEnd)
            {
                Advance();
            }
        }
    }

    private void EnterNesting(Token at)
    {
        if (_depth >= MaxDepth)
        {
            _diagnostics.Error(ProtoDiagnostics.NestingTooDeep, $"Definitions are nested more than {MaxDepth} levels deep.", Loc(at));
            throw new SyntaxAbort();
        }
        _depth++;
    }

    /// <summary>Parses <c>{ statement* }</c>; the opening brace is the current token.</summary>
    private void Block(string what, Action statement)
    {
        Expect("{", $"Expected \"{{\" to open the {what}, found {Current}.");
        while (!At("}"))
        {
            if (AtEnd)
            {
                // Report and keep what was parsed: the definition itself is fine so far.
                Fail($"Reached end of input in {what} (missing '}}').");
                return;
            }
            Statement(statement);
        }
        Advance();
    }

    // ---- file level ---------------------------------------------------------------------

    private void ParseFile()
    {
        while (At(";"))
        {
            Advance();
        }
        if (At("syntax"))
        {
            Statement(ParseSyntax);
        }
        else if (At("edition"))
        {
            _diagnostics.Error(ProtoDiagnostics.UnknownSyntax, "Editions are not supported; use syntax = \"proto3\".", Loc(Current));
            Statement(() => throw new SyntaxAbort());
        }
        else
        {
            _file.Syntax = IdlSyntax.Proto2;
            _diagnostics.Warning(ProtoDiagnostics.MissingSyntax,
                "No syntax specified for the proto file; defaulting to proto2 syntax as protoc does. Add 'syntax = \"proto3\";'.", Loc(Current));
        }
        while (!AtEnd)
        {
            Statement(ParseTopLevelStatement);
        }
    }

    private void ParseSyntax()
    {
        var keyword = Expect("syntax");
        Expect("=");
        var valueToken = Current;
        var value = ParseStringLiteral("a syntax identifier");
        switch (value.Text)
        {
            case "proto3":
                _file.Syntax = IdlSyntax.Proto3;
                break;
            case "proto2":
                _file.Syntax = IdlSyntax.Proto2;
                break;
            default:
                _diagnostics.Error(ProtoDiagnostics.UnknownSyntax,
                    $"Unrecognized syntax identifier \"{value.Text}\". This parser only recognizes \"proto2\" and \"proto3\".", Loc(valueToken));
                break;
        }
        _ = keyword;
        Expect(";");
    }

    private void ParseTopLevelStatement()
    {
        var token = Current;
        if (token.Is(";"))
        {
            Advance();
        }
        else if (token.Is("import"))
        {
            ParseImport();
        }
        else if (token.Is("package"))
        {
            ParsePackage();
        }
        else if (token.Is("option"))
        {
            ParseOptionStatement(_file.Options);
        }
        else if (token.Is("message"))
        {
            _file.Messages.Add(ParseMessage(null));
        }
        else if (token.Is("enum"))
        {
            _file.Enums.Add(ParseEnum());
        }
        else if (token.Is("service"))
        {
            _file.Services.Add(ParseService());
        }
        else if (token.Is("extend"))
        {
            ParseExtend(_file.Extends, null);
        }
        else if (token.Is("syntax"))
        {
            _diagnostics.Error(ProtoDiagnostics.SyntaxNotFirst, "The syntax statement must be the first statement in the file.", Loc(token));
            throw new SyntaxAbort();
        }
        else if (token.Is("}"))
        {
            Advance();
            throw Fail("Unmatched \"}\".", token);
        }
        else
        {
            throw Fail($"Expected a top-level statement (e.g. \"message\"), found {token}.");
        }
    }

    private void ParseImport()
    {
        Expect("import");
        var isPublic = false;
        var isWeak = false;
        if (At("public") && PeekAt(1).Kind == TokenKind.String)
        {
            Advance();
            isPublic = true;
        }
        else if (At("weak") && PeekAt(1).Kind == TokenKind.String)
        {
            Advance();
            isWeak = true;
        }
        var pathToken = Current;
        var path = ParseStringLiteral("a file name to import");
        Expect(";");
        foreach (var existing in _file.Imports)
        {
            if (existing.Path == path.Text)
            {
                _diagnostics.Error(ProtoDiagnostics.DuplicateImport, $"Import \"{path.Text}\" was listed twice.", Loc(pathToken));
                return;
            }
        }
        _file.Imports.Add(new ImportDef(path.Text, Loc(pathToken)) { IsPublic = isPublic, IsWeak = isWeak });
    }

    private void ParsePackage()
    {
        var keyword = Expect("package");
        var nameToken = Current;
        var name = ParseDottedName("a package name", allowLeadingDot: false);
        Expect(";");
        if (_sawPackage)
        {
            _diagnostics.Error(ProtoDiagnostics.DuplicatePackage, "Multiple package definitions.", Loc(keyword));
            return;
        }
        _ = nameToken;
        _sawPackage = true;
        _file.Package = name;
    }

    /// <summary><c>ident(.ident)*</c>, optionally with a leading dot (fully qualified type names).</summary>
    private string ParseDottedName(string what, bool allowLeadingDot)
    {
        var sb = new StringBuilder();
        if (allowLeadingDot && At("."))
        {
            Advance();
            sb.Append('.');
        }
        sb.Append(ExpectIdentifier(what).Text);
        while (At(".") && PeekAt(1).Kind == TokenKind.Identifier)
        {
            Advance();
            sb.Append('.').Append(Advance().Text);
        }
        if (At("."))
        {
            Advance();
            throw Fail($"Expected an identifier after \".\", found {Current}.");
        }
        return sb.ToString();
    }

    /// <summary>One string literal or several adjacent ones, concatenated as protoc does.</summary>
    private ConstantValue ParseStringLiteral(string what)
    {
        var first = Current;
        if (first.Kind != TokenKind.String)
        {
            throw Fail($"Expected {what} (a string), found {first}.");
        }
        var bytes = new List<byte>();
        while (Current.Kind == TokenKind.String)
        {
            bytes.AddRange(Advance().StringBytes ?? Array.Empty<byte>());
        }
        var array = bytes.ToArray();
        return ConstantValue.FromString(Encoding.UTF8.GetString(array), array, Loc(first));
    }
}
