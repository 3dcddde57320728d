namespace Steward.Rpc.Schema.OmgIdl;

internal sealed partial class OmgIdlParser
{
    /// <summary>
    /// A type: a base type, a (bounded) string or wstring, a sequence, an inline struct/union/enum
    /// where a declaration allows one, or a scoped name resolved now (typedefs resolve through, keeping
    /// the alias; an interface becomes a proxy).
    /// </summary>
    private TypeRef ParseTypeSpec(TypeContext context)
    {
        var token = Current;
        var at = token.Location;
        if (token.Kind != OmgIdlTokenKind.Identifier && !token.Is("::"))
        {
            throw Fail($"Syntax error: expected a type, found {token}.");
        }
        if (!token.Escaped)
        {
            switch (token.Text)
            {
                case "unsigned":
                    Next();
                    if (Accept("short"))
                    {
                        return TypeRef.ForScalar(ScalarType.UInt16, at);
                    }
                    Expect("long", "unsigned type");
                    return TypeRef.ForScalar(Accept("long") ? ScalarType.UInt64 : ScalarType.UInt32, at);
                case "long":
                    Next();
                    if (Current.Is("double"))
                    {
                        throw Unsupported(Current, "long double");
                    }
                    return TypeRef.ForScalar(Accept("long") ? ScalarType.Int64 : ScalarType.Int32, at);
                case "short":
                    Next();
                    return TypeRef.ForScalar(ScalarType.Int16, at);
                case "float":
                    Next();
                    return TypeRef.ForScalar(ScalarType.Float, at);
                case "double":
                    Next();
                    return TypeRef.ForScalar(ScalarType.Double, at);
                case "char":
                    Next();
                    return TypeRef.ForScalar(ScalarType.Char, at);
                case "wchar":
                    Next();
                    return TypeRef.ForScalar(ScalarType.WChar, at);
                case "boolean":
                    Next();
                    return TypeRef.ForScalar(ScalarType.Bool, at);
                case "octet":
                    Next();
                    return TypeRef.ForScalar(ScalarType.Byte, at);
                case "any" when context != TypeContext.Constant && context != TypeContext.Switch:
                    Next();
                    return TypeRef.ForScalar(ScalarType.Any, at);
                case "Object" when context != TypeContext.Constant && context != TypeContext.Switch:
                    Next();
                    return TypeRef.Proxy(null, at);
                case "string":
                case "wstring":
                    Next();
                    var scalar = token.Text == "string" ? ScalarType.String : ScalarType.WString;
                    if (Accept("<"))
                    {
                        var bound = ParsePositiveInteger("string bound");
                        Expect(">", "bounded string");
                        return TypeRef.BoundedString(scalar, bound, at);
                    }
                    return TypeRef.ForScalar(scalar, at);
                case "sequence" when context == TypeContext.Declaration || context == TypeContext.SequenceElement:
                    Next();
                    Expect("<", "sequence");
                    var element = ParseTypeSpec(TypeContext.SequenceElement);
                    if (Accept(","))
                    {
                        var limit = ParsePositiveInteger("sequence bound");
                        Expect(">", "sequence");
                        return TypeRef.BoundedList(element, limit, at);
                    }
                    Expect(">", "sequence");
                    return TypeRef.List(element, at);
                case "struct" when context == TypeContext.Declaration:
                    return Named(ParseStruct(), context);
                case "union" when context == TypeContext.Declaration:
                    return Named(ParseUnion(), context);
                case "enum" when context == TypeContext.Declaration || context == TypeContext.Switch:
                    return Named(ParseEnum(), context);
                case "fixed":
                case "ValueBase":
                    throw Unsupported(token, token.Text);
            }
            if (IsKeyword(token))
            {
                throw Fail($"Syntax error: expected a type, found {token}.");
            }
        }
        var (name, location) = ExpectScopedName("a type name");
        return ResolveType(name, location, context);
    }

    private TypeRef Named(OmgIdlToken declared, TypeContext context) => ResolveType(declared.Text, declared.Location, context);

    private TypeRef ResolveType(string name, SourceLocation location, TypeContext context)
    {
        var symbol = Resolve(name, location);
        var type = TypeRef.Named(name, location);
        if (symbol == null)
        {
            return TypeRef.ForScalar(ScalarType.Int32, location);
        }
        switch (symbol.Kind)
        {
            case OmgIdlKind.Typedef when symbol.Element is TypedefDef typedef:
                type.Resolve(typedef);
                return type;
            case OmgIdlKind.Enum when symbol.Element is EnumDef definition:
                type.Resolve(definition);
                return type;
            case OmgIdlKind.Struct or OmgIdlKind.Union when symbol.Element is MessageDef message:
                if ((!symbol.Defined || symbol.InProgress) && context != TypeContext.SequenceElement)
                {
                    Error(symbol.InProgress ? OmgIdlDiagnostics.Recursive : OmgIdlDiagnostics.Incomplete,
                        symbol.InProgress
                            ? $"{symbol.KindName} '{name}' cannot contain itself, except through a sequence."
                            : $"{symbol.KindName} '{name}' is declared forward but not defined here; only a sequence may use it before its definition.",
                        location);
                }
                type.Resolve(message);
                return type;
            case OmgIdlKind.Interface when symbol.Element is ServiceDef service:
                var proxy = TypeRef.Proxy(name, location);
                proxy.ResolveProxy(service);
                return proxy;
            case OmgIdlKind.Native:
                Diagnostics.Error(OmgIdlDiagnostics.Unsupported, $"'{name}': Steward does not support CORBA::{symbol.Name} as a data type.", location);
                return type;
            case OmgIdlKind.Exception:
                Error(OmgIdlDiagnostics.WrongKind, $"Exception '{name}' cannot be used as a type.", location);
                return type;
        }
        Error(OmgIdlDiagnostics.WrongKind, $"'{name}' is a {symbol.KindName}, not a type.", location);
        return TypeRef.ForScalar(ScalarType.Int32, location);
    }

    /// <summary>A bound or array size: a constant expression with a positive integer value.</summary>
    private int ParsePositiveInteger(string what)
    {
        var at = Current.Location;
        var value = ParseExpression(32);
        if (value == null)
        {
            return 1;
        }
        if (value.Kind != OmgIdlValueKind.Integer || value.Integer <= 0 || value.Integer > int.MaxValue)
        {
            Error(OmgIdlDiagnostics.InvalidBound, $"The {what} must be a positive integer up to {int.MaxValue}, not {value.Describe()}.", at);
            return 1;
        }
        return (int)value.Integer;
    }
}
