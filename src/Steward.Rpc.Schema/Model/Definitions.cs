using System;
using System.Collections.Generic;

namespace Steward.Rpc.Schema;

/// <summary>
/// Which IDL (and IDL version) a file was written in; decides defaults such as proto3 packing or
/// Thrift requiredness, and which emitter generates C# for the file. A front-end declares the
/// syntaxes it produces; a new IDL defines its own instance next to its front-end.
/// </summary>
public sealed class IdlSyntax : IEquatable<IdlSyntax>
{
    /// <summary>A .proto file that declares <c>syntax = "proto3";</c>.</summary>
    public static readonly IdlSyntax Proto3 = new("Proto3");

    /// <summary>A <c>syntax = "proto2";</c> file, or a .proto with no syntax statement.</summary>
    public static readonly IdlSyntax Proto2 = new("Proto2");

    /// <summary>An Apache Thrift IDL file.</summary>
    public static readonly IdlSyntax Thrift = new("Thrift");

    /// <summary>Creates a syntax; two instances with the same <paramref name="name"/> are equal.</summary>
    /// <param name="name">A stable, unique name such as <c>Proto3</c>; it is what <see cref="ToString"/> returns.</param>
    public IdlSyntax(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("A syntax needs a name.", nameof(name));
        }
        Name = name;
    }

    /// <summary>The stable name given at construction, compared ordinally.</summary>
    public string Name { get; }

    /// <summary>True when both are null or have the same <see cref="Name"/>.</summary>
    public static bool operator ==(IdlSyntax? left, IdlSyntax? right) => left is null ? right is null : left.Equals(right);

    /// <summary>True unless both are null or have the same <see cref="Name"/>.</summary>
    public static bool operator !=(IdlSyntax? left, IdlSyntax? right) => !(left == right);

    /// <inheritdoc />
    public bool Equals(IdlSyntax? other) => other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as IdlSyntax);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    /// <summary>The <see cref="Name"/>.</summary>
    public override string ToString() => Name;
}

/// <summary>How a method exchanges messages. Thrift, Ice and GIOP use only <see cref="Unary"/>.</summary>
public enum CallKind
{
    Unary,
    ServerStreaming,
    ClientStreaming,
    Duplex,
}

/// <summary>An option (proto <c>option x = y;</c>, <c>[x = y]</c>) or annotation (Thrift <c>(x = "y")</c>), kept verbatim.</summary>
public sealed class OptionDef
{
    public OptionDef(string name, ConstantValue value, SourceLocation location)
    {
        Name = name;
        Value = value;
        Location = location;
    }

    /// <summary>As written, custom options keep their parentheses: <c>(my.ext).field</c>.</summary>
    public string Name { get; }
    public ConstantValue Value { get; }
    public SourceLocation Location { get; }
    public bool IsCustom => Name.StartsWith("(", System.StringComparison.Ordinal);
}

/// <summary>Anything with a name, a place in the source and options.</summary>
public abstract class SchemaElement
{
    protected SchemaElement(string name, SourceLocation location)
    {
        Name = name;
        Location = location;
    }

    public string Name { get; set; }
    public SourceLocation Location { get; set; }
    public List<OptionDef> Options { get; } = new();
    /// <summary>Leading comment from the IDL, without comment markers; emitted as XML doc.</summary>
    public string? Documentation { get; set; }

    public OptionDef? FindOption(string name)
    {
        foreach (var option in Options)
        {
            if (option.Name == name)
            {
                return option;
            }
        }
        return null;
    }
}

/// <summary>A named type: message/struct/union/exception, enum, or (Thrift) typedef.</summary>
public abstract class TypeDef : SchemaElement
{
    protected TypeDef(string name, SourceLocation location) : base(name, location) { }

    /// <summary>Fully qualified, without a leading dot: <c>pkg.Outer.Inner</c>.</summary>
    public string FullName { get; set; } = "";
    /// <summary>The enclosing message for nested types; null at file level.</summary>
    public MessageDef? Parent { get; set; }
    /// <summary>The file that declares this type (set by the front-end).</summary>
    public SchemaFile? File { get; set; }
}

