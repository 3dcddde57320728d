using System.Collections;
using Steward.Rpc.Schema;

namespace Steward.Rpc.Protobuf.Dynamic;

/// <summary>
/// A protobuf message whose shape comes from a <see cref="MessageDef"/> at run time instead of
/// generated code. Values are held by field number with these CLR types: int32/sint32/sfixed32 →
/// <see cref="int"/>, int64/sint64/sfixed64 → <see cref="long"/>, uint32/fixed32 → <see cref="uint"/>,
/// uint64/fixed64 → <see cref="ulong"/>, float, double, bool, string, bytes → <see cref="byte"/>[],
/// enums → <see cref="int"/> (open enums keep unknown numbers), messages → <see cref="DynamicMessage"/>.
/// Repeated fields hold a <see cref="List{T}"/> of those, maps a <see cref="Dictionary{TKey,TValue}"/>
/// in insertion order.
/// </summary>
public sealed class DynamicMessage : IEquatable<DynamicMessage>
{
    private readonly Dictionary<int, object> _values = new();
    private MemoryStream? _unknown;

    /// <summary>An empty message of <paramref name="type"/>: every field unset.</summary>
    public DynamicMessage(MessageDef type)
    {
        ArgumentNullException.ThrowIfNull(type);
        Type = type;
    }

    /// <summary>The message type from the schema that gives this message its fields.</summary>
    public MessageDef Type { get; }

    /// <summary>Fields read from the wire that the schema does not know, as raw tag+value bytes in arrival order.</summary>
    public ReadOnlySpan<byte> UnknownFields => _unknown is null ? default : _unknown.GetBuffer().AsSpan(0, (int)_unknown.Length);

    /// <summary>The field declared as <paramref name="name"/> (the original, not the JSON name), or null.</summary>
    public FieldDef? FindField(string name) => MessageInfo.Of(Type).ByName(name);

    /// <summary>The field numbered <paramref name="number"/>, or null.</summary>
    public FieldDef? FindFieldByNumber(int number) => MessageInfo.Of(Type).ByNumber(number);

    /// <summary>The field whose JSON name or original name is <paramref name="name"/> (JSON input accepts both).</summary>
    public FieldDef? FindFieldByJsonName(string name) => MessageInfo.Of(Type).ByJsonName(name);

    /// <summary>Fields in field-number order, as protobuf serializes and prints them.</summary>
    public IReadOnlyList<FieldDef> FieldsByNumber => MessageInfo.Of(Type).SortedFields;

    /// <summary>True when <paramref name="field"/> holds a value; an empty repeated or map field counts as unset.</summary>
    public bool Has(FieldDef field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return _values.TryGetValue(field.Number, out var value) && value switch
        {
            IList list => list.Count > 0,
            IDictionary map => map.Count > 0,
            _ => true,
        };
    }

    /// <summary>The stored value (a list for repeated fields, a dictionary for maps), or null when unset.</summary>
    public object? Get(FieldDef field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return _values.TryGetValue(field.Number, out var value) ? value : null;
    }

    /// <summary>The value, or the field's default (0, "", empty bytes, first enum value's number 0) when unset; null for unset messages.</summary>
    public object? GetOrDefault(FieldDef field) => Get(field) ?? DefaultValue(field.Type);

