using System.Collections.Generic;

namespace Steward.Rpc.Schema.OmgIdl;

internal sealed partial class OmgIdlParser
{
    /// <summary>Where a type is written: it decides which forms are allowed (anonymous sequences, inline structs, incomplete types).</summary>
    private enum TypeContext
    {
        /// <summary>A typedef or member: every form, inline struct/union/enum included; an incomplete struct only in a sequence.</summary>
        Declaration,
        /// <summary>A parameter, return value or attribute: base types, strings and names only.</summary>
        Parameter,
        /// <summary>A sequence's element: incomplete (recursive) structs and unions are allowed.</summary>
        SequenceElement,
        /// <summary>A constant's type.</summary>
        Constant,
        /// <summary>A union's discriminator.</summary>
        Switch,
    }

    private static readonly string[] UnsupportedConstructs =
    {
        "valuetype", "custom", "eventtype", "component", "home", "ValueBase", "fixed", "native",
        "typeid", "typeprefix", "import", "truncatable", "supports", "factory",
    };

    /// <summary>typedef, struct, union, enum, const, exception (or a refused construct); false when the token starts none of them.</summary>
    private bool TryParseTypeOrConstant(bool inInterface)
    {
        var token = Current;
        switch (token.Text)
        {
            case "typedef":
                ParseTypedef();
                return true;
            case "struct":
                ParseStruct();
                return true;
            case "union":
                ParseUnion();
                return true;
            case "enum":
                ParseEnum();
                return true;
            case "const":
                ParseConst();
                return true;
            case "exception":
                ParseException();
                return true;
            case "abstract" when Peek(1).Is("valuetype") || Peek(1).Is("eventtype"):
                throw Unsupported(token, $"abstract {Peek(1).Text}");
        }
        foreach (var construct in UnsupportedConstructs)
        {
            if (token.Is(construct))
            {
                throw Unsupported(token, construct);
            }
        }
        return false;
    }

    private ParseError Unsupported(OmgIdlToken token, string construct)
    {
        var what = construct switch
        {
            "valuetype" or "custom" or "abstract valuetype" or "truncatable" or "ValueBase" or "factory" or "supports" => "valuetypes",
            "eventtype" or "abstract eventtype" => "eventtypes",
            "component" or "home" => "CORBA components",
            "fixed" => "the fixed type",
            "native" => "native types",
            "typeid" or "typeprefix" => $"'{construct}' (omniidl 4.2 does not either; use #pragma ID or #pragma prefix)",
            "import" => "'import' (use #include)",
            _ => construct,
        };
        Diagnostics.Error(OmgIdlDiagnostics.Unsupported, $"'{construct}': Steward does not support {what}.", token.Location);
        return new ParseError();
    }

    private TypeDef? Register(OmgIdlSymbol? symbol, TypeDef type)
    {
        type.File = File;
        type.FullName = _scope.FullName.Length == 0 ? type.Name : _scope.FullName + "." + type.Name;
        if (symbol == null || (Replay && symbol.Element != null))
        {
            return null;
        }
        symbol.Element = type;
        AssignId(symbol);
        if (!_set.TryAddType(type))
        {
            Error(OmgIdlDiagnostics.Redefinition, $"'{type.FullName}' is defined twice.", type.Location);
        }
        return type;
    }

    private void ParseTypedef()
    {
        Next();
        var type = ParseTypeSpec(TypeContext.Declaration);
        do
        {
            var (name, target) = ParseDeclarator(type, "typedef");
            var typedef = new TypedefDef(name.Text, target, name.Location);
            var symbol = Declare(OmgIdlKind.Typedef, name);
            if (Register(symbol, typedef) != null)
            {
                symbol!.Type = target;
                File.Typedefs.Add(typedef);
            }
        }
        while (Accept(","));
    }

    /// <summary>A declarator: a name, then array sizes (<c>a[2][3]</c> is an array of 2 arrays of 3).</summary>
    private (OmgIdlToken Name, TypeRef Type) ParseDeclarator(TypeRef type, string what)
    {
        var name = ExpectIdentifier(what);
        var sizes = new List<(int Size, SourceLocation Location)>();
        while (Current.Is("["))
        {
            var at = Next().Location;
            sizes.Add((ParsePositiveInteger("array size"), at));
            Expect("]", "array declarator");
        }
        for (var i = sizes.Count - 1; i >= 0; i--)
        {
            type = TypeRef.Array(type, sizes[i].Size, sizes[i].Location);
        }
        return (name, type);
    }

    /// <summary>The members of a struct or exception: <c>type declarator, declarator;</c> repeated.</summary>
    private void ParseMembers(MessageDef message, bool allowEmpty, string what)
    {
        Expect("{", what);
        if (Current.Is("}") && !allowEmpty)
        {
            throw Fail($"Syntax error: {what} '{message.Name}' has no members; IDL needs at least one.");
        }
        while (!Current.Is("}"))
        {
            if (Current.Kind == OmgIdlTokenKind.End)
            {
                throw Fail($"Syntax error: {what} '{message.Name}' is not closed with '}}'.");
            }
            var type = ParseTypeSpec(TypeContext.Declaration);
            do
            {
                var (name, memberType) = ParseDeclarator(type, "member");
                AddField(message, name, memberType);
            }
            while (Accept(","));
            Expect(";", what + " member");
        }
        Next();
    }

