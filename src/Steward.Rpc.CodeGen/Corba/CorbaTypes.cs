using System;
using System.Linq;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Corba;

/// <summary>How each OMG IDL type maps to C#: its C# type, its initial value and the fewest CDR bytes it takes.</summary>
internal sealed class CorbaTypes
{
    private const string C = CorbaNames.C;
    private readonly string? _prefix;

    /// <summary>Types named under <paramref name="prefix"/> (null: each module is a top-level namespace).</summary>
    public CorbaTypes(string? prefix)
    {
        _prefix = prefix;
    }

    /// <summary>The C# namespace of a definition.</summary>
    public string Namespace(string fullName) => CorbaNames.Namespace(fullName, _prefix);

    public static bool IsOctet(TypeRef type) => type.IsScalar(ScalarType.Byte);

    /// <summary>The C# type of a value.</summary>
    public string CsType(TypeRef type) => type.Kind switch
    {
        TypeKind.Scalar => type.Scalar switch
        {
            ScalarType.Bool => "bool",
            ScalarType.Byte => "byte",
            ScalarType.Char or ScalarType.WChar => "char",
            ScalarType.Int16 => "short",
            ScalarType.UInt16 => "ushort",
            ScalarType.Int32 => "int",
            ScalarType.UInt32 => "uint",
            ScalarType.Int64 => "long",
            ScalarType.UInt64 => "ulong",
            ScalarType.Float => "float",
            ScalarType.Double => "double",
            ScalarType.String or ScalarType.WString => "string",
            ScalarType.Any => C + "CorbaAny",
            _ => throw new NotSupportedException($"OMG IDL has no {type.Scalar}."),
        },
        TypeKind.Enum or TypeKind.Message => CorbaNames.Qualified(type.Definition!.FullName, _prefix),
        TypeKind.List or TypeKind.Array => CsType(type.Element!) + "[]",
        TypeKind.Proxy => C + "CorbaObjectReference",
        _ => throw new NotSupportedException($"Unresolved OMG IDL type {type}."),
    };

    /// <summary>True for C# value types (no initial value needed).</summary>
    public static bool IsValueType(TypeRef type) =>
        type.Kind == TypeKind.Enum || (type.Kind == TypeKind.Scalar && type.Scalar is not (ScalarType.String or ScalarType.WString or ScalarType.Any));

    /// <summary>The initial value of a member or parameter of the type: what a new struct holds.</summary>
    public string Initial(TypeRef type)
    {
        switch (type.Kind)
        {
            case TypeKind.Scalar when type.Scalar is ScalarType.String or ScalarType.WString:
                return "\"\"";
            case TypeKind.Scalar when type.Scalar == ScalarType.Any:
                return C + "CorbaAny.Empty";
            case TypeKind.Scalar:
            case TypeKind.Enum:
                return $"default({CsType(type)})";
            case TypeKind.Message:
                return $"new {CsType(type)}()";
            case TypeKind.List:
                return "[]";
            case TypeKind.Array when IsValueType(type.Element!):
                return $"new {ArrayOf(CsType(type.Element!), type.ArrayLength.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
            case TypeKind.Array:
                return $"{C}CorbaBounds.NewArray<{CsType(type.Element!)}>({type.ArrayLength}, static () => {Initial(type.Element!)})";
            case TypeKind.Proxy:
                return C + "CorbaObjectReference.Nil";
            default:
                return "default!";
        }
    }

    /// <summary><c>new T[n]</c>, with the rank specifiers of an array element after the count (<c>new int[n][]</c>).</summary>
    public static string ArrayOf(string element, string count)
    {
        var suffix = "";
        while (element.EndsWith("[]", StringComparison.Ordinal))
        {
            element = element.Substring(0, element.Length - 2);
            suffix += "[]";
        }
        return $"{element}[{count}]{suffix}";
    }

    /// <summary>The fewest bytes one value takes in CDR (to check sequence lengths against the data left).</summary>
    public static int MinSize(TypeRef type, int depth = 0)
    {
        if (depth > 64)
        {
            return 1;
        }
        switch (type.Kind)
        {
            case TypeKind.Scalar:
                return type.Scalar switch
                {
                    ScalarType.Int16 or ScalarType.UInt16 => 2,
                    ScalarType.Int32 or ScalarType.UInt32 or ScalarType.Float => 4,
                    ScalarType.Int64 or ScalarType.UInt64 or ScalarType.Double => 8,
                    ScalarType.String or ScalarType.WString or ScalarType.Any => 4,
                    _ => 1,
                };
            case TypeKind.Enum:
            case TypeKind.List:
            case TypeKind.Proxy:
                return 4;
            case TypeKind.Array:
                return (int)Math.Min(int.MaxValue / 2, (long)type.ArrayLength * MinSize(type.Element!, depth + 1));
            case TypeKind.Message when type.Definition is MessageDef { Kind: MessageKind.Union } union && union.Discriminator != null:
                return MinSize(union.Discriminator, depth + 1);
            case TypeKind.Message when type.Definition is MessageDef def:
                return Math.Max(1, (int)Math.Min(int.MaxValue / 2, def.Fields.Sum(f => (long)MinSize(f.Type, depth + 1))));
            default:
                return 1;
        }
    }
}
