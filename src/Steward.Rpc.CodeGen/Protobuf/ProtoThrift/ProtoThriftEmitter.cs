using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Protobuf.ProtoThrift;

/// <summary>
/// With <see cref="CodeGenOptions.ThriftCodecs"/>, a proto message is also a Thrift struct: field
/// number = field id, types mapped by <see cref="ThriftValue"/>. Every field that has a value is
/// written — implicit-presence scalars and empty lists/maps too, as Thrift's C++ library writes
/// default-requiredness fields — so a Thrift peer never sees "unset" where proto has a value.
/// proto3 <c>optional</c> fields are written when set, message fields when non-null, a oneof as its
/// set member. On read, unknown ids and fields or elements of an unexpected type are skipped.
/// The interface is implemented explicitly, so no proto field name can clash with it.
/// </summary>
internal sealed class ProtoThriftEmitter
{
    private const string Th = ThriftValue.Th;
    private const int MaxFieldId = short.MaxValue;

    private readonly MessageDef _message;
    private readonly IReadOnlyList<FieldModel> _fields;

    public ProtoThriftEmitter(MessageDef message, IReadOnlyList<FieldModel> fields)
    {
        _message = message;
        _fields = fields;
    }

    /// <summary>Appended to the class's base list.</summary>
    public const string InterfaceSuffix = ", " + Th + "IThriftStruct";

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private ThriftValue ValueOf(FieldModel f)
    {
        if (MessageEmitter.TryGetMap(f.Def, out _, out var value))
        {
            return ThriftValue.For(f.Codec, value);
        }
        return ThriftValue.For(f.Codec, f.Def.Type);
    }

    private ThriftValue KeyOf(FieldModel f)
    {
        MessageEmitter.TryGetMap(f.Def, out var key, out _);
        return ThriftValue.For(f.KeyCodec!, key);
    }

    public void Emit(CodeWriter w)
    {
        var fields = _fields.OrderBy(f => f.Number).ToList();
        foreach (var f in fields.Where(f => f.Number > MaxFieldId))
        {
            // Thrift field ids are i16: such a message cannot be a Thrift struct, and silently dropping the field would lose data.
            w.Line($"#error Field '{f.Def.Name}' of '{_message.FullName}' has number {N(f.Number)}, beyond Thrift's field ids (1..32767): the message cannot be carried over Thrift (drop Thrift=\"true\" or renumber the field).");
        }
        EmitWrite(w, fields);
        EmitRead(w, fields);
        if (fields.Any(f => ValueOf(f).NeedsUInt32Check || (f.Shape == FieldShape.Map && KeyOf(f).NeedsUInt32Check)))
        {
            w.Line("private static uint __ThriftUInt32(long value, string field) =>");
            w.Line($"    value >= 0 && value <= uint.MaxValue ? (uint)value : throw new {Th}ThriftProtocolException({Th}ThriftProtocolError.InvalidData, \"{_message.FullName}.\" + field + \" is a uint32; \" + value.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \" is out of its range\");");
        }
        w.Line();
    }

