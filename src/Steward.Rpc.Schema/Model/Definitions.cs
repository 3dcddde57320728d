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
    /// <summary>One request, one response.</summary>
    Unary,
    /// <summary>One request, then a stream of responses.</summary>
    ServerStreaming,
    /// <summary>A stream of requests, then one response.</summary>
    ClientStreaming,
    /// <summary>Requests and responses stream both ways at once.</summary>
    Duplex,
}

/// <summary>An option (proto <c>option x = y;</c>, <c>[x = y]</c>) or annotation (Thrift <c>(x = "y")</c>), kept verbatim.</summary>
public sealed class OptionDef
{
    /// <summary>Records an option as the parser read it.</summary>
    public OptionDef(string name, ConstantValue value, SourceLocation location)
    {
        Name = name;
        Value = value;
        Location = location;
    }

    /// <summary>As written, custom options keep their parentheses: <c>(my.ext).field</c>.</summary>
    public string Name { get; }
    /// <summary>The value as written; the option checker interprets it against the option's field type.</summary>
    public ConstantValue Value { get; }
    /// <summary>Where the option is written, for diagnostics about it.</summary>
    public SourceLocation Location { get; }
    /// <summary>True for a custom option (an extension of the options message), whose name starts with a parenthesis.</summary>
    public bool IsCustom => Name.StartsWith("(", System.StringComparison.Ordinal);
}

/// <summary>Anything with a name, a place in the source and options.</summary>
public abstract class SchemaElement
{
    /// <summary>Sets the name and the place it is declared.</summary>
    protected SchemaElement(string name, SourceLocation location)
    {
        Name = name;
        Location = location;
    }

    /// <summary>The simple name as declared in the IDL (not qualified).</summary>
    public string Name { get; set; }
    /// <summary>Where the element is declared; diagnostics about it point here.</summary>
    public SourceLocation Location { get; set; }
    /// <summary>The options or annotations written on the element, in source order.</summary>
    public List<OptionDef> Options { get; } = new();
    /// <summary>Leading comment from the IDL, without comment markers; emitted as XML doc.</summary>
    public string? Documentation { get; set; }

    /// <summary>The first option named exactly <paramref name="name"/> (as written, e.g. <c>deprecated</c>), or null.</summary>
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
    /// <summary>Sets the name and the place it is declared.</summary>
    protected TypeDef(string name, SourceLocation location) : base(name, location) { }

    /// <summary>Fully qualified, without a leading dot: <c>pkg.Outer.Inner</c>.</summary>
    public string FullName { get; set; } = "";
    /// <summary>The enclosing message for nested types; null at file level.</summary>
    public MessageDef? Parent { get; set; }
    /// <summary>The file that declares this type (set by the front-end).</summary>
    public SchemaFile? File { get; set; }
    /// <summary>OMG IDL repository id (<c>IDL:Test/Point:1.0</c>, after <c>#pragma prefix/version/ID</c>); null for other IDLs.</summary>
    public string? RepositoryId { get; set; }
}

/// <summary>Which IDL construct a <see cref="MessageDef"/> is; it decides how emitters and protocols treat it.</summary>
public enum MessageKind
{
    /// <summary>proto message.</summary>
    Message,
    /// <summary>Thrift struct.</summary>
    Struct,
    /// <summary>Thrift union: at most one field set.</summary>
    Union,
    /// <summary>Thrift or Slice exception: a struct a method may throw (Slice exceptions may extend one base, see <see cref="MessageDef.Base"/>).</summary>
    Exception,
    /// <summary>
    /// Slice class: a by-reference value with at most one base class (<see cref="MessageDef.Base"/>);
    /// members of class type may share instances and form cycles.
    /// </summary>
    Class,
}

/// <summary>A range of field or enum numbers that a <c>reserved</c> or <c>extensions</c> statement sets aside.</summary>
public sealed class ReservedRange
{
    /// <summary>A range from <paramref name="start"/> to <paramref name="end"/>, both included.</summary>
    public ReservedRange(int start, int end, SourceLocation location)
    {
        Start = start;
        End = end;
        Location = location;
    }

    /// <summary>Inclusive bounds (proto's <c>max</c> is 536870911).</summary>
    public int Start { get; }
    /// <summary>The last number in the range (included).</summary>
    public int End { get; }
    /// <summary>Where the range is written.</summary>
    public SourceLocation Location { get; }
    /// <summary>True when <paramref name="number"/> lies within the inclusive bounds.</summary>
    public bool Contains(int number) => number >= Start && number <= End;
}

