using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Ice;

/// <summary>Enums, structs, classes, exceptions and constants of one Slice file.</summary>
internal sealed class IceDataEmitter
{
    private const string I = IceNames.I;
    private readonly IceTypes _types;
    private readonly IceCode _code;
    private readonly string _access;

    public IceDataEmitter(IceTypes types, IceCode code, CodeGenOptions options)
    {
        _types = types;
        _code = code;
        _access = options.InternalAccess ? "internal" : "public";
    }

    public void Enum(CodeWriter w, EnumDef def)
    {
        w.Doc(def.Documentation);
        w.Open($"{_access} enum {IceNames.TypeName(def.Name)}");
        foreach (var value in def.Values)
        {
            w.Doc(value.Documentation);
            w.Line($"{Naming.Escape(Naming.ToPascalCase(value.Name))} = {value.Number.ToString(CultureInfo.InvariantCulture)},");
        }
        w.Close();
    }

    public void Struct(CodeWriter w, MessageDef def)
    {
        var name = IceNames.TypeName(def.Name);
        w.Doc(def.Documentation);
        w.Open($"{_access} sealed partial class {name} : global::System.IEquatable<{name}>");
        Properties(w, def, name, isException: false);
        w.Line("/// <summary>Writes the members in order.</summary>");
        w.Open($"public void IceWrite({I}IceOutputStream output)");
        _code.WriteAll(w, def.Fields, f => IceNames.Property(f, name, false));
        w.Close();
        w.Line();
        w.Line("/// <summary>Reads a value written by <see cref=\"IceWrite\"/>.</summary>");
        w.Open($"public static {name} IceRead({I}IceInputStream input)");
        w.Line($"var value = new {name}();");
        _code.ReadAll(w, def.Fields, f => "value." + IceNames.Property(f, name, false));
        w.Line("return value;");
        w.Close();
        w.Line();
        var props = def.Fields.Select(f => IceNames.Property(f, name, false)).ToList();
        w.Line("/// <inheritdoc />");
        w.Line($"public bool Equals({name}? other) => other is not null" + string.Concat(props.Select(p => $" && {I}IceValueEquality.AreEqual({p}, other.{p})")) + ";");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public override bool Equals(object? obj) => Equals(obj as {name});");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Open("public override int GetHashCode()");
        w.Line("var hash = new global::System.HashCode();");
        foreach (var p in props)
        {
            w.Line($"hash.Add({I}IceValueEquality.HashOf({p}));");
        }
        w.Line("return hash.ToHashCode();");
        w.Close();
        w.Close();
    }

    public void Class(CodeWriter w, MessageDef def)
    {
        var name = IceNames.TypeName(def.Name);
        var hasBase = def.Base != null;
        var baseType = hasBase ? _types.Names.Qualified(def.Base!.FullName) : I + "IceValue";
        var mark = hasBase ? "new " : "";
        w.Doc(def.Documentation);
        w.Open($"{_access} partial class {name} : {baseType}");
        w.Line("/// <summary>The Slice type id.</summary>");
        w.Line($"public {mark}const string IceTypeId = {Naming.Literal(IceNames.TypeId(def.FullName))};");
        if (def.CompactId is int compactId)
        {
            w.Line("/// <summary>The compact type id.</summary>");
            w.Line($"public {mark}const int IceCompactId = {compactId.ToString(CultureInfo.InvariantCulture)};");
        }
        w.Line();
        Properties(w, def, name, isException: false);
        w.Line("/// <inheritdoc />");
        w.Line("public override string IceId => IceTypeId;");
        w.Line();
        if (def.FindOption("preserve-slice") != null)
        {
            w.Line("/// <inheritdoc />");
            w.Line("protected override bool IcePreserveSlice => true;");
            w.Line();
        }
        Slices(w, def, name, def.CompactId?.ToString(CultureInfo.InvariantCulture) ?? "-1", isException: false);
        w.Close();
    }

