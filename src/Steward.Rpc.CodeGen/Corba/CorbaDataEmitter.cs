using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Corba;

/// <summary>Enums, structs, exceptions and constants of one OMG IDL file.</summary>
internal sealed class CorbaDataEmitter
{
    private const string C = CorbaNames.C;
    private readonly CorbaTypes _types;
    private readonly CorbaCode _code;
    private readonly string _access;

    public CorbaDataEmitter(CorbaTypes types, CorbaCode code, CodeGenOptions options)
    {
        _types = types;
        _code = code;
        _access = options.InternalAccess ? "internal" : "public";
    }

    public void Enum(CodeWriter w, EnumDef def)
    {
        w.Doc(def.Documentation);
        w.Open($"{_access} enum {CorbaNames.TypeName(def.Name)} : uint");
        // CORBA enumerators are ordinals: the wire value is the position, whatever the model numbered them.
        for (var i = 0; i < def.Values.Count; i++)
        {
            w.Doc(def.Values[i].Documentation);
            w.Line($"{Naming.Escape(Naming.ToPascalCase(def.Values[i].Name))} = {i.ToString(CultureInfo.InvariantCulture)},");
        }
        w.Close();
    }

    public void Struct(CodeWriter w, MessageDef def)
    {
        var name = CorbaNames.TypeName(def.Name);
        w.Doc(def.Documentation);
        w.Open($"{_access} sealed partial class {name} : global::System.IEquatable<{name}>");
        RepositoryIdConstant(w, def, isNew: false);
        Properties(w, def, name, isException: false);
        w.Line("/// <summary>Writes the members in order (a null value writes a new one).</summary>");
        w.Open($"public static void Write({C}CdrOutputStream output, {name}? value)");
        w.Line($"value ??= new {name}();");
        _code.WriteAll(w, def.Fields, f => "value." + CorbaNames.Property(f, name, false), def.Name);
        w.Close();
        w.Line();
        w.Line("/// <summary>Reads a value written by <see cref=\"Write\"/>.</summary>");
        w.Open($"public static {name} Read({C}CdrInputStream input)");
        w.Line($"var value = new {name}();");
        _code.ReadAll(w, def.Fields, f => "value." + CorbaNames.Property(f, name, false), def.Name);
        w.Line("return value;");
        w.Close();
        w.Line();
        Equality(w, name, def.Fields.Select(f => CorbaNames.Property(f, name, false)).ToList());
        w.Close();
    }

    /// <summary>Equals, Equals(object) and GetHashCode over <paramref name="members"/>, by <c>CorbaValueEquality</c>.</summary>
    public static void Equality(CodeWriter w, string name, IReadOnlyList<string> members)
    {
        w.Line("/// <inheritdoc />");
        w.Line($"public bool Equals({name}? other) => other is not null" + string.Concat(members.Select(p => $" && {C}CorbaValueEquality.AreEqual({p}, other.{p})")) + ";");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public override bool Equals(object? obj) => Equals(obj as {name});");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Open("public override int GetHashCode()");
        w.Line("var hash = new global::System.HashCode();");
        foreach (var p in members)
        {
            w.Line($"hash.Add({C}CorbaValueEquality.HashOf({p}));");
        }
        w.Line("return hash.ToHashCode();");
        w.Close();
    }