/// <summary>A record type: a proto message or a Thrift struct, union or exception (see <see cref="Kind"/>).</summary>
public sealed class MessageDef : TypeDef
{
    /// <summary>A proto message by default; front-ends set <see cref="Kind"/> for other constructs.</summary>
    public MessageDef(string name, SourceLocation location) : base(name, location) { }

    /// <summary>Which construct this is; proto messages are <see cref="MessageKind.Message"/>.</summary>
    public MessageKind Kind { get; set; } = MessageKind.Message;
    /// <summary>The fields in declaration order, oneof members included.</summary>
    public List<FieldDef> Fields { get; } = new();
    /// <summary>The oneofs in declaration order, proto3 <c>optional</c>'s synthetic ones included.</summary>
    public List<OneofDef> Oneofs { get; } = new();
    /// <summary>Messages declared inside this one (map entry messages included).</summary>
    public List<MessageDef> NestedMessages { get; } = new();
    /// <summary>Enums declared inside this one.</summary>
    public List<EnumDef> NestedEnums { get; } = new();
    /// <summary>Field numbers set aside by <c>reserved</c>; no field may use them.</summary>
    public List<ReservedRange> ReservedRanges { get; } = new();
    /// <summary>Field names set aside by <c>reserved</c>; no field may use them.</summary>
    public List<string> ReservedNames { get; } = new();
    /// <summary>Synthetic <c>XxxEntry</c> message behind a proto <c>map&lt;K,V&gt;</c> field.</summary>
    public bool IsMapEntry { get; set; }
    /// <summary>proto2 <c>extensions 100 to max;</c> (inclusive bounds).</summary>
    public List<ReservedRange> ExtensionRanges { get; } = new();
    /// <summary><c>extend</c> blocks nested in this message.</summary>
    public List<ExtendDef> Extends { get; } = new();
    /// <summary>Slice class or exception: the base as written (<c>extends Shape</c>); null when there is none.</summary>
    public string? BaseName { get; set; }
    /// <summary>The linked base class or exception; null when there is none or it did not resolve.</summary>
    public MessageDef? Base { get; set; }
    /// <summary>Slice class compact id (<c>class Circle(3)</c>); null when none is declared.</summary>
    public int? CompactId { get; set; }
    /// <summary>
    /// OMG IDL discriminated union (<see cref="MessageKind.Union"/>): the discriminator type (an integer,
    /// char, boolean or enum); each member's <see cref="FieldDef.CaseLabels"/> say when it is the one set.
    /// Null for every other construct (Thrift unions have no discriminator).
    /// </summary>
    public TypeRef? Discriminator { get; set; }
}

/// <summary>How many values a field holds and whether its presence is tracked.</summary>
public enum FieldLabel
{
    /// <summary>proto3 implicit presence / Thrift default requiredness.</summary>
    Singular,
    /// <summary>Explicit presence: proto3 <c>optional</c>, proto2 optional, Thrift <c>optional</c>.</summary>
    Optional,
    /// <summary>proto2 <c>required</c> or Thrift <c>required</c>: the field must be set.</summary>
    Required,
    /// <summary>Any number of values: proto <c>repeated</c> (and maps), Thrift has lists instead.</summary>
    Repeated,
}

/// <summary>A field of a message, a method parameter or thrown exception (Thrift), or an extension field (proto).</summary>
public sealed class FieldDef : SchemaElement
{
    /// <summary>A field with its number and type; the front-end fills in the rest as it parses and links.</summary>
    public FieldDef(string name, int number, TypeRef type, SourceLocation location) : base(name, location)
    {
        Number = number;
        Type = type;
    }

