using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Steward.Rpc.Schema.Protobuf;

namespace Steward.Rpc.Schema.Descriptors;

/// <summary>
/// Encodes the options of one element as protoc leaves them after interpreting them: the standard
/// options of descriptor.proto become ordinary fields, serialized in field-number order; custom
/// options (extensions protoc's own descriptor pool does not know) stay unknown fields, which follow
/// the known ones in the order the options were written. Aggregate values are parsed into the option's
/// message type and serialized field by field in number order, as a dynamic message would be.
/// </summary>
internal sealed class OptionEncoder
{
    private static readonly object Gate = new();
    private static SchemaSet? _descriptorProto;

    private readonly SchemaSet _set;
    private readonly Dictionary<string, FieldDef> _extensions = new(StringComparer.Ordinal);

    public OptionEncoder(SchemaSet set)
    {
        _set = set;
        foreach (var file in set.Files)
        {
            AddExtensions(file.Extends);
            foreach (var message in file.AllMessages())
            {
                AddExtensions(message.Extends);
            }
        }
    }

    private void AddExtensions(List<ExtendDef> extends)
    {
        foreach (var extend in extends)
        {
            foreach (var field in extend.Fields)
            {
                _extensions[field.FullName] = field;
            }
        }
    }

    private static MessageDef? StandardOptions(SchemaSet set, string name)
    {
        if (set.FindType("google.protobuf." + name) is MessageDef own)
        {
            return own;
        }
        lock (Gate)
        {
            _descriptorProto ??= ProtoCompiler.CompileWithoutOptionChecks("google/protobuf/descriptor.proto");
        }
        return _descriptorProto.FindType("google.protobuf." + name) as MessageDef;
    }

    /// <summary>The serialized <c>*Options</c> message, or null when the element has no options.</summary>
    public ProtoBytes? Encode(IReadOnlyList<OptionDef> options, string optionsMessage, string scope)
    {
        if (options.Count == 0)
        {
            return null;
        }
        var target = StandardOptions(_set, optionsMessage)
            ?? throw new InvalidOperationException("descriptor.proto has no message google.protobuf." + optionsMessage + ".");
        var known = new List<(int Number, ProtoBytes Bytes)>();
        var unknown = new ProtoBytes();
        foreach (var option in options)
        {
            var parts = OptionName.Split(option.Name);
            var chain = new List<FieldDef>();
            var current = target;
            foreach (var (name, isExtension) in parts)
            {
                var field = (isExtension ? FindExtension(name, scope) : FindField(current, name))
                    ?? throw new InvalidOperationException($"Option \"{option.Name}\" does not name a field of {current.FullName}.");
                chain.Add(field);
                if (field.Type.Definition is MessageDef next)
                {
                    current = next;
                }
            }
            var record = new ProtoBytes();
            EncodeValue(record, chain[chain.Count - 1], option.Value, topLevel: true);
            for (var i = chain.Count - 2; i >= 0; i--)
            {
                var outer = new ProtoBytes();
                outer.MessageField(chain[i].Number, record);
                record = outer;
            }
            if (parts[0].IsExtension)
            {
                unknown.Raw(record);
            }
            else
            {
                known.Add((chain[0].Number, record));
            }
        }
        var result = new ProtoBytes();
        foreach (var (_, bytes) in StableSort(known))
        {
            result.Raw(bytes);
        }
        result.Raw(unknown);
        return result;
    }

    private static List<(int Number, ProtoBytes Bytes)> StableSort(List<(int Number, ProtoBytes Bytes)> items)
    {
        var indexed = new List<(int Number, int Index, ProtoBytes Bytes)>();
        for (var i = 0; i < items.Count; i++)
        {
            indexed.Add((items[i].Number, i, items[i].Bytes));
        }
        indexed.Sort((a, b) => a.Number != b.Number ? a.Number.CompareTo(b.Number) : a.Index.CompareTo(b.Index));
        return indexed.ConvertAll(x => (x.Number, x.Bytes));
    }

    /// <summary>Innermost scope first, as protobuf resolves relative names; a leading dot means fully qualified.</summary>
    private FieldDef? FindExtension(string name, string scope)
    {
        if (name.StartsWith(".", StringComparison.Ordinal))
        {
            return _extensions.TryGetValue(name.Substring(1), out var absolute) ? absolute : null;
        }
        var prefix = scope;
        while (true)
        {
            var candidate = prefix.Length == 0 ? name : prefix + "." + name;
            if (_extensions.TryGetValue(candidate, out var field))
            {
                return field;
            }
            if (prefix.Length == 0)
            {
                return null;
            }
            var dot = prefix.LastIndexOf('.');
            prefix = dot < 0 ? "" : prefix.Substring(0, dot);
        }
    }

