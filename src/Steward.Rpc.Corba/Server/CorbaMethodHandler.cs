namespace Steward.Rpc.Corba;

/// <summary>One operation served over GIOP: its codec and its (intercepted) handler, types erased for the connection loop.</summary>
internal abstract class CorbaMethodHandler(IMethod method, ICorbaOperation operation)
{
    public IMethod Method { get; } = method;
    public ICorbaOperation Operation { get; } = operation;

    public abstract object ReadArgs(CdrInputStream input);
    public abstract ValueTask<object?> InvokeAsync(object request, ServerCallContext context);
    public abstract void WriteResult(CdrOutputStream output, object? response);
}

internal sealed class CorbaMethodHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler, CorbaOperation<TRequest, TResponse> codec)
    : CorbaMethodHandler(method, codec)
    where TRequest : class where TResponse : class
{
    public override object ReadArgs(CdrInputStream input) => codec.ReadArgs(input);

    public override ValueTask<object?> InvokeAsync(object request, ServerCallContext context)
    {
        var task = handler((TRequest)request, context);
        return task.IsCompletedSuccessfully ? new ValueTask<object?>(task.Result) : AwaitAsync(task);
    }

    private static async ValueTask<object?> AwaitAsync(Task<TResponse> task) => await task.ConfigureAwait(false);

    public override void WriteResult(CdrOutputStream output, object? response) => codec.WriteResult(output, (TResponse)response!);
}

/// <summary>Turns the registry's methods into GIOP handlers: unary methods whose <see cref="Method{TRequest, TResponse}.Codecs"/> hold a <see cref="CorbaOperation{TArgs, TResult}"/>.</summary>
internal sealed class CorbaHandlerFactory : UnaryServerMethodVisitor<CorbaMethodHandler>
{
    public static CorbaHandlerFactory Instance { get; } = new();

    public override CorbaMethodHandler? VisitUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler) =>
        method.Codecs.Get<CorbaOperation<TRequest, TResponse>>() is { } codec
            ? new CorbaMethodHandler<TRequest, TResponse>(method, handler, codec)
            : null;
}
