namespace Steward.Rpc.Corba;

/// <summary>
/// An IDL <c>any</c>: a <see cref="TypeCode"/> and a value of that type. The value model:
/// <list type="bullet">
/// <item>basic kinds are their CLR values: short, int (long), ushort, uint (unsigned long), long (long long),
/// ulong, float, double, bool, char (char and wchar), byte (octet), string (string and wstring);
/// tk_null and tk_void hold null;</item>
/// <item>tk_any holds a nested <see cref="CorbaAny"/>, tk_TypeCode a <see cref="TypeCode"/>, tk_objref a
/// <see cref="CorbaObjectReference"/>;</item>
/// <item>a struct or exception is a <see cref="CorbaStructValue"/>, an enum a <see cref="CorbaEnumValue"/>, a union a
/// <see cref="CorbaUnionValue"/>;</item>
/// <item>a sequence or array is a CLR array: typed (int[], byte[], string[], ...) when its element type is basic
/// (after aliases), object?[] otherwise; writing accepts any CLR array whose elements fit;</item>
/// <item>an alias holds the value of the type it names; the any keeps the alias TypeCode (as omniORB sends it).</item>
/// </list>
/// A value that does not fit its TypeCode is a BAD_PARAM when written; reading is bounded (depth of nested
/// TypeCodes, anys and constructed values by <see cref="CdrLimits.MaxDepth"/>, element counts by the bytes left).
/// </summary>
public sealed partial class CorbaAny
{
    /// <summary>An any of <paramref name="type"/> holding <paramref name="value"/> (checked when it is written).</summary>
    public CorbaAny(TypeCode type, object? value)
    {
        Type = type ?? throw new ArgumentNullException(nameof(type));
        Value = value;
    }

    /// <summary>An any holding nothing (tk_null), as a default-constructed CORBA::Any.</summary>
    public static CorbaAny Empty { get; } = new(TypeCode.Null, null);

    /// <summary>The TypeCode.</summary>
    public TypeCode Type { get; }

    /// <summary>The value, in the model described on <see cref="CorbaAny"/>.</summary>
    public object? Value { get; }

    /// <summary>A short.</summary>
    public static CorbaAny FromShort(short value) => new(TypeCode.Short, value);

    /// <summary>A long (32 bits).</summary>
    public static CorbaAny FromLong(int value) => new(TypeCode.Long, value);

    /// <summary>An unsigned short.</summary>
    public static CorbaAny FromUShort(ushort value) => new(TypeCode.UShort, value);

    /// <summary>An unsigned long.</summary>
    public static CorbaAny FromULong(uint value) => new(TypeCode.ULong, value);

    /// <summary>A long long.</summary>
    public static CorbaAny FromLongLong(long value) => new(TypeCode.LongLong, value);

    /// <summary>An unsigned long long.</summary>
    public static CorbaAny FromULongLong(ulong value) => new(TypeCode.ULongLong, value);

    /// <summary>A float.</summary>
    public static CorbaAny FromFloat(float value) => new(TypeCode.Float, value);

    /// <summary>A double.</summary>
    public static CorbaAny FromDouble(double value) => new(TypeCode.Double, value);

    /// <summary>A boolean.</summary>
    public static CorbaAny FromBoolean(bool value) => new(TypeCode.Boolean, value);

    /// <summary>A char.</summary>
    public static CorbaAny FromChar(char value) => new(TypeCode.Char, value);

    /// <summary>A wchar.</summary>
    public static CorbaAny FromWChar(char value) => new(TypeCode.WChar, value);

    /// <summary>An octet.</summary>
    public static CorbaAny FromOctet(byte value) => new(TypeCode.Octet, value);

