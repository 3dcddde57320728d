using System.Collections.Generic;

namespace Steward.Rpc.Schema;

/// <summary>What a <see cref="TypeRef"/> refers to.</summary>
public enum TypeKind
{
    /// <summary>A built-in type; <see cref="TypeRef.Scalar"/> says which.</summary>
    Scalar,
    /// <summary>A message, struct, union or exception.</summary>
    Message,
    /// <summary>An enum; <see cref="TypeRef.Definition"/> is its <see cref="EnumDef"/>.</summary>
    Enum,
    /// <summary>A map from <see cref="TypeRef.Key"/> to <see cref="TypeRef.Element"/> (Thrift maps; proto maps are repeated entry messages).</summary>
    Map,
    /// <summary>A Thrift list of <see cref="TypeRef.Element"/>.</summary>
    List,
    /// <summary>A Thrift set of <see cref="TypeRef.Element"/>.</summary>
    Set,
    /// <summary>Not yet resolved: <see cref="TypeRef.Name"/> holds the name as written.</summary>
    Unresolved,
    /// <summary>
    /// A Slice proxy (<c>Operations*</c>): a reference to a remote object; <see cref="TypeRef.Service"/> is
    /// the interface, null for <c>Object*</c>.
    /// </summary>
    Proxy,
    /// <summary>
    /// An OMG IDL array: exactly <see cref="TypeRef.ArrayLength"/> values of <see cref="TypeRef.Element"/>
    /// (a multi-dimensional array nests: <c>long a[2][3]</c> is an array of 2 arrays of 3).
    /// </summary>
    Array,
}

/// <summary>Every scalar any supported IDL has. proto's 15 come first, in descriptor.proto's order of kind.</summary>
public enum ScalarType
{
    /// <summary>No scalar: the reference is not a scalar.</summary>
    None,
    /// <summary>A 64-bit IEEE 754 floating-point number (proto <c>double</c>, Thrift <c>double</c>).</summary>
    Double,
    /// <summary>A 32-bit IEEE 754 floating-point number (proto <c>float</c>).</summary>
    Float,
    /// <summary>A signed 64-bit integer, varint-encoded in proto (proto <c>int64</c>, Thrift <c>i64</c>).</summary>
    Int64,
    /// <summary>An unsigned 64-bit integer (proto <c>uint64</c>).</summary>
    UInt64,
    /// <summary>A signed 32-bit integer, varint-encoded in proto (proto <c>int32</c>, Thrift <c>i32</c>).</summary>
    Int32,
    /// <summary>An unsigned 64-bit integer always written in 8 bytes (proto <c>fixed64</c>).</summary>
    Fixed64,
    /// <summary>An unsigned 32-bit integer always written in 4 bytes (proto <c>fixed32</c>).</summary>
    Fixed32,
    /// <summary>A boolean.</summary>
    Bool,
    /// <summary>UTF-8 text.</summary>
    String,
    /// <summary>Raw bytes (proto <c>bytes</c>, Thrift <c>binary</c>).</summary>
    Bytes,
    /// <summary>An unsigned 32-bit integer (proto <c>uint32</c>).</summary>
    UInt32,
    /// <summary>A signed 32-bit integer always written in 4 bytes (proto <c>sfixed32</c>).</summary>
    SFixed32,
    /// <summary>A signed 64-bit integer always written in 8 bytes (proto <c>sfixed64</c>).</summary>
    SFixed64,
    /// <summary>A signed 32-bit integer, zigzag-encoded so small negatives stay short (proto <c>sint32</c>).</summary>
    SInt32,
    /// <summary>A signed 64-bit integer, zigzag-encoded so small negatives stay short (proto <c>sint64</c>).</summary>
    SInt64,
    /// <summary>A signed 8-bit integer: Thrift <c>byte</c>/<c>i8</c>.</summary>
    Int8,
    /// <summary>A signed 16-bit integer: Thrift <c>i16</c>.</summary>
    Int16,
    /// <summary>Thrift <c>uuid</c>.</summary>
    Uuid,
    /// <summary>The absent result of a void method.</summary>
    Void,
    /// <summary>An unsigned 8-bit integer: Slice <c>byte</c> (0..255).</summary>
    Byte,
    /// <summary>Any class instance: Slice <c>Value</c> (and <c>Object</c> used as a data type).</summary>
    AnyClass,
    /// <summary>An unsigned 16-bit integer: OMG IDL <c>unsigned short</c>.</summary>
    UInt16,
    /// <summary>One character of the negotiated narrow code set: OMG IDL <c>char</c>.</summary>
    Char,
    /// <summary>One UTF-16 code unit: OMG IDL <c>wchar</c>.</summary>
    WChar,
    /// <summary>Text in the negotiated wide code set (UTF-16): OMG IDL <c>wstring</c>.</summary>
    WString,
    /// <summary>A self-describing value (a TypeCode and a value of that type): OMG IDL <c>any</c>.</summary>
    Any,
}

/// <summary>A reference to a type: a scalar, a named definition, or a container of other types.</summary>
public sealed class TypeRef
{
    private TypeRef(TypeKind kind) { Kind = kind; }

