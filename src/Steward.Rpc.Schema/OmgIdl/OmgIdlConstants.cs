using System.Numerics;

namespace Steward.Rpc.Schema.OmgIdl;

/// <summary>What a constant expression evaluated to.</summary>
internal enum OmgIdlValueKind
{
    Integer,
    Float,
    Char,
    WChar,
    String,
    WString,
    Bool,
    Enumerator,
}

/// <summary>The value of a constant expression: integers exact, floats as doubles, enumerators with their enum.</summary>
internal sealed class OmgIdlValue
{
    public OmgIdlValue(OmgIdlValueKind kind)
    {
        Kind = kind;
    }

    public OmgIdlValueKind Kind { get; }
    public BigInteger Integer { get; set; }
    public double Float { get; set; }
    /// <summary>A string's or character's text.</summary>
    public string Text { get; set; } = "";
    public bool Bool { get; set; }
    public EnumValueDef? Enumerator { get; set; }

    public bool IsNumber => Kind == OmgIdlValueKind.Integer || Kind == OmgIdlValueKind.Float;

    public static OmgIdlValue OfInteger(BigInteger value) => new(OmgIdlValueKind.Integer) { Integer = value };

    public static OmgIdlValue OfFloat(double value) => new(OmgIdlValueKind.Float) { Float = value };

    public string Describe() => Kind switch
    {
        OmgIdlValueKind.Integer => "integer " + Integer,
        OmgIdlValueKind.Float => "floating-point value " + Float.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        OmgIdlValueKind.Char => "character literal",
        OmgIdlValueKind.WChar => "wide character literal",
        OmgIdlValueKind.String => "string literal",
        OmgIdlValueKind.WString => "wide string literal",
        OmgIdlValueKind.Bool => "boolean " + (Bool ? "TRUE" : "FALSE"),
        _ => "enumerator " + Enumerator?.FullName,
    };
}

/// <summary>The ranges of IDL's integer types and the conversion of an evaluated constant to its declared type.</summary>
internal static class OmgIdlConstants
{
    /// <summary>The inclusive range of an integer scalar, or false when it is not one.</summary>
    public static bool IntegerRange(ScalarType scalar, out BigInteger min, out BigInteger max)
    {
        (min, max) = scalar switch
        {
            ScalarType.Int16 => (short.MinValue, short.MaxValue),
            ScalarType.UInt16 => (ushort.MinValue, ushort.MaxValue),
            ScalarType.Int32 => (int.MinValue, int.MaxValue),
            ScalarType.UInt32 => (uint.MinValue, uint.MaxValue),
            ScalarType.Int64 => (long.MinValue, long.MaxValue),
            ScalarType.UInt64 => (ulong.MinValue, ulong.MaxValue),
            ScalarType.Byte => (byte.MinValue, byte.MaxValue),
            _ => (BigInteger.One, BigInteger.Zero),
        };
        return min <= max;
    }

    public static string IdlName(TypeRef type)
    {
        if (type.Alias != null)
        {
            return type.Alias.FullName.Replace(".", "::");
        }
        if (type.Kind == TypeKind.Enum || type.Kind == TypeKind.Message)
        {
            return type.Definition?.FullName.Replace(".", "::") ?? "?";
        }
        return type.Scalar switch
        {
            ScalarType.Int16 => "short",
            ScalarType.UInt16 => "unsigned short",
            ScalarType.Int32 => "long",
            ScalarType.UInt32 => "unsigned long",
            ScalarType.Int64 => "long long",
            ScalarType.UInt64 => "unsigned long long",
            ScalarType.Byte => "octet",
            ScalarType.Bool => "boolean",
            ScalarType.Char => "char",
            ScalarType.WChar => "wchar",
            ScalarType.String => "string",
            ScalarType.WString => "wstring",
            ScalarType.Float => "float",
            ScalarType.Double => "double",
            ScalarType.Any => "any",
            _ => type.ToString(),
        };
    }

    /// <summary>
    /// Converts <paramref name="value"/> to the model's literal for <paramref name="type"/>, or returns
    /// null with <paramref name="error"/> saying why it does not fit. Characters become one-character
    /// strings; enumerators become their simple names as identifiers.
    /// </summary>
    public static ConstantValue? Convert(OmgIdlValue value, TypeRef type, SourceLocation location, out string error)
    {
        error = "";
        var name = IdlName(type);
        if (type.Kind == TypeKind.Enum)
        {
            if (value.Kind == OmgIdlValueKind.Enumerator && value.Enumerator?.Owner == type.Definition)
            {
                return ConstantValue.FromIdentifier(value.Enumerator!.Name, location);
            }
            error = $"{Capital(value.Describe())} is not an enumerator of {name}.";
            return null;
        }
        if (type.Kind != TypeKind.Scalar)
        {
            error = $"A constant cannot have type {name}.";
            return null;
        }
        if (IntegerRange(type.Scalar, out var min, out var max))
        {
            if (value.Kind != OmgIdlValueKind.Integer)
            {
                error = $"{Capital(value.Describe())} is not an integer, as {name} needs.";
                return null;
            }
            if (value.Integer < min || value.Integer > max)
            {
                error = $"Value {value.Integer} is out of range for {name} ({min} to {max}).";
                return null;
            }
            return ConstantValue.FromInteger((ulong)BigInteger.Abs(value.Integer), value.Integer.Sign < 0, location);
        }
        switch (type.Scalar)
        {
            case ScalarType.Float:
            case ScalarType.Double:
                if (!value.IsNumber)
                {
                    error = $"{Capital(value.Describe())} is not a number, as {name} needs.";
                    return null;
                }
                // omniidl does not range-check floating-point constants: beyond float's range is infinity.
                var real = value.Kind == OmgIdlValueKind.Float ? value.Float : (double)value.Integer;
                return ConstantValue.FromFloat(real, location);
            case ScalarType.Bool:
                if (value.Kind != OmgIdlValueKind.Bool)
                {
                    error = $"{Capital(value.Describe())} is not TRUE or FALSE, as boolean needs.";
                    return null;
                }
                return ConstantValue.FromBool(value.Bool, location);
            case ScalarType.Char:
            case ScalarType.WChar:
                var wantWide = type.Scalar == ScalarType.WChar;
                if (value.Kind != (wantWide ? OmgIdlValueKind.WChar : OmgIdlValueKind.Char))
                {
                    error = $"{Capital(value.Describe())} is not a {(wantWide ? "wide " : "")}character literal, as {name} needs.";
                    return null;
                }
                return ConstantValue.FromString(value.Text, location);
            case ScalarType.String:
            case ScalarType.WString:
                var wide = type.Scalar == ScalarType.WString;
                if (value.Kind != (wide ? OmgIdlValueKind.WString : OmgIdlValueKind.String))
                {
                    error = $"{Capital(value.Describe())} is not a {(wide ? "wide " : "")}string literal, as {name} needs.";
                    return null;
                }
                if (type.Bound is int bound && value.Text.Length > bound)
                {
                    error = $"String of {value.Text.Length} characters is longer than the bound {bound} of {name}.";
                    return null;
                }
                return ConstantValue.FromString(value.Text, location);
        }
        error = $"A constant cannot have type {name}.";
        return null;
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
}
