namespace Steward.Rpc.Ice;

/// <summary>
/// The one place the runtime writes and reads user exceptions inside a reply's encapsulation, through the
/// encoding's exception API (slices, type ids, the sliced format).
/// </summary>
internal static class IceUserExceptionWire
{
    /// <summary>
    /// Writes <paramref name="exception"/> into the open reply encapsulation; false when it cannot be written in
    /// <paramref name="encoding"/> (the encoder writes 1.1 only; a 1.0 caller then gets UnknownUserException).
    /// </summary>
    public static bool TryWrite(IceOutputStream output, IceUserException exception, IceFormat format, (byte Major, byte Minor) encoding)
    {
        if (encoding != (1, 1))
        {
            return false;
        }
        output.Format = format;
        output.WriteException(exception);
        return true;
    }

    /// <summary>
    /// The exception a UserException reply carries, as its generated type (registered with <see cref="IceTypeRegistry"/>);
    /// one whose type the caller does not know becomes an <see cref="IceUnknownUserException"/> with the type id.
    /// </summary>
    public static Exception Read(ReadOnlyMemory<byte> encapsulation, IceLimits limits)
    {
        var input = new IceInputStream(encapsulation, limits);
        var (_, minor) = input.StartEncapsulation();
        if (minor == 0)
        {
            // Encoding 1.0: a "uses classes" bool, then the type id; Steward reads 1.0 exceptions by name only.
            input.ReadBool();
            return new IceUnknownUserException(input.ReadString());
        }
        try
        {
            var exception = input.ReadException();
            return exception;
        }
        catch (IceUnknownUserExceptionException unknown)
        {
            return new IceUnknownUserException(unknown.TypeId);
        }
    }
}
