namespace Steward.Rpc.Corba;

/// <summary>
/// The value of a struct or user exception in an any: its TypeCode and one value per member, in
/// declaration order, each in the any value model (see <see cref="CorbaAny"/>).
/// </summary>
public sealed class CorbaStructValue
{
    private readonly object?[] _members;

    /// <summary>A value of <paramref name="type"/> (a tk_struct or tk_except, possibly aliased) with <paramref name="members"/>.</summary>
    public CorbaStructValue(TypeCode type, params object?[] members)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(members);
        var actual = type.Unaliased();
        if (actual.Kind is not (TCKind.Struct or TCKind.Except) || actual.MemberCount != members.Length)
        {
            throw CorbaSystemException.BadParam($"{type} does not describe a struct of {members.Length} members.");
        }
        Type = type;
        _members = members;
    }

    /// <summary>The struct's TypeCode.</summary>
    public TypeCode Type { get; }

    /// <summary>The member values.</summary>
    public IReadOnlyList<object?> Members => _members;

    /// <summary>The value of the member named <paramref name="name"/>.</summary>
    public object? this[string name]
    {
        get
        {
            var names = Type.Unaliased().MemberNames;
            for (var i = 0; i < names.Count; i++)
            {
                if (names[i] == name)
                {
                    return _members[i];
                }
            }
            throw new KeyNotFoundException($"{Type} has no member '{name}'.");
        }
    }

    /// <summary>Equal when the TypeCodes are equivalent and every member value is equal (arrays element by element).</summary>
    public override bool Equals(object? obj) =>
        obj is CorbaStructValue other && Type.Equivalent(other.Type) && CorbaAny.ValueEquals(_members, other._members);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type.Unaliased().Id, _members.Length);

    /// <summary><c>{1, 2}</c>.</summary>
    public override string ToString() => "{" + string.Join(", ", _members.Select(CorbaAny.FormatValue)) + "}";
}

/// <summary>The value of an enum in an any: its TypeCode and the enumerator's index.</summary>
public sealed class CorbaEnumValue
{
    /// <summary>Enumerator <paramref name="value"/> of <paramref name="type"/> (a tk_enum, possibly aliased); an index out of range is a BAD_PARAM.</summary>
    public CorbaEnumValue(TypeCode type, uint value)
    {
        ArgumentNullException.ThrowIfNull(type);
        var actual = type.Unaliased();
        if (actual.Kind != TCKind.Enum || value >= (uint)actual.MemberCount)
        {
            throw CorbaSystemException.BadParam($"{value} is not an enumerator of {type}.");
        }
        Type = type;
        Value = value;
    }

    /// <summary>The enum's TypeCode.</summary>
    public TypeCode Type { get; }

    /// <summary>The enumerator's index.</summary>
    public uint Value { get; }

    /// <summary>The enumerator's name.</summary>
    public string Name => Type.Unaliased().MemberNames[(int)Value];

    /// <summary>Equal when the TypeCodes are equivalent and the indexes equal.</summary>
    public override bool Equals(object? obj) => obj is CorbaEnumValue other && Value == other.Value && Type.Equivalent(other.Type);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type.Unaliased().Id, Value);

    /// <summary>The enumerator's name.</summary>
    public override string ToString() => Name;
}

/// <summary>
/// The value of a union in an any: its TypeCode, the discriminator (a CLR value of the discriminator type,
/// or a <see cref="CorbaEnumValue"/> for an enum discriminator) and the value of the member it selects (null
/// when it selects none).
/// </summary>
public sealed class CorbaUnionValue
{
    /// <summary>A value of <paramref name="type"/> (a tk_union, possibly aliased).</summary>
    public CorbaUnionValue(TypeCode type, object discriminator, object? value)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(discriminator);
        var actual = type.Unaliased();
        if (actual.Kind != TCKind.Union)
        {
            throw CorbaSystemException.BadParam($"{type} is not a union.");
        }
        Type = type;
        Discriminator = discriminator;
        Value = value;
        MemberIndex = AnyValueCdr.SelectMember(actual, discriminator);
    }

    /// <summary>The union's TypeCode.</summary>
    public TypeCode Type { get; }

    /// <summary>The discriminator's value.</summary>
    public object Discriminator { get; }

    /// <summary>The selected member's value (null when no member is selected).</summary>
    public object? Value { get; }

    /// <summary>The selected member's index, or -1 when the discriminator selects none.</summary>
    public int MemberIndex { get; }

    /// <summary>Equal when the TypeCodes are equivalent and discriminator and value are equal.</summary>
    public override bool Equals(object? obj) => obj is CorbaUnionValue other && Type.Equivalent(other.Type)
        && CorbaAny.ValueEquals(Discriminator, other.Discriminator) && CorbaAny.ValueEquals(Value, other.Value);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type.Unaliased().Id, MemberIndex);

    /// <summary><c>(2) value</c>.</summary>
    public override string ToString() => $"({CorbaAny.FormatValue(Discriminator)}) {CorbaAny.FormatValue(Value)}";
}
