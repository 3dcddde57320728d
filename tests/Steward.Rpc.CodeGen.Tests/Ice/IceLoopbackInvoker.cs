using Steward.Rpc.Ice;

namespace Steward.Rpc.CodeGen.Tests.Ice;

/// <summary>
/// A CallInvoker that serves calls from a bound service in memory the way the Ice transport does: the in-parameters
/// are encoded in an encapsulation with the method's IceOperation, decoded on the "server" side and handed to the
/// bound handler; the results, or a user exception, come back the same way. A user exception the operation does not
/// declare comes back as an RpcException (Ice's UnknownUserException).
/// </summary>
internal sealed class IceLoopbackInvoker(ServiceDefinition service) : CallInvoker
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
    {
        var operation = method.Codecs.Get<IceOperation<TRequest, TResponse>>() ?? throw new InvalidOperationException("no Ice codec on " + method.FullName);
        var args = IceWire.Encapsulate(operation.Format, o => operation.WriteArgs(o, request));
        var bound = service.Methods.SingleOrDefault(m => m.Method.Name == method.Name)
            ?? throw new RpcException(new Status(StatusCode.Unimplemented, method.Name));
        return new AsyncUnaryCall<TResponse>(Run(bound, args, operation), new State());
    }

    private static async Task<TResponse> Run<TRequest, TResponse>(ServerMethodDefinition bound, byte[] args, IceOperation<TRequest, TResponse> operation)
        where TRequest : class where TResponse : class
    {
        var (ok, reply) = await bound.Accept(new Dispatch(args));
        if (ok)
        {
            return IceWire.Decapsulate(reply, i => operation.ReadResult(i));
        }
        var exception = IceWire.Decapsulate(reply, i => i.ReadException());
        throw operation.IsDeclared(exception) ? exception : new RpcException(new Status(StatusCode.Unknown, "UnknownUserException " + exception.IceId));
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options) =>
        throw new NotSupportedException();

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options) =>
        throw new NotSupportedException();

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options) =>
        throw new NotSupportedException();

    private sealed class Dispatch(byte[] args) : IServerMethodVisitor<Task<(bool, byte[])>>
    {
        public async Task<(bool, byte[])> VisitUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class
        {
            var operation = method.Codecs.Get<IceOperation<TRequest, TResponse>>()!;
            var request = IceWire.Decapsulate(args, i => operation.ReadArgs(i));
            try
            {
                var response = await handler(request, new Context(method.FullName));
                return (true, IceWire.Encapsulate(operation.Format, o => operation.WriteResult(o, response)));
            }
            catch (IceUserException e)
            {
                return (false, IceWire.Encapsulate(operation.Format, o => o.WriteException(e)));
            }
        }

        public Task<(bool, byte[])> VisitClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class => throw new NotSupportedException();

        public Task<(bool, byte[])> VisitServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class => throw new NotSupportedException();

        public Task<(bool, byte[])> VisitDuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class => throw new NotSupportedException();
    }

    private sealed class Context(string method) : ServerCallContext
    {
        public override string Method => method;
        public override string Peer => "loopback";
        public override DateTime Deadline => DateTime.MaxValue;
        public override Metadata RequestHeaders => Metadata.Empty;
        public override CancellationToken CancellationToken => CancellationToken.None;
        public override Metadata ResponseTrailers { get; } = new();
        public override Status Status { get; set; }
        public override Task WriteResponseHeadersAsync(Metadata responseHeaders) => Task.CompletedTask;
    }

    private sealed class State : IClientCallState
    {
        public Task<Metadata> ResponseHeadersAsync => Task.FromResult(new Metadata());
        public Status GetStatus() => Status.DefaultSuccess;
        public Metadata GetTrailers() => new();
        public void Dispose() { }
    }
}
