using System.Runtime.CompilerServices;
using Steward.Rpc.Schema;

namespace Steward.Rpc.Protobuf.Dynamic;

/// <summary>Lookup tables for one message type, built once per <see cref="MessageDef"/>.</summary>
internal sealed class MessageInfo
{
    private static readonly ConditionalWeakTable<MessageDef, MessageInfo> Cache = new();

    private readonly Dictionary<int, FieldDef> _byNumber = new();
    private readonly Dictionary<string, FieldDef> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FieldDef> _byJsonName = new(StringComparer.Ordinal);

    private MessageInfo(MessageDef type)
    {
        var sorted = new List<FieldDef>(type.Fields);
        sorted.Sort((a, b) => a.Number.CompareTo(b.Number));
        SortedFields = sorted;
        foreach (var field in type.Fields)
        {
            _byNumber.TryAdd(field.Number, field);
            _byName.TryAdd(field.Name, field);
            _byJsonName.TryAdd(string.IsNullOrEmpty(field.JsonName) ? field.Name : field.JsonName, field);
        }
        // Original names are accepted too, but a JSON name wins when the two collide.
        foreach (var field in type.Fields)
        {
            _byJsonName.TryAdd(field.Name, field);
        }
    }

    public IReadOnlyList<FieldDef> SortedFields { get; }

    public static MessageInfo Of(MessageDef type) => Cache.GetValue(type, static t => new MessageInfo(t));

    public FieldDef? ByNumber(int number) => _byNumber.GetValueOrDefault(number);
    public FieldDef? ByName(string name) => _byName.GetValueOrDefault(name);
    public FieldDef? ByJsonName(string name) => _byJsonName.GetValueOrDefault(name);

    /// <summary>The enum value named <paramref name="name"/>, or null.</summary>
    public static EnumValueDef? EnumValue(EnumDef type, string name)
    {
        foreach (var value in type.Values)
        {
            if (value.Name == name)
            {
                return value;
            }
        }
        return null;
    }

    /// <summary>The first value declared with <paramref name="number"/> (aliases print as the first name, like protoc).</summary>
    public static EnumValueDef? EnumValue(EnumDef type, int number)
    {
        foreach (var value in type.Values)
        {
            if (value.Number == number)
            {
                return value;
            }
        }
        return null;
    }
}
