using System;
using System.Collections.Generic;
using System.Globalization;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Corba;

/// <summary>
/// The statements that write and read one value with <c>CdrOutputStream</c>/<c>CdrInputStream</c> (named
/// <c>output</c>/<c>input</c> in the generated code). Bounded strings and sequences are checked both ways
/// and arrays when written (see <c>CorbaBounds</c>).
/// </summary>
internal sealed class CorbaCode
{
    private const string C = CorbaNames.C;
    private readonly CorbaTypes _types;
    private int _counter;

    public CorbaCode(CorbaTypes types)
    {
        _types = types;
    }

    private string Fresh(string prefix) => $"__{prefix}{_counter++}";

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes <paramref name="value"/> (an expression, evaluated once) of <paramref name="type"/>; <paramref name="what"/> names it in errors.</summary>
    public void Write(CodeWriter w, TypeRef type, string value, string what)
    {
        switch (type.Kind)
        {
            case TypeKind.Scalar when type.Scalar is ScalarType.String or ScalarType.WString:
            {
                var method = type.Scalar == ScalarType.String ? "WriteString" : "WriteWString";
                if (type.Bound is int bound)
                {
                    var s = Fresh("s");
                    w.Line($"var {s} = {value} ?? \"\";");
                    w.Line($"{C}CorbaBounds.CheckWrite({s}.Length, {Int(bound)}, {Naming.Literal(what)});");
                    w.Line($"output.{method}({s});");
                }
                else
                {
                    w.Line($"output.{method}({value} ?? \"\");");
                }
                break;
            }
            case TypeKind.Scalar:
                w.Line(type.Scalar switch
                {
                    ScalarType.Bool => $"output.WriteBoolean({value});",
                    ScalarType.Byte => $"output.WriteOctet({value});",
                    ScalarType.Char => $"output.WriteChar({value});",
                    ScalarType.WChar => $"output.WriteWChar({value});",
                    ScalarType.Int16 => $"output.WriteShort({value});",
                    ScalarType.UInt16 => $"output.WriteUShort({value});",
                    ScalarType.Int32 => $"output.WriteLong({value});",
                    ScalarType.UInt32 => $"output.WriteULong({value});",
                    ScalarType.Int64 => $"output.WriteLongLong({value});",
                    ScalarType.UInt64 => $"output.WriteULongLong({value});",
                    ScalarType.Float => $"output.WriteFloat({value});",
                    ScalarType.Double => $"output.WriteDouble({value});",
                    ScalarType.Any => $"{C}CorbaAny.Write(output, {value});",
                    _ => throw new NotSupportedException($"OMG IDL has no {type.Scalar}."),
                });
                break;
            case TypeKind.Enum:
                w.Line($"output.WriteEnum((uint){value});");
                break;
            case TypeKind.Message:
                w.Line($"{_types.CsType(type)}.Write(output, {value});");
                break;
            case TypeKind.Proxy:
                w.Line($"{C}CorbaObjectReference.Write(output, {value});");
                break;
            case TypeKind.List:
            {
                var seq = Fresh("seq");
                w.Line($"var {seq} = {value} ?? [];");
                if (type.Bound is int bound)
                {
                    w.Line($"{C}CorbaBounds.CheckWrite({seq}.Length, {Int(bound)}, {Naming.Literal(what)});");
                }
                if (CorbaTypes.IsOctet(type.Element!))
                {
                    w.Line($"output.WriteOctetSequence({seq});");
                    break;
                }
                var item = Fresh("item");
                w.Line($"output.WriteLength({seq}.Length);");
                w.Open($"foreach (var {item} in {seq})");
                Write(w, type.Element!, item, what + " element");
                w.Close();
                break;
            }
            case TypeKind.Array:
            {
                var array = Fresh("array");
                w.Line($"var {array} = {C}CorbaBounds.CheckArray({value}, {Int(type.ArrayLength)}, {Naming.Literal(what)});");
                if (CorbaTypes.IsOctet(type.Element!))
                {
                    w.Line($"output.WriteOctets({array});");
                    break;
                }
                var item = Fresh("item");
                w.Open($"foreach (var {item} in {array})");
                Write(w, type.Element!, item, what + " element");
                w.Close();
                break;
            }
            default:
                throw new NotSupportedException($"Unresolved OMG IDL type {type}.");
        }
    }

