namespace Steward.Rpc.Thrift;

/// <summary>Ready-made <see cref="ThriftMethodCodec{TRequest, TResponse}"/>s for generated code.</summary>
public static class ThriftMethodCodec
{
    /// <summary>
    /// For a method declared in Thrift IDL: the request is the generated args struct and the response the
    /// generated result struct (success in field 0, declared exceptions in theirs), both written as they are.
    /// </summary>
    public static ThriftMethodCodec<TArgs, TResult> ForStructs<TArgs, TResult>()
        where TArgs : class, IThriftStruct, new()
        where TResult : class, IThriftStruct, new() => StructCodec<TArgs, TResult>.Instance;

    /// <summary>
    /// For a method whose request and response are single messages (a proto rpc, or a Thrift method of one
    /// struct argument) carried over Thrift: the request is field 1 <c>request</c> of the args struct and the
    /// response field 0 <c>success</c> of the result struct. An absent request reads as a new
    /// <typeparamref name="TRequest"/>; a result without success throws
    /// <see cref="ThriftApplicationException"/> <see cref="ThriftApplicationExceptionType.MissingResult"/>.
    /// </summary>
    public static ThriftMethodCodec<TRequest, TResponse> Wrapping<TRequest, TResponse>()
        where TRequest : class, IThriftStruct, new()
        where TResponse : class, IThriftStruct, new() => WrappingCodec<TRequest, TResponse>.Instance;

    private sealed class StructCodec<TArgs, TResult> : ThriftMethodCodec<TArgs, TResult>
        where TArgs : class, IThriftStruct, new()
        where TResult : class, IThriftStruct, new()
    {
        public static readonly StructCodec<TArgs, TResult> Instance = new();

        public override void WriteArgs(ThriftWriter writer, TArgs request) => request.Write(writer);

        public override TArgs ReadArgs(ThriftReader reader)
        {
            var args = new TArgs();
            args.Read(reader);
            return args;
        }

        public override void WriteResult(ThriftWriter writer, TResult response) => response.Write(writer);

        public override TResult ReadResult(ThriftReader reader)
        {
            var result = new TResult();
            result.Read(reader);
            return result;
        }
    }

    private sealed class WrappingCodec<TRequest, TResponse> : ThriftMethodCodec<TRequest, TResponse>
        where TRequest : class, IThriftStruct, new()
        where TResponse : class, IThriftStruct, new()
    {
        public static readonly WrappingCodec<TRequest, TResponse> Instance = new();

        public override void WriteArgs(ThriftWriter writer, TRequest request) =>
            WriteWrapped(writer, "args", "request", 1, request);

        public override TRequest ReadArgs(ThriftReader reader) => ReadWrapped<TRequest>(reader, 1) ?? new TRequest();

        public override void WriteResult(ThriftWriter writer, TResponse response) =>
            WriteWrapped(writer, "result", "success", 0, response);

        public override TResponse ReadResult(ThriftReader reader) =>
            ReadWrapped<TResponse>(reader, 0)
            ?? throw new ThriftApplicationException(ThriftApplicationExceptionType.MissingResult,
                $"The result has no success field ({typeof(TResponse).Name}): unknown result.");
    }

    private static void WriteWrapped(ThriftWriter writer, string structName, string fieldName, short id, IThriftStruct value)
    {
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStructBegin(structName);
        writer.WriteFieldBegin(fieldName, ThriftType.Struct, id);
        value.Write(writer);
        writer.WriteFieldEnd();
        writer.WriteFieldStop();
        writer.WriteStructEnd();
    }

    private static T? ReadWrapped<T>(ThriftReader reader, short id) where T : class, IThriftStruct, new()
    {
        T? value = null;
        reader.ReadStructBegin();
        while (true)
        {
            var field = reader.ReadFieldBegin();
            if (field.Type == ThriftType.Stop)
            {
                break;
            }
            if (field.Id == id && field.Type == ThriftType.Struct)
            {
                value = new T();
                value.Read(reader);
            }
            else
            {
                reader.Skip(field.Type);
            }
            reader.ReadFieldEnd();
        }
        reader.ReadStructEnd();
        return value;
    }
}