    public void Exception(CodeWriter w, MessageDef def)
    {
        var name = IceNames.TypeName(def.Name);
        var hasBase = def.Base != null;
        var baseType = hasBase ? _types.Names.Qualified(def.Base!.FullName) : I + "IceUserException";
        w.Doc(def.Documentation);
        w.Open($"{_access} partial class {name} : {baseType}");
        w.Line("/// <summary>The Slice type id.</summary>");
        w.Line($"public {(hasBase ? "new " : "")}const string IceTypeId = {Naming.Literal(IceNames.TypeId(def.FullName))};");
        w.Line();
        Properties(w, def, name, isException: true);
        var chain = new List<MessageDef>();
        for (var d = def; d != null; d = d.Base)
        {
            chain.Insert(0, d);
        }
        var all = chain.SelectMany(d => d.Fields.Select(f => (Def: d, Field: f))).ToList();
        if (all.Count > 0)
        {
            w.Line("/// <summary>An exception with every member set.</summary>");
            var parameters = all.Select(x => $"{FieldType(x.Field)} {IceNames.Parameter(x.Field.Name)}");
            var baseArgs = all.Where(x => x.Def != def).Select(x => IceNames.Parameter(x.Field.Name)).ToList();
            w.Line($"public {name}({string.Join(", ", parameters)})" + (hasBase ? $" : base({string.Join(", ", baseArgs)})" : ""));
            w.Open("");
            foreach (var f in def.Fields)
            {
                w.Line($"{IceNames.Property(f, name, true)} = {IceNames.Parameter(f.Name)};");
            }
            w.Close();
            w.Line();
            w.Line("/// <summary>An exception with default members (for the decoder).</summary>");
            w.Line($"public {name}() {{ }}");
            w.Line();
        }
        w.Line("/// <inheritdoc />");
        w.Line("public override string IceId => IceTypeId;");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public override string Message => {Naming.Literal("Ice user exception " + IceNames.TypeId(def.FullName))};");
        w.Line();
        if (def.FindOption("preserve-slice") != null)
        {
            w.Line("/// <inheritdoc />");
            w.Line("protected override bool IcePreserveSlice => true;");
            w.Line();
        }
        Slices(w, def, name, "-1", isException: true);
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
            w.Line($"public {(isConst ? "const" : "static readonly")} {_types.CsType(c.Type)} {IceNames.TypeName(c.Name)} = {Literal(c.Type, c.Value)};");
        }
        w.Close();
    }

    public static void Registration(CodeWriter w, string className, IReadOnlyList<(MessageDef Def, string Type)> definitions)
    {
        w.Line("/// <summary>Registers this file's classes and exceptions with the Ice decoder when the assembly loads.</summary>");
        w.Open($"internal static class {className}");
        w.Line("#pragma warning disable CA2255 // Generated code registers its types so that decoding needs no reflection.");
        w.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        w.Line("#pragma warning restore CA2255");
        w.Open("internal static void Register()");
        foreach (var (def, type) in definitions)
        {
            var id = Naming.Literal(IceNames.TypeId(def.FullName));
            if (def.Kind == MessageKind.Class)
            {
                var compact = def.CompactId is int c ? ", " + c.ToString(CultureInfo.InvariantCulture) : "";
                w.Line($"{I}IceTypeRegistry.RegisterValue({id}, static () => new {type}(){compact});");
            }
            else
            {
                w.Line($"{I}IceTypeRegistry.RegisterException({id}, static () => new {type}());");
            }
        }
        w.Close();
        w.Close();
    }

    private void Slices(CodeWriter w, MessageDef def, string name, string compactId, bool isException)
    {
        var hasBase = def.Base != null;
        w.Line("/// <inheritdoc />");
        w.Open($"protected override void IceWriteImpl({I}IceOutputStream output)");
        w.Line($"output.StartSlice(IceTypeId, {compactId}, {(hasBase ? "false" : "true")});");
        _code.WriteAll(w, def.Fields, f => IceNames.Property(f, name, isException));
        w.Line("output.EndSlice();");
        if (hasBase)
        {
            w.Line("base.IceWriteImpl(output);");
        }
        w.Close();
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Open($"protected override void IceReadImpl({I}IceInputStream input)");
        w.Line("input.StartSlice();");
        _code.ReadAll(w, def.Fields, f => "this." + IceNames.Property(f, name, isException));
        w.Line("input.EndSlice();");
        if (hasBase)
        {
            w.Line("base.IceReadImpl(input);");
        }
        w.Close();
    }

    private string FieldType(FieldDef f) => f.IsTagged ? _types.OptionalType(f.Type) : _types.CsType(f.Type);

    private void Properties(CodeWriter w, MessageDef def, string owner, bool isException)
    {
        foreach (var f in def.Fields)
        {
            var type = FieldType(f);
            var initial = f.IsTagged ? null : Initial(f);
            w.Doc(f.Documentation);
            w.Line($"public {type} {IceNames.Property(f, owner, isException)} {{ get; set; }}" + (initial != null ? $" = {initial};" : ""));
            w.Line();
        }
    }

    private string? Initial(FieldDef f)
    {
        if (f.DefaultValue != null)
        {
            return Literal(f.Type, f.DefaultValue);
        }
        if (f.Type.IsScalar(ScalarType.String))
        {
            return "\"\"";
        }
        if (IceTypes.IsStruct(f.Type))
        {
            return "new()";
        }
        if (f.Type.Kind == TypeKind.List)
        {
            return "[]";
        }
        if (f.Type.Kind == TypeKind.Map)
        {
            return "new()";
        }
        return null;
    }

    private string Literal(TypeRef type, ConstantValue value)
    {
        var cs = _types.CsType(type);
        switch (value.Kind)
        {
            case ConstantKind.Bool:
                return value.BoolValue ? "true" : "false";
            case ConstantKind.String:
                return Naming.Literal(value.Text);
            case ConstantKind.Identifier:
                var text = value.Text;
                var cut = System.Math.Max(text.LastIndexOf(':'), text.LastIndexOf('.'));
                return $"{cs}.{Naming.Escape(Naming.ToPascalCase(text.Substring(cut + 1)))}";
            case ConstantKind.Float:
                return $"({cs}){value.FloatValue.ToString("R", CultureInfo.InvariantCulture)}" + (type.IsScalar(ScalarType.Float) ? "F" : "D");
            default:
                return $"unchecked(({cs})({value.Text}" + (type.IsScalar(ScalarType.Int64) ? "L" : "") + "))";
        }
    }
}
