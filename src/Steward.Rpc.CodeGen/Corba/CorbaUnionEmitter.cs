using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Corba;

/// <summary>
/// One OMG IDL discriminated union as a sealed class: a <c>Discriminator</c>, one property per member (reading
/// one the discriminator does not select throws; setting one selects it with its first label, or a value no
/// label uses for the default member), <c>Set</c> methods choosing the discriminator, value equality, and the
/// CDR of the spec: the discriminator, then the selected member (nothing when none is).
/// </summary>
internal sealed class CorbaUnionEmitter
{
    private const string C = CorbaNames.C;
    private readonly CorbaTypes _types;
    private readonly CorbaCode _code;
    private readonly string _access;
    private readonly MessageDef _def;
    private readonly TypeRef _disc;
    private readonly string _name;
    private readonly string _discType;

    public CorbaUnionEmitter(CorbaTypes types, CorbaCode code, CodeGenOptions options, MessageDef def)
    {
        _types = types;
        _code = code;
        _access = options.InternalAccess ? "internal" : "public";
        _def = def;
        _disc = def.Discriminator ?? throw new NotSupportedException($"The union {def.FullName} has no discriminator type.");
        _name = CorbaNames.TypeName(def.Name);
        _discType = _types.CsType(_disc);
    }

    /// <summary>Every label's key (a number standing for the value), to find values no label uses.</summary>
    private long Key(ConstantValue label)
    {
        switch (label.Kind)
        {
            case ConstantKind.Bool:
                return label.BoolValue ? 1 : 0;
            case ConstantKind.String:
                return label.Text.Length > 0 ? label.Text[0] : 0;
            case ConstantKind.Identifier when _disc.Kind == TypeKind.Enum:
                var text = label.Text;
                var name = text.Substring(Math.Max(text.LastIndexOf(':'), text.LastIndexOf('.')) + 1);
                var index = ((EnumDef)_disc.Definition!).Values.FindIndex(v => v.Name == name);
                return index >= 0 ? index : throw new NotSupportedException($"The union {_def.FullName} has the label {text}, which is no enumerator of {_disc}.");
            default:
                return label.TryGetInt64(out var value) ? value : unchecked((long)label.IntegerMagnitude);
        }
    }

    /// <summary>The C# constant of a discriminator key.</summary>
    private string Constant(long key) => _disc.Kind switch
    {
        TypeKind.Enum => $"{_discType}.{Naming.Escape(Naming.ToPascalCase(((EnumDef)_disc.Definition!).Values[(int)key].Name))}",
        _ when _disc.IsScalar(ScalarType.Bool) => key != 0 ? "true" : "false",
        _ when _disc.Scalar is ScalarType.Char or ScalarType.WChar => CorbaDataEmitter.CharLiteral((char)key),
        _ when key is >= int.MinValue and <= int.MaxValue => key.ToString(CultureInfo.InvariantCulture),
        _ => $"unchecked(({_discType})({key.ToString(CultureInfo.InvariantCulture)}{(_disc.IsScalar(ScalarType.UInt64) ? "UL" : "L")}))",
    };

    /// <summary>How many values the discriminator type has, when it is small enough for labels to cover it.</summary>
    private long? Cardinality() => _disc.Kind switch
    {
        TypeKind.Enum => ((EnumDef)_disc.Definition!).Values.Count,
        _ when _disc.IsScalar(ScalarType.Bool) => 2,
        _ when _disc.IsScalar(ScalarType.Char) || _disc.IsScalar(ScalarType.Byte) => 256,
        _ => null,
    };

    /// <summary>The least non-negative value no label uses (null when the labels use every value).</summary>
    private long? Unused(HashSet<long> used)
    {
        var limit = Cardinality() ?? long.MaxValue;
        for (long k = 0; k < limit; k++)
        {
            if (!used.Contains(k))
            {
                return k;
            }
        }
        return null;
    }

