namespace Steward.Rpc.Ice;

/// <summary>One operation served over Ice: its codec and its (intercepted) handler, types erased for the connection loop.</summary>
internal abstract class IceMethodHandler(IMethod method, IIceOperation operation)
{
    public IMethod Method { get; } = method;
    public IIceOperation Operation { get; } = operation;

    public abstract object ReadArgs(IceInputStream input);
    public abstract ValueTask<object?> InvokeAsync(object request, ServerCallContext context);
    public abstract void WriteResult(IceOutputStream output, object? response);
}

internal sealed class IceMethodHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler, IceOperation<TRequest, TResponse> codec)
    : IceMethodHandler(method, codec)
    where TRequest : class where TResponse : class
{
    public override object ReadArgs(IceInputStream input) => codec.ReadArgs(input);

    public override ValueTask<object?> InvokeAsync(object request, ServerCallContext context)
    {
        var task = handler((TRequest)request, context);
        return task.IsCompletedSuccessfully ? new ValueTask<object?>(task.Result) : AwaitAsync(task);
    }

    private static async ValueTask<object?> AwaitAsync(Task<TResponse> task) => await task.ConfigureAwait(false);

    public override void WriteResult(IceOutputStream output, object? response)
    {
        // Classes in the results are sliced as the operation's ["format:..."] says.
        output.Format = codec.Format;
        codec.WriteResult(output, (TResponse)response!);
    }
}

/// <summary>Turns the registry's methods into Ice handlers: unary methods whose <see cref="Method{TRequest, TResponse}.Codecs"/> hold an <see cref="IceOperation{TArgs, TResult}"/>.</summary>
internal sealed class IceHandlerFactory : UnaryServerMethodVisitor<IceMethodHandler>
{
    public static IceHandlerFactory Instance { get; } = new();

    public override IceMethodHandler? VisitUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler) =>
        method.Codecs.Get<IceOperation<TRequest, TResponse>>() is { } codec
            ? new IceMethodHandler<TRequest, TResponse>(method, handler, codec)
            : null;
}
