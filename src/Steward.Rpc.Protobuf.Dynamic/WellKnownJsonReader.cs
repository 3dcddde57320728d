using Steward.Rpc.Schema;

namespace Steward.Rpc.Protobuf.Dynamic;

internal sealed partial class JsonMessageReader
{
    private bool TryReadWellKnown(DynamicMessage message, JsonNode node)
    {
        var name = message.Type.FullName;
        if (!WellKnownJson.HasSpecialForm(name))
        {
            return false;
        }
        if (WellKnownJson.IsWrapper(name))
        {
            var valueField = Field(message, "value");
            message.Set(valueField, ReadValue(valueField.Type, node));
            return true;
        }
        switch (name)
        {
            case "google.protobuf.Timestamp":
                var (tsSeconds, tsNanos) = WellKnownJson.ParseTimestamp(node);
                SetSecondsNanos(message, tsSeconds, tsNanos);
                return true;
            case "google.protobuf.Duration":
                var (durSeconds, durNanos) = WellKnownJson.ParseDuration(node);
                SetSecondsNanos(message, durSeconds, durNanos);
                return true;
            case "google.protobuf.FieldMask":
                if (node.Kind != JsonKind.String)
                {
                    throw node.Error($"Expected a comma-separated string of paths for a FieldMask, got {node.Describe()}.");
                }
                var paths = message.GetRepeated(Field(message, "paths"));
                foreach (var path in node.Text.Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    paths.Add(WellKnownJson.PathFromJson(path.Trim()));
                }
                return true;
            case "google.protobuf.Struct":
                if (node.Kind != JsonKind.Object)
                {
                    throw node.Error($"Expected an object for a Struct, got {node.Describe()}.");
                }
                var fieldsField = Field(message, "fields");
                var fields = message.GetMap(fieldsField);
                foreach (var (key, value) in node.Properties)
                {
                    fields[key.Text] = ReadValue(fieldsField.Type.Element!, value);
                }
                return true;
            case "google.protobuf.ListValue":
                if (node.Kind != JsonKind.Array)
                {
                    throw node.Error($"Expected an array for a ListValue, got {node.Describe()}.");
                }
                var valuesField = Field(message, "values");
                var values = message.GetRepeated(valuesField);
                foreach (var item in node.Items)
                {
                    values.Add(ReadValue(valuesField.Type, item));
                }
                return true;
            case "google.protobuf.Value":
                ReadDynamicValue(message, node);
                return true;
            case "google.protobuf.Any":
                ReadAny(message, node);
                return true;
            default:
                return false;
        }
    }

    private void ReadDynamicValue(DynamicMessage message, JsonNode node)
    {
        switch (node.Kind)
        {
            case JsonKind.Null:
                message.Set(Field(message, "null_value"), 0);
                break;
            case JsonKind.Number:
                message.Set(Field(message, "number_value"), ReadScalar(ScalarType.Double, node));
                break;
            case JsonKind.String:
                message.Set(Field(message, "string_value"), node.Text);
                break;
            case JsonKind.True or JsonKind.False:
                message.Set(Field(message, "bool_value"), node.Kind == JsonKind.True);
                break;
            case JsonKind.Object:
                var structField = Field(message, "struct_value");
                message.Set(structField, ReadMessage(DynamicMessage.MessageTypeOf(structField.Type), node));
                break;
            case JsonKind.Array:
                var listField = Field(message, "list_value");
                message.Set(listField, ReadMessage(DynamicMessage.MessageTypeOf(listField.Type), node));
                break;
        }
    }

    private void ReadAny(DynamicMessage any, JsonNode node)
    {
        if (node.Kind != JsonKind.Object)
        {
            throw node.Error($"Expected an object for an Any, got {node.Describe()}.");
        }
        if (node.Properties.Count == 0)
        {
            return;
        }
        var typeNode = node.Properties.Find(p => p.Key.Text == "@type").Value
            ?? throw node.Error("An Any in JSON needs an \"@type\" property.");
        if (typeNode.Kind != JsonKind.String)
        {
            throw typeNode.Error("\"@type\" must be a string.");
        }
        var type = WellKnownJson.ResolveAny(_types, typeNode.Text, typeNode.Error);
        var rest = node.Properties.Where(p => p.Key.Text != "@type");
        DynamicMessage packed;
        if (WellKnownJson.HasSpecialForm(type.FullName))
        {
            var valueNode = node.Properties.Find(p => p.Key.Text == "value").Value
                ?? throw node.Error($"An Any holding {type.FullName} needs a \"value\" property.");
            packed = ReadMessage(type, valueNode);
        }
        else
        {
            packed = new DynamicMessage(type);
            ReadFields(packed, rest);
        }
        any.Set(Field(any, "type_url"), typeNode.Text);
        any.Set(Field(any, "value"), ProtoBinary.Serialize(packed));
    }

    private static void SetSecondsNanos(DynamicMessage message, long seconds, int nanos)
    {
        message.Set(Field(message, "seconds"), seconds);
        message.Set(Field(message, "nanos"), nanos);
    }

    private static FieldDef Field(DynamicMessage message, string name) =>
        message.FindField(name) ?? throw new ProtoFormatException($"{message.Type.FullName} in this schema has no field \"{name}\".");
}