    /// <summary>An unbounded string.</summary>
    public static CorbaAny FromString(string value) => new(TypeCode.String, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>An unbounded wstring.</summary>
    public static CorbaAny FromWString(string value) => new(TypeCode.WString, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>An any inside an any.</summary>
    public static CorbaAny FromAny(CorbaAny value) => new(TypeCode.Any, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>A TypeCode.</summary>
    public static CorbaAny FromTypeCode(TypeCode value) => new(TypeCode.OfTypeCode, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>An object reference, typed <paramref name="type"/> (default CORBA::Object).</summary>
    public static CorbaAny FromObject(CorbaObjectReference? value, TypeCode? type = null) => new(type ?? TypeCode.Object, value ?? CorbaObjectReference.Nil);

    /// <summary>A struct (or exception) of <paramref name="type"/> (possibly an alias of one) with its member values in declaration order.</summary>
    public static CorbaAny FromStruct(TypeCode type, params object?[] members) => new(type, new CorbaStructValue(type, members));

    /// <summary>Enumerator <paramref name="value"/> of the enum <paramref name="type"/>.</summary>
    public static CorbaAny FromEnum(TypeCode type, uint value) => new(type, new CorbaEnumValue(type, value));

    /// <summary>A sequence or array of <paramref name="type"/> (possibly an alias, such as LongSeq): a CLR array of its elements.</summary>
    public static CorbaAny FromArray(TypeCode type, Array values) => new(type, values ?? throw new ArgumentNullException(nameof(values)));

    /// <summary>The value as <typeparamref name="T"/> (CORBA's extraction, <c>&gt;&gt;=</c>); BAD_PARAM when it is something else.</summary>
    public T Get<T>() => Value is T typed ? typed : throw CorbaSystemException.BadParam($"The any holds {Type}, not a {typeof(T).Name}.");

    /// <summary>Writes <paramref name="value"/> (null writes an empty any): its TypeCode, then the value. A value that does not fit is a BAD_PARAM.</summary>
    public static void Write(CdrOutputStream output, CorbaAny value) => Write(output, value, 0);

    /// <summary>Reads an any: its TypeCode, then a value of that type. Malformed or unbounded input is a MARSHAL.</summary>
    public static CorbaAny Read(CdrInputStream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Read(input, 0, new AnyValueCdr.Budget(input.Limits.MaxSequenceLength));
    }

    internal static void Write(CdrOutputStream output, CorbaAny? value, int depth)
    {
        ArgumentNullException.ThrowIfNull(output);
        value ??= Empty;
        TypeCode.Write(output, value.Type);
        AnyValueCdr.Write(output, value.Type, value.Value, depth);
    }

    internal static CorbaAny Read(CdrInputStream input, int depth, AnyValueCdr.Budget budget)
    {
        var type = TypeCode.Read(input, depth);
        return new CorbaAny(type, AnyValueCdr.Read(input, type, depth, budget));
    }

    /// <summary>Equal when the TypeCodes are equal and the values are (arrays element by element).</summary>
    public override bool Equals(object? obj) => obj is CorbaAny other && Type.Equal(other.Type) && ValueEquals(Value, other.Value);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type.Kind, Type.Id);

    /// <summary><c>tk_long: 5</c>.</summary>
    public override string ToString() => $"{Type}: {FormatValue(Value)}";

    internal static bool ValueEquals(object? a, object? b)
    {
        if (a is Array left && b is Array right)
        {
            if (left.Length != right.Length)
            {
                return false;
            }
            for (var i = 0; i < left.Length; i++)
            {
                if (!ValueEquals(left.GetValue(i), right.GetValue(i)))
                {
                    return false;
                }
            }
            return true;
        }
        return (a, b) switch
        {
            (TypeCode x, TypeCode y) => x.Equal(y),
            (CorbaObjectReference x, CorbaObjectReference y) => x.TypeId == y.TypeId && x.Profiles.Count == y.Profiles.Count
                && x.Profiles.Zip(y.Profiles).All(pair => pair.First.Tag == pair.Second.Tag && pair.First.Data.AsSpan().SequenceEqual(pair.Second.Data)),
            _ => Equals(a, b),
        };
    }

    internal static string FormatValue(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        Array array => "[" + string.Join(", ", array.Cast<object?>().Select(FormatValue)) + "]",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