    public void Emit(CodeWriter w)
    {
        var members = _def.Fields;
        var used = new HashSet<long>(members.SelectMany(f => f.CaseLabels).Select(Key));
        var unused = Unused(used);
        var defaultIndex = members.FindIndex(f => f.IsDefaultCase);
        if (defaultIndex >= 0 && unused is null)
        {
            throw new NotSupportedException($"The union {_def.FullName} has a default member but its labels use every discriminator value.");
        }
        var props = members.Select(f => CorbaNames.Property(f, _name, false)).ToList();
        w.Doc(_def.Documentation);
        w.Open($"{_access} sealed partial class {_name} : global::System.IEquatable<{_name}>");
        w.Line("/// <summary>The repository id.</summary>");
        w.Line($"public const string CorbaRepositoryId = {Naming.Literal(CorbaNames.RepositoryId(_def.RepositoryId, _def.FullName))};");
        w.Line();

        // A new union: the default member, else no member (an unused discriminator), else the first member.
        string initialDisc;
        string initialValue;
        if (defaultIndex >= 0)
        {
            initialDisc = Constant(unused!.Value);
            initialValue = _types.Initial(members[defaultIndex].Type);
        }
        else if (unused != null || members.Count == 0)
        {
            initialDisc = Constant(unused ?? 0);
            initialValue = "null";
        }
        else
        {
            initialDisc = Constant(Key(members[0].CaseLabels[0]));
            initialValue = _types.Initial(members[0].Type);
        }
        w.Line($"private {_discType} _discriminator = {initialDisc};");
        w.Line($"private object? _value = {initialValue};");
        w.Line();
        w.Line("/// <summary>Which member is set: the value of the discriminator.</summary>");
        w.Line($"public {_discType} Discriminator => _discriminator;");
        w.Line();

        for (var i = 0; i < members.Count; i++)
        {
            var f = members[i];
            var type = _types.CsType(f.Type);
            var select = f.CaseLabels.Count > 0 ? Constant(Key(f.CaseLabels[0])) : Constant(unused!.Value);
            w.Doc(f.Documentation);
            w.Line($"/// <summary>The member {f.Name}; reading it when the discriminator selects another throws.</summary>");
            w.Open($"public {type} {props[i]}");
            w.Line($"get => Member(_discriminator) == {i.ToString(CultureInfo.InvariantCulture)} ? ({type})_value! : throw NotSelected({Naming.Literal(f.Name)});");
            w.Line($"set => Set({select}, value);");
            w.Close();
            w.Line();
            w.Line($"/// <summary>Sets the member {f.Name} with <paramref name=\"discriminator\"/>, which must be one that selects it.</summary>");
            w.Open($"public void Set{props[i].TrimStart('@')}({type} value, {_discType} discriminator)");
            w.Open($"if (Member(discriminator) != {i.ToString(CultureInfo.InvariantCulture)})");
            w.Line($"throw new global::System.ArgumentException($\"The discriminator {{discriminator}} does not select {f.Name}.\", nameof(discriminator));");
            w.Close();
            w.Line("Set(discriminator, value);");
            w.Close();
            w.Line();
        }
        if (defaultIndex < 0 && unused != null)
        {
            w.Line("/// <summary>Sets no member: <paramref name=\"discriminator\"/> must be a value no case label uses.</summary>");
            w.Open($"public void SetDefault({_discType} discriminator)");
            w.Open("if (Member(discriminator) != -1)");
            w.Line("throw new global::System.ArgumentException($\"The discriminator {discriminator} selects a member.\", nameof(discriminator));");
            w.Close();
            w.Line("Set(discriminator, null);");
            w.Close();
            w.Line();
        }

        w.Open($"private void Set({_discType} discriminator, object? value)");
        w.Line("_discriminator = discriminator;");
        w.Line("_value = value;");
        w.Close();
        w.Line();
        w.Line($"private global::System.InvalidOperationException NotSelected(string member) => new($\"The union {_def.FullName} has the discriminator {{_discriminator}}, which does not select {{member}}.\");");
        w.Line();

        // Which member a discriminator selects: its index, or -1 for none.
        w.Line($"private static int Member({_discType} discriminator) => discriminator switch");
        w.Line("{");
        w.Indent();
        for (var i = 0; i < members.Count; i++)
        {
            if (members[i].CaseLabels.Count > 0)
            {
                w.Line($"{string.Join(" or ", members[i].CaseLabels.Select(l => Constant(Key(l))))} => {i.ToString(CultureInfo.InvariantCulture)},");
            }
        }
        if (unused != null || _disc.Kind == TypeKind.Enum)
        {
            w.Line($"_ => {(defaultIndex >= 0 ? defaultIndex : -1).ToString(CultureInfo.InvariantCulture)},");
        }
        w.Outdent();
        w.Line("};");
        w.Line();

        w.Line("/// <summary>Writes the discriminator, then the member it selects (a null value writes a new one).</summary>");
        w.Open($"public static void Write({C}CdrOutputStream output, {_name}? value)");
        w.Line($"value ??= new {_name}();");
        _code.Write(w, _disc, "value._discriminator", _def.Name + ".discriminator");
        w.Open("switch (Member(value._discriminator))");
        for (var i = 0; i < members.Count; i++)
        {
            w.Line($"case {i.ToString(CultureInfo.InvariantCulture)}:");
            w.Open("");
            _code.Write(w, members[i].Type, $"(({_types.CsType(members[i].Type)})value._value!)", _def.Name + "." + members[i].Name);
            w.Line("break;");
            w.Close();
        }
        w.Close();
        w.Close();
        w.Line();

        w.Line("/// <summary>Reads a value written by <see cref=\"Write\"/>.</summary>");
        w.Open($"public static {_name} Read({C}CdrInputStream input)");
        w.Line($"var value = new {_name}();");
        _code.Read(w, _disc, v => $"value._discriminator = {v};", _def.Name + ".discriminator");
        w.Line("value._value = null;");
        w.Open("switch (Member(value._discriminator))");
        for (var i = 0; i < members.Count; i++)
        {
            w.Line($"case {i.ToString(CultureInfo.InvariantCulture)}:");
            w.Open("");
            _code.Read(w, members[i].Type, v => $"value._value = {v};", _def.Name + "." + members[i].Name);
            w.Line("break;");
            w.Close();
        }
        w.Close();
        w.Line("return value;");
        w.Close();
        w.Line();

        w.Line("/// <inheritdoc />");
        w.Line($"public bool Equals({_name}? other) => other is not null && global::System.Collections.Generic.EqualityComparer<{_discType}>.Default.Equals(_discriminator, other._discriminator) && {C}CorbaValueEquality.AreEqual(_value, other._value);");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public override bool Equals(object? obj) => Equals(obj as {_name});");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public override int GetHashCode() => global::System.HashCode.Combine(_discriminator, {C}CorbaValueEquality.HashOf(_value));");
        w.Close();
    }
}