public enum MessageKind
{
    /// <summary>proto message.</summary>
    Message,
    /// <summary>Thrift/Slice struct, CORBA struct.</summary>
    Struct,
    /// <summary>Thrift union, CORBA union: at most one field set.</summary>
    Union,
    /// <summary>Thrift exception, Slice exception, CORBA exception.</summary>
    Exception,
}

public sealed class ReservedRange
{
    public ReservedRange(int start, int end, SourceLocation location)
    {
        Start = start;
        End = end;
        Location = location;
    }

    /// <summary>Inclusive bounds (proto's <c>max</c> is 536870911).</summary>
    public int Start { get; }
    public int End { get; }
    public SourceLocation Location { get; }
    public bool Contains(int number) => number >= Start && number <= End;
}

public sealed class MessageDef : TypeDef
{
    public MessageDef(string name, SourceLocation location) : base(name, location) { }

    public MessageKind Kind { get; set; } = MessageKind.Message;
    public List<FieldDef> Fields { get; } = new();
    public List<OneofDef> Oneofs { get; } = new();
    public List<MessageDef> NestedMessages { get; } = new();
    public List<EnumDef> NestedEnums { get; } = new();
    public List<ReservedRange> ReservedRanges { get; } = new();
    public List<string> ReservedNames { get; } = new();
    /// <summary>Synthetic <c>XxxEntry</c> message behind a proto <c>map&lt;K,V&gt;</c> field.</summary>
    public bool IsMapEntry { get; set; }
    /// <summary>proto2 <c>extensions 100 to max;</c> (inclusive bounds).</summary>
    public List<ReservedRange> ExtensionRanges { get; } = new();
    /// <summary><c>extend</c> blocks nested in this message.</summary>
    public List<ExtendDef> Extends { get; } = new();
}

public enum FieldLabel
{
    /// <summary>proto3 implicit presence / Thrift default requiredness.</summary>
    Singular,
    /// <summary>Explicit presence: proto3 <c>optional</c>, proto2 optional, Thrift <c>optional</c>.</summary>
    Optional,
    Required,
    Repeated,
}

public sealed class FieldDef : SchemaElement
{
    public FieldDef(string name, int number, TypeRef type, SourceLocation location) : base(name, location)
    {
        Number = number;
        Type = type;
    }

    /// <summary>proto field number, Thrift field id (may be negative when implicit), Slice tag.</summary>
    public int Number { get; set; }
    public TypeRef Type { get; set; }
    public FieldLabel Label { get; set; }
    /// <summary>Repeated scalars are packed unless <c>[packed = false]</c> (proto3 default is packed).</summary>
    public bool IsPacked { get; set; }
    /// <summary>The oneof/union this field belongs to, including proto3 <c>optional</c>'s synthetic oneof.</summary>
    public OneofDef? Oneof { get; set; }
    public ConstantValue? DefaultValue { get; set; }
    /// <summary>proto3 JSON name (lowerCamelCase unless <c>json_name</c> says otherwise).</summary>
    public string JsonName { get; set; } = "";
    public MessageDef? Owner { get; set; }
    /// <summary>True when the IDL gave no id and the front-end assigned one (Thrift's implicit negative ids).</summary>
    public bool IsImplicitNumber { get; set; }
    /// <summary>Fully qualified, without a leading dot: <c>pkg.Message.field</c> (extensions: scope + name).</summary>
    public string FullName { get; set; } = "";
    /// <summary>True when <c>json_name</c> was given explicitly (it is then not kept in <see cref="SchemaElement.Options"/>).</summary>
    public bool HasExplicitJsonName { get; set; }
    /// <summary>For an extension field, the <c>extend</c> block declaring it; null for ordinary fields.</summary>
    public ExtendDef? Extendee { get; set; }
    public bool IsExtension => Extendee != null;
    /// <summary>Where the number is written (diagnostics about numbers point there); defaults to the name.</summary>
    public SourceLocation NumberLocation { get; set; }

    /// <summary>proto3 <c>optional</c> or any field with explicit presence tracking.</summary>
    public bool HasPresence => Label == FieldLabel.Optional || (Oneof != null && !Oneof.IsSynthetic) || Type.Kind == TypeKind.Message;
}

public sealed class OneofDef : SchemaElement
{
    public OneofDef(string name, SourceLocation location) : base(name, location) { }

