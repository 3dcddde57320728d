using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Protobuf.ProtoIce;

/// <summary>
/// With <see cref="CodeGenOptions.IceCodecs"/>, a proto message is also an Ice struct: the equivalent Slice
/// struct declares one member per field in field-number order, so the message is written as those members
/// with no framing (Ice structs have none). The mapping to Slice types: string, bool, int (int32, sint32,
/// sfixed32), long (int64, sint64, sfixed64), float, double, sequence&lt;byte&gt; (bytes), the enum (its
/// values must not be negative: Ice writes enumerators as sizes), a nested struct (a message field; absent
/// is written as the default message), sequence&lt;T&gt; (repeated), dictionary&lt;K,V&gt; (map). uint32 and
/// uint64 travel as Slice int and long with the same bits, since Slice has no unsigned types. A proto3
/// <c>optional</c> field or a oneof has no place in a Slice struct: such a message fails to compile with
/// an error naming the field, as an Ice codec cannot carry it without losing its presence.
/// The interface is implemented explicitly, so no proto field name can clash with it.
/// </summary>
internal sealed class ProtoIceEmitter
{
    /// <summary>The runtime namespace, global-qualified.</summary>
    public const string Ice = "global::Steward.Rpc.Ice.";

    private readonly MessageDef _message;
    private readonly IReadOnlyList<FieldModel> _fields;

    public ProtoIceEmitter(MessageDef message, IReadOnlyList<FieldModel> fields)
    {
        _message = message;
        _fields = fields;
    }

    /// <summary>Appended to the class's base list.</summary>
    public const string InterfaceSuffix = ", " + Ice + "IIceStruct";

    public void Emit(CodeWriter w)
    {
        w.Line();
        var fields = _fields.OrderBy(f => f.Number).ToList();
        foreach (var f in fields.Where(f => f.Shape is FieldShape.Optional or FieldShape.OneofMember))
        {
            w.Line($"#error Field '{f.Def.Name}' of '{_message.FullName}' has explicit presence (optional or oneof), which a Slice struct member cannot carry: the message cannot be carried over Ice (drop Ice=\"true\" or make the field plain).");
        }
        foreach (var f in fields.Where(f => f.Codec.IsEnum && f.Def.Type.Definition is EnumDef e && e.Values.Any(v => v.Number < 0)))
        {
            w.Line($"#error Field '{f.Def.Name}' of '{_message.FullName}' has an enum with negative values, which the Ice encoding cannot write (enumerators are sizes).");
        }
        var plain = fields.Where(f => f.Shape is not (FieldShape.Optional or FieldShape.OneofMember)).ToList();
        w.Open($"void {Ice}IIceStruct.IceWrite({Ice}IceOutputStream output)");
        foreach (var f in plain)
        {
            EmitWrite(w, f);
        }
        w.Close();
        w.Line();
        w.Open($"void {Ice}IIceStruct.IceRead({Ice}IceInputStream input)");
        foreach (var f in plain)
        {
            EmitRead(w, f);
        }
        w.Close();
        w.Line();
    }

    private static void EmitWrite(CodeWriter w, FieldModel f)
    {
        switch (f.Shape)
        {
            case FieldShape.Repeated:
                w.Line($"output.WriteSize({f.Backing}.Count);");
                w.Line($"foreach (var item in {f.Backing}) {{ {Write(f.Codec, "item")} }}");
                break;
            case FieldShape.Map:
                w.Line($"output.WriteSize({f.Backing}.Count);");
                w.Line($"foreach (var pair in {f.Backing}) {{ {Write(f.KeyCodec!, "pair.Key")} {Write(f.Codec, "pair.Value")} }}");
                break;
            default:
                w.Line(Write(f.Codec, f.Backing));
                break;
        }
    }

    private static void EmitRead(CodeWriter w, FieldModel f)
    {
        switch (f.Shape)
        {
            case FieldShape.Repeated:
                w.Open("");
                w.Line($"var count = input.ReadAndCheckSeqSize({N(MinSize(f.Codec))});");
                w.Line($"{f.Backing}.Clear();");
                w.Line($"for (var i = 0; i < count; i++) {{ {f.Backing}.Add({Read(f.Codec)}); }}");
                w.Close();
                break;
            case FieldShape.Map:
                w.Open("");
                w.Line($"var count = input.ReadAndCheckSeqSize({N(MinSize(f.KeyCodec!) + MinSize(f.Codec))});");
                w.Line($"{f.Backing}.Clear();");
                w.Line($"for (var i = 0; i < count; i++) {{ var key = {Read(f.KeyCodec!)}; {f.Backing}[key] = {Read(f.Codec)}; }}");
                w.Close();
                break;
            default:
                w.Line($"{f.Backing} = {Read(f.Codec)};");
                break;
        }
    }

    /// <summary>The fewest bytes one value takes, so a count the data cannot hold fails before allocating.</summary>
    private static int MinSize(ValueCodec codec) =>
        codec.IsString || codec.IsBytes || codec.IsEnum || codec.IsMessage ? 1 : codec.CsType switch
        {
            "bool" => 1,
            "int" or "uint" or "float" => 4,
            _ => 8,
        };

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Write(ValueCodec codec, string value)
    {
        if (codec.IsMessage)
        {
            return $"(({Ice}IIceStruct)({value} ?? new {codec.CsType}())).IceWrite(output);";
        }
        if (codec.IsEnum)
        {
            return $"output.WriteEnum((int){value});";
        }
        if (codec.IsString)
        {
            return $"output.WriteString({value});";
        }
        if (codec.IsBytes)
        {
            return $"output.WriteByteSeq({value}.Span);";
        }
        return codec.CsType switch
        {
            "bool" => $"output.WriteBool({value});",
            "int" => $"output.WriteInt({value});",
            "uint" => $"output.WriteInt(unchecked((int){value}));",
            "long" => $"output.WriteLong({value});",
            "ulong" => $"output.WriteLong(unchecked((long){value}));",
            "float" => $"output.WriteFloat({value});",
            _ => $"output.WriteDouble({value});",
        };
    }

    private static string Read(ValueCodec codec)
    {
        if (codec.IsMessage)
        {
            return $"{Ice}IceStructOperation.ReadStruct<{codec.CsType}>(input)";
        }
        if (codec.IsEnum)
        {
            return $"({codec.CsType})input.ReadSize()";
        }
        if (codec.IsString)
        {
            return "input.ReadString()";
        }
        if (codec.IsBytes)
        {
            return $"{ValueCodec.Rt}ByteString.CopyFrom(input.ReadByteSeq())";
        }
        return codec.CsType switch
        {
            "bool" => "input.ReadBool()",
            "int" => "input.ReadInt()",
            "uint" => "unchecked((uint)input.ReadInt())",
            "long" => "input.ReadLong()",
            "ulong" => "unchecked((ulong)input.ReadLong())",
            "float" => "input.ReadFloat()",
            _ => "input.ReadDouble()",
        };
    }
}