    private static FieldDef? FindField(MessageDef message, string name)
    {
        foreach (var field in message.Fields)
        {
            if (field.Name == name)
            {
                return field;
            }
        }
        return null;
    }

    /// <summary>One value of <paramref name="field"/> with its tag; a list inside an aggregate is one record per item (packed when the field is).</summary>
    private void EncodeValue(ProtoBytes output, FieldDef field, ConstantValue value, bool topLevel)
    {
        if (value.Kind == ConstantKind.List)
        {
            if (!topLevel && field.IsPacked)
            {
                var packed = new ProtoBytes();
                foreach (var item in value.Items)
                {
                    WritePayload(packed, field, item);
                }
                output.MessageField(field.Number, packed);
                return;
            }
            foreach (var item in value.Items)
            {
                EncodeValue(output, field, item, topLevel);
            }
            return;
        }
        output.Tag(field.Number, WireType(field));
        WritePayload(output, field, value);
    }

    private static int WireType(FieldDef field) => field.Type.Kind switch
    {
        TypeKind.Message or TypeKind.Map => 2,
        TypeKind.Enum => 0,
        _ => field.Type.Scalar switch
        {
            ScalarType.String or ScalarType.Bytes => 2,
            ScalarType.Fixed32 or ScalarType.SFixed32 or ScalarType.Float => 5,
            ScalarType.Fixed64 or ScalarType.SFixed64 or ScalarType.Double => 1,
            _ => 0,
        },
    };

    private void WritePayload(ProtoBytes output, FieldDef field, ConstantValue value)
    {
        switch (field.Type.Kind)
        {
            case TypeKind.Message:
                var nested = EncodeAggregate((MessageDef)field.Type.Definition!, value);
                output.Varint((ulong)nested.Length);
                output.Raw(nested);
                return;
            case TypeKind.Enum:
                output.Varint(unchecked((ulong)(long)EnumNumber((EnumDef)field.Type.Definition!, value)));
                return;
            case TypeKind.Map:
                // A map entry is written as a message of the synthetic entry type: { key: … value: … }.
                var entry = EncodeAggregate(MapEntry(field), value);
                output.Varint((ulong)entry.Length);
                output.Raw(entry);
                return;
        }
        switch (field.Type.Scalar)
        {
            case ScalarType.String:
            case ScalarType.Bytes:
                var bytes = value.Bytes ?? Encoding.UTF8.GetBytes(value.Text);
                output.Varint((ulong)bytes.Length);
                output.Raw(bytes);
                return;
            case ScalarType.Bool:
                output.Varint(IsTrue(value) ? 1UL : 0UL);
                return;
            case ScalarType.Float:
                output.Fixed32(unchecked((uint)BitConverter.ToInt32(BitConverter.GetBytes((float)ToDouble(value)), 0)));
                return;
            case ScalarType.Double:
                output.Fixed64(unchecked((ulong)BitConverter.DoubleToInt64Bits(ToDouble(value))));
                return;
            case ScalarType.Fixed32:
            case ScalarType.SFixed32:
                output.Fixed32(unchecked((uint)ToInt64(value)));
                return;
            case ScalarType.Fixed64:
            case ScalarType.SFixed64:
                output.Fixed64(ToUInt64Bits(value));
                return;
            case ScalarType.SInt32:
                var s32 = (int)ToInt64(value);
                output.Varint((uint)((s32 << 1) ^ (s32 >> 31)));
                return;
            case ScalarType.SInt64:
                var s64 = ToInt64(value);
                output.Varint(unchecked((ulong)((s64 << 1) ^ (s64 >> 63))));
                return;
            case ScalarType.UInt32:
                output.Varint((uint)ToInt64(value));
                return;
            case ScalarType.Int32:
                output.Varint(unchecked((ulong)(long)(int)ToInt64(value)));
                return;
            default:
                output.Varint(ToUInt64Bits(value));
                return;
        }
    }

