using System;
using System.Collections.Generic;

namespace Steward.Rpc.Schema.Thrift;

/// <summary>
/// Recursive-descent parser for one .thrift file, following the grammar of the Thrift compiler
/// (thrifty.yy): headers (include, cpp_include, namespace) first, then definitions. It builds the
/// schema model directly; names stay unresolved until <see cref="ThriftLinker"/> runs. A syntax
/// error skips to the next definition so one mistake does not hide the rest.
/// </summary>
internal sealed partial class ThriftParser
{
    /// <summary>Containers and constant literals nested deeper than this are refused (and keep the parser's stack bounded).</summary>
    public const int MaxNesting = 64;

    /// <summary>Words the Thrift compiler refuses as names because some target language reserves them.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "BEGIN", "END", "__CLASS__", "__DIR__", "__FILE__", "__FUNCTION__", "__LINE__", "__METHOD__", "__NAMESPACE__",
        "abstract", "alias", "and", "args", "as", "assert", "begin", "break", "case", "catch", "class", "clone",
        "continue", "declare", "def", "default", "del", "delete", "do", "dynamic", "elif", "else", "elseif", "elsif",
        "end", "enddeclare", "endfor", "endforeach", "endif", "endswitch", "endwhile", "ensure", "except", "exec",
        "finally", "float", "for", "foreach", "from", "function", "global", "goto", "if", "implements", "import", "in",
        "inline", "instanceof", "interface", "is", "lambda", "module", "native", "new", "next", "nil", "not", "or",
        "package", "pass", "public", "print", "private", "protected", "raise", "redo", "rescue", "retry", "register",
        "return", "self", "sizeof", "static", "super", "switch", "synchronized", "then", "this", "throw", "transient",
        "try", "undef", "unless", "unsigned", "until", "use", "var", "virtual", "volatile", "when", "while", "with",
        "xor", "yield",
    };

    /// <summary>Thrift's own keywords: not usable as names either.</summary>
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "include", "cpp_include", "namespace", "const", "typedef", "enum", "senum", "struct", "union", "exception",
        "service", "extends", "throws", "oneway", "async", "void", "required", "optional", "map", "set", "list",
        "bool", "byte", "i8", "i16", "i32", "i64", "double", "string", "binary", "uuid", "slist", "cpp_type",
        "xsd_all", "xsd_optional", "xsd_nillable", "xsd_attrs", "true", "false",
    };

    /// <summary>Pre-0.9 per-language namespace declarations and the language they name today.</summary>
    private static readonly Dictionary<string, string> LegacyNamespaces = new(StringComparer.Ordinal)
    {
        ["cpp_namespace"] = "cpp",
        ["php_namespace"] = "php",
        ["py_module"] = "py",
        ["perl_package"] = "perl",
        ["ruby_namespace"] = "rb",
        ["smalltalk_category"] = "st",
        ["smalltalk_prefix"] = "st.prefix",
        ["java_package"] = "java",
        ["cocoa_prefix"] = "cocoa",
        ["xsd_namespace"] = "xsd",
        ["csharp_namespace"] = "csharp",
        ["delphi_namespace"] = "delphi",
    };

    private readonly List<ThriftToken> _tokens;
    private readonly string _path;
    private readonly DiagnosticBag _diagnostics;
    private readonly SchemaFile _file;
    private int _pos;
    private int _depth;

    private ThriftParser(List<ThriftToken> tokens, string path, DiagnosticBag diagnostics)
    {
        _tokens = tokens;
        _path = path;
        _diagnostics = diagnostics;
        _file = new SchemaFile(path, IdlSyntax.Thrift) { Package = ProgramName(path) };
    }

    /// <summary>The name other files use for this one: its base name without <c>.thrift</c>.</summary>
    public static string ProgramName(string path)
    {
        var slash = path.Replace('\\', '/').LastIndexOf('/');
        var name = slash >= 0 ? path.Substring(slash + 1) : path;
        var dot = name.LastIndexOf('.');
        return dot > 0 ? name.Substring(0, dot) : name;
    }

    public static SchemaFile Parse(string path, string text, DiagnosticBag diagnostics)
    {
        var tokens = new ThriftLexer(text, path, diagnostics).Tokenize();
        var parser = new ThriftParser(tokens, path, diagnostics);
        parser.ParseDocument();
        return parser._file;
    }

    /// <summary>Thrown to abandon the current definition after a syntax error has been reported.</summary>
    private sealed class SyntaxErrorException : Exception
    {
    }

    private ThriftToken Current => _tokens[_pos];
    private ThriftToken PeekToken(int offset) => _tokens[Math.Min(_pos + offset, _tokens.Count - 1)];

    private SourceLocation Loc(ThriftToken token) => new(_path, token.Line, token.Column);

    private ThriftToken Next()
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
        _diagnostics.Error(ThriftDiagnostics.SyntaxError, message, Loc(Current));
        return new SyntaxErrorException();
    }

    private void Expect(string symbol)
    {
        if (!Current.Is(symbol) || Current.Kind == ThriftTokenKind.String)
        {
            throw Fail($"Expected \"{symbol}\", found {Current}.");
        }
        Next();
    }

    private bool Accept(string symbol)
    {
        if (Current.Is(symbol) && Current.Kind != ThriftTokenKind.String)
        {
            Next();
            return true;
        }
        return false;
    }

    /// <summary>A name being declared: not a keyword, not a reserved word, and without dots.</summary>
    private ThriftToken ExpectName(string what)
    {
        var token = Current;
        if (token.Kind != ThriftTokenKind.Identifier || Keywords.Contains(token.Text))
        {
            throw Fail($"Expected {what}, found {token}.");
        }
        Next();
        if (Reserved.Contains(token.Text))
        {
            _diagnostics.Error(ThriftDiagnostics.ReservedWord, $"Cannot use reserved language keyword \"{token.Text}\" as a name.", Loc(token));
        }
        else if (token.Text.IndexOf('.') >= 0)
        {
            _diagnostics.Error(ThriftDiagnostics.SyntaxError, $"A declared name cannot contain '.': \"{token.Text}\".", Loc(token));
        }
        return token;
    }

    private string ExpectString(string what)
    {
        if (Current.Kind != ThriftTokenKind.String)
        {
            throw Fail($"Expected {what} (a string literal), found {Current}.");
        }
        return Next().Text;
    }

    private void SkipListSeparator()
    {
        if (Current.Kind == ThriftTokenKind.Symbol && (Current.Text == "," || Current.Text == ";"))
        {
            Next();
        }
    }

    private void ParseDocument()
    {
        var headersAllowed = true;
        while (Current.Kind != ThriftTokenKind.End)
        {
            var start = _pos;
            try
            {
                if (IsHeaderStart())
                {
                    if (!headersAllowed)
                    {
                        throw Fail($"{Current} must come before the first definition.");
                    }
                    ParseHeader();
                }
                else
                {
                    headersAllowed = false;
                    ParseDefinition();
                }
            }
            catch (SyntaxErrorException)
            {
                Recover(start);
            }
        }
    }

    private bool IsHeaderStart() =>
        Current.Kind == ThriftTokenKind.Identifier &&
        (Current.Text == "include" || Current.Text == "cpp_include" || Current.Text == "namespace" || LegacyNamespaces.ContainsKey(Current.Text));

    private static readonly HashSet<string> DefinitionStarts = new(StringComparer.Ordinal)
    {
        "include", "cpp_include", "namespace", "const", "typedef", "enum", "senum", "struct", "union", "exception", "service",
    };

    /// <summary>Skips to the next token that can start a definition, outside any braces.</summary>
    private void Recover(int start)
    {
        if (_pos == start)
        {
            Next();
        }
        var depth = 0;
        while (Current.Kind != ThriftTokenKind.End)
        {
            if (Current.Kind == ThriftTokenKind.Symbol)
            {
                if (Current.Text == "{")
                {
                    depth++;
                }
                else if (Current.Text == "}")
                {
                    depth--;
                    Next();
                    if (depth <= 0)
                    {
                        return;
                    }
                    continue;
                }
            }
            else if (depth <= 0 && Current.Kind == ThriftTokenKind.Identifier && DefinitionStarts.Contains(Current.Text))
            {
                return;
            }
            Next();
        }
    }

    private void ParseHeader()
    {
        var keyword = Next();
        switch (keyword.Text)
        {
            case "include":
                var path = ExpectString("the included file's name");
                _file.Imports.Add(new ImportDef(path, Loc(keyword)));
                break;
            case "cpp_include":
                ExpectString("the C++ header's name");
                break;
            case "namespace":
                string scope;
                if (Accept("*"))
                {
                    scope = "*";
                }
                else if (Current.Kind == ThriftTokenKind.Identifier)
                {
                    scope = Next().Text;
                }
                else
                {
                    throw Fail($"Expected a language or '*' after namespace, found {Current}.");
                }
                if (Current.Kind != ThriftTokenKind.Identifier && Current.Kind != ThriftTokenKind.String)
                {
                    throw Fail($"Expected the namespace name, found {Current}.");
                }
                _file.Namespaces[scope] = Next().Text;
                ParseAnnotations(null);
                break;
            default:
                var language = LegacyNamespaces[keyword.Text];
                if (Current.Kind != ThriftTokenKind.Identifier && Current.Kind != ThriftTokenKind.String)
                {
                    throw Fail($"Expected a name after {keyword.Text}, found {Current}.");
                }
                _file.Namespaces[language] = Next().Text;
                _diagnostics.Warning(ThriftDiagnostics.DeprecatedConstruct,
                    $"'{keyword.Text}' is a pre-0.9 declaration (the Thrift compiler now rejects it); read as 'namespace {language}'.", Loc(keyword));
                break;
        }
        // A separator after a header is not Thrift grammar, but a lone ';' is harmless and common in hand-written files.
        if (Current.Is(";"))
        {
            Next();
        }
    }

    private void ParseDefinition()
    {
        var keyword = Current;
        if (keyword.Kind != ThriftTokenKind.Identifier)
        {
            throw Fail($"Expected a definition (struct, union, exception, enum, service, typedef, const), found {keyword}.");
        }
        switch (keyword.Text)
        {
            case "const":
                ParseConst();
                break;
            case "typedef":
                ParseTypedef();
                break;
            case "enum":
                ParseEnum();
                break;
            case "senum":
                _diagnostics.Error(ThriftDiagnostics.UnsupportedConstruct, "\"senum\" is no longer supported by Thrift; use \"string\" instead.", Loc(keyword));
                throw new SyntaxErrorException();
            case "struct":
                ParseStruct(MessageKind.Struct);
                break;
            case "union":
                ParseStruct(MessageKind.Union);
                break;
            case "exception":
                ParseStruct(MessageKind.Exception);
                break;
            case "service":
                ParseService();
                break;
            default:
                throw Fail($"Expected a definition (struct, union, exception, enum, service, typedef, const), found {keyword}.");
        }
    }

    private void ParseConst()
    {
        var keyword = Next();
        var type = ParseFieldType(null);
        var name = ExpectName("the constant's name");
        Expect("=");
        var value = ParseConstValue();
        SkipListSeparator();
        var constant = new ConstantDef(name.Text, type, value, Loc(name))
        {
            FullName = _file.Package + "." + name.Text,
            Documentation = keyword.Doc,
        };
        _file.Constants.Add(constant);
    }

    private void ParseTypedef()
    {
        var keyword = Next();
        // Annotations inside the target type ("typedef i32 (x = "y") T") belong to the new name.
        var typeAnnotations = new List<OptionDef>();
        var target = ParseFieldType(typeAnnotations);
        var name = ExpectName("the typedef's name");
        var typedef = new TypedefDef(name.Text, target, Loc(name))
        {
            FullName = _file.Package + "." + name.Text,
            File = _file,
            Documentation = keyword.Doc,
        };
        typedef.Options.AddRange(typeAnnotations);
        ParseAnnotations(typedef);
        SkipListSeparator();
        _file.Typedefs.Add(typedef);
    }

    private void ParseEnum()
    {
        var keyword = Next();
        var name = ExpectName("the enum's name");
        var def = new EnumDef(name.Text, Loc(name)) { FullName = _file.Package + "." + name.Text, File = _file, Documentation = keyword.Doc };
        Expect("{");
        long next = 0;
        while (!Current.Is("}"))
        {
            var valueName = ExpectName("an enum value's name");
            long number = next;
            var numberLocation = Loc(valueName);
            if (Accept("="))
            {
                var literal = Current;
                if (literal.Kind != ThriftTokenKind.Integer)
                {
                    throw Fail($"Expected an integer enum value, found {literal}.");
                }
                Next();
                numberLocation = Loc(literal);
                number = literal.IsNegative ? -(long)Math.Min(literal.IntegerMagnitude, (ulong)long.MaxValue) : (long)Math.Min(literal.IntegerMagnitude, (ulong)long.MaxValue);
            }
            if (number < int.MinValue || number > int.MaxValue)
            {
                _diagnostics.Error(ThriftDiagnostics.EnumValueOutOfRange,
                    $"Enum value {valueName.Text} = {number} does not fit in 32 bits.", numberLocation);
                number = 0;
            }
            var value = new EnumValueDef(valueName.Text, (int)number, Loc(valueName))
            {
                Owner = def,
                NumberLocation = numberLocation,
                FullName = def.FullName + "." + valueName.Text,
                Documentation = valueName.Doc,
            };
            ParseAnnotations(value);
            SkipListSeparator();
            def.Values.Add(value);
            next = number + 1;
        }
        Expect("}");
        ParseAnnotations(def);
        _file.Enums.Add(def);
    }

    private void ParseStruct(MessageKind kind)
    {
        var keyword = Next();
        var name = ExpectName("the type's name");
        var message = new MessageDef(name.Text, Loc(name))
        {
            Kind = kind,
            FullName = _file.Package + "." + name.Text,
            File = _file,
            Documentation = keyword.Doc,
        };
        if (Current.Is("xsd_all"))
        {
            // Only the XSD generator cared; the Thrift compiler still accepts it.
            Next();
        }
        Expect("{");
        ParseFieldList(message, message.Fields, "}", FieldContext.Struct);
        Expect("}");
        ParseAnnotations(message);
        _file.Messages.Add(message);
    }
}
