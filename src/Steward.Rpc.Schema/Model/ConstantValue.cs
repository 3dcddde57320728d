using System.Collections.Generic;
using System.Globalization;

namespace Steward.Rpc.Schema;

public enum ConstantKind
{
    Bool,
    Integer,
    Float,
    String,
    /// <summary>A bare identifier: an enum value name, <c>inf</c>, <c>nan</c>, a constant's name.</summary>
    Identifier,
    List,
    Map,
    /// <summary>proto text-format aggregate <c>{ a: 1 b: "x" }</c> used in custom options.</summary>
    Aggregate,
}

/// <summary>A literal from the IDL: option values, defaults, Thrift/Slice constants.</summary>
public sealed class ConstantValue
{
    private ConstantValue(ConstantKind kind, SourceLocation location)
    {
        Kind = kind;
        Location = location;
    }

    public ConstantKind Kind { get; }
    public SourceLocation Location { get; }
    public bool BoolValue { get; private set; }
    /// <summary>Integers keep their sign separately so uint64 max and int64 min both fit.</summary>
    public ulong IntegerMagnitude { get; private set; }
    public bool IsNegative { get; private set; }
    public double FloatValue { get; private set; }
    /// <summary>String contents (escapes decoded), or the identifier text.</summary>
    public string Text { get; private set; } = "";
    /// <summary>List elements.</summary>
    public List<ConstantValue> Items { get; } = new();
    /// <summary>Map entries or aggregate fields (key is an identifier/string constant).</summary>
    public List<KeyValuePair<ConstantValue, ConstantValue>> Entries { get; } = new();
    /// <summary>The literal's bytes for strings (proto strings are byte strings: <c>"\xff"</c> is one byte 0xFF, not UTF-8).</summary>
    public byte[]? Bytes { get; private set; }
    /// <summary>The value exactly as it appears in the source (set for aggregates and lists, e.g. <c>{ a: 1 b: [1, 2] }</c>).</summary>
    public string? SourceText { get; set; }

    public static ConstantValue FromBool(bool value, SourceLocation location) =>
        new(ConstantKind.Bool, location) { BoolValue = value, Text = value ? "true" : "false" };

    public static ConstantValue FromInteger(ulong magnitude, bool negative, SourceLocation location) =>
        new(ConstantKind.Integer, location)
        {
            IntegerMagnitude = magnitude,
            IsNegative = negative && magnitude != 0,
            Text = (negative && magnitude != 0 ? "-" : "") + magnitude.ToString(CultureInfo.InvariantCulture),
        };

    public static ConstantValue FromFloat(double value, SourceLocation location) =>
        new(ConstantKind.Float, location) { FloatValue = value, Text = value.ToString("R", CultureInfo.InvariantCulture) };

    public static ConstantValue FromString(string value, SourceLocation location) =>
        new(ConstantKind.String, location) { Text = value };

    /// <summary>A string literal with its raw bytes; <paramref name="value"/> is their UTF-8 reading.</summary>
    public static ConstantValue FromString(string value, byte[] bytes, SourceLocation location) =>
        new(ConstantKind.String, location) { Text = value, Bytes = bytes };

    public static ConstantValue FromIdentifier(string name, SourceLocation location) =>
        new(ConstantKind.Identifier, location) { Text = name };

    public static ConstantValue NewList(SourceLocation location) => new(ConstantKind.List, location);
    public static ConstantValue NewMap(SourceLocation location) => new(ConstantKind.Map, location);
    public static ConstantValue NewAggregate(SourceLocation location) => new(ConstantKind.Aggregate, location);

    /// <summary>The value as a signed 64-bit integer when it fits.</summary>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        if (Kind != ConstantKind.Integer)
        {
            return false;
        }
        if (IsNegative)
        {
            if (IntegerMagnitude > 9223372036854775808UL)
            {
                return false;
            }
            value = unchecked(-(long)IntegerMagnitude);
            return true;
        }
        if (IntegerMagnitude > long.MaxValue)
        {
            return false;
        }
        value = (long)IntegerMagnitude;
        return true;
    }

    public override string ToString() => Kind switch
    {
        ConstantKind.String => "\"" + Text + "\"",
        ConstantKind.List => "[" + string.Join(", ", Items) + "]",
        ConstantKind.Map or ConstantKind.Aggregate => "{" + string.Join(", ", Entries.ConvertAll(e => e.Key + ": " + e.Value)) + "}",
        _ => Text,
    };
}
