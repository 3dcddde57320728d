using System;
using System.Collections.Generic;
using System.Text;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Thrift;

/// <summary>
/// Thrift schema names → C# names and types for one generation run. Type names are kept as
/// declared (they are already type-like); members are PascalCased; wire names stay as declared.
/// </summary>
internal sealed class ThriftNames
{
    public const string R = "global::Steward.Rpc.";
    public const string Th = "global::Steward.Rpc.Thrift.";
    public const string Scg = "global::System.Collections.Generic.";

    /// <summary>The namespace languages looked up, most specific first.</summary>
    private static readonly string[] NamespaceLanguages = { "netstd", "csharp", "*" };

    private readonly SchemaSet _set;
    private readonly SchemaFile _file;
    private readonly CodeGenOptions _options;
    private readonly Dictionary<EnumDef, Dictionary<string, string>> _enumMembers = new();

    public ThriftNames(SchemaSet set, SchemaFile file, CodeGenOptions options)
    {
        _set = set;
        _file = file;
        _options = options;
    }

    public SchemaFile File => _file;
    public SchemaSet Set => _set;

    /// <summary>
    /// The override (for the generated file and the others generated with it), else
    /// <c>namespace netstd</c>, <c>csharp</c>, <c>*</c>, else the program name.
    /// </summary>
    public string NamespaceOf(SchemaFile file)
    {
        if (!string.IsNullOrEmpty(_options.Namespace) && (file == _file || _set.RootFiles.Contains(file)))
        {
            return _options.Namespace!;
        }
        foreach (var language in NamespaceLanguages)
        {
            if (file.Namespaces.TryGetValue(language, out var ns) && ns.Length > 0)
            {
                return SanitizeNamespace(ns);
            }
        }
        return SanitizeNamespace(ProgramName(file));
    }

    /// <summary>The Thrift program name: the package the front-end set, else the file's base name.</summary>
    public static string ProgramName(SchemaFile file)
    {
        if (!string.IsNullOrEmpty(file.Package))
        {
            return file.Package;
        }
        var name = file.Path.Replace('\\', '/');
        name = name.Substring(name.LastIndexOf('/') + 1);
        var dot = name.LastIndexOf('.');
        return dot > 0 ? name.Substring(0, dot) : name;
    }

    /// <summary><c>&lt;Program&gt;Constants</c>, the class holding a file's consts.</summary>
    public static string ConstantsClass(SchemaFile file) => Identifier(ProgramName(file)) + "Constants";

    private static string SanitizeNamespace(string ns)
    {
        var parts = ns.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Naming.Escape(Identifier(parts[i]));
        }
        return string.Join(".", parts);
    }

    /// <summary>Any text as a C# identifier: characters C# does not allow become <c>_</c>.</summary>
    public static string Identifier(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            result.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        }
        if (result.Length == 0 || char.IsDigit(result[0]))
        {
            result.Insert(0, '_');
        }
        return result.ToString();
    }

    /// <summary>
    /// A member name: <c>string_thing</c> → <c>StringThing</c>, <c>errorCode</c> → <c>ErrorCode</c>,
    /// and names without lower-case letters (<c>MAX_SIZE</c>, <c>ONE</c>) → <c>MaxSize</c>, <c>One</c>.
    /// </summary>
    public static string Member(string name)
    {
        var hasLower = false;
        foreach (var c in name)
        {
            hasLower |= char.IsLower(c);
        }
        return hasLower ? Naming.ToPascalCase(name) : Naming.ShoutyToPascalCase(name);
    }

    /// <summary>The simple C# name of a struct, union, exception or enum: as declared.</summary>
    public static string SimpleName(TypeDef type) => Naming.Escape(Identifier(type.Name));

    public string FullName(TypeDef type)
    {
        var ns = NamespaceOf(type.File ?? _file);
        return "global::" + (ns.Length > 0 ? ns + "." : "") + SimpleName(type);
    }

    /// <summary>The C# member name of each value of an enum, made unique within it.</summary>
    public Dictionary<string, string> EnumMembers(EnumDef def)
    {
        if (!_enumMembers.TryGetValue(def, out var map))
        {
            map = new Dictionary<string, string>(StringComparer.Ordinal);
            var names = new MemberNames(new[] { "value__", SimpleName(def) });
            foreach (var value in def.Values)
            {
                if (!map.ContainsKey(value.Name))
                {
                    map[value.Name] = Naming.Escape(names.Claim(Member(value.Name)));
                }
            }
            _enumMembers[def] = map;
        }
        return map;
    }

    /// <summary>The C# type of a value (never nullable: a container's elements, a parameter, a return value).</summary>
    public string CsType(TypeRef type)
    {
        switch (type.Kind)
        {
            case TypeKind.Scalar:
                return type.Scalar switch
                {
                    ScalarType.Bool => "bool",
                    ScalarType.Int8 => "sbyte",
                    ScalarType.Int16 => "short",
                    ScalarType.Int32 => "int",
                    ScalarType.Int64 => "long",
                    ScalarType.Double => "double",
                    ScalarType.String => "string",
                    ScalarType.Bytes => "byte[]",
                    ScalarType.Uuid => "global::System.Guid",
                    _ => throw Unsupported(type),
                };
            case TypeKind.Enum:
            case TypeKind.Message:
                return FullName(type.Definition ?? throw Unsupported(type));
            case TypeKind.List:
                return Scg + "List<" + CsType(type.Element!) + ">";
            case TypeKind.Set:
                return Scg + "HashSet<" + CsType(type.Element!) + ">";
            case TypeKind.Map:
                return Scg + "Dictionary<" + CsType(type.Key!) + ", " + CsType(type.Element!) + ">";
            default:
                throw Unsupported(type);
        }
    }

    /// <summary>True for C# value types (they become <c>T?</c> when a field may be absent).</summary>
    public static bool IsValueType(TypeRef type) =>
        type.Kind == TypeKind.Enum ||
        (type.Kind == TypeKind.Scalar && type.Scalar is not (ScalarType.String or ScalarType.Bytes));

    /// <summary>The ThriftType member a value travels as.</summary>
    public static string WireType(TypeRef type) => type.Kind switch
    {
        TypeKind.Scalar => type.Scalar switch
        {
            ScalarType.Bool => "Bool",
            ScalarType.Int8 => "Byte",
            ScalarType.Int16 => "I16",
            ScalarType.Int32 => "I32",
            ScalarType.Int64 => "I64",
            ScalarType.Double => "Double",
            ScalarType.String or ScalarType.Bytes => "String",
            ScalarType.Uuid => "Uuid",
            _ => throw Unsupported(type),
        },
        TypeKind.Enum => "I32",
        TypeKind.Message => "Struct",
        TypeKind.List => "List",
        TypeKind.Set => "Set",
        TypeKind.Map => "Map",
        _ => throw Unsupported(type),
    };

    public static string WireTypeExpression(TypeRef type) => Th + "ThriftType." + WireType(type);

    private static InvalidOperationException Unsupported(TypeRef type) =>
        new("Thrift code generation does not support the type '" + type + "'" +
            (type.Location.Line > 0 ? " at " + type.Location : "") + ".");
}
