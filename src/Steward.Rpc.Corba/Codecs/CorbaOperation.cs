namespace Steward.Rpc.Corba;

/// <summary>Writes one value into a CDR stream (generated code supplies these).</summary>
public delegate void CdrWriter<in T>(CdrOutputStream output, T value);

/// <summary>Reads one value from a CDR stream (generated code supplies these).</summary>
public delegate T CdrReader<out T>(CdrInputStream input);

/// <summary>The request or reply of an operation that carries nothing (no in/inout parameters; void with no out/inout).</summary>
public sealed class CorbaVoid
{
    private CorbaVoid() { }

    /// <summary>The one instance.</summary>
    public static CorbaVoid Instance { get; } = new();

    /// <summary>Writes nothing.</summary>
    public static void Write(CdrOutputStream output, CorbaVoid value) { }

    /// <summary>Reads nothing.</summary>
    public static CorbaVoid Read(CdrInputStream input) => Instance;
}

/// <summary>What the GIOP transport needs to know about an operation, whatever its parameter types.</summary>
public interface ICorbaOperation
{
    /// <summary>The operation's name on the wire: as written in IDL (<c>opBool</c>), <c>_get_counter</c>/<c>_set_counter</c> for attributes.</summary>
    string Name { get; }

    /// <summary>IDL <c>oneway</c>: the request asks for no reply.</summary>
    bool IsOneway { get; }

    /// <summary>
    /// The repository id of the interface it is served and called on (<c>IDL:Test/Operations:1.0</c>): for an
    /// operation inherited from a base, the derived interface's, so <c>_is_a</c> and the IOR's type id name the most-derived type.
    /// </summary>
    string InterfaceRepositoryId { get; }

    /// <summary>That interface's id and every base's, most-derived first (what <c>_is_a</c> answers true for, with <c>IDL:omg.org/CORBA/Object:1.0</c>).</summary>
    IReadOnlyList<string> RepositoryIds { get; }

    /// <summary>True when the operation's <c>raises</c> clause allows <paramref name="exception"/>.</summary>
    bool IsDeclared(CorbaUserException exception);

    /// <summary>
    /// Reads the members of the declared user exception <paramref name="repositoryId"/> (the transport has
    /// read the id); null when the operation declares no exception with that id.
    /// </summary>
    CorbaUserException? ReadUserException(string repositoryId, CdrInputStream input);
}

/// <summary>
/// The CORBA codec of one operation, carried in <see cref="Method{TRequest, TResponse}.Codecs"/>: it writes and
/// reads the in/inout parameters of the request body and the return value and out/inout parameters of the
/// reply body. The transport writes the headers and aligns the bodies; the delegates write only the values.
/// </summary>
/// <typeparam name="TArgs">The in and inout parameters (or <see cref="CorbaVoid"/>).</typeparam>
/// <typeparam name="TResult">The return value, then the out and inout parameters (or <see cref="CorbaVoid"/>).</typeparam>
public sealed class CorbaOperation<TArgs, TResult> : ICorbaOperation
    where TArgs : class
    where TResult : class
{
    /// <summary>An operation named <paramref name="name"/> on the wire, with its parameter codecs.</summary>
    public CorbaOperation(
        string name,
        bool isOneway,
        CdrWriter<TArgs> writeArgs,
        CdrReader<TArgs> readArgs,
        CdrWriter<TResult> writeResult,
        CdrReader<TResult> readResult)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        IsOneway = isOneway;
        WriteArgs = writeArgs ?? throw new ArgumentNullException(nameof(writeArgs));
        ReadArgs = readArgs ?? throw new ArgumentNullException(nameof(readArgs));
        WriteResult = writeResult ?? throw new ArgumentNullException(nameof(writeResult));
        ReadResult = readResult ?? throw new ArgumentNullException(nameof(readResult));
    }

    /// <inheritdoc />
    public string Name { get; }
    /// <inheritdoc />
    public bool IsOneway { get; }
    /// <inheritdoc />
    public string InterfaceRepositoryId { get; init; } = CorbaRepositoryIds.Object;
    /// <inheritdoc />
    public IReadOnlyList<string> RepositoryIds { get; init; } = [CorbaRepositoryIds.Object];
    /// <summary>
    /// The <c>raises</c> clause: each declared exception's repository id and the reader of its members
    /// (generated: <c>["IDL:Test/BaseError:1.0"] = BaseError.ReadMembers</c>). Empty when it declares none.
    /// </summary>
    public IReadOnlyDictionary<string, CdrReader<CorbaUserException>> UserExceptions { get; init; } =
        new Dictionary<string, CdrReader<CorbaUserException>>(StringComparer.Ordinal);
    /// <summary>Writes the in and inout parameters, in declaration order.</summary>
    public CdrWriter<TArgs> WriteArgs { get; }
    /// <summary>Reads the in and inout parameters, in declaration order.</summary>
    public CdrReader<TArgs> ReadArgs { get; }
    /// <summary>Writes the return value, then the out and inout parameters in declaration order.</summary>
    public CdrWriter<TResult> WriteResult { get; }
    /// <summary>Reads the return value, then the out and inout parameters in declaration order.</summary>
    public CdrReader<TResult> ReadResult { get; }

    /// <inheritdoc />
    public bool IsDeclared(CorbaUserException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return UserExceptions.ContainsKey(exception.RepositoryId);
    }

    /// <inheritdoc />
    public CorbaUserException? ReadUserException(string repositoryId, CdrInputStream input) =>
        UserExceptions.TryGetValue(repositoryId, out var read) ? read(input) : null;
}

/// <summary>Repository ids every ORB knows.</summary>
public static class CorbaRepositoryIds
{
    /// <summary><c>IDL:omg.org/CORBA/Object:1.0</c>: every interface is one (<c>_is_a</c> answers true for it).</summary>
    public const string Object = "IDL:omg.org/CORBA/Object:1.0";
}