    private FieldDef AddField(MessageDef message, OmgIdlToken name, TypeRef type)
    {
        Declare(OmgIdlKind.Member, name);
        var field = new FieldDef(name.Text, message.Fields.Count, type, name.Location)
        {
            Owner = message,
            FullName = message.FullName + "." + name.Text,
            NumberLocation = name.Location,
        };
        message.Fields.Add(field);
        return field;
    }

    /// <summary>Starts a struct, union or exception: declares it and opens its scope; null for a forward declaration.</summary>
    private (OmgIdlSymbol Symbol, MessageDef Message)? BeginMessage(OmgIdlKind kind, MessageKind messageKind, OmgIdlToken name, bool forward)
    {
        var symbol = Declare(kind, name, forward);
        if (forward)
        {
            return null;
        }
        if (symbol == null || (Replay && symbol.Defined))
        {
            // A clash (reported) or a definition read again for another root: parsed into a throwaway.
            var detached = new OmgIdlSymbol(kind, name.Text, _scope, name.Location);
            var throwaway = new MessageDef(name.Text, name.Location) { Kind = messageKind, FullName = detached.FullName };
            detached.Element = throwaway;
            return (detached, throwaway);
        }
        var message = symbol.Element as MessageDef ?? new MessageDef(name.Text, name.Location);
        message.Kind = messageKind;
        message.Location = name.Location;
        symbol.Location = name.Location;
        symbol.Element = null;
        if (Register(symbol, message) != null)
        {
            File.Messages.Add(message);
        }
        symbol.InProgress = true;
        symbol.Defined = false;
        return (symbol, message);
    }

    private OmgIdlToken ParseStruct()
    {
        Next();
        var name = ExpectIdentifier("struct");
        if (Current.Is(";"))
        {
            DeclareForward(OmgIdlKind.Struct, name);
            return name;
        }
        var (symbol, message) = BeginMessage(OmgIdlKind.Struct, MessageKind.Struct, name, forward: false)!.Value;
        var saved = Enter(symbol);
        ParseMembers(message, allowEmpty: false, "struct");
        Leave(saved);
        symbol.InProgress = false;
        symbol.Defined = true;
        return name;
    }

    private void DeclareForward(OmgIdlKind kind, OmgIdlToken name)
    {
        var symbol = Declare(kind, name, forward: true);
        if (symbol != null && symbol.Element == null)
        {
            symbol.Element = new MessageDef(name.Text, name.Location)
            {
                Kind = kind == OmgIdlKind.Union ? MessageKind.Union : MessageKind.Struct,
                FullName = symbol.FullName,
                File = File,
            };
        }
    }

    private void ParseException()
    {
        Next();
        var name = ExpectIdentifier("exception");
        var (symbol, message) = BeginMessage(OmgIdlKind.Exception, MessageKind.Exception, name, forward: false)!.Value;
        var saved = Enter(symbol);
        ParseMembers(message, allowEmpty: true, "exception");
        Leave(saved);
        symbol.InProgress = false;
        symbol.Defined = true;
    }

    private OmgIdlToken ParseEnum()
    {
        Next();
        var name = ExpectIdentifier("enum");
        var symbol = Declare(OmgIdlKind.Enum, name);
        var definition = new EnumDef(name.Text, name.Location);
        if (Register(symbol, definition) != null)
        {
            File.Enums.Add(definition);
        }
        Expect("{", "enum");
        do
        {
            var valueName = ExpectIdentifier("enumerator");
            var value = new EnumValueDef(valueName.Text, definition.Values.Count, valueName.Location)
            {
                Owner = definition,
                FullName = definition.FullName + "." + valueName.Text,
                NumberLocation = valueName.Location,
            };
            definition.Values.Add(value);
            var enumerator = Declare(OmgIdlKind.Enumerator, valueName);
            if (enumerator != null && !(Replay && enumerator.Element != null))
            {
                enumerator.Element = value;
                enumerator.Value = new OmgIdlValue(OmgIdlValueKind.Enumerator) { Enumerator = value };
            }
        }
        while (Accept(","));
        Expect("}", "enum");
        return name;
    }

    private void ParseConst()
    {
        Next();
        var type = ParseTypeSpec(TypeContext.Constant);
        var name = ExpectIdentifier("constant");
        Expect("=", "constant");
        var at = Current.Location;
        var value = ParseExpression(BitsFor(type));
        var symbol = Declare(OmgIdlKind.Const, name);
        if (symbol == null || (Replay && symbol.Element != null))
        {
            return;
        }
        ConstantValue? literal = null;
        if (value != null)
        {
            literal = OmgIdlConstants.Convert(value, type, at, out var error);
            if (literal == null)
            {
                Error(OmgIdlDiagnostics.ConstantValue, error, at);
            }
        }
        var constant = new ConstantDef(name.Text, type, literal ?? ConstantValue.FromInteger(0, false, at), name.Location)
        {
            FullName = _scope.FullName.Length == 0 ? name.Text : _scope.FullName + "." + name.Text,
        };
        symbol.Element = constant;
        symbol.Type = type;
        symbol.Value = literal != null ? value : null;
        File.Constants.Add(constant);
    }
}
