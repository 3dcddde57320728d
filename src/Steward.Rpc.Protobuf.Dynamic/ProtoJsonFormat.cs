using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Steward.Rpc.Schema;

namespace Steward.Rpc.Protobuf.Dynamic;

/// <summary>How <see cref="ProtoJsonFormat"/> writes and reads JSON; the defaults match protobuf's own printers and parsers.</summary>
public sealed class ProtoJsonOptions
{
    /// <summary>Indented output with JSON names, defaults left out, unknown input fields rejected, nesting up to 100.</summary>
    public static ProtoJsonOptions Default { get; } = new();

    /// <summary>Pretty-print with two-space indentation (what protobuf's own JSON printers do by default).</summary>
    public bool Indented { get; init; } = true;
    /// <summary>Write field names as declared (<c>snake_case</c>) instead of their JSON names.</summary>
    public bool PreserveProtoFieldNames { get; init; }
    /// <summary>Also write fields that hold their default value (implicit-presence fields only).</summary>
    public bool EmitDefaultValues { get; init; }
    /// <summary>On input, skip fields the schema does not know instead of failing.</summary>
    public bool IgnoreUnknownFields { get; init; }
    /// <summary>Nesting limit on input, as for the binary format.</summary>
    public int MaxDepth { get; init; } = 100;
}

/// <summary>
/// The proto3 JSON mapping: lowerCamelCase JSON names (original names accepted on input), 64-bit
/// integers as strings, bytes as base64, enums by name, and the well-known types' own forms
/// (Timestamp, Duration, wrappers, Struct/Value/ListValue, FieldMask, Empty, Any).
/// </summary>
public static partial class ProtoJsonFormat
{
    private static readonly JsonWriterOptions IndentedWriter = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions CompactWriter = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the message as JSON. <paramref name="types"/> resolves the contents of <c>Any</c> fields.</summary>
    public static string Format(DynamicMessage message, SchemaSet? types = null, ProtoJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        options ??= ProtoJsonOptions.Default;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, options.Indented ? IndentedWriter : CompactWriter))
        {
            new JsonPrinter(writer, types, options).WriteMessage(message);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads <paramref name="json"/> as a <paramref name="type"/> message; <paramref name="types"/> resolves the contents of <c>Any</c> fields. Bad input throws <see cref="ProtoFormatException"/>.</summary>
    public static DynamicMessage Parse(MessageDef type, string json, SchemaSet? types = null, ProtoJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(json);
        options ??= ProtoJsonOptions.Default;
        var root = JsonTreeReader.Parse(json, options.MaxDepth);
        return new JsonMessageReader(types, options).ReadMessage(type, root);
    }

    private sealed partial class JsonPrinter
    {
        private readonly Utf8JsonWriter _writer;
        private readonly SchemaSet? _types;
        private readonly ProtoJsonOptions _options;

        public JsonPrinter(Utf8JsonWriter writer, SchemaSet? types, ProtoJsonOptions options)
        {
            _writer = writer;
            _types = types;
            _options = options;
        }

        public void WriteMessage(DynamicMessage message)
        {
            if (TryWriteWellKnown(message))
            {
                return;
            }
            _writer.WriteStartObject();
            WriteFields(message);
            _writer.WriteEndObject();
        }

        private void WriteFields(DynamicMessage message)
        {
            foreach (var field in message.FieldsByNumber)
            {
                var populated = message.IsPopulated(field);
                var emitDefault = !populated && _options.EmitDefaultValues && !field.HasPresence;
                if (!populated && !emitDefault)
                {
                    continue;
                }
                _writer.WritePropertyName(_options.PreserveProtoFieldNames || string.IsNullOrEmpty(field.JsonName) ? field.Name : field.JsonName);
                if (field.Type.Kind == TypeKind.Map)
                {
                    _writer.WriteStartObject();
                    if (populated)
                    {
                        foreach (var entry in (Dictionary<object, object>)message.Get(field)!)
                        {
                            _writer.WritePropertyName(MapKeyText(entry.Key));
                            WriteValue(field.Type.Element!, entry.Value);
                        }
                    }
                    _writer.WriteEndObject();
                }
                else if (field.Label == FieldLabel.Repeated)
                {
                    _writer.WriteStartArray();
                    if (populated)
                    {
                        foreach (var item in (List<object>)message.Get(field)!)
                        {
                            WriteValue(field.Type, item);
                        }
                    }
                    _writer.WriteEndArray();
                }
                else
                {
                    WriteValue(field.Type, message.GetOrDefault(field)!);
                }
            }
        }

        private static string MapKeyText(object key) => key switch
        {
            bool b => b ? "true" : "false",
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => key.ToString() ?? "",
        };

        private void WriteValue(TypeRef type, object value)
        {
            switch (value)
            {
                case DynamicMessage message:
                    WriteMessage(message);
                    break;
                case int i when type.Kind == TypeKind.Enum:
                    if (type.Definition?.FullName == "google.protobuf.NullValue")
                    {
                        _writer.WriteNullValue();
                        break;
                    }
                    var named = MessageInfo.EnumValue((EnumDef)type.Definition!, i);
                    if (named is null)
                    {
                        _writer.WriteNumberValue(i);
                    }
                    else
                    {
                        _writer.WriteStringValue(named.Name);
                    }
                    break;
                case int i:
                    _writer.WriteNumberValue(i);
                    break;
                case uint u:
                    _writer.WriteNumberValue(u);
                    break;
                case long l:
                    _writer.WriteStringValue(l.ToString(CultureInfo.InvariantCulture));
                    break;
                case ulong ul:
                    _writer.WriteStringValue(ul.ToString(CultureInfo.InvariantCulture));
                    break;
                case bool b:
                    _writer.WriteBooleanValue(b);
                    break;
                case string s:
                    _writer.WriteStringValue(s);
                    break;
                case byte[] bytes:
                    _writer.WriteStringValue(Convert.ToBase64String(bytes));
                    break;
                case float f:
                    WriteFloatingPoint(f, float.IsNaN(f), float.IsInfinity(f), f.ToString("R", CultureInfo.InvariantCulture));
                    break;
                case double d:
                    WriteFloatingPoint(d, double.IsNaN(d), double.IsInfinity(d), d.ToString("R", CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new InvalidOperationException($"Cannot write a {value.GetType().Name} as {type}.");
            }
        }

        private void WriteFloatingPoint(double value, bool isNaN, bool isInfinity, string roundTrip)
        {
            if (isNaN)
            {
                _writer.WriteStringValue("NaN");
            }
            else if (isInfinity)
            {
                _writer.WriteStringValue(value > 0 ? "Infinity" : "-Infinity");
            }
            else
            {
                // The shortest round-trip spelling (a float's own, not its widened double's).
                _writer.WriteRawValue(roundTrip, skipInputValidation: true);
            }
        }
    }
}
