namespace Steward.Rpc.Corba;

public sealed partial class TypeCode
{
    /// <summary>
    /// CORBA's <c>equal</c>: the same kind and the same parameters, names and repository ids included, aliases
    /// kept. Recursive TypeCodes compare equal when they unfold alike.
    /// </summary>
    public bool Equal(TypeCode other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Compare(this, other, equivalent: false, new HashSet<(TypeCode, TypeCode)>(PairComparer.Instance));
    }

    /// <summary>
    /// CORBA's <c>equivalent</c>: equal once aliases are removed at every level, ignoring names and member names;
    /// two TypeCodes that both carry a repository id are equivalent when the ids are.
    /// </summary>
    public bool Equivalent(TypeCode other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Compare(this, other, equivalent: true, new HashSet<(TypeCode, TypeCode)>(PairComparer.Instance));
    }

    private static bool Compare(TypeCode a, TypeCode b, bool equivalent, HashSet<(TypeCode, TypeCode)> assumed)
    {
        if (equivalent)
        {
            a = a.Unaliased();
            b = b.Unaliased();
        }
        if (ReferenceEquals(a, b))
        {
            return true;
        }
        if (a.Kind != b.Kind || assumed.Count > 10_000)
        {
            return false;
        }
        // Coinduction: a pair already being compared is assumed equal, so recursive TypeCodes terminate.
        if (!assumed.Add((a, b)))
        {
            return true;
        }
        if (HasIdAndName(a.Kind))
        {
            if (equivalent && a.Id.Length > 0 && b.Id.Length > 0)
            {
                return a.Id == b.Id;
            }
            if (!equivalent && (a.Id != b.Id || a.Name != b.Name))
            {
                return false;
            }
        }
        if (a.Length != b.Length || a.FixedDigits != b.FixedDigits || a.FixedScale != b.FixedScale || a.DefaultIndex != b.DefaultIndex
            || a.ValueModifier != b.ValueModifier || a.MemberCount != b.MemberCount || a._memberTypes.Length != b._memberTypes.Length
            || !a._memberVisibilities.AsSpan().SequenceEqual(b._memberVisibilities))
        {
            return false;
        }
        if (!equivalent && !a._memberNames.AsSpan().SequenceEqual(b._memberNames))
        {
            return false;
        }
        for (var i = 0; i < a._memberLabels.Length; i++)
        {
            if (!Equals(a._memberLabels[i], b._memberLabels[i]))
            {
                return false;
            }
        }
        for (var i = 0; i < a._memberTypes.Length; i++)
        {
            if (!Compare(a._memberTypes[i], b._memberTypes[i], equivalent, assumed))
            {
                return false;
            }
        }
        return SameOptional(a.ContentType, b.ContentType, equivalent, assumed)
            && SameOptional(a.DiscriminatorType, b.DiscriminatorType, equivalent, assumed)
            && SameOptional(a.ConcreteBase, b.ConcreteBase, equivalent, assumed);
    }

    private static bool SameOptional(TypeCode? a, TypeCode? b, bool equivalent, HashSet<(TypeCode, TypeCode)> assumed) =>
        a is null ? b is null : b is not null && Compare(a, b, equivalent, assumed);

    private sealed class PairComparer : IEqualityComparer<(TypeCode, TypeCode)>
    {
        public static PairComparer Instance { get; } = new();

        public bool Equals((TypeCode, TypeCode) x, (TypeCode, TypeCode) y) => ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((TypeCode, TypeCode) obj) => HashCode.Combine(
            System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item1), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item2));
    }
}
