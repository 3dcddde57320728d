namespace Steward.Rpc.Corba;

/// <summary>
/// The checks generated code makes on bounded strings and sequences and on arrays: a value that breaks its
/// IDL bound is a BAD_PARAM when it is written (the caller's mistake) and a MARSHAL when it is read (the
/// peer's).
/// </summary>
public static class CorbaBounds
{
    /// <summary>Throws BAD_PARAM when <paramref name="count"/> exceeds <paramref name="bound"/>.</summary>
    public static void CheckWrite(int count, int bound, string what)
    {
        if (count > bound)
        {
            throw CorbaSystemException.BadParam($"{what} has {count} elements, more than its bound of {bound}.");
        }
    }

    /// <summary>Throws MARSHAL when <paramref name="count"/> exceeds <paramref name="bound"/>.</summary>
    public static void CheckRead(int count, int bound, string what)
    {
        if (count > bound)
        {
            throw CorbaSystemException.Marshal($"{what} arrived with {count} elements, more than its bound of {bound}.");
        }
    }

    /// <summary>Returns <paramref name="array"/> when it has exactly <paramref name="length"/> elements; otherwise throws BAD_PARAM.</summary>
    public static T[] CheckArray<T>(T[]? array, int length, string what)
    {
        if (array is null || array.Length != length)
        {
            throw CorbaSystemException.BadParam($"{what} is an array of {length} elements, not {array?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}.");
        }
        return array;
    }

    /// <summary>An array of <paramref name="length"/> elements, each made by <paramref name="create"/> (the initial value of an IDL array).</summary>
    public static T[] NewArray<T>(int length, Func<T> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        var array = new T[length];
        for (var i = 0; i < array.Length; i++)
        {
            array[i] = create();
        }
        return array;
    }
}
