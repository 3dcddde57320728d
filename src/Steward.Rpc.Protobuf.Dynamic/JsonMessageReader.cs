using System.Globalization;
using Steward.Rpc.Schema;

namespace Steward.Rpc.Protobuf.Dynamic;

/// <summary>Maps a parsed JSON tree onto a message type following the proto3 JSON rules.</summary>
internal sealed partial class JsonMessageReader
{
    private readonly SchemaSet? _types;
    private readonly ProtoJsonOptions _options;

    public JsonMessageReader(SchemaSet? types, ProtoJsonOptions options)
    {
        _types = types;
        _options = options;
    }

    public DynamicMessage ReadMessage(MessageDef type, JsonNode node)
    {
        var message = new DynamicMessage(type);
        if (TryReadWellKnown(message, node))
        {
            return message;
        }
        if (node.Kind != JsonKind.Object)
        {
            throw node.Error($"Expected an object for message {type.FullName}, got {node.Describe()}.");
        }
        ReadFields(message, node.Properties);
        return message;
    }

    private void ReadFields(DynamicMessage message, IEnumerable<KeyValuePair<JsonNode, JsonNode>> properties)
    {
        var seen = new Dictionary<int, JsonNode>();
        foreach (var (key, value) in properties)
        {
            var field = message.FindFieldByJsonName(key.Text);
            if (field is null)
            {
                if (_options.IgnoreUnknownFields)
                {
                    continue;
                }
                throw key.Error($"Message type \"{message.Type.FullName}\" has no field named \"{key.Text}\".");
            }
            if (!seen.TryAdd(field.Number, key))
            {
                throw key.Error($"Field \"{field.Name}\" is given more than once.");
            }
            var isValueType = field.Type.Kind == TypeKind.Message && field.Type.Definition?.FullName == "google.protobuf.Value";
            var isNullEnum = field.Type.Kind == TypeKind.Enum && field.Type.Definition?.FullName == "google.protobuf.NullValue";
            if (value.Kind == JsonKind.Null && !isValueType && !isNullEnum)
            {
                // null means "not set" for every other field.
                continue;
            }
            if (field.Oneof is { IsSynthetic: false } oneof)
            {
                foreach (var other in oneof.Fields)
                {
                    if (other.Number != field.Number && message.Has(other))
                    {
                        throw key.Error($"Fields \"{other.Name}\" and \"{field.Name}\" of oneof \"{oneof.Name}\" are both set.");
                    }
                }
            }
            ReadField(message, field, value);
        }
    }

    private void ReadField(DynamicMessage message, FieldDef field, JsonNode value)
    {
        var type = field.Type;
        if (type.Kind == TypeKind.Map)
        {
            if (value.Kind != JsonKind.Object)
            {
                throw value.Error($"Expected an object for map field \"{field.Name}\", got {value.Describe()}.");
            }
            var map = message.GetMap(field);
            foreach (var (key, item) in value.Properties)
            {
                var mapKey = ReadMapKey(type.Key!, key);
                if (map.ContainsKey(mapKey))
                {
                    throw key.Error($"Map key \"{key.Text}\" is given more than once.");
                }
                map[mapKey] = ReadValue(type.Element!, item);
            }
        }
        else if (field.Label == FieldLabel.Repeated)
        {
            if (value.Kind != JsonKind.Array)
            {
                throw value.Error($"Expected an array for repeated field \"{field.Name}\", got {value.Describe()}.");
            }
            var list = message.GetRepeated(field);
            foreach (var item in value.Items)
            {
                if (item.Kind == JsonKind.Null && type.Definition?.FullName != "google.protobuf.Value")
                {
                    throw item.Error($"null is not allowed in repeated field \"{field.Name}\".");
                }
                list.Add(ReadValue(type, item));
            }
        }
        else
        {
            message.Set(field, ReadValue(type, value));
        }
    }

    private object ReadValue(TypeRef type, JsonNode node)
    {
        if (type.Kind == TypeKind.Message)
        {
            return ReadMessage(DynamicMessage.MessageTypeOf(type), node);
        }
        if (type.Kind == TypeKind.Enum)
        {
            return ReadEnum((EnumDef)type.Definition!, node);
        }
        return ReadScalar(type.Scalar, node);
    }

