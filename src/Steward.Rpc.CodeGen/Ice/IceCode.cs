using System;
using System.Collections.Generic;
using System.Linq;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Ice;

/// <summary>
/// The statements that write and read one value with <c>IceOutputStream</c>/<c>IceInputStream</c> (named
/// <c>output</c>/<c>input</c> in the generated code). Reads assign through a callback, since class instances
/// arrive later (patched) than the statement that asks for them.
/// </summary>
internal sealed class IceCode
{
    private readonly IceTypes _types;
    private int _counter;

    public IceCode(IceTypes types)
    {
        _types = types;
    }

    private string Fresh(string prefix) => $"__{prefix}{_counter++}";

    public void Write(CodeWriter w, TypeRef type, string value)
    {
        switch (type.Kind)
        {
            case TypeKind.Scalar:
                w.Line(type.Scalar switch
                {
                    ScalarType.Bool => $"output.WriteBool({value});",
                    ScalarType.Byte => $"output.WriteByte({value});",
                    ScalarType.Int16 => $"output.WriteShort({value});",
                    ScalarType.Int32 => $"output.WriteInt({value});",
                    ScalarType.Int64 => $"output.WriteLong({value});",
                    ScalarType.Float => $"output.WriteFloat({value});",
                    ScalarType.Double => $"output.WriteDouble({value});",
                    ScalarType.String => $"output.WriteString({value});",
                    _ => $"output.WriteValue({value});",
                });
                break;
            case TypeKind.Enum:
                w.Line($"output.WriteEnum((int){value});");
                break;
            case TypeKind.Message:
                w.Line(IceTypes.IsClass(type) ? $"output.WriteValue({value});" : $"({value} ?? new {_types.CsType(type)}()).IceWrite(output);");
                break;
            case TypeKind.List when type.Element!.IsScalar(ScalarType.Byte) && !_types.IsGenericList(type):
                w.Line($"output.WriteByteSeq({value});");
                break;
            case TypeKind.List:
            {
                var seq = Fresh("seq");
                var item = Fresh("item");
                w.Line($"var {seq} = {value};");
                w.Line($"output.WriteSize({seq}?.{Count(type)} ?? 0);");
                w.Open($"foreach (var {item} in {seq} ?? [])");
                Write(w, type.Element!, item);
                w.Close();
                break;
            }
            case TypeKind.Map:
            {
                var map = Fresh("map");
                var entry = Fresh("entry");
                w.Line($"var {map} = {value};");
                w.Line($"output.WriteSize({map}?.Count ?? 0);");
                w.Open($"if ({map} is not null)");
                w.Open($"foreach (var {entry} in {map})");
                Write(w, type.Key!, entry + ".Key");
                Write(w, type.Element!, entry + ".Value");
                w.Close();
                w.Close();
                break;
            }
            default:
                w.Line($"output.WriteProxy({value});");
                break;
        }
    }

    /// <summary>Reads a value; <paramref name="assign"/> turns the value's expression into the statement storing it.</summary>
    public void Read(CodeWriter w, TypeRef type, Func<string, string> assign)
    {
        switch (type.Kind)
        {
            case TypeKind.Scalar when type.Scalar == ScalarType.AnyClass:
            case TypeKind.Message when IceTypes.IsClass(type):
            {
                var v = Fresh("v");
                var cs = _types.CsType(type).TrimEnd('?');
                w.Line($"input.ReadValue<{cs}>({v} => {{ {assign(v)} }});");
                break;
            }
            case TypeKind.Scalar:
                w.Line(assign(type.Scalar switch
                {
                    ScalarType.Bool => "input.ReadBool()",
                    ScalarType.Byte => "input.ReadByte()",
                    ScalarType.Int16 => "input.ReadShort()",
                    ScalarType.Int32 => "input.ReadInt()",
                    ScalarType.Int64 => "input.ReadLong()",
                    ScalarType.Float => "input.ReadFloat()",
                    ScalarType.Double => "input.ReadDouble()",
                    _ => "input.ReadString()",
                }));
                break;
            case TypeKind.Enum:
            {
                var max = ((EnumDef)type.Definition!).Values.Select(v => v.Number).DefaultIfEmpty(0).Max();
                w.Line(assign($"({_types.CsType(type)})input.ReadEnum({max})"));
                break;
            }
            case TypeKind.Message:
                w.Line(assign($"{_types.CsType(type)}.IceRead(input)"));
                break;
            case TypeKind.List when type.Element!.IsScalar(ScalarType.Byte) && !_types.IsGenericList(type):
                w.Line(assign("input.ReadByteSeq()"));
                break;
            case TypeKind.List:
            {
                var count = Fresh("count");
                var array = Fresh("array");
                var i = Fresh("i");
                var at = Fresh("at");
                var element = _types.CsType(type.Element!);
                w.Line($"var {count} = input.ReadAndCheckSeqSize({IceTypes.MinSize(type.Element!)});");
                var generic = _types.IsGenericList(type);
                w.Line(generic ? $"var {array} = new {_types.CsType(type)}({count});" : $"var {array} = new {ArrayOf(element, count)};");
                w.Open($"for (var {i} = 0; {i} < {count}; {i}++)");
                if (generic)
                {
                    // Filled first so that a class element patched later has its slot.
                    w.Line($"{array}.Add(default!);");
                }
                w.Line($"var {at} = {i};");
                Read(w, type.Element!, v => $"{array}[{at}] = {v};");
                w.Close();
                w.Line(assign(array));
                break;
            }
            case TypeKind.Map:
            {
                var count = Fresh("count");
                var map = Fresh("map");
                var i = Fresh("i");
                var key = Fresh("key");
                w.Line($"var {count} = input.ReadAndCheckSeqSize({IceTypes.MinSize(type.Key!) + IceTypes.MinSize(type.Element!)});");
                w.Line($"var {map} = new {_types.CsType(type)}();");
                w.Open($"for (var {i} = 0; {i} < {count}; {i}++)");
                w.Line($"{_types.CsType(type.Key!)} {key} = default!;");
                Read(w, type.Key!, v => $"{key} = {v};");
                if (IceTypes.IsClass(type.Element!))
                {
                    w.Line($"{map}[{key}] = null;");
                }
                Read(w, type.Element!, v => $"{map}[{key}] = {v};");
                w.Close();
                w.Line(assign(map));
                break;
            }
            default:
                w.Line(assign("input.ReadProxy()"));
                break;
        }
    }

