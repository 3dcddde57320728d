namespace Steward.Rpc.Ice;

/// <summary>How an Ice operation may be retried; sent in every request (the Ice <c>OperationMode</c>).</summary>
public enum IceOperationMode : byte
{
    /// <summary>A plain operation: never retried after it may have reached the server.</summary>
    Normal = 0,
    /// <summary>The deprecated <c>nonmutating</c>; read as idempotent.</summary>
    Nonmutating = 1,
    /// <summary>Slice <c>idempotent</c>: safe to retry.</summary>
    Idempotent = 2,
}

/// <summary>How class instances and exceptions are sliced on the wire (Slice <c>["format:..."]</c>).</summary>
public enum IceFormat
{
    /// <summary>The default: no slice sizes, so a receiver must know every slice.</summary>
    Compact,
    /// <summary>Every slice carries its size and type id, so a receiver can skip slices it does not know.</summary>
    Sliced,
}

/// <summary>Writes one value into an Ice stream (generated code supplies these).</summary>
public delegate void IceWriter<in T>(IceOutputStream output, T value);

/// <summary>Reads one value from an Ice stream (generated code supplies these).</summary>
public delegate T IceReader<out T>(IceInputStream input);

/// <summary>The request or reply of an operation that carries nothing (no in-parameters; void with no out-parameters).</summary>
public sealed class IceVoid
{
    private IceVoid() { }

    /// <summary>The one instance.</summary>
    public static IceVoid Instance { get; } = new();
}

/// <summary>What the Ice transport needs to know about an operation, whatever its parameter types.</summary>
public interface IIceOperation
{
    /// <summary>The operation's name on the wire, as written in Slice (<c>opBool</c>).</summary>
    string Name { get; }
    /// <summary>The mode sent with each request.</summary>
    IceOperationMode Mode { get; }
    /// <summary>How classes and exceptions in its parameters are sliced.</summary>
    IceFormat Format { get; }
    /// <summary>The type ids of the interface that declares it and of every base, <c>::Ice::Object</c> included, sorted ordinally (what <c>ice_ids</c> answers).</summary>
    IReadOnlyList<string> InterfaceTypeIds { get; }
    /// <summary>The most-derived interface's type id (what <c>ice_id</c> answers).</summary>
    string InterfaceTypeId { get; }
    /// <summary>True when the operation's <c>throws</c> clause allows <paramref name="exception"/> (the caller gets it as a user exception, not as UnknownUserException).</summary>
    bool IsDeclared(IceUserException exception);
}

/// <summary>
/// The Ice codec of one operation, carried in <see cref="Method{TRequest, TResponse}.Codecs"/>: it writes and reads
/// the parameters inside the request's encapsulation and the results inside the reply's. The transport opens and
/// closes the encapsulations; the delegates write only what is inside.
/// </summary>
/// <typeparam name="TArgs">The in-parameters (or <see cref="IceVoid"/>).</typeparam>
/// <typeparam name="TResult">The return value and out-parameters (or <see cref="IceVoid"/>).</typeparam>
public sealed class IceOperation<TArgs, TResult> : IIceOperation
    where TArgs : class
    where TResult : class
{
    /// <summary>An operation named <paramref name="name"/> with its parameter codecs.</summary>
    public IceOperation(
        string name,
        IceOperationMode mode,
        IceWriter<TArgs> writeArgs,
        IceReader<TArgs> readArgs,
        IceWriter<TResult> writeResult,
        IceReader<TResult> readResult)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Mode = mode;
        WriteArgs = writeArgs ?? throw new ArgumentNullException(nameof(writeArgs));
        ReadArgs = readArgs ?? throw new ArgumentNullException(nameof(readArgs));
        WriteResult = writeResult ?? throw new ArgumentNullException(nameof(writeResult));
        ReadResult = readResult ?? throw new ArgumentNullException(nameof(readResult));
    }

    /// <inheritdoc />
    public string Name { get; }
    /// <inheritdoc />
    public IceOperationMode Mode { get; }
    /// <inheritdoc />
    public IceFormat Format { get; init; }
    /// <inheritdoc />
    public IReadOnlyList<string> InterfaceTypeIds { get; init; } = ["::Ice::Object"];
    /// <inheritdoc />
    public string InterfaceTypeId { get; init; } = "::Ice::Object";
    /// <summary>The <c>throws</c> clause as a test (generated: <c>e =&gt; e is BaseError</c>); null when it declares none.</summary>
    public Func<IceUserException, bool>? DeclaredExceptions { get; init; }
    /// <summary>Writes the in-parameters (inside the request encapsulation).</summary>
    public IceWriter<TArgs> WriteArgs { get; }
    /// <summary>Reads the in-parameters (inside the request encapsulation).</summary>
    public IceReader<TArgs> ReadArgs { get; }
    /// <summary>Writes the return value and out-parameters (inside the reply encapsulation).</summary>
    public IceWriter<TResult> WriteResult { get; }
    /// <summary>Reads the return value and out-parameters (inside the reply encapsulation).</summary>
    public IceReader<TResult> ReadResult { get; }

    /// <inheritdoc />
    public bool IsDeclared(IceUserException exception) => DeclaredExceptions?.Invoke(exception) ?? false;
}