    /// <summary>Reads a value; <paramref name="assign"/> turns the value's expression into the statement storing it.</summary>
    public void Read(CodeWriter w, TypeRef type, Func<string, string> assign, string what)
    {
        switch (type.Kind)
        {
            case TypeKind.Scalar when type.Scalar is ScalarType.String or ScalarType.WString:
            {
                var method = type.Scalar == ScalarType.String ? "ReadString" : "ReadWString";
                if (type.Bound is int bound)
                {
                    var s = Fresh("s");
                    w.Line($"var {s} = input.{method}();");
                    w.Line($"{C}CorbaBounds.CheckRead({s}.Length, {Int(bound)}, {Naming.Literal(what)});");
                    w.Line(assign(s));
                }
                else
                {
                    w.Line(assign($"input.{method}()"));
                }
                break;
            }
            case TypeKind.Scalar:
                w.Line(assign(type.Scalar switch
                {
                    ScalarType.Bool => "input.ReadBoolean()",
                    ScalarType.Byte => "input.ReadOctet()",
                    ScalarType.Char => "input.ReadChar()",
                    ScalarType.WChar => "input.ReadWChar()",
                    ScalarType.Int16 => "input.ReadShort()",
                    ScalarType.UInt16 => "input.ReadUShort()",
                    ScalarType.Int32 => "input.ReadLong()",
                    ScalarType.UInt32 => "input.ReadULong()",
                    ScalarType.Int64 => "input.ReadLongLong()",
                    ScalarType.UInt64 => "input.ReadULongLong()",
                    ScalarType.Float => "input.ReadFloat()",
                    ScalarType.Double => "input.ReadDouble()",
                    ScalarType.Any => $"{C}CorbaAny.Read(input)",
                    _ => throw new NotSupportedException($"OMG IDL has no {type.Scalar}."),
                }));
                break;
            case TypeKind.Enum:
            {
                var count = ((EnumDef)type.Definition!).Values.Count;
                w.Line(assign($"({_types.CsType(type)})input.ReadEnum({Int(count)})"));
                break;
            }
            case TypeKind.Message:
                w.Line(assign($"{_types.CsType(type)}.Read(input)"));
                break;
            case TypeKind.Proxy:
                w.Line(assign($"{C}CorbaObjectReference.Read(input)"));
                break;
            case TypeKind.List when CorbaTypes.IsOctet(type.Element!):
            {
                var seq = Fresh("seq");
                w.Line($"var {seq} = input.ReadOctetSequence();");
                if (type.Bound is int bound)
                {
                    w.Line($"{C}CorbaBounds.CheckRead({seq}.Length, {Int(bound)}, {Naming.Literal(what)});");
                }
                w.Line(assign(seq));
                break;
            }
            case TypeKind.List:
            {
                var count = Fresh("count");
                w.Line($"var {count} = input.ReadLength({Int(CorbaTypes.MinSize(type.Element!))});");
                if (type.Bound is int bound)
                {
                    w.Line($"{C}CorbaBounds.CheckRead({count}, {Int(bound)}, {Naming.Literal(what)});");
                }
                ReadElements(w, type.Element!, count, assign, what);
                break;
            }
            case TypeKind.Array when CorbaTypes.IsOctet(type.Element!):
                w.Line(assign($"input.ReadOctets({Int(type.ArrayLength)}).ToArray()"));
                break;
            case TypeKind.Array:
                ReadElements(w, type.Element!, Int(type.ArrayLength), assign, what);
                break;
            default:
                throw new NotSupportedException($"Unresolved OMG IDL type {type}.");
        }
    }

    private void ReadElements(CodeWriter w, TypeRef element, string count, Func<string, string> assign, string what)
    {
        var array = Fresh("array");
        var i = Fresh("i");
        w.Line($"var {array} = new {CorbaTypes.ArrayOf(_types.CsType(element), count)};");
        w.Open($"for (var {i} = 0; {i} < {array}.Length; {i}++)");
        Read(w, element, v => $"{array}[{i}] = {v};", what + " element");
        w.Close();
        w.Line(assign(array));
    }

    /// <summary>Writes members or parameters in order.</summary>
    public void WriteAll(CodeWriter w, IEnumerable<FieldDef> fields, Func<FieldDef, string> value, string owner)
    {
        foreach (var f in fields)
        {
            Write(w, f.Type, value(f), owner + "." + f.Name);
        }
    }

    /// <summary>Reads members or parameters as <see cref="WriteAll"/> wrote them.</summary>
    public void ReadAll(CodeWriter w, IEnumerable<FieldDef> fields, Func<FieldDef, string> target, string owner)
    {
        foreach (var f in fields)
        {
            Read(w, f.Type, v => $"{target(f)} = {v};", owner + "." + f.Name);
        }
    }
}