    /// <summary>Writes an optional member or parameter: nothing when unset, else its tag, format and (sized) value.</summary>
    public void WriteOptional(CodeWriter w, TypeRef type, int tag, string value)
    {
        var format = IceTypes.OptionalFormat(type);
        var v = Fresh("opt");
        w.Open($"if ({value} is {{ }} {v} && output.WriteOptional({tag}, {IceNames.I}IceOptionalFormat.{format}))");
        if (format == "FSize")
        {
            var position = Fresh("pos");
            w.Line($"var {position} = output.StartSize();");
            Write(w, type, v);
            w.Line($"output.EndSize({position});");
        }
        else
        {
            if (format == "VSize" && IceTypes.IsStruct(type))
            {
                w.Line($"output.WriteSize({IceTypes.FixedSize(type)});");
            }
            else if (format == "VSize" && type.Kind == TypeKind.List && IceTypes.FixedSize(type.Element!) is int size && size > 1)
            {
                w.Line($"output.WriteFixedSequenceSize({v}.{Count(type)}, {size});");
            }
            else if (format == "VSize" && type.Kind == TypeKind.Map)
            {
                w.Line($"output.WriteFixedSequenceSize({v}.Count, {IceTypes.FixedSize(type.Key!) + IceTypes.FixedSize(type.Element!)});");
            }
            Write(w, type, v);
        }
        w.Close();
    }

    /// <summary>Reads an optional member or parameter into <paramref name="target"/> (null when absent).</summary>
    public void ReadOptional(CodeWriter w, TypeRef type, int tag, string target)
    {
        var format = IceTypes.OptionalFormat(type);
        w.Open($"if (input.ReadOptional({tag}, {IceNames.I}IceOptionalFormat.{format}))");
        var sized = format == "FSize"
            || (format == "VSize" && (IceTypes.IsStruct(type) || type.Kind == TypeKind.Map
                || (type.Kind == TypeKind.List && IceTypes.FixedSize(type.Element!) is int size && size > 1)));
        if (sized)
        {
            w.Line($"input.SkipSize({IceNames.I}IceOptionalFormat.{format});");
        }
        Read(w, type, v => $"{target} = {v};");
        w.Close();
        w.Open("else");
        w.Line($"{target} = null;");
        w.Close();
    }

    /// <summary>Writes members or parameters: required ones in order, then optional ones by tag.</summary>
    public void WriteAll(CodeWriter w, IEnumerable<FieldDef> fields, Func<FieldDef, string> value)
    {
        var list = fields.ToList();
        foreach (var f in list.Where(f => !f.IsTagged))
        {
            Write(w, f.Type, value(f));
        }
        foreach (var f in list.Where(f => f.IsTagged).OrderBy(f => f.Number))
        {
            WriteOptional(w, f.Type, f.Number, value(f));
        }
    }

    /// <summary>Reads members or parameters as <see cref="WriteAll"/> wrote them.</summary>
    public void ReadAll(CodeWriter w, IEnumerable<FieldDef> fields, Func<FieldDef, string> target)
    {
        var list = fields.ToList();
        foreach (var f in list.Where(f => !f.IsTagged))
        {
            Read(w, f.Type, v => $"{target(f)} = {v};");
        }
        foreach (var f in list.Where(f => f.IsTagged).OrderBy(f => f.Number))
        {
            ReadOptional(w, f.Type, f.Number, target(f));
        }
    }

    private string Count(TypeRef list) => _types.IsGenericList(list) ? "Count" : "Length";

    private static string ArrayOf(string element, string count)
    {
        // An array of arrays: new int[n][] rather than new int[][n].
        var suffix = "";
        while (element.EndsWith("[]", StringComparison.Ordinal))
        {
            element = element.Substring(0, element.Length - 2);
            suffix += "[]";
        }
        return $"{element}[{count}]{suffix}";
    }
}
