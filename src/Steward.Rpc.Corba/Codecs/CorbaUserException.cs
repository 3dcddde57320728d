namespace Steward.Rpc.Corba;

/// <summary>
/// A user exception declared in OMG IDL (<c>exception BaseError { string reason; };</c>). Generated
/// exceptions derive from it; a Reply with status USER_EXCEPTION carries <see cref="RepositoryId"/>
/// followed by the members <see cref="WriteMembers"/> writes.
/// </summary>
public abstract class CorbaUserException : Exception
{
    /// <summary>An exception with the default message.</summary>
    protected CorbaUserException() { }

    /// <summary>An exception with <paramref name="message"/>.</summary>
    protected CorbaUserException(string message) : base(message) { }

    /// <summary>The exception's repository id: <c>IDL:Test/BaseError:1.0</c>.</summary>
    public abstract string RepositoryId { get; }

    /// <summary>Writes the members in declaration order (the transport has written the repository id).</summary>
    public abstract void WriteMembers(CdrOutputStream output);
}