    private void EmitWrite(CodeWriter w, List<FieldModel> fields)
    {
        w.Open($"void {Th}IThriftStruct.Write({Th}ThriftWriter writer)");
        w.Line($"writer.WriteStructBegin({Naming.Literal(_message.Name)});");
        foreach (var f in fields.Where(f => f.Number <= MaxFieldId))
        {
            var value = ValueOf(f);
            var begin = $"writer.WriteFieldBegin({Naming.Literal(f.Def.Name)}, {{0}}, {N(f.Number)});";
            switch (f.Shape)
            {
                case FieldShape.Repeated:
                    w.Open("");
                    w.Line(string.Format(CultureInfo.InvariantCulture, begin, Th + "ThriftType.List"));
                    w.Line($"writer.WriteListBegin(new {Th}ThriftListHeader({value.WireTypeExpression}, {f.Backing}.Count));");
                    w.Line($"foreach (var item in global::System.Runtime.InteropServices.CollectionsMarshal.AsSpan({f.Backing})) {value.Write("item")}");
                    w.Line("writer.WriteListEnd();");
                    w.Line("writer.WriteFieldEnd();");
                    w.Close();
                    break;
                case FieldShape.Map:
                    var key = KeyOf(f);
                    w.Open("");
                    w.Line(string.Format(CultureInfo.InvariantCulture, begin, Th + "ThriftType.Map"));
                    w.Line($"writer.WriteMapBegin(new {Th}ThriftMapHeader({key.WireTypeExpression}, {value.WireTypeExpression}, {f.Backing}.Count));");
                    var pairValue = f.Codec.IsMessage ? $"(pair.Value ?? new {f.Codec.CsType}())" : "pair.Value";
                    w.Line($"foreach (var pair in {f.Backing}) {{ {key.Write("pair.Key")} {value.Write(pairValue)} }}");
                    w.Line("writer.WriteMapEnd();");
                    w.Line("writer.WriteFieldEnd();");
                    w.Close();
                    break;
                default:
                    var condition = f.Shape switch
                    {
                        FieldShape.Implicit => null,
                        FieldShape.Optional => f.HasName,
                        FieldShape.Message => f.Backing + " != null",
                        _ => f.Oneof!.CaseBacking + " == " + f.Oneof.EnumName + "." + f.Property,
                    };
                    var write = string.Format(CultureInfo.InvariantCulture, begin, value.WireTypeExpression) + " " +
                        value.Write(f.Codec.IsMessage ? f.Backing + "!" : f.Backing) + " writer.WriteFieldEnd();";
                    w.Line(condition is null ? write : $"if ({condition}) {{ {write} }}");
                    break;
            }
        }
        w.Line("writer.WriteFieldStop();");
        w.Line("writer.WriteStructEnd();");
        w.Close();
        w.Line();
    }

    private void EmitRead(CodeWriter w, List<FieldModel> fields)
    {
        w.Open($"void {Th}IThriftStruct.Read({Th}ThriftReader reader)");
        w.Line("reader.ReadStructBegin();");
        w.Open("while (true)");
        w.Line("var field = reader.ReadFieldBegin();");
        w.Line($"if (field.Type == {Th}ThriftType.Stop) break;");
        w.Open("switch (field.Id)");
        foreach (var f in fields.Where(f => f.Number <= MaxFieldId))
        {
            var value = ValueOf(f);
            w.Line($"case {N(f.Number)}:");
            w.Indent();
            switch (f.Shape)
            {
                case FieldShape.Repeated:
                    w.Open($"if (field.Type == {Th}ThriftType.List)");
                    w.Line("var list = reader.ReadListBegin();");
                    w.Line($"if (list.ElementType == {value.WireTypeExpression}) {{ for (var i = 0; i < list.Count; i++) {value.Read(f.Backing + ".Add({0});", "item", f.Def.Name)} }}");
                    w.Line("else { for (var i = 0; i < list.Count; i++) reader.Skip(list.ElementType); }");
                    w.Line("reader.ReadListEnd();");
                    w.Close();
                    w.Line("else reader.Skip(field.Type);");
                    break;
                case FieldShape.Map:
                    var key = KeyOf(f);
                    w.Open($"if (field.Type == {Th}ThriftType.Map)");
                    w.Line("var map = reader.ReadMapBegin();");
                    w.Open($"if (map.KeyType == {key.WireTypeExpression} && map.ValueType == {value.WireTypeExpression})");
                    w.Open("for (var i = 0; i < map.Count; i++)");
                    w.Line(key.Read("var key = {0};", "k", f.Def.Name));
                    w.Line(value.Read(f.Backing + "[key] = {0};", "item", f.Def.Name));
                    w.Close();
                    w.Close();
                    w.Line("else { for (var i = 0; i < map.Count; i++) { reader.Skip(map.KeyType); reader.Skip(map.ValueType); } }");
                    w.Line("reader.ReadMapEnd();");
                    w.Close();
                    w.Line("else reader.Skip(field.Type);");
                    break;
                default:
                    // Implicit fields and message fields go to the backing field; the others through
                    // their property, which sets the has-bit or the oneof case.
                    var target = f.Shape is FieldShape.Implicit or FieldShape.Message ? f.Backing : f.Property;
                    w.Line($"if (field.Type == {value.WireTypeExpression}) {value.Read(target + " = {0};", "value", f.Def.Name)}");
                    w.Line("else reader.Skip(field.Type);");
                    break;
            }
            w.Line("break;");
            w.Outdent();
        }
        w.Line("default:");
        w.Line("    reader.Skip(field.Type);");
        w.Line("    break;");
        w.Close();
        w.Line("reader.ReadFieldEnd();");
        w.Close();
        w.Line("reader.ReadStructEnd();");
        w.Close();
        w.Line();
    }
}
