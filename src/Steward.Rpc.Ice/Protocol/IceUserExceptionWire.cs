namespace Steward.Rpc.Ice;

/// <summary>
/// The one place the runtime writes and reads user exceptions inside a reply's encapsulation. The encoding's
/// exception API (slices, type ids, the sliced format) lives in Encoding/; until the runtime is wired to it, a
/// declared exception the runtime cannot write goes out as UnknownUserException, and a UserException reply is
/// reported by its type id.
/// </summary>
internal static class IceUserExceptionWire
{
    /// <summary>Writes <paramref name="exception"/> into the open reply encapsulation; false when it cannot be written here.</summary>
    public static bool TryWrite(IceOutputStream output, IceUserException exception, IceFormat format)
    {
        _ = output;
        _ = exception;
        _ = format;
        return false;
    }

    /// <summary>
    /// Reads the most-derived type id from a UserException reply's encapsulation (encoding 1.1: the first slice's flags
    /// byte, then its type id; 1.0: a "uses classes" bool, then the type id).
    /// </summary>
    public static string ReadTypeId(ReadOnlyMemory<byte> encapsulation, IceLimits limits)
    {
        var input = new IceInputStream(encapsulation, limits);
        var (_, minor) = input.StartEncapsulation();
        if (minor == 0)
        {
            input.ReadBool();
            return input.ReadString();
        }
        var flags = input.ReadByte();
        // Exceptions always carry their type id as a string; other bits say what follows it.
        _ = flags;
        return input.ReadString();
    }
}
