namespace Steward.Rpc.Thrift;

/// <summary>Implemented by every generated Thrift struct, union, exception and args/result wrapper.</summary>
public interface IThriftStruct
{
    /// <summary>Writes the whole struct: struct begin, the fields that are set, field stop, struct end.</summary>
    void Write(ThriftWriter writer);

    /// <summary>
    /// Reads a whole struct into this (fresh) instance; unknown fields are skipped. A missing
    /// <c>required</c> field throws <see cref="ThriftProtocolException"/> (<see cref="ThriftProtocolError.InvalidData"/>)
    /// naming the struct and the field.
    /// </summary>
    void Read(ThriftReader reader);
}

/// <summary>
/// How one method's request and response travel inside Thrift's CALL and REPLY messages: the args
/// struct and the result struct (success in field 0, declared exceptions in their own fields).
/// Generated code puts one in <see cref="Method{TRequest, TResponse}.Codecs"/>; the Thrift
/// transport finds it there, so a method declared in any IDL can be served over Thrift.
/// </summary>
public abstract class ThriftMethodCodec<TRequest, TResponse>
{
    /// <summary>Writes the args struct of a CALL for <paramref name="request"/>.</summary>
    public abstract void WriteArgs(ThriftWriter writer, TRequest request);
    /// <summary>Reads the args struct of a CALL into a request.</summary>
    public abstract TRequest ReadArgs(ThriftReader reader);
    /// <summary>Writes the result struct of a REPLY with <paramref name="response"/> as its success field.</summary>
    public abstract void WriteResult(ThriftWriter writer, TResponse response);
    /// <summary>Reads the result struct of a REPLY: the response, or a declared exception thrown as such.</summary>
    public abstract TResponse ReadResult(ThriftReader reader);
}
