namespace Steward.Rpc.Ice;

/// <summary>
/// A type that is also an Ice struct: its members are written in order with no framing (the Ice encoding
/// of a Slice struct). Proto messages generated with Ice codecs (<c>Ice="true"</c>) implement it explicitly,
/// so one service defined in a .proto file can be served over Ice to peers that hold the equivalent Slice.
/// </summary>
public interface IIceStruct
{
    /// <summary>Writes the members in declaration order.</summary>
    void IceWrite(IceOutputStream output);

    /// <summary>Reads the members in declaration order, replacing the current values.</summary>
    void IceRead(IceInputStream input);
}

/// <summary>Builds the Ice codec of an operation whose one parameter and result are <see cref="IIceStruct"/> types.</summary>
public static class IceStructOperation
{
    /// <summary>
    /// The codec of an operation named <paramref name="name"/> that takes one <typeparamref name="TRequest"/>
    /// and returns one <typeparamref name="TResponse"/>, on an interface with type id <paramref name="interfaceTypeId"/>.
    /// </summary>
    public static IceOperation<TRequest, TResponse> Create<TRequest, TResponse>(string name, string interfaceTypeId)
        where TRequest : class, IIceStruct, new()
        where TResponse : class, IIceStruct, new()
    {
        ArgumentNullException.ThrowIfNull(interfaceTypeId);
        string[] ids = string.CompareOrdinal("::Ice::Object", interfaceTypeId) < 0 ? ["::Ice::Object", interfaceTypeId] : [interfaceTypeId, "::Ice::Object"];
        return new IceOperation<TRequest, TResponse>(name, IceOperationMode.Normal, Write, ReadStruct<TRequest>, Write, ReadStruct<TResponse>)
        {
            InterfaceTypeId = interfaceTypeId,
            InterfaceTypeIds = ids,
        };
    }

    private static void Write(IceOutputStream output, IIceStruct value)
    {
        ArgumentNullException.ThrowIfNull(value);
        value.IceWrite(output);
    }

    /// <summary>Reads a new <typeparamref name="T"/> (generated code reads nested structs with it).</summary>
    public static T ReadStruct<T>(IceInputStream input) where T : class, IIceStruct, new()
    {
        var value = new T();
        value.IceRead(input);
        return value;
    }
}
