namespace Steward.Rpc.Corba;

public sealed partial class TypeCode
{
    private int _minimumSize = -1;

    /// <summary>
    /// A lower bound of the CDR size of one value of this type, ignoring alignment: what a decoder checks a
    /// declared element count against before allocating. A recursive reference counts as 0.
    /// </summary>
    internal int MinimumSize() => MinimumSize(new HashSet<TypeCode>(ReferenceEqualityComparer.Instance));

    private int MinimumSize(HashSet<TypeCode> active)
    {
        if (_minimumSize >= 0)
        {
            return _minimumSize;
        }
        if (!active.Add(this))
        {
            return 0;
        }
        long size = Kind switch
        {
            TCKind.Short or TCKind.UShort or TCKind.WChar => 2,
            TCKind.Long or TCKind.ULong or TCKind.Float or TCKind.Enum or TCKind.Any or TCKind.TypeCode or TCKind.Sequence or TCKind.WString => 4,
            TCKind.LongLong or TCKind.ULongLong or TCKind.Double => 8,
            TCKind.Boolean or TCKind.Char or TCKind.Octet => 1,
            TCKind.String => 5,
            TCKind.ObjRef => 9,
            TCKind.Struct or TCKind.Except => _memberTypes.Sum(m => (long)m.MinimumSize(active)),
            TCKind.Union => DiscriminatorType?.MinimumSize(active) ?? 0,
            TCKind.Array => ContentType is null ? 0 : Length * (long)ContentType.MinimumSize(active),
            TCKind.Alias => ContentType?.MinimumSize(active) ?? 0,
            _ => 0,
        };
        active.Remove(this);
        return _minimumSize = (int)Math.Min(size, int.MaxValue);
    }
}