    /// <summary>proto field number, Thrift field id (may be negative when implicit), Slice tag.</summary>
    public int Number { get; set; }
    /// <summary>The field's type; for a map field, the synthetic entry message.</summary>
    public TypeRef Type { get; set; }
    /// <summary>The field's cardinality and presence.</summary>
    public FieldLabel Label { get; set; }
    /// <summary>Repeated scalars are packed unless <c>[packed = false]</c> (proto3 default is packed).</summary>
    public bool IsPacked { get; set; }
    /// <summary>The oneof/union this field belongs to, including proto3 <c>optional</c>'s synthetic oneof.</summary>
    public OneofDef? Oneof { get; set; }
    /// <summary>proto2 <c>[default = …]</c> or a Thrift default value; null when none is written.</summary>
    public ConstantValue? DefaultValue { get; set; }
    /// <summary>proto3 JSON name (lowerCamelCase unless <c>json_name</c> says otherwise).</summary>
    public string JsonName { get; set; } = "";
    /// <summary>The message that declares the field; null for method parameters and file-level extensions.</summary>
    public MessageDef? Owner { get; set; }
    /// <summary>True when the IDL gave no id and the front-end assigned one (Thrift's implicit negative ids).</summary>
    public bool IsImplicitNumber { get; set; }
    /// <summary>Fully qualified, without a leading dot: <c>pkg.Message.field</c> (extensions: scope + name).</summary>
    public string FullName { get; set; } = "";
    /// <summary>True when <c>json_name</c> was given explicitly (it is then not kept in <see cref="SchemaElement.Options"/>).</summary>
    public bool HasExplicitJsonName { get; set; }
    /// <summary>For an extension field, the <c>extend</c> block declaring it; null for ordinary fields.</summary>
    public ExtendDef? Extendee { get; set; }
    /// <summary>True for a proto extension field (declared in an <c>extend</c> block).</summary>
    public bool IsExtension => Extendee != null;
    /// <summary>Where the number is written (diagnostics about numbers point there); defaults to the name.</summary>
    public SourceLocation NumberLocation { get; set; }
    /// <summary>A Slice <c>out</c> parameter: the server sends it back in the reply.</summary>
    public bool IsOut { get; set; }
    /// <summary>
    /// Slice <c>optional(tag)</c>: the value may be unset and is encoded under <see cref="Number"/> as its
    /// tag. <see cref="Label"/> is then <see cref="FieldLabel.Optional"/>; untagged Slice members keep
    /// their declaration index in <see cref="Number"/>.
    /// </summary>
    public bool IsTagged { get; set; }
    /// <summary>OMG IDL <c>inout</c> parameter: sent in the request and sent back in the reply (<see cref="IsOut"/> stays false).</summary>
    public bool IsInOut { get; set; }
    /// <summary>
    /// OMG IDL union member: the <c>case</c> labels that select it (integers, characters, booleans or
    /// enumerator identifiers, as written); empty for members of other constructs.
    /// </summary>
    public List<ConstantValue> CaseLabels { get; } = new();
    /// <summary>OMG IDL union member under <c>default:</c> (it may also have <see cref="CaseLabels"/>).</summary>
    public bool IsDefaultCase { get; set; }

    /// <summary>proto3 <c>optional</c> or any field with explicit presence tracking.</summary>
    public bool HasPresence => Label == FieldLabel.Optional || (Oneof != null && !Oneof.IsSynthetic) || Type.Kind == TypeKind.Message;
}

/// <summary>A proto <c>oneof</c>: at most one of its fields is set at a time.</summary>
public sealed class OneofDef : SchemaElement
{
    /// <summary>A oneof with no fields yet.</summary>
    public OneofDef(string name, SourceLocation location) : base(name, location) { }

    /// <summary>The member fields in declaration order (they are also in the message's <see cref="MessageDef.Fields"/>).</summary>
    public List<FieldDef> Fields { get; } = new();
    /// <summary>The oneof proto3 makes for an <c>optional</c> field; generated code treats it as presence, not a oneof.</summary>
    public bool IsSynthetic { get; set; }
    /// <summary>The message that declares the oneof.</summary>
    public MessageDef? Owner { get; set; }
    /// <summary>Fully qualified, without a leading dot: <c>pkg.Message.choice</c>.</summary>
    public string FullName { get; set; } = "";
}

/// <summary>A proto or Thrift enum.</summary>
public sealed class EnumDef : TypeDef
{
    /// <summary>An enum with no values yet.</summary>
    public EnumDef(string name, SourceLocation location) : base(name, location) { }

    /// <summary>The values in declaration order.</summary>
    public List<EnumValueDef> Values { get; } = new();
    /// <summary>proto <c>option allow_alias = true;</c>: several values may share a number.</summary>
    public bool AllowAlias { get; set; }
    /// <summary>Numbers set aside by <c>reserved</c>; no value may use them.</summary>
    public List<ReservedRange> ReservedRanges { get; } = new();
    /// <summary>Names set aside by <c>reserved</c>; no value may use them.</summary>
    public List<string> ReservedNames { get; } = new();
}

/// <summary>One named value of an enum.</summary>
public sealed class EnumValueDef : SchemaElement
{
    /// <summary>A value with its number.</summary>
    public EnumValueDef(string name, int number, SourceLocation location) : base(name, location)
    {
        Number = number;
    }

    /// <summary>The value's number (Thrift assigns implicit ones as its compiler does).</summary>
    public int Number { get; set; }
    /// <summary>The enum that declares the value.</summary>
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
    /// <summary>A typedef naming <paramref name="target"/>.</summary>
    public TypedefDef(string name, TypeRef target, SourceLocation location) : base(name, location)
    {
        Target = target;
    }

