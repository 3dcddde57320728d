using System;
using System.Globalization;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Thrift;

/// <summary>
/// The code that writes, reads and compares one Thrift value of a given type. Containers nest, so
/// every piece recurses on the element types; temporaries get numbered names unique in the method.
/// </summary>
internal sealed class ThriftValueCode
{
    private const string Th = ThriftNames.Th;
    private const string Scg = ThriftNames.Scg;
    public const string Support = "__ThriftSupport";

    private readonly ThriftNames _names;
    private int _temp;

    public ThriftValueCode(ThriftNames names)
    {
        _names = names;
    }

    public void ResetTemporaries() => _temp = 0;

    private string Temp(string prefix) => "__" + prefix + (++_temp).ToString(CultureInfo.InvariantCulture);

    /// <summary>Statements writing <paramref name="expr"/> (a non-null value of <paramref name="type"/>).</summary>
    public void Write(CodeWriter w, TypeRef type, string expr)
    {
        switch (type.Kind)
        {
            case TypeKind.Scalar:
                w.Line(type.Scalar switch
                {
                    ScalarType.Bool => $"writer.WriteBool({expr});",
                    ScalarType.Int8 => $"writer.WriteByte({expr});",
                    ScalarType.Int16 => $"writer.WriteI16({expr});",
                    ScalarType.Int32 => $"writer.WriteI32({expr});",
                    ScalarType.Int64 => $"writer.WriteI64({expr});",
                    ScalarType.Double => $"writer.WriteDouble({expr});",
                    ScalarType.String => $"writer.WriteString({expr});",
                    ScalarType.Bytes => $"writer.WriteBinary({expr});",
                    ScalarType.Uuid => $"writer.WriteUuid({expr});",
                    _ => throw new InvalidOperationException("unsupported scalar " + type),
                });
                break;
            case TypeKind.Enum:
                w.Line($"writer.WriteI32((int){expr});");
                break;
            case TypeKind.Message:
                w.Line($"{expr}.Write(writer);");
                break;
            case TypeKind.List:
            case TypeKind.Set:
            {
                var kind = type.Kind == TypeKind.List ? "List" : "Set";
                var element = Temp("e");
                w.Line($"writer.Write{kind}Begin(new {Th}ThriftListHeader({ThriftNames.WireTypeExpression(type.Element!)}, {expr}.Count));");
                w.Open($"foreach (var {element} in {expr})");
                Write(w, type.Element!, element);
                w.Close();
                w.Line($"writer.Write{kind}End();");
                break;
            }
            case TypeKind.Map:
            {
                var entry = Temp("kv");
                w.Line($"writer.WriteMapBegin(new {Th}ThriftMapHeader({ThriftNames.WireTypeExpression(type.Key!)}, {ThriftNames.WireTypeExpression(type.Element!)}, {expr}.Count));");
                w.Open($"foreach (var {entry} in {expr})");
                Write(w, type.Key!, entry + ".Key");
                Write(w, type.Element!, entry + ".Value");
                w.Close();
                w.Line("writer.WriteMapEnd();");
                break;
            }
            default:
                throw new InvalidOperationException("unsupported type " + type);
        }
    }

