using System.Globalization;
using Steward.Rpc.Schema;

namespace Steward.Rpc.Protobuf.Dynamic;

public static partial class ProtoJsonFormat
{
    private sealed partial class JsonPrinter
    {
        private bool TryWriteWellKnown(DynamicMessage message)
        {
            var name = message.Type.FullName;
            if (!WellKnownJson.HasSpecialForm(name))
            {
                return false;
            }
            if (WellKnownJson.IsWrapper(name))
            {
                var valueField = Field(message, "value");
                WriteValue(valueField.Type, message.GetOrDefault(valueField)!);
                return true;
            }
            switch (name)
            {
                case "google.protobuf.Timestamp":
                    _writer.WriteStringValue(WellKnownJson.FormatTimestamp(Int64(message, "seconds"), Int32(message, "nanos")));
                    return true;
                case "google.protobuf.Duration":
                    _writer.WriteStringValue(WellKnownJson.FormatDuration(Int64(message, "seconds"), Int32(message, "nanos")));
                    return true;
                case "google.protobuf.FieldMask":
                    var paths = message.Get(Field(message, "paths")) as List<object> ?? new List<object>();
                    _writer.WriteStringValue(string.Join(",", paths.Select(p => WellKnownJson.PathToJson((string)p))));
                    return true;
                case "google.protobuf.Struct":
                    _writer.WriteStartObject();
                    var fields = message.Get(Field(message, "fields")) as Dictionary<object, object>;
                    foreach (var entry in fields ?? new Dictionary<object, object>())
                    {
                        _writer.WritePropertyName((string)entry.Key);
                        WriteMessage((DynamicMessage)entry.Value);
                    }
                    _writer.WriteEndObject();
                    return true;
                case "google.protobuf.ListValue":
                    _writer.WriteStartArray();
                    foreach (var item in message.Get(Field(message, "values")) as List<object> ?? new List<object>())
                    {
                        WriteMessage((DynamicMessage)item);
                    }
                    _writer.WriteEndArray();
                    return true;
                case "google.protobuf.Value":
                    WriteDynamicValue(message);
                    return true;
                case "google.protobuf.Any":
                    WriteAny(message);
                    return true;
                default:
                    return false;
            }
        }

        private void WriteDynamicValue(DynamicMessage message)
        {
            foreach (var field in message.FieldsByNumber)
            {
                if (!message.Has(field))
                {
                    continue;
                }
                var value = message.Get(field)!;
                switch (field.Name)
                {
                    case "null_value":
                        _writer.WriteNullValue();
                        return;
                    case "number_value":
                        var number = (double)value;
                        if (double.IsNaN(number) || double.IsInfinity(number))
                        {
                            throw new ProtoFormatException($"google.protobuf.Value cannot hold {number} in JSON.");
                        }
                        _writer.WriteRawValue(number.ToString("R", CultureInfo.InvariantCulture), skipInputValidation: true);
                        return;
                    case "string_value":
                        _writer.WriteStringValue((string)value);
                        return;
                    case "bool_value":
                        _writer.WriteBooleanValue((bool)value);
                        return;
                    default:
                        WriteMessage((DynamicMessage)value);
                        return;
                }
            }
            throw new ProtoFormatException("google.protobuf.Value has no kind set; JSON has no spelling for that.");
        }

        private void WriteAny(DynamicMessage any)
        {
            var typeUrl = (string?)any.Get(Field(any, "type_url")) ?? "";
            var payload = (byte[]?)any.Get(Field(any, "value")) ?? Array.Empty<byte>();
            _writer.WriteStartObject();
            if (typeUrl.Length > 0)
            {
                var type = WellKnownJson.ResolveAny(_types, typeUrl, reason => new ProtoFormatException(reason));
                var packed = ProtoBinary.Parse(type, payload);
                _writer.WriteString("@type", typeUrl);
                if (WellKnownJson.HasSpecialForm(type.FullName))
                {
                    _writer.WritePropertyName("value");
                    WriteMessage(packed);
                }
                else
                {
                    WriteFields(packed);
                }
            }
            _writer.WriteEndObject();
        }

        private static FieldDef Field(DynamicMessage message, string name) =>
            message.FindField(name) ?? throw new ProtoFormatException($"{message.Type.FullName} in this schema has no field \"{name}\".");

        private static long Int64(DynamicMessage message, string name) => (long)message.GetOrDefault(Field(message, name))!;

        private static int Int32(DynamicMessage message, string name) => (int)message.GetOrDefault(Field(message, name))!;
    }
}
