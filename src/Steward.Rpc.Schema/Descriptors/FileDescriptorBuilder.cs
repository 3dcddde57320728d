using System;
using System.Text;
using Steward.Rpc.Schema.Protobuf;

namespace Steward.Rpc.Schema.Descriptors;

/// <summary>
/// Serializes a proto file of the model as the <c>google.protobuf.FileDescriptorProto</c> protoc writes
/// with <c>--descriptor_set_out</c> (json_name on every field, no source info): the bytes gRPC server
/// reflection hands out and that Google.Protobuf / grpcio rebuild descriptors from. Fields are written in
/// field-number order with protoc's presence rules (e.g. <c>syntax</c> only for proto3, streaming flags
/// only when true).
/// </summary>
public static class FileDescriptorBuilder
{
    // FieldDescriptorProto.Type
    private const int TypeMessage = 11;
    private const int TypeEnum = 14;

    /// <summary>The serialized FileDescriptorProto of <paramref name="file"/>, a proto2/proto3 file of <paramref name="set"/>.</summary>
    public static byte[] Build(SchemaSet set, SchemaFile file)
    {
        if (set is null)
        {
            throw new ArgumentNullException(nameof(set));
        }
        if (file is null)
        {
            throw new ArgumentNullException(nameof(file));
        }
        if (file.Syntax != IdlSyntax.Proto3 && file.Syntax != IdlSyntax.Proto2)
        {
            throw new ArgumentException($"{file.Path} is not a proto file; only proto files have FileDescriptorProtos.", nameof(file));
        }
        var options = new OptionEncoder(set);
        var output = new ProtoBytes();
        output.StringField(1, file.Path);
        if (file.Package.Length > 0)
        {
            output.StringField(2, file.Package);
        }
        foreach (var import in file.Imports)
        {
            output.StringField(3, import.File?.Path ?? import.Path);
        }
        foreach (var message in file.Messages)
        {
            output.MessageField(4, Message(message, file, options));
        }
        foreach (var definition in file.Enums)
        {
            output.MessageField(5, Enum(definition, options));
        }
        foreach (var service in file.Services)
        {
            output.MessageField(6, Service(service, options));
        }
        foreach (var extend in file.Extends)
        {
            foreach (var field in extend.Fields)
            {
                output.MessageField(7, Field(field, file, options, file.Package));
            }
        }
        if (options.Encode(file.Options, "FileOptions", file.Package) is { } fileOptions)
        {
            output.MessageField(8, fileOptions);
        }
        for (var i = 0; i < file.Imports.Count; i++)
        {
            if (file.Imports[i].IsPublic)
            {
                output.Int32Field(10, i);
            }
        }
        for (var i = 0; i < file.Imports.Count; i++)
        {
            if (file.Imports[i].IsWeak)
            {
                output.Int32Field(11, i);
            }
        }
        if (file.Syntax == IdlSyntax.Proto3)
        {
            output.StringField(12, "proto3");
        }
        return output.ToArray();
    }

    private static ProtoBytes Message(MessageDef message, SchemaFile file, OptionEncoder options)
    {
        var output = new ProtoBytes();
        output.StringField(1, message.Name);
        foreach (var field in message.Fields)
        {
            output.MessageField(2, Field(field, file, options, message.FullName));
        }
        foreach (var nested in message.NestedMessages)
        {
            output.MessageField(3, Message(nested, file, options));
        }
        foreach (var nested in message.NestedEnums)
        {
            output.MessageField(4, Enum(nested, options));
        }
        foreach (var range in message.ExtensionRanges)
        {
            var r = new ProtoBytes();
            r.Int32Field(1, range.Start);
            r.Int32Field(2, range.End + 1);
            output.MessageField(5, r);
        }
        foreach (var extend in message.Extends)
        {
            foreach (var field in extend.Fields)
            {
                output.MessageField(6, Field(field, file, options, message.FullName));
            }
        }
        if (options.Encode(message.Options, "MessageOptions", message.FullName) is { } messageOptions)
        {
            output.MessageField(7, messageOptions);
        }
        foreach (var oneof in message.Oneofs)
        {
            var o = new ProtoBytes();
            o.StringField(1, oneof.Name);
            if (options.Encode(oneof.Options, "OneofOptions", message.FullName) is { } oneofOptions)
            {
                o.MessageField(2, oneofOptions);
            }
            output.MessageField(8, o);
        }
        foreach (var range in message.ReservedRanges)
        {
            var r = new ProtoBytes();
            r.Int32Field(1, range.Start);
            r.Int32Field(2, range.End + 1);
            output.MessageField(9, r);
        }
        foreach (var name in message.ReservedNames)
        {
            output.StringField(10, name);
        }
        return output;
    }

