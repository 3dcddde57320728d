using System.Globalization;
using System.Text.Json;

namespace Steward.Rpc.Schema.Tests.Thrift;

/// <summary>
/// One line per fact, in a form both `thrift --gen json` output and our model can be written in, so
/// a difference shows as a line-level diff. Enums are i32 and typedefs are resolved in both, as the
/// Thrift compiler's JSON generator prints them.
/// </summary>
internal static class ThriftJsonDump
{
    public static List<string> FromJson(JsonElement root)
    {
        var program = root.GetProperty("name").GetString()!;
        var lines = new List<string>();
        foreach (var ns in root.GetProperty("namespaces").EnumerateObject().OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            lines.Add($"namespace {ns.Name} {ns.Value.GetString()}");
        }
        foreach (var include in root.GetProperty("includes").EnumerateArray())
        {
            lines.Add($"include {include.GetString()}");
        }
        foreach (var e in root.GetProperty("enums").EnumerateArray())
        {
            lines.Add($"enum {e.GetProperty("name").GetString()} " +
                string.Join(",", e.GetProperty("members").EnumerateArray().Select(m => $"{m.GetProperty("name").GetString()}={m.GetProperty("value").GetInt64()}")) +
                JsonExtras(e));
            lines.AddRange(e.GetProperty("members").EnumerateArray().Where(m => m.TryGetProperty("doc", out _))
                .Select(m => $"  doc {m.GetProperty("name").GetString()} {Doc(m.GetProperty("doc").GetString())}"));
        }
        foreach (var t in root.GetProperty("typedefs").EnumerateArray())
        {
            lines.Add($"typedef {t.GetProperty("name").GetString()} {JsonType(t, program)}");
        }
        foreach (var s in root.GetProperty("structs").EnumerateArray())
        {
            var kind = s.GetProperty("isException").GetBoolean() ? "exception" : s.GetProperty("isUnion").GetBoolean() ? "union" : "struct";
            lines.Add($"{kind} {s.GetProperty("name").GetString()}{JsonExtras(s)}");
            lines.AddRange(s.GetProperty("fields").EnumerateArray().Select(f => "  field " + JsonField(f, program)));
        }
        foreach (var c in root.GetProperty("constants").EnumerateArray())
        {
            lines.Add($"const {c.GetProperty("name").GetString()} {JsonType(c, program)} = {JsonValue(c.GetProperty("value"))}");
        }
        foreach (var service in root.GetProperty("services").EnumerateArray())
        {
            var extends = service.TryGetProperty("extends", out var ext) ? " extends " + ext.GetString() : "";
            lines.Add($"service {service.GetProperty("name").GetString()}{extends}{JsonExtras(service)}");
            foreach (var f in service.GetProperty("functions").EnumerateArray())
            {
                var returns = f.GetProperty("returnTypeId").GetString() == "void" ? "void" : JsonType(f, program, "returnTypeId", "returnType");
                lines.Add($"  method {f.GetProperty("name").GetString()} returns {returns} oneway={f.GetProperty("oneway").GetBoolean()}{JsonExtras(f)}");
                lines.AddRange(f.GetProperty("arguments").EnumerateArray().Select(a => "    arg " + JsonField(a, program)));
                lines.AddRange(f.GetProperty("exceptions").EnumerateArray().Select(x => "    throws " + JsonField(x, program)));
            }
        }
        return lines;
    }

    private static string JsonField(JsonElement f, string program)
    {
        var required = f.GetProperty("required").GetString() switch
        {
            "required" => "required",
            "optional" => "optional",
            _ => "default",
        };
        var line = $"{f.GetProperty("key").GetInt32()} {f.GetProperty("name").GetString()} {JsonType(f, program)} {required}";
        return (f.TryGetProperty("default", out var value) ? line + " = " + JsonValue(value) : line) + JsonExtras(f);
    }

