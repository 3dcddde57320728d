using System.Globalization;
using System.Linq;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Thrift;

/// <summary>
/// A struct, union, exception or method args/result wrapper → a sealed partial class implementing
/// IThriftStruct and IEquatable. Presence is the property's nullness: every field is <c>T?</c> and
/// set when non-null, except required value-type fields, which are plain <c>T</c>. Defaults from the
/// IDL are assigned by the constructor (so such fields start out set, as in Apache Thrift).
/// </summary>
internal sealed class ThriftStructEmitter
{
    private const string Th = ThriftNames.Th;
    private const string Scg = ThriftNames.Scg;
    private const string Support = ThriftValueCode.Support;

    private readonly ThriftStructModel _model;
    private readonly ThriftNames _names;
    private readonly ThriftValueCode _values;
    private readonly ThriftLiterals _literals;
    private readonly string _access;

    public ThriftStructEmitter(ThriftStructModel model, ThriftNames names, string access)
    {
        _model = model;
        _names = names;
        _values = new ThriftValueCode(names);
        _literals = new ThriftLiterals(names);
        _access = access;
    }

    private string PropertyType(ThriftFieldModel f) => _names.CsType(f.Type) + (f.Nullable ? "?" : "");

    private static string Id(ThriftFieldModel f) => f.Def.Number.ToString(CultureInfo.InvariantCulture);

    private string Where(ThriftFieldModel f) => _model.WireName + "." + f.Def.Name;

    public void Emit(CodeWriter w)
    {
        var name = _model.ClassName;
        var bases = (_model.Kind == MessageKind.Exception ? "global::System.Exception, " : "") +
                    $"{Th}IThriftStruct, global::System.IEquatable<{name}>";
        w.Doc(_model.Documentation);
        w.Open($"{_access} sealed partial class {name} : {bases}");
        foreach (var f in _model.Fields.Where(f => f.ComparerField.Length > 0))
        {
            w.Line($"private static readonly {Scg}IEqualityComparer<{_names.CsType(f.Type)}> {f.ComparerField} = {_values.Comparer(f.Type)};");
        }
        EmitConstructor(w);
        foreach (var f in _model.Fields)
        {
            w.Doc(f.Def.Documentation);
            w.Line($"public {PropertyType(f)} {f.Property} {{ get; set; }}");
            w.Line();
        }
        if (_model.Kind == MessageKind.Exception)
        {
            var message = _model.MessageField != null ? _model.MessageField.Property + " ?? Describe()" : "Describe()";
            w.Line($"/// <summary>The exception's <c>message</c> field when it has one and it is set, else its fields.</summary>");
            w.Line($"public override string Message => {message};");
            w.Line();
        }
        EmitWrite(w);
        EmitRead(w);
        EmitEquality(w);
        EmitDescribe(w);
        w.Close();
    }

    private void EmitConstructor(CodeWriter w)
    {
        w.Open($"public {_model.ClassName}()");
        foreach (var f in _model.Fields.Where(f => f.Def.DefaultValue != null))
        {
            w.Line($"{f.Property} = {_literals.Expression(f.Type, f.Def.DefaultValue!)};");
        }
        w.Close();
        w.Line();
    }

    private void EmitWrite(CodeWriter w)
    {
        _values.ResetTemporaries();
        w.Open($"public void Write({Th}ThriftWriter writer)");
        if (_model.Kind == MessageKind.Union)
        {
            var count = _model.Fields.Count == 0
                ? "0"
                : string.Join(" + ", _model.Fields.Select(f => $"({f.Property} is null ? 0 : 1)"));
            w.Line($"var __set = {count};");
            w.Open("if (__set != 1)");
            w.Line($"throw new {Th}ThriftProtocolException({Th}ThriftProtocolError.InvalidData, \"Union '{_model.WireName}' must have exactly one field set to be written, not \" + __set.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \".\");");
            w.Close();
        }
        w.Line($"writer.WriteStructBegin({Naming.Literal(_model.WireName)});");
        foreach (var f in _model.Fields)
        {
            var header = $"writer.WriteFieldBegin({Naming.Literal(f.Def.Name)}, {ThriftNames.WireTypeExpression(f.Type)}, {Id(f)});";
            if (!f.Nullable)
            {
                w.Line(header);
                _values.Write(w, f.Type, f.Property);
                w.Line("writer.WriteFieldEnd();");
                continue;
            }
            var value = "__" + f.Property.TrimStart('@');
            if (f.Required)
            {
                w.Open($"if ({f.Property} is not {{ }} {value})");
                w.Line($"throw new {Th}ThriftProtocolException({Th}ThriftProtocolError.InvalidData, {Naming.Literal($"Required field '{f.Def.Name}' of '{_model.WireName}' is not set.")});");
                w.Close();
                w.Line(header);
                _values.Write(w, f.Type, value);
                w.Line("writer.WriteFieldEnd();");
                continue;
            }
            w.Open($"if ({f.Property} is {{ }} {value})");
            w.Line(header);
            _values.Write(w, f.Type, value);
            w.Line("writer.WriteFieldEnd();");
            w.Close();
        }
        w.Line("writer.WriteFieldStop();");
        w.Line("writer.WriteStructEnd();");
        w.Close();
        w.Line();
    }