    private int ReadEnum(EnumDef type, JsonNode node)
    {
        switch (node.Kind)
        {
            case JsonKind.Null when type.FullName == "google.protobuf.NullValue":
                return 0;
            case JsonKind.String:
                return (MessageInfo.EnumValue(type, node.Text)
                    ?? throw node.Error($"Unknown value \"{node.Text}\" for enum {type.FullName}.")).Number;
            case JsonKind.Number:
                return (int)ReadInteger(node, int.MinValue, int.MaxValue);
            default:
                throw node.Error($"Expected an enum name or number for {type.FullName}, got {node.Describe()}.");
        }
    }

    internal static object ReadScalar(ScalarType scalar, JsonNode node)
    {
        switch (scalar)
        {
            case ScalarType.Int32 or ScalarType.SInt32 or ScalarType.SFixed32:
                return (int)ReadInteger(node, int.MinValue, int.MaxValue);
            case ScalarType.Int64 or ScalarType.SInt64 or ScalarType.SFixed64:
                return (long)ReadInteger(node, long.MinValue, long.MaxValue);
            case ScalarType.UInt32 or ScalarType.Fixed32:
                return (uint)ReadInteger(node, 0, uint.MaxValue);
            case ScalarType.UInt64 or ScalarType.Fixed64:
                return (ulong)ReadInteger(node, 0, ulong.MaxValue);
            case ScalarType.Float:
                var d = ReadDouble(node);
                // Compare after rounding: float.MaxValue's shortest spelling reads back as a double just above it.
                if (!double.IsInfinity(d) && float.IsInfinity((float)d))
                {
                    throw node.Error($"Value {node.Text} is out of range for a float.");
                }
                return (float)d;
            case ScalarType.Double:
                return ReadDouble(node);
            case ScalarType.Bool:
                return node.Kind switch
                {
                    JsonKind.True => true,
                    JsonKind.False => false,
                    _ => throw node.Error($"Expected true or false, got {node.Describe()}."),
                };
            case ScalarType.String:
                return node.Kind == JsonKind.String ? node.Text : throw node.Error($"Expected a string, got {node.Describe()}.");
            case ScalarType.Bytes:
                return node.Kind == JsonKind.String ? ReadBase64(node) : throw node.Error($"Expected a base64 string, got {node.Describe()}.");
            default:
                throw node.Error($"Type {scalar} has no JSON form.");
        }
    }

    /// <summary>Integers may be JSON numbers or strings, and may be written with a fraction or exponent if integral.</summary>
    private static decimal ReadInteger(JsonNode node, decimal min, decimal max)
    {
        if (node.Kind is not (JsonKind.Number or JsonKind.String))
        {
            throw node.Error($"Expected an integer, got {node.Describe()}.");
        }
        var text = node.Text;
        if (text.Length == 0 || text.Trim() != text
            || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
        {
            throw node.Error($"Expected an integer, got {node.Describe()}.");
        }
        if (value != decimal.Truncate(value))
        {
            throw node.Error($"Expected an integer, got {node.Describe()}.");
        }
        if (value < min || value > max)
        {
            throw node.Error($"Integer {text} is out of range [{min}, {max}].");
        }
        return value;
    }

    private static double ReadDouble(JsonNode node)
    {
        if (node.Kind == JsonKind.String)
        {
            switch (node.Text)
            {
                case "NaN":
                    return double.NaN;
                case "Infinity":
                    return double.PositiveInfinity;
                case "-Infinity":
                    return double.NegativeInfinity;
            }
        }
        if (node.Kind is not (JsonKind.Number or JsonKind.String)
            || node.Text.Trim() != node.Text
            || !double.TryParse(node.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || double.IsInfinity(value))
        {
            throw node.Error($"Expected a number, got {node.Describe()}.");
        }
        return value;
    }

    /// <summary>Standard or URL-safe base64, padded or not, as the JSON mapping allows.</summary>
    private static byte[] ReadBase64(JsonNode node)
    {
        var text = node.Text.Replace('-', '+').Replace('_', '/');
        switch (text.Length % 4)
        {
            case 2:
                text += "==";
                break;
            case 3:
                text += "=";
                break;
        }
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw node.Error("Invalid base64 data.");
        }
    }

    private static object ReadMapKey(TypeRef keyType, JsonNode key)
    {
        if (keyType.Kind == TypeKind.Scalar && keyType.Scalar == ScalarType.Bool)
        {
            return key.Text switch
            {
                "true" => true,
                "false" => false,
                _ => throw key.Error($"Map key \"{key.Text}\" is not a bool."),
            };
        }
        if (keyType.Kind == TypeKind.Scalar && keyType.Scalar == ScalarType.String)
        {
            return key.Text;
        }
        return ReadScalar(keyType.Scalar, key);
    }
}