    /// <summary>Fields in number order (repeated ones keep their written order); <c>[extension]</c> keys are not encoded.</summary>
    private ProtoBytes EncodeAggregate(MessageDef type, ConstantValue aggregate)
    {
        var records = new List<(int Number, ProtoBytes Bytes)>();
        var packedLists = new Dictionary<int, (FieldDef Field, ConstantValue List)>();
        foreach (var entry in aggregate.Entries)
        {
            if (entry.Key.Text.StartsWith("[", StringComparison.Ordinal))
            {
                continue;
            }
            var field = FindField(type, entry.Key.Text)
                ?? throw new InvalidOperationException($"Message {type.FullName} has no field \"{entry.Key.Text}\".");
            if (field.IsPacked)
            {
                // Text format may spread one packed field over several entries; it is one packed record on the wire.
                if (!packedLists.TryGetValue(field.Number, out var list))
                {
                    list = (field, ConstantValue.NewList(entry.Value.Location));
                    packedLists[field.Number] = list;
                    records.Add((field.Number, new ProtoBytes()));
                }
                if (entry.Value.Kind == ConstantKind.List)
                {
                    list.List.Items.AddRange(entry.Value.Items);
                }
                else
                {
                    list.List.Items.Add(entry.Value);
                }
                continue;
            }
            if (IsImplicitDefault(field, entry.Value))
            {
                continue;
            }
            var record = new ProtoBytes();
            EncodeValue(record, field, entry.Value, topLevel: false);
            records.Add((field.Number, record));
        }
        foreach (var pair in packedLists)
        {
            var number = pair.Key;
            var (field, list) = pair.Value;
            var index = records.FindIndex(r => r.Number == number);
            var record = new ProtoBytes();
            if (list.Items.Count > 0)
            {
                EncodeValue(record, field, list, topLevel: false);
            }
            records[index] = (number, record);
        }
        var output = new ProtoBytes();
        foreach (var (_, bytes) in StableSort(records))
        {
            output.Raw(bytes);
        }
        return output;
    }

    /// <summary>A proto3 field without presence holding its zero value is not serialized, as a parsed aggregate would not be.</summary>
    private static bool IsImplicitDefault(FieldDef field, ConstantValue value)
    {
        if (field.Label != FieldLabel.Singular || field.HasPresence || field.Owner?.File?.Syntax != IdlSyntax.Proto3)
        {
            return false;
        }
        switch (field.Type.Kind)
        {
            case TypeKind.Enum:
                return EnumNumber((EnumDef)field.Type.Definition!, value) == 0;
            case TypeKind.Scalar:
                switch (field.Type.Scalar)
                {
                    case ScalarType.String:
                    case ScalarType.Bytes:
                        return (value.Bytes?.Length ?? Encoding.UTF8.GetByteCount(value.Text)) == 0;
                    case ScalarType.Bool:
                        return !IsTrue(value);
                    case ScalarType.Float:
                    case ScalarType.Double:
                        // -0.0 has a sign bit, so it is written.
                        return BitConverter.DoubleToInt64Bits(ToDouble(value)) == 0;
                    default:
                        return value.Kind == ConstantKind.Integer && value.IntegerMagnitude == 0;
                }
            default:
                return false;
        }
    }

    private static MessageDef MapEntry(FieldDef field)
    {
        var name = JsonNames.MapEntryName(field.Name);
        foreach (var nested in field.Owner?.NestedMessages ?? new List<MessageDef>())
        {
            if (nested.IsMapEntry && nested.Name == name)
            {
                return nested;
            }
        }
        throw new InvalidOperationException($"Map field {field.FullName} has no entry message {name}.");
    }

    private static int EnumNumber(EnumDef definition, ConstantValue value)
    {
        if (value.Kind == ConstantKind.Integer)
        {
            return (int)ToInt64(value);
        }
        foreach (var candidate in definition.Values)
        {
            if (candidate.Name == value.Text)
            {
                return candidate.Number;
            }
        }
        throw new InvalidOperationException($"Enum {definition.FullName} has no value \"{value.Text}\".");
    }

    private static bool IsTrue(ConstantValue value) => value.Kind switch
    {
        ConstantKind.Bool => value.BoolValue,
        ConstantKind.Integer => value.IntegerMagnitude != 0,
        _ => value.Text is "true" or "True" or "t",
    };

    private static long ToInt64(ConstantValue value) =>
        value.IsNegative ? unchecked(-(long)value.IntegerMagnitude) : unchecked((long)value.IntegerMagnitude);

    private static ulong ToUInt64Bits(ConstantValue value) => unchecked((ulong)ToInt64(value));

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
        text = text.TrimStart('-');
        var magnitude = text == "nan" ? double.NaN : text is "inf" or "infinity" ? double.PositiveInfinity
            : double.Parse(text, CultureInfo.InvariantCulture);
        return negative ? -magnitude : magnitude;
    }
}
