using System.Collections;

namespace Steward.Rpc.Corba;

/// <summary>
/// Value equality for the members of generated IDL structs, unions and exceptions: sequences and arrays compare
/// by content (a null one equals an empty one, as both encode the same), everything else with
/// <see cref="object.Equals(object, object)"/>.
/// </summary>
public static class CorbaValueEquality
{
    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> encode the same value.</summary>
    public static bool AreEqual(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }
        if ((a is IList && a is not string) || (b is IList && b is not string))
        {
            var left = a as IList;
            var right = b as IList;
            if ((left?.Count ?? 0) != (right?.Count ?? 0))
            {
                return false;
            }
            for (var i = 0; i < (left?.Count ?? 0); i++)
            {
                if (!AreEqual(left![i], right![i]))
                {
                    return false;
                }
            }
            return true;
        }
        return Equals(a, b);
    }

    /// <summary>A hash consistent with <see cref="AreEqual"/>.</summary>
    public static int HashOf(object? value)
    {
        switch (value)
        {
            case null:
                return 0;
            case IList list when value is not string:
                var hash = new HashCode();
                foreach (var item in list)
                {
                    hash.Add(HashOf(item));
                }
                return hash.ToHashCode();
            default:
                return value.GetHashCode();
        }
    }
}
