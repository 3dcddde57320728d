using System.Collections.Generic;

namespace Steward.Rpc.Schema;

public enum TypeKind
{
    Scalar,
    /// <summary>A message, struct, union or exception.</summary>
    Message,
    Enum,
    Map,
    List,
    Set,
    /// <summary>Not yet resolved: <see cref="TypeRef.Name"/> holds the name as written.</summary>
    Unresolved,
}

/// <summary>Every scalar any supported IDL has. proto's 15 come first, in descriptor.proto's order of kind.</summary>
public enum ScalarType
{
    None,
    Double,
    Float,
    Int64,
    UInt64,
    Int32,
    Fixed64,
    Fixed32,
    Bool,
    String,
    Bytes,
    UInt32,
    SFixed32,
    SFixed64,
    SInt32,
    SInt64,
    /// <summary>Thrift <c>byte</c>/<c>i8</c>, Slice <c>byte</c>, IDL <c>octet</c>.</summary>
    Int8,
    /// <summary>Thrift <c>i16</c>, Slice <c>short</c>, IDL <c>short</c>.</summary>
    Int16,
    /// <summary>Thrift <c>uuid</c>.</summary>
    Uuid,
    /// <summary>The absent result of a void method.</summary>
    Void,
}

/// <summary>A reference to a type: a scalar, a named definition, or a container of other types.</summary>
public sealed class TypeRef
{
    private TypeRef(TypeKind kind) { Kind = kind; }

    public TypeKind Kind { get; private set; }
    public ScalarType Scalar { get; private set; }
    /// <summary>The name as written in the IDL (for named types); kept after resolution for messages.</summary>
    public string? Name { get; private set; }
    /// <summary>The definition a named reference resolved to (message, enum or typedef target).</summary>
    public TypeDef? Definition { get; private set; }
    /// <summary>Map key type.</summary>
    public TypeRef? Key { get; private set; }
    /// <summary>Map value type, or list/set element type.</summary>
    public TypeRef? Element { get; private set; }
    public SourceLocation Location { get; set; }

    private static readonly Dictionary<ScalarType, TypeRef> Scalars = new();

    public static TypeRef Void { get; } = new(TypeKind.Scalar) { Scalar = ScalarType.Void };

    public static TypeRef ForScalar(ScalarType scalar)
    {
        lock (Scalars)
        {
            if (!Scalars.TryGetValue(scalar, out var type))
            {
                type = new TypeRef(TypeKind.Scalar) { Scalar = scalar };
                Scalars[scalar] = type;
            }
            return type;
        }
    }

    /// <summary>A scalar at a source position (scalars from <see cref="ForScalar"/> are shared and carry none).</summary>
    public static TypeRef ForScalar(ScalarType scalar, SourceLocation location) =>
        new(TypeKind.Scalar) { Scalar = scalar, Location = location };

    public static TypeRef Named(string name, SourceLocation location) =>
        new(TypeKind.Unresolved) { Name = name, Location = location };

    public static TypeRef ForDefinition(TypeDef definition) =>
        new(definition is EnumDef ? TypeKind.Enum : TypeKind.Message) { Name = definition.FullName, Definition = definition };

    public static TypeRef Map(TypeRef key, TypeRef value, SourceLocation location) =>
        new(TypeKind.Map) { Key = key, Element = value, Location = location };

    public static TypeRef List(TypeRef element, SourceLocation location) =>
        new(TypeKind.List) { Element = element, Location = location };

    public static TypeRef Set(TypeRef element, SourceLocation location) =>
        new(TypeKind.Set) { Element = element, Location = location };

    /// <summary>Binds an unresolved reference to what it names. Typedefs are resolved through to their target.</summary>
    public void Resolve(TypeDef definition)
    {
        Definition = definition;
        switch (definition)
        {
            case EnumDef:
                Kind = TypeKind.Enum;
                break;
            case MessageDef:
                Kind = TypeKind.Message;
                break;
            case TypedefDef typedef:
                var target = typedef.Target;
                Kind = target.Kind;
                Scalar = target.Scalar;
                Key = target.Key;
                Element = target.Element;
                Definition = target.Definition;
                break;
        }
    }

    public bool IsScalar(ScalarType scalar) => Kind == TypeKind.Scalar && Scalar == scalar;

    public override string ToString() => Kind switch
    {
        TypeKind.Scalar => Scalar.ToString().ToLowerInvariant(),
        TypeKind.Map => $"map<{Key}, {Element}>",
        TypeKind.List => $"list<{Element}>",
        TypeKind.Set => $"set<{Element}>",
        _ => Definition?.FullName ?? Name ?? "?",
    };
}