    /// <summary>Sets a singular field; setting one member of a oneof clears the others.</summary>
    public void Set(FieldDef field, object value)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(value);
        if (field.Oneof is { } oneof)
        {
            foreach (var member in oneof.Fields)
            {
                if (member.Number != field.Number)
                {
                    _values.Remove(member.Number);
                }
            }
        }
        _values[field.Number] = value;
    }

    /// <summary>Unsets <paramref name="field"/>.</summary>
    public void Clear(FieldDef field)
    {
        ArgumentNullException.ThrowIfNull(field);
        _values.Remove(field.Number);
    }

    /// <summary>The values of a repeated field, created empty (and stored) when unset, so callers can add to it.</summary>
    public List<object> GetRepeated(FieldDef field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (!_values.TryGetValue(field.Number, out var value))
        {
            value = new List<object>();
            _values[field.Number] = value;
        }
        return (List<object>)value;
    }

    /// <summary>The entries of a map field, created empty (and stored) when unset, so callers can add to it.</summary>
    public Dictionary<object, object> GetMap(FieldDef field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (!_values.TryGetValue(field.Number, out var value))
        {
            value = new Dictionary<object, object>();
            _values[field.Number] = value;
        }
        return (Dictionary<object, object>)value;
    }

    /// <summary>The nested message in <paramref name="field"/>, created empty when unset.</summary>
    public DynamicMessage GetOrCreateMessage(FieldDef field)
    {
        if (Get(field) is DynamicMessage existing)
        {
            return existing;
        }
        var created = new DynamicMessage(MessageTypeOf(field.Type));
        Set(field, created);
        return created;
    }

    /// <summary>Keeps an unknown field's raw tag and value bytes; they are written back after the known fields.</summary>
    public void AppendUnknown(ReadOnlySpan<byte> rawField)
    {
        _unknown ??= new MemoryStream();
        _unknown.Write(rawField);
    }

    /// <summary>
    /// Whether the field goes on the wire / into text and JSON: set, and for fields without
    /// presence (proto3 implicit) not equal to the default — as protobuf's serializers decide.
    /// </summary>
    public bool IsPopulated(FieldDef field)
    {
        if (!_values.TryGetValue(field.Number, out var value))
        {
            return false;
        }
        return value switch
        {
            IList list => list.Count > 0,
            IDictionary map => map.Count > 0,
            _ => field.HasPresence || !IsDefault(value),
        };
    }

    internal static bool IsDefault(object value) => value switch
    {
        int i => i == 0,
        long l => l == 0,
        uint u => u == 0,
        ulong ul => ul == 0,
        bool b => !b,
        // -0.0 is not the default: protobuf compares the bits.
        float f => BitConverter.SingleToUInt32Bits(f) == 0,
        double d => BitConverter.DoubleToUInt64Bits(d) == 0,
        string s => s.Length == 0,
        byte[] bytes => bytes.Length == 0,
        _ => false,
    };

    internal static MessageDef MessageTypeOf(TypeRef type) =>
        type.Definition as MessageDef ?? throw new InvalidOperationException($"Type '{type}' is not a resolved message type.");

    /// <summary>The value an unset field reads as; null for messages.</summary>
    public static object? DefaultValue(TypeRef type) => type.Kind switch
    {
        TypeKind.Enum => 0,
        TypeKind.Scalar => type.Scalar switch
        {
            ScalarType.Int32 or ScalarType.SInt32 or ScalarType.SFixed32 => 0,
            ScalarType.Int64 or ScalarType.SInt64 or ScalarType.SFixed64 => 0L,
            ScalarType.UInt32 or ScalarType.Fixed32 => 0U,
            ScalarType.UInt64 or ScalarType.Fixed64 => 0UL,
            ScalarType.Float => 0f,
            ScalarType.Double => 0d,
            ScalarType.Bool => false,
            ScalarType.String => "",
            ScalarType.Bytes => Array.Empty<byte>(),
            _ => null,
        },
        _ => null,
    };

    /// <summary>True when <paramref name="other"/> has the same type, the same populated fields with equal values, and the same unknown bytes.</summary>
    public bool Equals(DynamicMessage? other)
    {
        if (other is null || !ReferenceEquals(Type, other.Type) && Type.FullName != other.Type.FullName)
        {
            return false;
        }
        foreach (var field in FieldsByNumber)
        {
            var populated = IsPopulated(field);
            if (populated != other.IsPopulated(field))
            {
                return false;
            }
            if (populated && !ValueEquals(Get(field)!, other.Get(field)!))
            {
                return false;
            }
        }
        return UnknownFields.SequenceEqual(other.UnknownFields);
    }

    /// <summary>True when <paramref name="obj"/> is an equal <see cref="DynamicMessage"/>.</summary>
    public override bool Equals(object? obj) => Equals(obj as DynamicMessage);

    /// <summary>A coarse hash (type name and number of stored fields), consistent with equality.</summary>
    public override int GetHashCode() => HashCode.Combine(Type.FullName, _values.Count);

    /// <summary>The message in protobuf text format, as <c>protoc --decode</c> prints it.</summary>
    public override string ToString() => ProtoTextFormat.Format(this);

    internal static bool ValueEquals(object left, object right)
    {
        switch (left)
        {
            case byte[] a:
                return right is byte[] bytesB && a.AsSpan().SequenceEqual(bytesB);
            case IList a when right is IList listB:
                if (a.Count != listB.Count)
                {
                    return false;
                }
                for (var i = 0; i < a.Count; i++)
                {
                    if (!ValueEquals(a[i]!, listB[i]!))
                    {
                        return false;
                    }
                }
                return true;
            case IDictionary a when right is IDictionary mapB:
                if (a.Count != mapB.Count)
                {
                    return false;
                }
                foreach (DictionaryEntry entry in a)
                {
                    if (!mapB.Contains(entry.Key) || !ValueEquals(entry.Value!, mapB[entry.Key]!))
                    {
                        return false;
                    }
                }
                return true;
            default:
                return left.Equals(right);
        }
    }
}
