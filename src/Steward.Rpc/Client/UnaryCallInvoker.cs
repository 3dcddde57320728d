namespace Steward.Rpc;

/// <summary>
/// The invoker of a wire protocol that carries unary calls only (Thrift, Ice, GIOP): one request, one reply
/// or none, no headers, no trailers. It refuses the streaming kinds with Unimplemented and reads a call's
/// status from its task, so a protocol implements only <see cref="CallAsync"/>.
/// </summary>
public abstract class UnaryCallInvoker : CallInvoker
{
    /// <summary>An invoker for the protocol named <paramref name="protocol"/> (used in its error messages).</summary>
    protected UnaryCallInvoker(string protocol)
    {
        Protocol = protocol ?? throw new ArgumentNullException(nameof(protocol));
    }

    /// <summary>The protocol's name as the error messages spell it (<c>Thrift</c>, <c>Ice</c>).</summary>
    protected string Protocol { get; }

    /// <summary>Sends one unary call; its task ends with the reply or an <see cref="RpcException"/>.</summary>
    protected abstract Task<TResponse> CallAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
        where TRequest : class where TResponse : class;

    /// <summary>The Unimplemented error for a method whose <see cref="Method{TRequest, TResponse}.Codecs"/> lack this protocol's codec.</summary>
    protected RpcException NoCodec(IMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return new(new Status(StatusCode.Unimplemented,
            $"Method {method.FullName} has no {Protocol} codec in Method.Codecs, so it cannot be called over {Protocol}."));
    }

    /// <inheritdoc />
    public sealed override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
    {
        ArgumentNullException.ThrowIfNull(method);
        var response = method.Type == MethodType.Unary ? CallAsync(method, request, options) : Task.FromException<TResponse>(NotUnary(method));
        return new AsyncUnaryCall<TResponse>(response, new TaskCallState(response));
    }

    /// <inheritdoc />
    public sealed override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options) =>
        throw NotUnary(method);

    /// <inheritdoc />
    public sealed override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options) =>
        throw NotUnary(method);

    /// <inheritdoc />
    public sealed override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options) =>
        throw NotUnary(method);

    private RpcException NotUnary(IMethod method) =>
        new(new Status(StatusCode.Unimplemented, $"{Protocol} carries unary calls only; {method.FullName} is {method.Type}."));

    /// <summary>A call's status, read from its task: these protocols have no headers or trailers.</summary>
    private sealed class TaskCallState(Task task) : IClientCallState
    {
        private static readonly Task<Metadata> NoHeaders = Task.FromResult(Metadata.Empty);

        public Task<Metadata> ResponseHeadersAsync => NoHeaders;

        public Status GetStatus()
        {
            if (!task.IsCompleted)
            {
                throw new InvalidOperationException("The call has not finished.");
            }
            if (task.IsCompletedSuccessfully)
            {
                return Status.DefaultSuccess;
            }
            return task.Exception?.InnerException is RpcException rpc ? rpc.Status : Status.DefaultCancelled;
        }

        public Metadata GetTrailers() => Metadata.Empty;

        public void Dispose()
        {
        }
    }
}