    public void Exception(CodeWriter w, MessageDef def)
    {
        var name = CorbaNames.TypeName(def.Name);
        var id = CorbaNames.RepositoryId(def.RepositoryId, def.FullName);
        w.Doc(def.Documentation);
        w.Open($"{_access} sealed partial class {name} : {C}CorbaUserException");
        RepositoryIdConstant(w, def, isNew: false);
        Properties(w, def, name, isException: true);
        if (def.Fields.Count > 0)
        {
            w.Line("/// <summary>An exception with every member set.</summary>");
            var parameters = def.Fields.Select(f => $"{_types.CsType(f.Type)} {CorbaNames.Parameter(f.Name)}");
            w.Open($"public {name}({string.Join(", ", parameters)})");
            foreach (var f in def.Fields)
            {
                w.Line($"{CorbaNames.Property(f, name, true)} = {CorbaNames.Parameter(f.Name)};");
            }
            w.Close();
            w.Line();
            w.Line("/// <summary>An exception with initial members (for the decoder).</summary>");
            w.Line($"public {name}() {{ }}");
            w.Line();
        }
        w.Line("/// <inheritdoc />");
        w.Line("public override string RepositoryId => CorbaRepositoryId;");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public override string Message => {Naming.Literal("CORBA user exception " + id)};");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Open($"public override void WriteMembers({C}CdrOutputStream output)");
        _code.WriteAll(w, def.Fields, f => "this." + CorbaNames.Property(f, name, true), def.Name);
        w.Close();
        w.Line();
        w.Line("/// <summary>Reads the members <see cref=\"WriteMembers\"/> wrote (the repository id has been read).</summary>");
        w.Open($"public static {C}CorbaUserException ReadMembers({C}CdrInputStream input)");
        w.Line($"var value = new {name}();");
        _code.ReadAll(w, def.Fields, f => "value." + CorbaNames.Property(f, name, true), def.Name);
        w.Line("return value;");
        w.Close();
        w.Close();
    }

    public void Constants(CodeWriter w, IReadOnlyList<ConstantDef> constants)
    {
        w.Line("/// <summary>The constants of this module.</summary>");
        w.Open($"{_access} static partial class Constants");
        foreach (var c in constants)
        {
            w.Doc(c.Documentation);
            var isConst = c.Type.Kind is TypeKind.Scalar or TypeKind.Enum;
            w.Line($"public {(isConst ? "const" : "static readonly")} {_types.CsType(c.Type)} {CorbaNames.TypeName(c.Name)} = {Literal(c.Type, c.Value)};");
        }
        w.Close();
    }

    private static void RepositoryIdConstant(CodeWriter w, TypeDef def, bool isNew)
    {
        w.Line("/// <summary>The repository id.</summary>");
        w.Line($"public {(isNew ? "new " : "")}const string CorbaRepositoryId = {Naming.Literal(CorbaNames.RepositoryId(def.RepositoryId, def.FullName))};");
        w.Line();
    }

    private void Properties(CodeWriter w, MessageDef def, string owner, bool isException)
    {
        foreach (var f in def.Fields)
        {
            var initial = CorbaTypes.IsValueType(f.Type) ? null : _types.Initial(f.Type);
            w.Doc(f.Documentation);
            w.Line($"public {_types.CsType(f.Type)} {CorbaNames.Property(f, owner, isException)} {{ get; set; }}" + (initial != null ? $" = {initial};" : ""));
            w.Line();
        }
    }

    /// <summary>A C# literal of <paramref name="value"/> as a <paramref name="type"/>.</summary>
    public string Literal(TypeRef type, ConstantValue value)
    {
        var cs = _types.CsType(type);
        switch (value.Kind)
        {
            case ConstantKind.Bool:
                return value.BoolValue ? "true" : "false";
            case ConstantKind.String when type.Scalar is ScalarType.Char or ScalarType.WChar:
                return CharLiteral(value.Text.Length > 0 ? value.Text[0] : '\0');
            case ConstantKind.String:
                return Naming.Literal(value.Text);
            case ConstantKind.Identifier:
                var text = value.Text;
                var cut = System.Math.Max(text.LastIndexOf(':'), text.LastIndexOf('.'));
                return $"{cs}.{Naming.Escape(Naming.ToPascalCase(text.Substring(cut + 1)))}";
            case ConstantKind.Float:
                return $"({cs}){value.FloatValue.ToString("R", CultureInfo.InvariantCulture)}" + (type.IsScalar(ScalarType.Float) ? "F" : "D");
            default:
                var suffix = type.Scalar switch
                {
                    ScalarType.Int64 => "L",
                    ScalarType.UInt64 or ScalarType.UInt32 when !value.IsNegative => "UL",
                    _ => "",
                };
                return $"unchecked(({cs})({value.Text}{suffix}))";
        }
    }

    /// <summary>A C# char literal (<c>'a'</c>, <c>'\u0001'</c>).</summary>
    public static string CharLiteral(char c) =>
        c is >= ' ' and <= '~' && c != '\'' && c != '\\' ? $"'{c}'" : $"'\\u{((int)c).ToString("x4", CultureInfo.InvariantCulture)}'";
}