    public List<FieldDef> Fields { get; } = new();
    /// <summary>The oneof proto3 makes for an <c>optional</c> field; generated code treats it as presence, not a oneof.</summary>
    public bool IsSynthetic { get; set; }
    public MessageDef? Owner { get; set; }
    /// <summary>Fully qualified, without a leading dot: <c>pkg.Message.choice</c>.</summary>
    public string FullName { get; set; } = "";
}

public sealed class EnumDef : TypeDef
{
    public EnumDef(string name, SourceLocation location) : base(name, location) { }

    public List<EnumValueDef> Values { get; } = new();
    public bool AllowAlias { get; set; }
    public List<ReservedRange> ReservedRanges { get; } = new();
    public List<string> ReservedNames { get; } = new();
}

public sealed class EnumValueDef : SchemaElement
{
    public EnumValueDef(string name, int number, SourceLocation location) : base(name, location)
    {
        Number = number;
    }

    public int Number { get; set; }
    public EnumDef? Owner { get; set; }
    /// <summary>Where the number is written.</summary>
    public SourceLocation NumberLocation { get; set; }
    /// <summary>
    /// Fully qualified the protobuf way: enum values are siblings of their enum (C++ scoping), so
    /// <c>pkg.Outer.VALUE</c>, not <c>pkg.Outer.Kind.VALUE</c>.
    /// </summary>
    public string FullName { get; set; } = "";
}

/// <summary>Thrift <c>typedef</c>: another name for a type.</summary>
public sealed class TypedefDef : TypeDef
{
    public TypedefDef(string name, TypeRef target, SourceLocation location) : base(name, location)
    {
        Target = target;
    }

    public TypeRef Target { get; set; }
}

/// <summary>Thrift <c>const</c>, Slice/IDL <c>const</c>.</summary>
public sealed class ConstantDef : SchemaElement
{
    public ConstantDef(string name, TypeRef type, ConstantValue value, SourceLocation location) : base(name, location)
    {
        Type = type;
        Value = value;
    }

    public TypeRef Type { get; set; }
    public ConstantValue Value { get; set; }
    public string FullName { get; set; } = "";
}

public sealed class ServiceDef : SchemaElement
{
    public ServiceDef(string name, SourceLocation location) : base(name, location) { }

    public string FullName { get; set; } = "";
    public List<MethodDef> Methods { get; } = new();
    /// <summary>Thrift <c>extends</c>: the base service's name as written, and once linked, the service.</summary>
    public string? ExtendsName { get; set; }
    public ServiceDef? Extends { get; set; }
    public SchemaFile? File { get; set; }
}

public sealed class MethodDef : SchemaElement
{
    public MethodDef(string name, SourceLocation location) : base(name, location) { }

    public CallKind CallKind { get; set; }
    /// <summary>
    /// The request message. For proto it is the declared input type. For IDLs whose methods take
    /// parameter lists (Thrift, Slice, OMG IDL) the front-end synthesizes a struct holding
    /// <see cref="Parameters"/> (Thrift's <c>method_args</c>), so every protocol sees one request message.
    /// </summary>
    public TypeRef InputType { get; set; } = TypeRef.Void;
    /// <summary>The response type; <see cref="TypeRef.Void"/> for Thrift void methods.</summary>
    public TypeRef OutputType { get; set; } = TypeRef.Void;
    /// <summary>Declared parameters (Thrift/Slice/IDL); empty for proto.</summary>
    public List<FieldDef> Parameters { get; } = new();
    /// <summary>Declared exceptions (Thrift <c>throws</c>, Slice/IDL <c>raises</c>).</summary>
    public List<FieldDef> Throws { get; } = new();
    /// <summary>Thrift <c>oneway</c>, Slice/IDL <c>oneway</c>: no reply is sent.</summary>
    public bool IsOneway { get; set; }
    public ServiceDef? Service { get; set; }
    /// <summary>Fully qualified, without a leading dot: <c>pkg.Service.Method</c>.</summary>
    public string FullName { get; set; } = "";
    /// <summary>proto: the method had a <c>{ ... }</c> body, so protoc gives it an options message even when the body is empty.</summary>
    public bool HasOptionsBlock { get; set; }
}
