using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Protobuf.ProtoCorba;

/// <summary>
/// With <see cref="CodeGenOptions.CorbaCodecs"/>, a proto message is also an IDL struct: the equivalent OMG IDL
/// struct declares one member per field in field-number order, written in CDR with no framing. The mapping:
/// string, boolean, long (int32, sint32, sfixed32), unsigned long (uint32, fixed32), long long (int64, sint64,
/// sfixed64), unsigned long long (uint64, fixed64), float, double, sequence&lt;octet&gt; (bytes), the enum (its
/// values must be 0, 1, 2... in declaration order, as IDL enumerators are), a nested struct (a message field;
/// absent is written as the default message), sequence&lt;T&gt; (repeated), and a map as a sequence of
/// <c>struct { K key; V value; }</c>. A proto3 <c>optional</c> field or a oneof has no place in an IDL struct:
/// such a message fails to compile with an error naming the field. The interface is implemented explicitly,
/// so no proto field name can clash with it.
/// </summary>
internal sealed class ProtoCorbaEmitter
{
    /// <summary>The runtime namespace, global-qualified.</summary>
    public const string Corba = "global::Steward.Rpc.Corba.";

    private readonly MessageDef _message;
    private readonly IReadOnlyList<FieldModel> _fields;

    public ProtoCorbaEmitter(MessageDef message, IReadOnlyList<FieldModel> fields)
    {
        _message = message;
        _fields = fields;
    }

    /// <summary>Appended to the class's base list.</summary>
    public const string InterfaceSuffix = ", " + Corba + "ICorbaStruct";

    public void Emit(CodeWriter w)
    {
        w.Line();
        var fields = _fields.OrderBy(f => f.Number).ToList();
        foreach (var f in fields.Where(f => f.Shape is FieldShape.Optional or FieldShape.OneofMember))
        {
            w.Line($"#error Field '{f.Def.Name}' of '{_message.FullName}' has explicit presence (optional or oneof), which an IDL struct member cannot carry: the message cannot be carried over IIOP (drop Corba=\"true\" or make the field plain).");
        }
        foreach (var f in fields.Where(f => f.Codec.IsEnum && f.Def.Type.Definition is EnumDef e && !IsOrdinal(e)))
        {
            w.Line($"#error Field '{f.Def.Name}' of '{_message.FullName}' has an enum whose values are not 0, 1, 2... in declaration order, which an IDL enum cannot carry.");
        }
        var plain = fields.Where(f => f.Shape is not (FieldShape.Optional or FieldShape.OneofMember)).ToList();
        w.Open($"void {Corba}ICorbaStruct.CorbaWrite({Corba}CdrOutputStream output)");
        foreach (var f in plain)
        {
            EmitWrite(w, f);
        }
        w.Close();
        w.Line();
        w.Open($"void {Corba}ICorbaStruct.CorbaRead({Corba}CdrInputStream input)");
        foreach (var f in plain)
        {
            EmitRead(w, f);
        }
        w.Close();
        w.Line();
    }

    private static bool IsOrdinal(EnumDef e)
    {
        for (var i = 0; i < e.Values.Count; i++)
        {
            if (e.Values[i].Number != i)
            {
                return false;
            }
        }
        return true;
    }

    private static void EmitWrite(CodeWriter w, FieldModel f)
    {
        switch (f.Shape)
        {
            case FieldShape.Repeated:
                w.Line($"output.WriteLength({f.Backing}.Count);");
                w.Line($"foreach (var item in {f.Backing}) {{ {Write(f.Codec, "item")} }}");
                break;
            case FieldShape.Map:
                w.Line($"output.WriteLength({f.Backing}.Count);");
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
                w.Line($"var count = input.ReadLength({N(MinSize(f.Codec))});");
                w.Line($"{f.Backing}.Clear();");
                w.Line($"for (var i = 0; i < count; i++) {{ {f.Backing}.Add({Read(f.Codec, ValueEnum(f))}); }}");
                w.Close();
                break;
            case FieldShape.Map:
                w.Open("");
                w.Line($"var count = input.ReadLength({N(MinSize(f.KeyCodec!) + MinSize(f.Codec))});");
                w.Line($"{f.Backing}.Clear();");
                w.Line($"for (var i = 0; i < count; i++) {{ var key = {Read(f.KeyCodec!, null)}; {f.Backing}[key] = {Read(f.Codec, ValueEnum(f))}; }}");
                w.Close();
                break;
            default:
                w.Line($"{f.Backing} = {Read(f.Codec, ValueEnum(f))};");
                break;
        }
    }

    /// <summary>The fewest bytes one value takes, so a count the data cannot hold fails before allocating.</summary>
    private static int MinSize(ValueCodec codec) =>
        codec.IsMessage ? 0 : codec.IsString || codec.IsBytes || codec.IsEnum ? 4 : codec.CsType switch
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
            return $"(({Corba}ICorbaStruct)({value} ?? new {codec.CsType}())).CorbaWrite(output);";
        }
        if (codec.IsEnum)
        {
            return $"output.WriteEnum(unchecked((uint){value}));";
        }
        if (codec.IsString)
        {
            return $"output.WriteString({value});";
        }
        if (codec.IsBytes)
        {
            return $"output.WriteOctetSequence({value}.Span);";
        }
        return codec.CsType switch
        {
            "bool" => $"output.WriteBoolean({value});",
            "int" => $"output.WriteLong({value});",
            "uint" => $"output.WriteULong({value});",
            "long" => $"output.WriteLongLong({value});",
            "ulong" => $"output.WriteULongLong({value});",
            "float" => $"output.WriteFloat({value});",
            _ => $"output.WriteDouble({value});",
        };
    }

    /// <summary>The enum of a field's values (a map's value enum for a map field); null when they are not enums.</summary>
    private static EnumDef? ValueEnum(FieldModel f) => f.Def.Type.Definition switch
    {
        EnumDef e => e,
        MessageDef { IsMapEntry: true } entry when entry.Fields.Count == 2 => entry.Fields[1].Type.Definition as EnumDef,
        _ => null,
    };

    private static string Read(ValueCodec codec, EnumDef? enumDef)
    {
        if (codec.IsMessage)
        {
            return $"{Corba}CorbaStructOperation.ReadStruct<{codec.CsType}>(input)";
        }
        if (codec.IsEnum)
        {
            return $"({codec.CsType})input.ReadEnum({N(enumDef?.Values.Count ?? 0)})";
        }
        if (codec.IsString)
        {
            return "input.ReadString()";
        }
        if (codec.IsBytes)
        {
            return $"{ValueCodec.Rt}ByteString.CopyFrom(input.ReadOctetSequence())";
        }
        return codec.CsType switch
        {
            "bool" => "input.ReadBoolean()",
            "int" => "input.ReadLong()",
            "uint" => "input.ReadULong()",
            "long" => "input.ReadLongLong()",
            "ulong" => "input.ReadULongLong()",
            "float" => "input.ReadFloat()",
            _ => "input.ReadDouble()",
        };
    }
}