    /// <summary>Annotations (sorted) and documentation, as one suffix.</summary>
    private static string JsonExtras(JsonElement e)
    {
        var annotations = e.TryGetProperty("annotations", out var a)
            ? a.EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}").OrderBy(x => x, StringComparer.Ordinal).ToList()
            : [];
        return Extras(annotations, e.TryGetProperty("doc", out var doc) ? doc.GetString() : null);
    }

    private static string Extras(List<string> annotations, string? doc) =>
        (annotations.Count > 0 ? " (" + string.Join(", ", annotations) + ")" : "") + (doc != null ? " doc " + Doc(doc) : "");

    /// <summary>The Thrift compiler keeps a trailing newline and some indentation that we trim.</summary>
    private static string Doc(string? doc) =>
        JsonSerializer.Serialize(string.Join("\n", (doc ?? "").Trim().Split('\n').Select(l => l.Trim())));

    private static string ModelExtras(SchemaElement e) =>
        Extras(e.Options.Select(o => $"{o.Name}={o.Value.Text}").OrderBy(x => x, StringComparer.Ordinal).ToList(), e.Documentation);

    private static string JsonType(JsonElement holder, string program, string idName = "typeId", string typeName = "type")
    {
        var id = holder.GetProperty(idName).GetString()!;
        holder.TryGetProperty(typeName, out var type);
        switch (id)
        {
            case "list":
            case "set":
                return $"{id}<{JsonType(type, program, "elemTypeId", "elemType")}>";
            case "map":
                return $"map<{JsonType(type, program, "keyTypeId", "keyType")},{JsonType(type, program, "valueTypeId", "valueType")}>";
            case "struct":
            case "union":
            case "exception":
                var name = type.GetProperty("class").GetString()!;
                return $"{id}:{(name.Contains('.') ? name : program + "." + name)}";
            default:
                return id;
        }
    }

    private static string JsonValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.TryGetInt64(out var l) ? l.ToString(CultureInfo.InvariantCulture) : Number(value.GetDouble()),
        JsonValueKind.String => Quote(value.GetString()!),
        JsonValueKind.Array => value.GetArrayLength() == 0 ? "[]" : "[" + string.Join(",", value.EnumerateArray().Select(JsonValue)) + "]",
        JsonValueKind.Object => !value.EnumerateObject().Any() ? "[]" :
            "{" + string.Join(",", value.EnumerateObject().Select(p => p.Name + ":" + JsonValue(p.Value)).OrderBy(s => s, StringComparer.Ordinal)) + "}",
        _ => value.GetRawText(),
    };

    private static string Number(double d) =>
        Math.Abs(d) < 1e15 && d == Math.Floor(d) ? ((long)d).ToString(CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string s) => JsonSerializer.Serialize(s);

    public static List<string> FromModel(SchemaFile file)
    {
        var lines = new List<string>();
        foreach (var ns in file.Namespaces.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            lines.Add($"namespace {ns.Key} {ns.Value}");
        }
        foreach (var include in file.Imports)
        {
            lines.Add($"include {include.File?.Package}");
        }
        foreach (var e in file.Enums)
        {
            lines.Add($"enum {e.Name} " + string.Join(",", e.Values.Select(v => $"{v.Name}={v.Number}")) + ModelExtras(e));
            lines.AddRange(e.Values.Where(v => v.Documentation != null).Select(v => $"  doc {v.Name} {Doc(v.Documentation)}"));
        }
        foreach (var t in file.Typedefs)
        {
            lines.Add($"typedef {t.Name} {ModelType(t.Target)}");
        }
        foreach (var s in file.Messages)
        {
            lines.Add($"{s.Kind.ToString().ToLowerInvariant()} {s.Name}{ModelExtras(s)}");
            lines.AddRange(s.Fields.Select(f => "  field " + ModelField(f)));
        }
        foreach (var c in file.Constants)
        {
            lines.Add($"const {c.Name} {ModelType(c.Type)} = {ModelValue(c.Value, c.Type)}");
        }
        foreach (var service in file.Services)
        {
            lines.Add($"service {service.Name}{(service.ExtendsName != null ? " extends " + service.ExtendsName : "")}{ModelExtras(service)}");
            foreach (var m in service.Methods)
            {
                var returns = ReferenceEquals(m.OutputType, TypeRef.Void) ? "void" : ModelType(m.OutputType);
                lines.Add($"  method {m.Name} returns {returns} oneway={m.IsOneway}{ModelExtras(m)}");
                lines.AddRange(m.Parameters.Select(a => "    arg " + ModelField(a)));
                lines.AddRange(m.Throws.Select(x => "    throws " + ModelField(x)));
            }
        }
        return lines;
    }

    private static string ModelField(FieldDef f)
    {
        var required = f.Label switch
        {
            FieldLabel.Required => "required",
            FieldLabel.Optional => "optional",
            _ => "default",
        };
        var line = $"{f.Number} {f.Name} {ModelType(f.Type)} {required}";
        return (f.DefaultValue != null ? line + " = " + ModelValue(f.DefaultValue, f.Type) : line) + ModelExtras(f);
    }

    private static string ModelType(TypeRef type) => type.Kind switch
    {
        TypeKind.Scalar => type.Scalar switch
        {
            ScalarType.Bool => "bool",
            ScalarType.Int8 => "i8",
            ScalarType.Int16 => "i16",
            ScalarType.Int32 => "i32",
            ScalarType.Int64 => "i64",
            ScalarType.Double => "double",
            ScalarType.String => "string",
            ScalarType.Bytes => "binary",
            ScalarType.Uuid => "uuid",
            _ => "?" + type.Scalar,
        },
        TypeKind.Enum => "i32",
        TypeKind.List => $"list<{ModelType(type.Element!)}>",
        TypeKind.Set => $"set<{ModelType(type.Element!)}>",
        TypeKind.Map => $"map<{ModelType(type.Key!)},{ModelType(type.Element!)}>",
        TypeKind.Message => $"{((MessageDef)type.Definition!).Kind.ToString().ToLowerInvariant()}:{type.Definition!.FullName}",
        _ => "unresolved:" + type.Name,
    };

    private static string ModelValue(ConstantValue value, TypeRef type)
    {
        switch (value.Kind)
        {
            case ConstantKind.Integer:
                return value.Text;
            case ConstantKind.Bool:
                return value.BoolValue ? "1" : "0";
            case ConstantKind.Float:
                return Number(value.FloatValue);
            case ConstantKind.String:
                return Quote(value.Text);
            case ConstantKind.Identifier:
                var enumDef = (EnumDef)type.Definition!;
                return enumDef.Values.Single(v => v.Name == value.Text).Number.ToString(CultureInfo.InvariantCulture);
            case ConstantKind.List:
                return value.Items.Count == 0 ? "[]" : "[" + string.Join(",", value.Items.Select(i => ModelValue(i, type.Element!))) + "]";
            case ConstantKind.Map when value.Entries.Count == 0:
                return "[]";
            case ConstantKind.Map when type.Kind == TypeKind.Message:
                var message = (MessageDef)type.Definition!;
                return "{" + string.Join(",", value.Entries
                    .Select(e => e.Key.Text + ":" + ModelValue(e.Value, message.Fields.Single(f => f.Name == e.Key.Text).Type))
                    .OrderBy(s => s, StringComparer.Ordinal)) + "}";
            case ConstantKind.Map:
                return "{" + string.Join(",", value.Entries
                    .Select(e => Unquote(ModelValue(e.Key, type.Key!)) + ":" + ModelValue(e.Value, type.Element!))
                    .OrderBy(s => s, StringComparer.Ordinal)) + "}";
            default:
                return value.ToString();
        }
    }

    private static string Unquote(string s) => s.StartsWith('"') ? JsonSerializer.Deserialize<string>(s)! : s;
}
