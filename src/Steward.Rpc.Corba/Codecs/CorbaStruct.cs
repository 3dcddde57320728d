namespace Steward.Rpc.Corba;

/// <summary>
/// A type that is also an IDL struct: its members are written in order, each aligned as CDR asks, with no
/// framing. Proto messages generated with CORBA codecs (<c>Corba="true"</c>) implement it explicitly, so one
/// service defined in a .proto file can be served over IIOP to peers that hold the equivalent OMG IDL.
/// </summary>
public interface ICorbaStruct
{
    /// <summary>Writes the members in declaration order.</summary>
    void CorbaWrite(CdrOutputStream output);

    /// <summary>Reads the members in declaration order, replacing the current values.</summary>
    void CorbaRead(CdrInputStream input);
}

/// <summary>Builds the CORBA codec of an operation whose one parameter and result are <see cref="ICorbaStruct"/> types.</summary>
public static class CorbaStructOperation
{
    /// <summary>
    /// The codec of an operation named <paramref name="name"/> that takes one <typeparamref name="TRequest"/> (an
    /// <c>in</c> parameter) and returns one <typeparamref name="TResponse"/>, on the interface <paramref name="repositoryId"/>.
    /// </summary>
    public static CorbaOperation<TRequest, TResponse> Create<TRequest, TResponse>(string name, string repositoryId)
        where TRequest : class, ICorbaStruct, new()
        where TResponse : class, ICorbaStruct, new()
    {
        ArgumentNullException.ThrowIfNull(repositoryId);
        return new CorbaOperation<TRequest, TResponse>(name, isOneway: false, Write, ReadStruct<TRequest>, Write, ReadStruct<TResponse>)
        {
            InterfaceRepositoryId = repositoryId,
            RepositoryIds = [repositoryId, CorbaRepositoryIds.Object],
        };
    }

    private static void Write(CdrOutputStream output, ICorbaStruct value)
    {
        ArgumentNullException.ThrowIfNull(value);
        value.CorbaWrite(output);
    }

    /// <summary>Reads a new <typeparamref name="T"/> (generated code reads nested structs with it).</summary>
    public static T ReadStruct<T>(CdrInputStream input) where T : class, ICorbaStruct, new()
    {
        var value = new T();
        value.CorbaRead(input);
        return value;
    }
}
