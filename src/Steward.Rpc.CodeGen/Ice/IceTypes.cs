using System;
using System.Collections.Generic;
using System.Linq;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Ice;

/// <summary>How each Slice type maps to C# and to the Ice encoding: its C# type, sizes and optional format.</summary>
internal sealed class IceTypes
{
    private const string I = IceNames.I;

    private readonly HashSet<TypeRef> _genericLists = new();

    public IceTypes(IceNames names, SchemaSet set)
    {
        Names = names;
        foreach (var file in set.Files)
        {
            foreach (var typedef in file.Typedefs)
            {
                // A reference to a typedef copies its target's element: that shared element identifies the typedef.
                if (typedef.Target.Kind == TypeKind.List && typedef.FindOption("cs:generic:List") != null)
                {
                    _genericLists.Add(typedef.Target.Element!);
                }
            }
        }
    }

    /// <summary>True for a sequence declared <c>["cs:generic:List"]</c>: a <c>List&lt;T&gt;</c> rather than an array.</summary>
    public bool IsGenericList(TypeRef type) => type.Kind == TypeKind.List && _genericLists.Contains(type.Element!);

    public IceNames Names { get; }

    public static bool IsClass(TypeRef type) =>
        type.IsScalar(ScalarType.AnyClass) || (type.Kind == TypeKind.Message && type.Definition is MessageDef { Kind: MessageKind.Class });

    public static bool IsStruct(TypeRef type) => type.Kind == TypeKind.Message && type.Definition is MessageDef { Kind: MessageKind.Struct };

    public static bool IsValueType(TypeRef type) =>
        type.Kind == TypeKind.Enum || (type.Kind == TypeKind.Scalar && type.Scalar is not (ScalarType.String or ScalarType.AnyClass));

    /// <summary>True when any value of the type may hold a class instance (the parameters then end with pending values).</summary>
    public static bool UsesClasses(TypeRef type, int depth = 0)
    {
        if (depth > 64)
        {
            return false;
        }
        if (IsClass(type))
        {
            return true;
        }
        return type.Kind switch
        {
            TypeKind.List => UsesClasses(type.Element!, depth + 1),
            TypeKind.Map => UsesClasses(type.Key!, depth + 1) || UsesClasses(type.Element!, depth + 1),
            TypeKind.Message when IsStruct(type) => ((MessageDef)type.Definition!).Fields.Any(f => UsesClasses(f.Type, depth + 1)),
            _ => false,
        };
    }

    /// <summary>The C# type of a value (without the nullable mark of an optional).</summary>
    public string CsType(TypeRef type) => type.Kind switch
    {
        TypeKind.Scalar => type.Scalar switch
        {
            ScalarType.Bool => "bool",
            ScalarType.Byte => "byte",
            ScalarType.Int16 => "short",
            ScalarType.Int32 => "int",
            ScalarType.Int64 => "long",
            ScalarType.Float => "float",
            ScalarType.Double => "double",
            ScalarType.String => "string",
            ScalarType.AnyClass => I + "IceValue?",
            _ => throw new NotSupportedException($"Slice has no {type.Scalar}."),
        },
        TypeKind.Enum => Names.Qualified(type.Definition!.FullName),
        TypeKind.Message => Names.Qualified(type.Definition!.FullName) + (IsClass(type) ? "?" : ""),
        TypeKind.List when IsGenericList(type) => $"global::System.Collections.Generic.List<{CsType(type.Element!)}>",
        TypeKind.List => type.Element!.IsScalar(ScalarType.Byte) ? "byte[]" : CsType(type.Element!) + "[]",
        TypeKind.Map => $"global::System.Collections.Generic.Dictionary<{CsType(type.Key!)}, {CsType(type.Element!)}>",
        TypeKind.Proxy => I + "IceProxyReference?",
        _ => throw new NotSupportedException($"Unresolved Slice type {type}."),
    };

    /// <summary>The C# type of an optional (tagged) member or parameter.</summary>
    public string OptionalType(TypeRef type)
    {
        var cs = CsType(type);
        return cs.EndsWith("?", StringComparison.Ordinal) ? cs : cs + "?";
    }

    /// <summary>The fewest bytes one value takes on the wire (to check sequence counts against the data).</summary>
    public static int MinSize(TypeRef type, int depth = 0)
    {
        if (depth > 64)
        {
            return 1;
        }
        return type.Kind switch
        {
            TypeKind.Scalar => FixedSize(type) ?? 1,
            TypeKind.Message when IsStruct(type) => Math.Max(1, ((MessageDef)type.Definition!).Fields.Sum(f => MinSize(f.Type, depth + 1))),
            TypeKind.Proxy => 2,
            _ => 1,
        };
    }

    /// <summary>The size of a fixed-size type (numbers and structs of them); null for variable-size ones.</summary>
    public static int? FixedSize(TypeRef type, int depth = 0)
    {
        if (type.Kind == TypeKind.Scalar)
        {
            return type.Scalar switch
            {
                ScalarType.Bool or ScalarType.Byte => 1,
                ScalarType.Int16 => 2,
                ScalarType.Int32 or ScalarType.Float => 4,
                ScalarType.Int64 or ScalarType.Double => 8,
                _ => null,
            };
        }
        if (IsStruct(type) && depth < 64)
        {
            var total = 0;
            foreach (var field in ((MessageDef)type.Definition!).Fields)
            {
                if (FixedSize(field.Type, depth + 1) is not int size)
                {
                    return null;
                }
                total += size;
            }
            return total;
        }
        return null;
    }

    /// <summary>The optional format of a type (what the tag byte's low bits say).</summary>
    public static string OptionalFormat(TypeRef type)
    {
        if (IsClass(type))
        {
            return "Class";
        }
        switch (type.Kind)
        {
            case TypeKind.Scalar:
                return type.Scalar switch
                {
                    ScalarType.Bool or ScalarType.Byte => "F1",
                    ScalarType.Int16 => "F2",
                    ScalarType.Int32 or ScalarType.Float => "F4",
                    ScalarType.Int64 or ScalarType.Double => "F8",
                    _ => "VSize",
                };
            case TypeKind.Enum:
                return "Size";
            case TypeKind.Message:
                return FixedSize(type) is null ? "FSize" : "VSize";
            case TypeKind.List:
                return FixedSize(type.Element!) is null ? "FSize" : "VSize";
            case TypeKind.Map:
                return FixedSize(type.Key!) is null || FixedSize(type.Element!) is null ? "FSize" : "VSize";
            default:
                return "FSize";
        }
    }
}