    /// <summary>The type the typedef stands for (possibly another typedef).</summary>
    public TypeRef Target { get; set; }
}

/// <summary>Thrift <c>const</c>, Slice/IDL <c>const</c>.</summary>
public sealed class ConstantDef : SchemaElement
{
    /// <summary>A constant of <paramref name="type"/> with its value as written.</summary>
    public ConstantDef(string name, TypeRef type, ConstantValue value, SourceLocation location) : base(name, location)
    {
        Type = type;
        Value = value;
    }

    /// <summary>The declared type of the constant.</summary>
    public TypeRef Type { get; set; }
    /// <summary>The value as written (lists and maps nest).</summary>
    public ConstantValue Value { get; set; }
    /// <summary>Qualified with the file's program name: <c>shared.MAX</c>.</summary>
    public string FullName { get; set; } = "";
}

/// <summary>A service: a named set of methods that one server implements.</summary>
public sealed class ServiceDef : SchemaElement
{
    /// <summary>A service with no methods yet.</summary>
    public ServiceDef(string name, SourceLocation location) : base(name, location) { }

    /// <summary>Fully qualified, without a leading dot: <c>pkg.Service</c>; the protocol-level service name.</summary>
    public string FullName { get; set; } = "";
    /// <summary>The methods in declaration order (not those inherited through <see cref="Extends"/>).</summary>
    public List<MethodDef> Methods { get; } = new();
    /// <summary>Thrift <c>extends</c>: the base service's name as written, and once linked, the service.</summary>
    public string? ExtendsName { get; set; }
    /// <summary>The linked base service of a Thrift <c>extends</c>; null when there is none or it did not resolve.</summary>
    public ServiceDef? Extends { get; set; }
    /// <summary>Slice interface bases as written (<c>interface C extends A, B</c>), in order; empty when none.</summary>
    public List<string> BaseNames { get; } = new();
    /// <summary>The linked Slice interface bases, in the order of <see cref="BaseNames"/>.</summary>
    public List<ServiceDef> Bases { get; } = new();
    /// <summary>The file that declares the service.</summary>
    public SchemaFile? File { get; set; }
    /// <summary>OMG IDL interface repository id (<c>IDL:Test/Operations:1.0</c>); null for other IDLs.</summary>
    public string? RepositoryId { get; set; }
}

/// <summary>Which accessor of an OMG IDL attribute a <see cref="MethodDef"/> is.</summary>
public enum AttributeAccessor
{
    /// <summary>An ordinary operation.</summary>
    None,
    /// <summary>The attribute's getter; GIOP names it <c>_get_</c> + the attribute.</summary>
    Get,
    /// <summary>The attribute's setter (not for <c>readonly</c> attributes); GIOP names it <c>_set_</c> + the attribute.</summary>
    Set,
}

/// <summary>One method of a service.</summary>
public sealed class MethodDef : SchemaElement
{
    /// <summary>A unary method with no types yet.</summary>
    public MethodDef(string name, SourceLocation location) : base(name, location) { }

    /// <summary>How the method exchanges messages; Thrift methods are always <see cref="CallKind.Unary"/>.</summary>
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
    /// <summary>The service that declares the method.</summary>
    public ServiceDef? Service { get; set; }
    /// <summary>Fully qualified, without a leading dot: <c>pkg.Service.Method</c>.</summary>
    public string FullName { get; set; } = "";
    /// <summary>proto: the method had a <c>{ ... }</c> body, so protoc gives it an options message even when the body is empty.</summary>
    public bool HasOptionsBlock { get; set; }
    /// <summary>Slice <c>idempotent</c>: the call may be retried (Ice sends operation mode Idempotent).</summary>
    public bool IsIdempotent { get; set; }
    /// <summary>
    /// Slice: the declared return value as a field named <c>returnValue</c> (tagged when the return is
    /// <c>optional(tag)</c>); null for <c>void</c>. The out parameters are the <see cref="Parameters"/>
    /// with <see cref="FieldDef.IsOut"/>.
    /// </summary>
    public FieldDef? ReturnValue { get; set; }
    /// <summary>
    /// OMG IDL attribute accessor: the front-end turns <c>attribute long counter;</c> into two methods
    /// named as on the wire (<c>_get_counter</c>, <c>_set_counter</c>) with this set and
    /// <see cref="AttributeName"/> = <c>counter</c>. <see cref="AttributeAccessor.None"/> for operations.
    /// </summary>
    public AttributeAccessor Accessor { get; set; }
    /// <summary>The attribute's name for an accessor; null for operations.</summary>
    public string? AttributeName { get; set; }
}
