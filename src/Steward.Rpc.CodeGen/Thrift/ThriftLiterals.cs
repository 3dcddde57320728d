using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Thrift;

/// <summary>
/// Thrift constant values (<c>const</c> declarations and field defaults) as C# expressions of the
/// declared type: scalars, enum values by name or number, other constants by name, and list, set,
/// map and struct literals, nested.
/// </summary>
internal sealed class ThriftLiterals
{
    private const string Scg = ThriftNames.Scg;

    private readonly ThriftNames _names;

    public ThriftLiterals(ThriftNames names)
    {
        _names = names;
    }

    public string Expression(TypeRef type, ConstantValue value)
    {
        if (value.Kind == ConstantKind.Identifier && !(type.Kind == TypeKind.Enum && FindEnumValue(type, value.Text) != null))
        {
            return ConstantReference(value.Text, value);
        }
        switch (type.Kind)
        {
            case TypeKind.Scalar:
                return Scalar(type.Scalar, value);
            case TypeKind.Enum:
            {
                var enumName = _names.CsType(type);
                if (value.Kind == ConstantKind.Integer && value.TryGetInt64(out var number) && number >= int.MinValue && number <= int.MaxValue)
                {
                    var members = _names.EnumMembers((EnumDef)type.Definition!);
                    var def = (EnumDef)type.Definition!;
                    var match = def.Values.FirstOrDefault(v => v.Number == number);
                    return match != null ? enumName + "." + members[match.Name] : $"({enumName})({number.ToString(CultureInfo.InvariantCulture)})";
                }
                var named = FindEnumValue(type, value.Text) ?? throw Bad(type, value);
                return enumName + "." + _names.EnumMembers((EnumDef)type.Definition!)[named.Name];
            }
            case TypeKind.List:
            case TypeKind.Set:
            {
                var items = value.Kind switch
                {
                    ConstantKind.List => value.Items,
                    // `{}` is how an empty set is usually written.
                    ConstantKind.Map when value.Entries.Count == 0 => new List<ConstantValue>(),
                    _ => throw Bad(type, value),
                };
                var parts = items.Select(item => Expression(type.Element!, item));
                return $"new {_names.CsType(type)} {{ {string.Join(", ", parts)} }}";
            }
            case TypeKind.Map:
            {
                if (value.Kind == ConstantKind.List && value.Items.Count == 0)
                {
                    return $"new {_names.CsType(type)}()";
                }
                if (value.Kind != ConstantKind.Map)
                {
                    throw Bad(type, value);
                }
                var parts = value.Entries.Select(e => $"[{Expression(type.Key!, e.Key)}] = {Expression(type.Element!, e.Value)}");
                return $"new {_names.CsType(type)} {{ {string.Join(", ", parts)} }}";
            }
            case TypeKind.Message:
                return Struct(type, value);
            default:
                throw Bad(type, value);
        }
    }

    private string Struct(TypeRef type, ConstantValue value)
    {
        if (value.Kind is not (ConstantKind.Map or ConstantKind.Aggregate))
        {
            throw Bad(type, value);
        }
        var def = (MessageDef)type.Definition!;
        var properties = ThriftStructModel.PropertyNames(def);
        var parts = new List<string>();
        foreach (var entry in value.Entries)
        {
            var fieldName = entry.Key.Text;
            var field = def.Fields.FirstOrDefault(f => f.Name == fieldName)
                ?? throw new InvalidOperationException($"{value.Location}: '{def.Name}' has no field '{fieldName}'.");
            parts.Add($"{properties[field]} = {Expression(field.Type, entry.Value)}");
        }
        return $"new {_names.CsType(type)} {{ {string.Join(", ", parts)} }}";
    }

    private static EnumValueDef? FindEnumValue(TypeRef type, string text)
    {
        if (type.Definition is not EnumDef def || text.Length == 0)
        {
            return null;
        }
        // `ONE`, `Numberz.ONE` and `program.Numberz.ONE` all name the same value.
        var name = text.Substring(text.LastIndexOf('.') + 1);
        return def.Values.FirstOrDefault(v => v.Name == name);
    }

