using System.Collections.Generic;
using System.Linq;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Thrift;

/// <summary>One field of a generated struct, its C# names and shape decided.</summary>
internal sealed class ThriftFieldModel
{
    public ThriftFieldModel(FieldDef def, string property, bool required)
    {
        Def = def;
        Property = property;
        Required = required;
    }

    public FieldDef Def { get; }
    public TypeRef Type => Def.Type;
    public string Property { get; }
    /// <summary>Always written; its absence on read is an error.</summary>
    public bool Required { get; }
    /// <summary>
    /// The property is <c>T?</c> and null means "not set". Only required value-type fields are
    /// plain <c>T</c>: they are always set.
    /// </summary>
    public bool Nullable => !Required || !ThriftNames.IsValueType(Type);
    /// <summary>Comparer field for content equality (containers, binary); empty when the default comparer does.</summary>
    public string ComparerField { get; set; } = "";
}

/// <summary>What one struct, union, exception or args/result wrapper is made of.</summary>
internal sealed class ThriftStructModel
{
    private static readonly string[] ReservedMembers =
    {
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals", "Write", "Read", "Describe",
    };

    /// <summary>System.Exception's members: a Thrift field by one of these names gets another name.</summary>
    private static readonly string[] ExceptionMembers =
    {
        "Message", "Data", "Source", "StackTrace", "InnerException", "HelpLink", "HResult", "TargetSite",
        "GetBaseException", "GetObjectData", "SerializeObjectState",
    };

    public ThriftStructModel(string className, string wireName, MessageKind kind, IReadOnlyList<FieldDef> fields, string? documentation)
    {
        ClassName = className;
        WireName = wireName;
        Kind = kind;
        Documentation = documentation;
        var members = new MemberNames(Reserved(className, kind));
        foreach (var field in fields)
        {
            var required = kind != MessageKind.Union && field.Label == FieldLabel.Required;
            Fields.Add(new ThriftFieldModel(field, Naming.Escape(members.Claim(ThriftNames.Member(field.Name))), required));
        }
        foreach (var field in Fields.Where(f => ThriftValueCode.NeedsStructuralComparer(f.Type)))
        {
            field.ComparerField = members.Claim("__" + field.Property.TrimStart('@') + "Comparer");
        }
        if (kind == MessageKind.Exception)
        {
            MessageField = Fields.FirstOrDefault(f => f.Def.Name == "message" && f.Type.IsScalar(ScalarType.String));
        }
    }

    public static ThriftStructModel For(MessageDef def) =>
        new(ThriftNames.SimpleName(def), def.Name, def.Kind, def.Fields, def.Documentation);

    /// <summary>The C# property of each field of a declared struct (constant struct literals name them).</summary>
    public static Dictionary<FieldDef, string> PropertyNames(MessageDef def) =>
        For(def).Fields.ToDictionary(f => f.Def, f => f.Property);

    private static IEnumerable<string> Reserved(string className, MessageKind kind)
    {
        var reserved = ReservedMembers.Concat(new[] { className.TrimStart('@') });
        return kind == MessageKind.Exception ? reserved.Concat(ExceptionMembers) : reserved;
    }

    public string ClassName { get; }
    public string WireName { get; }
    public MessageKind Kind { get; }
    public string? Documentation { get; }
    public List<ThriftFieldModel> Fields { get; } = new();
    /// <summary>An exception's <c>string message</c> field, which becomes <see cref="System.Exception.Message"/>.</summary>
    public ThriftFieldModel? MessageField { get; }
}