    private void EmitRead(CodeWriter w)
    {
        _values.ResetTemporaries();
        var isUnion = _model.Kind == MessageKind.Union;
        w.Open($"public void Read({Th}ThriftReader reader)");
        foreach (var f in _model.Fields.Where(f => f.Required))
        {
            w.Line($"var __isset{f.Property.TrimStart('@')} = false;");
        }
        if (isUnion)
        {
            w.Line("var __fields = 0;");
        }
        w.Line("reader.ReadStructBegin();");
        w.Open("while (true)");
        w.Line("var __field = reader.ReadFieldBegin();");
        w.Open($"if (__field.Type == {Th}ThriftType.Stop)");
        w.Line("break;");
        w.Close();
        if (isUnion)
        {
            w.Open("if (++__fields > 1)");
            w.Line($"throw new {Th}ThriftProtocolException({Th}ThriftProtocolError.InvalidData, {Naming.Literal($"Union '{_model.WireName}' arrived with more than one field.")});");
            w.Close();
        }
        if (_model.Fields.Count > 0)
        {
            w.Open("switch (__field.Id)");
            foreach (var f in _model.Fields)
            {
                w.Line($"case {Id(f)}:");
                w.Indent();
                w.Open($"if (__field.Type == {ThriftNames.WireTypeExpression(f.Type)})");
                var value = _values.Read(w, f.Type, Where(f));
                w.Line($"{f.Property} = {value};");
                if (f.Required)
                {
                    w.Line($"__isset{f.Property.TrimStart('@')} = true;");
                }
                w.Close();
                w.Open("else");
                w.Line("reader.Skip(__field.Type);");
                w.Close();
                w.Line("break;");
                w.Outdent();
            }
            w.Line("default:");
            w.Line("    reader.Skip(__field.Type);");
            w.Line("    break;");
            w.Close();
        }
        else
        {
            w.Line("reader.Skip(__field.Type);");
        }
        w.Line("reader.ReadFieldEnd();");
        w.Close();
        w.Line("reader.ReadStructEnd();");
        foreach (var f in _model.Fields.Where(f => f.Required))
        {
            w.Open($"if (!__isset{f.Property.TrimStart('@')})");
            w.Line($"throw new {Th}ThriftProtocolException({Th}ThriftProtocolError.InvalidData, {Naming.Literal($"Required field '{f.Def.Name}' of '{_model.WireName}' is missing.")});");
            w.Close();
        }
        w.Close();
        w.Line();
    }

    private void EmitEquality(CodeWriter w)
    {
        var name = _model.ClassName;
        w.Open($"public bool Equals({name}? other)");
        w.Open("if (other is null)");
        w.Line("return false;");
        w.Close();
        w.Open("if (ReferenceEquals(this, other))");
        w.Line("return true;");
        w.Close();
        if (_model.Fields.Count == 0)
        {
            w.Line("return true;");
        }
        else
        {
            var terms = _model.Fields.Select(f => f.ComparerField.Length > 0
                ? $"{Support}.Equal({f.Property}, other.{f.Property}, {f.ComparerField})"
                : $"{Scg}EqualityComparer<{PropertyType(f)}>.Default.Equals({f.Property}, other.{f.Property})").ToList();
            w.Line("return " + terms[0]);
            for (var i = 1; i < terms.Count; i++)
            {
                w.Line("    && " + terms[i]);
            }
            w.Line("    ;");
        }
        w.Close();
        w.Line();
        w.Line($"public override bool Equals(object? obj) => obj is {name} other && Equals(other);");
        w.Line();
        w.Open("public override int GetHashCode()");
        w.Line("var hash = new global::System.HashCode();");
        foreach (var f in _model.Fields)
        {
            w.Line(f.ComparerField.Length > 0 ? $"hash.Add({Support}.Hash({f.Property}, {f.ComparerField}));" : $"hash.Add({f.Property});");
        }
        w.Line("return hash.ToHashCode();");
        w.Close();
        w.Line();
    }

    /// <summary>Apache Thrift's ToString shape: <c>Name(Field: value, …)</c> over the fields that are set.</summary>
    private void EmitDescribe(CodeWriter w)
    {
        if (_model.Kind != MessageKind.Exception)
        {
            w.Line("public override string ToString() => Describe();");
            w.Line();
        }
        w.Open("private string Describe()");
        w.Line($"var text = new global::System.Text.StringBuilder({Naming.Literal(_model.ClassName.TrimStart('@') + "(")});");
        if (_model.Fields.Count > 0)
        {
            w.Line("var first = true;");
        }
        foreach (var f in _model.Fields)
        {
            var label = Naming.Literal(f.Property.TrimStart('@'));
            if (f.Nullable)
            {
                w.Open($"if ({f.Property} is not null)");
                w.Line($"{Support}.AppendField(text, ref first, {label}, {f.Property});");
                w.Close();
            }
            else
            {
                w.Line($"{Support}.AppendField(text, ref first, {label}, {f.Property});");
            }
        }
        w.Line("return text.Append(')').ToString();");
        w.Close();
    }
}
