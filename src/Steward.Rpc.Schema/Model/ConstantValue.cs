using System.Collections.Generic;
using System.Globalization;

namespace Steward.Rpc.Schema;

/// <summary>Which kind of literal a <see cref="ConstantValue"/> holds.</summary>
public enum ConstantKind
{
    /// <c>true</c> or <c>false</c>.
    Bool,
    /// <summary>An integer, kept as a magnitude and a sign so every 64-bit value, signed or not, fits.</summary>
    Integer,
    /// <summary>A floating-point number.</summary>
    Float,
    /// <summary>A string literal, decoded.</summary>
    String,
    /// <summary>A bare identifier: an enum value name, <c>inf</c>, <c>nan</c>, a constant's name.</summary>
    Identifier,
    /// <summary>A Thrift list or set literal: <c>[a, b]</c>.</summary>
    List,
    /// <summary>A Thrift map literal: <c>{k: v}</c>.</summary>
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

    /// <summary>Which kind of literal this is; it says which of the value properties is meaningful.</summary>
    public ConstantKind Kind { get; }
    /// <summary>Where the literal is written.</summary>
    public SourceLocation Location { get; }
    /// <summary>The value of a <see cref="ConstantKind.Bool"/> literal.</summary>
    public bool BoolValue { get; private set; }
    /// <summary>Integers keep their sign separately so uint64 max and int64 min both fit.</summary>
    public ulong IntegerMagnitude { get; private set; }
    /// <summary>True for an integer literal written with a minus sign.</summary>
    public bool IsNegative { get; private set; }
    /// <summary>The value of a <see cref="ConstantKind.Float"/> literal.</summary>
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

    /// <summary>A boolean literal.</summary>
    public static ConstantValue FromBool(bool value, SourceLocation location) =>
        new(ConstantKind.Bool, location) { BoolValue = value, Text = value ? "true" : "false" };

    /// <summary>An integer literal of <paramref name="magnitude"/>, negated when <paramref name="negative"/>.</summary>
    public static ConstantValue FromInteger(ulong magnitude, bool negative, SourceLocation location) =>
        new(ConstantKind.Integer, location)
        {
            IntegerMagnitude = magnitude,
            IsNegative = negative && magnitude != 0,
            Text = (negative && magnitude != 0 ? "-" : "") + magnitude.ToString(CultureInfo.InvariantCulture),
        };

    /// <summary>A floating-point literal.</summary>
    public static ConstantValue FromFloat(double value, SourceLocation location) =>
        new(ConstantKind.Float, location) { FloatValue = value, Text = value.ToString("R", CultureInfo.InvariantCulture) };

    /// <summary>A string literal whose text is <paramref name="value"/>.</summary>
    public static ConstantValue FromString(string value, SourceLocation location) =>
        new(ConstantKind.String, location) { Text = value };

    /// <summary>A string literal with its raw bytes; <paramref name="value"/> is their UTF-8 reading.</summary>
    public static ConstantValue FromString(string value, byte[] bytes, SourceLocation location) =>
        new(ConstantKind.String, location) { Text = value, Bytes = bytes };

    /// <summary>A bare identifier (an enum value or another constant's name), resolved by the checker.</summary>
    public static ConstantValue FromIdentifier(string name, SourceLocation location) =>
        new(ConstantKind.Identifier, location) { Text = name };

    /// <summary>An empty list literal; the parser adds to <see cref="Items"/>.</summary>
    public static ConstantValue NewList(SourceLocation location) => new(ConstantKind.List, location);
    /// <summary>An empty map literal; the parser adds to <see cref="Entries"/>.</summary>
    public static ConstantValue NewMap(SourceLocation location) => new(ConstantKind.Map, location);
    /// <summary>An empty proto aggregate option value (<c>{ a: 1 b: "x" }</c>); the parser adds to <see cref="Entries"/>.</summary>
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

    /// <summary>The literal in IDL spelling, for messages.</summary>
    public override string ToString() => Kind switch
    {
        ConstantKind.String => "\"" + Text + "\"",
        ConstantKind.List => "[" + string.Join(", ", Items) + "]",
        ConstantKind.Map or ConstantKind.Aggregate => "{" + string.Join(", ", Entries.ConvertAll(e => e.Key + ": " + e.Value)) + "}",
        _ => Text,
    };
}
