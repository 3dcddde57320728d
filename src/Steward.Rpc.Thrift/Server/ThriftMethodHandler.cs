namespace Steward.Rpc.Thrift;

/// <summary>One unary method served over Thrift: its args/result codec and its (intercepted) handler, types erased for the connection loop.</summary>
internal abstract class ThriftMethodHandler(IMethod method, bool isOneway)
{
    public IMethod Method { get; } = method;
    public bool IsOneway { get; } = isOneway;

    public abstract object ReadArgs(ThriftReader reader);
    public abstract ValueTask<object?> InvokeAsync(object request, ServerCallContext context);
    public abstract void WriteResult(ThriftWriter writer, object? response);
}

internal sealed class ThriftMethodHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler, ThriftMethodCodec<TRequest, TResponse> codec)
    : ThriftMethodHandler(method, method.IsOneway)
    where TRequest : class where TResponse : class
{
    public override object ReadArgs(ThriftReader reader) => codec.ReadArgs(reader);

    public override ValueTask<object?> InvokeAsync(object request, ServerCallContext context)
    {
        var task = handler((TRequest)request, context);
        return task.IsCompletedSuccessfully ? new ValueTask<object?>(task.Result) : AwaitAsync(task);
    }

    private static async ValueTask<object?> AwaitAsync(Task<TResponse> task) => await task.ConfigureAwait(false);

    public override void WriteResult(ThriftWriter writer, object? response) => codec.WriteResult(writer, (TResponse)response!);
}

/// <summary>Turns the registry's methods into Thrift handlers: unary methods whose <see cref="Method{TRequest, TResponse}.Codecs"/> hold a Thrift codec.</summary>
internal sealed class ThriftHandlerFactory : UnaryServerMethodVisitor<ThriftMethodHandler>
{
    public static ThriftHandlerFactory Instance { get; } = new();

    public override ThriftMethodHandler? VisitUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler) =>
        method.Codecs.Get<ThriftMethodCodec<TRequest, TResponse>>() is { } codec
            ? new ThriftMethodHandler<TRequest, TResponse>(method, handler, codec)
            : null;
}