    /// <summary>
    /// Emits the statements reading a value of <paramref name="type"/> and returns the expression
    /// holding it. Container headers are checked against the declared element types, and the
    /// initial capacity is bounded so a hostile count cannot allocate ahead of the data.
    /// </summary>
    public string Read(CodeWriter w, TypeRef type, string where)
    {
        switch (type.Kind)
        {
            case TypeKind.Scalar:
                return type.Scalar switch
                {
                    ScalarType.Bool => "reader.ReadBool()",
                    ScalarType.Int8 => "reader.ReadByte()",
                    ScalarType.Int16 => "reader.ReadI16()",
                    ScalarType.Int32 => "reader.ReadI32()",
                    ScalarType.Int64 => "reader.ReadI64()",
                    ScalarType.Double => "reader.ReadDouble()",
                    ScalarType.String => "reader.ReadString()",
                    ScalarType.Bytes => "reader.ReadBinary()",
                    ScalarType.Uuid => "reader.ReadUuid()",
                    _ => throw new InvalidOperationException("unsupported scalar " + type),
                };
            case TypeKind.Enum:
                return $"({_names.CsType(type)})reader.ReadI32()";
            case TypeKind.Message:
            {
                var value = Temp("s");
                w.Line($"var {value} = new {_names.CsType(type)}();");
                w.Line($"{value}.Read(reader);");
                return value;
            }
            case TypeKind.List:
            case TypeKind.Set:
            {
                var kind = type.Kind == TypeKind.List ? "List" : "Set";
                var header = Temp("h");
                var value = Temp(kind == "List" ? "l" : "set");
                var i = Temp("i");
                w.Line($"var {header} = reader.Read{kind}Begin();");
                w.Line($"{Support}.CheckElement({header}.ElementType, {ThriftNames.WireTypeExpression(type.Element!)}, {header}.Count, {Naming.Literal(where)});");
                w.Line($"var {value} = new {_names.CsType(type)}({Support}.Capacity({header}.Count));");
                w.Open($"for (var {i} = 0; {i} < {header}.Count; {i}++)");
                var element = Read(w, type.Element!, where);
                w.Line($"{value}.Add({element});");
                w.Close();
                w.Line($"reader.Read{kind}End();");
                return value;
            }
            case TypeKind.Map:
            {
                var header = Temp("h");
                var value = Temp("m");
                var i = Temp("i");
                w.Line($"var {header} = reader.ReadMapBegin();");
                w.Line($"{Support}.CheckElement({header}.KeyType, {ThriftNames.WireTypeExpression(type.Key!)}, {header}.Count, {Naming.Literal(where)});");
                w.Line($"{Support}.CheckElement({header}.ValueType, {ThriftNames.WireTypeExpression(type.Element!)}, {header}.Count, {Naming.Literal(where)});");
                w.Line($"var {value} = new {_names.CsType(type)}({Support}.Capacity({header}.Count));");
                w.Open($"for (var {i} = 0; {i} < {header}.Count; {i}++)");
                // The key is read into a local first: the value's statements would otherwise run before it.
                var key = Temp("k");
                w.Line($"var {key} = {Read(w, type.Key!, where)};");
                var item = Read(w, type.Element!, where);
                w.Line($"{value}[{key}] = {item};");
                w.Close();
                w.Line("reader.ReadMapEnd();");
                return value;
            }
            default:
                throw new InvalidOperationException("unsupported type " + type);
        }
    }

    /// <summary>True when equality must look inside the value (containers, binary) rather than use the default comparer.</summary>
    public static bool NeedsStructuralComparer(TypeRef type) =>
        type.Kind is TypeKind.List or TypeKind.Set or TypeKind.Map || type.IsScalar(ScalarType.Bytes);

    /// <summary>An <c>IEqualityComparer&lt;T&gt;</c> expression comparing values of <paramref name="type"/> by content.</summary>
    public string Comparer(TypeRef type)
    {
        switch (type.Kind)
        {
            case TypeKind.List:
                return $"new __ThriftListComparer<{_names.CsType(type.Element!)}>({Comparer(type.Element!)})";
            case TypeKind.Set:
                return $"new __ThriftSetComparer<{_names.CsType(type.Element!)}>({Comparer(type.Element!)})";
            case TypeKind.Map:
                return $"new __ThriftMapComparer<{_names.CsType(type.Key!)}, {_names.CsType(type.Element!)}>({Comparer(type.Key!)}, {Comparer(type.Element!)})";
            default:
                return type.IsScalar(ScalarType.Bytes)
                    ? "__ThriftBinaryComparer.Instance"
                    : $"{Scg}EqualityComparer<{_names.CsType(type)}>.Default";
        }
    }
}
