using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Steward.Rpc.Schema;
using Steward.Rpc.Schema.Descriptors;

namespace Steward.Rpc.Protobuf.Dynamic;

/// <summary>
/// Protobuf text format, as <c>protoc --decode</c> prints it and <c>protoc --encode</c> reads it:
/// <c>name: value</c> lines, nested messages as <c>name {</c> … <c>}</c> indented by two spaces,
/// repeated fields as repeated lines, map entries as <c>key</c>/<c>value</c> messages sorted by key,
/// unknown fields by number.
/// </summary>
public static class ProtoTextFormat
{
    /// <summary>The message in text format, character for character what <c>protoc --decode</c> prints.</summary>
    public static string Format(DynamicMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sb = new StringBuilder();
        Print(message, sb, 0);
        return sb.ToString();
    }

    /// <summary>
    /// Parses text format into a new message of <paramref name="type"/>. <paramref name="types"/>
    /// resolves the type names of expanded <c>Any</c> values (<c>[type.googleapis.com/pkg.M] { … }</c>).
    /// </summary>
    public static DynamicMessage Parse(MessageDef type, string text, SchemaSet? types = null) =>
        new TextParser(text, types).ParseMessage(type);

    private static void Print(DynamicMessage message, StringBuilder sb, int depth)
    {
        foreach (var field in message.FieldsByNumber)
        {
            if (!message.IsPopulated(field))
            {
                continue;
            }
            var value = message.Get(field)!;
            if (field.Type.Kind == TypeKind.Map)
            {
                PrintMap(field, (Dictionary<object, object>)value, sb, depth);
            }
            else if (value is List<object> list)
            {
                foreach (var item in list)
                {
                    PrintField(field.Name, field.Type, item, sb, depth);
                }
            }
            else
            {
                PrintField(field.Name, field.Type, value, sb, depth);
            }
        }
        PrintUnknown(message.UnknownFields, sb, depth);
    }

    private static void PrintMap(FieldDef field, Dictionary<object, object> map, StringBuilder sb, int depth)
    {
        // protoc sorts map entries by key so the text is deterministic.
        var keys = new List<object>(map.Keys);
        keys.Sort(CompareKeys);
        foreach (var key in keys)
        {
            Indent(sb, depth).Append(field.Name).Append(" {\n");
            PrintField("key", field.Type.Key!, key, sb, depth + 1);
            PrintField("value", field.Type.Element!, map[key], sb, depth + 1);
            Indent(sb, depth).Append("}\n");
        }
    }

    internal static int CompareKeys(object a, object b) => (a, b) switch
    {
        (string x, string y) => string.CompareOrdinal(x, y),
        (int x, int y) => x.CompareTo(y),
        (long x, long y) => x.CompareTo(y),
        (uint x, uint y) => x.CompareTo(y),
        (ulong x, ulong y) => x.CompareTo(y),
        (bool x, bool y) => x.CompareTo(y),
        _ => 0,
    };

    private static void PrintField(string name, TypeRef type, object value, StringBuilder sb, int depth)
    {
        Indent(sb, depth).Append(name);
        if (value is DynamicMessage nested)
        {
            sb.Append(" {\n");
            Print(nested, sb, depth + 1);
            Indent(sb, depth).Append("}\n");
            return;
        }
        sb.Append(": ");
        AppendScalar(type, value, sb);
        sb.Append('\n');
    }

    internal static void AppendScalar(TypeRef type, object value, StringBuilder sb)
    {
        switch (value)
        {
            case int i when type.Kind == TypeKind.Enum:
                var named = MessageInfo.EnumValue((EnumDef)type.Definition!, i);
                sb.Append(named is null ? i.ToString(CultureInfo.InvariantCulture) : named.Name);
                break;
            case string s:
                sb.Append('"');
                CFormat.Escape(Encoding.UTF8.GetBytes(s), sb);
                sb.Append('"');
                break;
            case byte[] bytes:
                sb.Append('"');
                CFormat.Escape(bytes, sb);
                sb.Append('"');
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case float f:
                sb.Append(CFormat.Float(f));
                break;
            case double d:
                sb.Append(CFormat.Double(d));
                break;
            case IFormattable number:
                sb.Append(number.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                sb.Append(value);
                break;
        }
    }

    private static StringBuilder Indent(StringBuilder sb, int depth) => sb.Append(' ', depth * 2);

    /// <summary>
    /// Unknown fields the way protobuf prints them: varints in decimal, fixed values in hex, and a
    /// length-delimited value as a nested block when it parses as fields, else as a string.
    /// </summary>
    private static void PrintUnknown(ReadOnlySpan<byte> data, StringBuilder sb, int depth)
    {
        var position = 0;
        while (position < data.Length)
        {
            if (!TryReadVarint(data, ref position, out var tag))
            {
                return;
            }
            var number = tag >> 3;
            var remaining = data.Length - position;
            // Unknown fields normally come from the bounded reader; hand-appended bytes that do not parse end the listing.
            if ((tag & 7) == 1 && remaining < 8 || (tag & 7) == 5 && remaining < 4)
            {
                return;
            }
            switch (tag & 7)
            {
                case 0:
                    TryReadVarint(data, ref position, out var varint);
                    Indent(sb, depth).Append(number).Append(": ").Append(varint).Append('\n');
                    break;
                case 1:
                    Indent(sb, depth).Append(number).Append(": 0x")
                        .Append(BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(position, 8)).ToString("x16", CultureInfo.InvariantCulture)).Append('\n');
                    position += 8;
                    break;
                case 5:
                    Indent(sb, depth).Append(number).Append(": 0x")
                        .Append(BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(position, 4)).ToString("x8", CultureInfo.InvariantCulture)).Append('\n');
                    position += 4;
                    break;
                case 2:
                    if (!TryReadVarint(data, ref position, out var length) || length > (ulong)(data.Length - position))
                    {
                        return;
                    }
                    var value = data.Slice(position, (int)length);
                    position += (int)length;
                    if (value.Length > 0 && depth < 100 && LooksLikeFields(value))
                    {
                        Indent(sb, depth).Append(number).Append(" {\n");
                        PrintUnknown(value, sb, depth + 1);
                        Indent(sb, depth).Append("}\n");
                    }
                    else
                    {
                        Indent(sb, depth).Append(number).Append(": \"");
                        CFormat.Escape(value.ToArray(), sb);
                        sb.Append("\"\n");
                    }
                    break;
                default:
                    return;
            }
        }
    }

    /// <summary>Whether bytes parse completely as protobuf fields (what protobuf tries before printing a string).</summary>
    private static bool LooksLikeFields(ReadOnlySpan<byte> data)
    {
        var position = 0;
        while (position < data.Length)
        {
            if (!TryReadVarint(data, ref position, out var tag) || tag >> 3 == 0 || tag >> 3 > WireFormat.MaxFieldNumber)
            {
                return false;
            }
            switch (tag & 7)
            {
                case 0:
                    if (!TryReadVarint(data, ref position, out _))
                    {
                        return false;
                    }
                    break;
                case 1:
                case 5:
                    var size = (tag & 7) == 1 ? 8 : 4;
                    if (data.Length - position < size)
                    {
                        return false;
                    }
                    position += size;
                    break;
                case 2:
                    if (!TryReadVarint(data, ref position, out var length) || length > (ulong)(data.Length - position))
                    {
                        return false;
                    }
                    position += (int)length;
                    break;
                default:
                    return false;
            }
        }
        return true;
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> data, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && position < data.Length; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }
        return false;
    }
}