    /// <summary>What the reference refers to; <see cref="TypeKind.Unresolved"/> until the linker has run.</summary>
    public TypeKind Kind { get; private set; }
    /// <summary>Which scalar, when <see cref="Kind"/> is <see cref="TypeKind.Scalar"/>; otherwise <see cref="ScalarType.None"/>.</summary>
    public ScalarType Scalar { get; private set; }
    /// <summary>The name as written in the IDL (for named types); kept after resolution for messages.</summary>
    public string? Name { get; private set; }
    /// <summary>The definition a named reference resolved to (message, enum or typedef target).</summary>
    public TypeDef? Definition { get; private set; }
    /// <summary>The interface of a <see cref="TypeKind.Proxy"/>; null for an untyped proxy (<c>Object*</c>) or before linking.</summary>
    public ServiceDef? Service { get; private set; }
    /// <summary>Map key type.</summary>
    public TypeRef? Key { get; private set; }
    /// <summary>Map value type, or list/set element type.</summary>
    public TypeRef? Element { get; private set; }
    /// <summary>Where the type is written; shared scalar references carry none.</summary>
    public SourceLocation Location { get; set; }
    /// <summary>
    /// The bound of an OMG IDL bounded string, wstring or sequence (<c>string&lt;8&gt;</c>,
    /// <c>sequence&lt;long, 4&gt;</c>); null when unbounded.
    /// </summary>
    public int? Bound { get; private set; }
    /// <summary>The number of elements of a <see cref="TypeKind.Array"/>; 0 for every other kind.</summary>
    public int ArrayLength { get; private set; }
    /// <summary>
    /// The typedef a reference was resolved through (the outermost one when typedefs chain), so that
    /// protocols that name aliases on the wire (CORBA TypeCodes, repository ids) can; null otherwise.
    /// </summary>
    public TypedefDef? Alias { get; private set; }

    private static readonly Dictionary<ScalarType, TypeRef> Scalars = new();

    /// <summary>The result type of a method that returns nothing (Thrift <c>void</c>).</summary>
    public static TypeRef Void { get; } = new(TypeKind.Scalar) { Scalar = ScalarType.Void };

    /// <summary>The shared reference to <paramref name="scalar"/> (one instance per scalar, without a location).</summary>
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

    /// <summary>A scalar at a source position (scalars from <see cref="ForScalar(ScalarType)"/> are shared and carry none).</summary>
    public static TypeRef ForScalar(ScalarType scalar, SourceLocation location) =>
        new(TypeKind.Scalar) { Scalar = scalar, Location = location };

    /// <summary>An unresolved reference to <paramref name="name"/> as written; the linker resolves it.</summary>
    public static TypeRef Named(string name, SourceLocation location) =>
        new(TypeKind.Unresolved) { Name = name, Location = location };

    /// <summary>A resolved reference to <paramref name="definition"/> (a message or an enum).</summary>
    public static TypeRef ForDefinition(TypeDef definition) =>
        new(definition is EnumDef ? TypeKind.Enum : TypeKind.Message) { Name = definition.FullName, Definition = definition };

    /// <summary>A map type from <paramref name="key"/> to <paramref name="value"/>.</summary>
    public static TypeRef Map(TypeRef key, TypeRef value, SourceLocation location) =>
        new(TypeKind.Map) { Key = key, Element = value, Location = location };

    /// <summary>A list type of <paramref name="element"/>.</summary>
    public static TypeRef List(TypeRef element, SourceLocation location) =>
        new(TypeKind.List) { Element = element, Location = location };

    /// <summary>
    /// A proxy to the interface named <paramref name="interfaceName"/> as written (null for <c>Object*</c>);
    /// the linker sets the interface with <see cref="ResolveProxy"/>.
    /// </summary>
    public static TypeRef Proxy(string? interfaceName, SourceLocation location) =>
        new(TypeKind.Proxy) { Name = interfaceName, Location = location };

    /// <summary>Binds a proxy reference to its interface.</summary>
    public void ResolveProxy(ServiceDef service)
    {
        if (Kind != TypeKind.Proxy)
        {
            throw new System.InvalidOperationException("Only a proxy reference resolves to an interface.");
        }
        Service = service;
    }

    /// <summary>A bounded OMG IDL string or wstring: at most <paramref name="bound"/> characters.</summary>
    public static TypeRef BoundedString(ScalarType scalar, int bound, SourceLocation location) =>
        new(TypeKind.Scalar) { Scalar = scalar, Bound = bound, Location = location };

    /// <summary>An OMG IDL bounded sequence of <paramref name="element"/>: at most <paramref name="bound"/> elements.</summary>
    public static TypeRef BoundedList(TypeRef element, int bound, SourceLocation location) =>
        new(TypeKind.List) { Element = element, Bound = bound, Location = location };

    /// <summary>An OMG IDL array of exactly <paramref name="length"/> values of <paramref name="element"/>.</summary>
    public static TypeRef Array(TypeRef element, int length, SourceLocation location) =>
        new(TypeKind.Array) { Element = element, ArrayLength = length, Location = location };

    /// <summary>A set type of <paramref name="element"/>.</summary>
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
                Service = target.Service;
                Bound = target.Bound;
                ArrayLength = target.ArrayLength;
                Alias = typedef;
                break;
        }
    }

    /// <summary>True when this is the scalar <paramref name="scalar"/>.</summary>
    public bool IsScalar(ScalarType scalar) => Kind == TypeKind.Scalar && Scalar == scalar;

    /// <summary>The type as an IDL would spell it, for messages.</summary>
    public override string ToString() => Kind switch
    {
        TypeKind.Scalar => Scalar.ToString().ToLowerInvariant(),
        TypeKind.Map => $"map<{Key}, {Element}>",
        TypeKind.List => $"list<{Element}>",
        TypeKind.Set => $"set<{Element}>",
        TypeKind.Proxy => (Service?.FullName ?? Name ?? "Object") + "*",
        TypeKind.Array => $"{Element}[{ArrayLength}]",
        _ => Definition?.FullName ?? Name ?? "?",
    };
}