    /// <summary>A reference to another <c>const</c>: <c>NAME</c> in this file or <c>program.NAME</c> in an included one.</summary>
    private string ConstantReference(string text, ConstantValue value)
    {
        var dot = text.LastIndexOf('.');
        var name = dot < 0 ? text : text.Substring(dot + 1);
        var program = dot < 0 ? null : text.Substring(0, dot);
        foreach (var file in _names.Set.Files)
        {
            if (program == null ? file != _names.File : ThriftNames.ProgramName(file) != program)
            {
                continue;
            }
            var constant = file.Constants.FirstOrDefault(c => c.Name == name);
            if (constant != null)
            {
                var ns = _names.NamespaceOf(file);
                return "global::" + (ns.Length > 0 ? ns + "." : "") + ThriftNames.ConstantsClass(file) + "." + ConstantMembers(file)[constant];
            }
        }
        throw new InvalidOperationException($"{value.Location}: '{text}' names no constant or enum value.");
    }

    /// <summary>The C# field of each constant of a file in its <c>&lt;Program&gt;Constants</c> class, made unique there.</summary>
    public static Dictionary<ConstantDef, string> ConstantMembers(SchemaFile file)
    {
        var className = ThriftNames.ConstantsClass(file);
        var names = new MemberNames(new[] { className, "Equals", "ReferenceEquals" });
        var members = new Dictionary<ConstantDef, string>();
        foreach (var constant in file.Constants)
        {
            members[constant] = Naming.Escape(names.Claim(ThriftNames.Member(constant.Name)));
        }
        return members;
    }

    private static string Scalar(ScalarType scalar, ConstantValue value)
    {
        switch (scalar)
        {
            case ScalarType.Bool:
                if (value.Kind == ConstantKind.Bool)
                {
                    return value.BoolValue ? "true" : "false";
                }
                if (value.Kind == ConstantKind.Integer)
                {
                    return value.IntegerMagnitude != 0 ? "true" : "false";
                }
                break;
            case ScalarType.Int8:
                return Integer(value, sbyte.MinValue, sbyte.MaxValue, "sbyte");
            case ScalarType.Int16:
                return Integer(value, short.MinValue, short.MaxValue, "short");
            case ScalarType.Int32:
                return Integer(value, int.MinValue, int.MaxValue, "int");
            case ScalarType.Int64:
                return Integer(value, long.MinValue, long.MaxValue, "long");
            case ScalarType.Double:
                if (value.Kind == ConstantKind.Float)
                {
                    if (double.IsNaN(value.FloatValue))
                    {
                        return "double.NaN";
                    }
                    if (double.IsPositiveInfinity(value.FloatValue))
                    {
                        return "double.PositiveInfinity";
                    }
                    if (double.IsNegativeInfinity(value.FloatValue))
                    {
                        return "double.NegativeInfinity";
                    }
                    return value.FloatValue.ToString("R", CultureInfo.InvariantCulture) + "D";
                }
                if (value.Kind == ConstantKind.Integer && value.TryGetInt64(out var whole))
                {
                    return whole.ToString(CultureInfo.InvariantCulture) + "D";
                }
                break;
            case ScalarType.String when value.Kind == ConstantKind.String:
                return Naming.Literal(value.Text);
            case ScalarType.Bytes when value.Kind == ConstantKind.String:
            {
                var bytes = value.Bytes ?? Encoding.UTF8.GetBytes(value.Text);
                return "new byte[] { " + string.Join(", ", bytes.Select(b => "0x" + b.ToString("X2", CultureInfo.InvariantCulture))) + " }";
            }
            case ScalarType.Uuid when value.Kind == ConstantKind.String && Guid.TryParse(value.Text, out var guid):
                return $"new global::System.Guid({Naming.Literal(guid.ToString("D"))})";
        }
        throw new InvalidOperationException($"{value.Location}: the value {value} is not a {scalar.ToString().ToLowerInvariant()}.");
    }

    private static string Integer(ConstantValue value, long min, long max, string type)
    {
        if (value.Kind != ConstantKind.Integer || !value.TryGetInt64(out var number) || number < min || number > max)
        {
            throw new InvalidOperationException($"{value.Location}: the value {value} does not fit a {type}.");
        }
        if (number == min)
        {
            return type + ".MinValue";
        }
        var text = number.ToString(CultureInfo.InvariantCulture);
        return type switch
        {
            "long" => text + "L",
            "int" => text,
            _ => $"({type})({text})",
        };
    }

    private static InvalidOperationException Bad(TypeRef type, ConstantValue value) =>
        new($"{value.Location}: the value {value} does not fit the type {type}.");
}