    private static ProtoBytes Field(FieldDef field, SchemaFile file, OptionEncoder options, string scope)
    {
        var output = new ProtoBytes();
        output.StringField(1, field.Name);
        if (field.Extendee?.Extendee.Definition is { } extendee)
        {
            output.StringField(2, "." + extendee.FullName);
        }
        output.Int32Field(3, field.Number);
        output.Int32Field(4, field.Label switch
        {
            FieldLabel.Required => 2,
            FieldLabel.Repeated => 3,
            _ => 1,
        });
        var type = field.Type;
        string? typeName = null;
        int wireType;
        switch (type.Kind)
        {
            case TypeKind.Map:
                wireType = TypeMessage;
                typeName = MapEntry(field).FullName;
                break;
            case TypeKind.Message:
                wireType = TypeMessage;
                typeName = type.Definition!.FullName;
                break;
            case TypeKind.Enum:
                wireType = TypeEnum;
                typeName = type.Definition!.FullName;
                break;
            case TypeKind.Scalar:
                wireType = ScalarType(type.Scalar);
                break;
            default:
                throw new InvalidOperationException($"Field {field.FullName} has an unresolved type; descriptors are built from a checked schema.");
        }
        output.Int32Field(5, wireType);
        if (typeName != null)
        {
            output.StringField(6, "." + typeName);
        }
        if (field.DefaultValue != null)
        {
            output.StringField(7, DefaultValueText(field, field.DefaultValue));
        }
        if (options.Encode(field.Options, "FieldOptions", scope) is { } fieldOptions)
        {
            output.MessageField(8, fieldOptions);
        }
        if (field.Oneof != null && !field.IsExtension && field.Owner != null)
        {
            output.Int32Field(9, field.Owner.Oneofs.IndexOf(field.Oneof));
        }
        output.StringField(10, field.JsonName.Length > 0 ? field.JsonName : JsonNames.ToJsonName(field.Name));
        if (file.Syntax == IdlSyntax.Proto3 && field.Label == FieldLabel.Optional && field.Oneof is { IsSynthetic: true })
        {
            output.BoolField(17, true);
        }
        return output;
    }

    private static MessageDef MapEntry(FieldDef field)
    {
        var name = JsonNames.MapEntryName(field.Name);
        foreach (var nested in field.Owner!.NestedMessages)
        {
            if (nested.IsMapEntry && nested.Name == name)
            {
                return nested;
            }
        }
        throw new InvalidOperationException($"Map field {field.FullName} has no entry message {name}.");
    }

    private static int ScalarType(ScalarType scalar) => scalar switch
    {
        Schema.ScalarType.Double => 1,
        Schema.ScalarType.Float => 2,
        Schema.ScalarType.Int64 => 3,
        Schema.ScalarType.UInt64 => 4,
        Schema.ScalarType.Int32 => 5,
        Schema.ScalarType.Fixed64 => 6,
        Schema.ScalarType.Fixed32 => 7,
        Schema.ScalarType.Bool => 8,
        Schema.ScalarType.String => 9,
        Schema.ScalarType.Bytes => 12,
        Schema.ScalarType.UInt32 => 13,
        Schema.ScalarType.SFixed32 => 15,
        Schema.ScalarType.SFixed64 => 16,
        Schema.ScalarType.SInt32 => 17,
        Schema.ScalarType.SInt64 => 18,
        _ => throw new InvalidOperationException($"Scalar type {scalar} has no protobuf field type."),
    };

    private static ProtoBytes Enum(EnumDef definition, OptionEncoder options)
    {
        var output = new ProtoBytes();
        output.StringField(1, definition.Name);
        var scope = definition.Parent?.FullName ?? definition.File?.Package ?? "";
        foreach (var value in definition.Values)
        {
            var v = new ProtoBytes();
            v.StringField(1, value.Name);
            v.Int32Field(2, value.Number);
            if (options.Encode(value.Options, "EnumValueOptions", scope) is { } valueOptions)
            {
                v.MessageField(3, valueOptions);
            }
            output.MessageField(2, v);
        }
        if (options.Encode(definition.Options, "EnumOptions", definition.FullName) is { } enumOptions)
        {
            output.MessageField(3, enumOptions);
        }
        foreach (var range in definition.ReservedRanges)
        {
            // EnumReservedRange bounds are both inclusive, unlike a message's.
            var r = new ProtoBytes();
            r.Int32Field(1, range.Start);
            r.Int32Field(2, range.End);
            output.MessageField(4, r);
        }
        foreach (var name in definition.ReservedNames)
        {
            output.StringField(5, name);
        }
        return output;
    }

    private static ProtoBytes Service(ServiceDef service, OptionEncoder options)
    {
        var output = new ProtoBytes();
        output.StringField(1, service.Name);
        foreach (var method in service.Methods)
        {
            var m = new ProtoBytes();
            m.StringField(1, method.Name);
            m.StringField(2, "." + method.InputType.Definition!.FullName);
            m.StringField(3, "." + method.OutputType.Definition!.FullName);
            var methodOptions = options.Encode(method.Options, "MethodOptions", service.FullName);
            if (methodOptions != null || method.HasOptionsBlock)
            {
                m.MessageField(4, methodOptions ?? new ProtoBytes());
            }
            if (method.CallKind is CallKind.ClientStreaming or CallKind.Duplex)
            {
                m.BoolField(5, true);
            }
            if (method.CallKind is CallKind.ServerStreaming or CallKind.Duplex)
            {
                m.BoolField(6, true);
            }
            output.MessageField(2, m);
        }
        if (options.Encode(service.Options, "ServiceOptions", service.FullName) is { } serviceOptions)
        {
            output.MessageField(3, serviceOptions);
        }
        return output;
    }

    /// <summary>protoc's <c>DefaultValueAsString(false)</c>: strings raw, bytes C-escaped, floats shortest-round-trip in %g style.</summary>
    private static string DefaultValueText(FieldDef field, ConstantValue value)
    {
        if (field.Type.Kind == TypeKind.Enum)
        {
            return value.Text;
        }
        switch (field.Type.Scalar)
        {
            case Schema.ScalarType.String:
                return value.Bytes != null ? Encoding.UTF8.GetString(value.Bytes) : value.Text;
            case Schema.ScalarType.Bytes:
                return CEscape(value.Bytes ?? Encoding.UTF8.GetBytes(value.Text));
            case Schema.ScalarType.Bool:
                return value.Kind == ConstantKind.Bool ? (value.BoolValue ? "true" : "false") : value.Text;
            case Schema.ScalarType.Float:
                return FormatFloating(ToDouble(value), isFloat: true);
            case Schema.ScalarType.Double:
                return FormatFloating(ToDouble(value), isFloat: false);
            default:
                return value.Text;
        }
    }

    private static double ToDouble(ConstantValue value)
    {
        switch (value.Kind)
        {
            case ConstantKind.Float:
                return value.FloatValue;
            case ConstantKind.Integer:
                return value.IsNegative ? -(double)value.IntegerMagnitude : value.IntegerMagnitude;
        }
        var text = value.Text.ToLowerInvariant();
        var negative = text.StartsWith("-", StringComparison.Ordinal);
        var magnitude = text.TrimStart('-') == "nan" ? double.NaN : double.PositiveInfinity;
        return negative ? -magnitude : magnitude;
    }

    private static string FormatFloating(double value, bool isFloat) =>
        isFloat ? CFormat.Float((float)value) : CFormat.Double(value);

    private static string CEscape(byte[] bytes)
    {
        var sb = new StringBuilder();
        CFormat.Escape(bytes, sb);
        return sb.ToString();
    }
}
