using System.Buffers;
using Steward.Rpc.Thrift;

namespace Steward.Rpc.CodeGen.Tests.Thrift;

/// <summary>
/// A CallInvoker that serves calls from a bound service in memory, the way the Thrift transport does:
/// the args struct is encoded with the method's ThriftMethodCodec, decoded on the "server" side,
/// handed to the bound handler, and its result struct encoded and decoded back. Oneway calls get no reply.
/// </summary>
internal sealed class LoopbackInvoker(ServiceDefinition service, ThriftProtocolKind kind) : CallInvoker
{
    public List<string> Calls { get; } = [];

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
    {
        Calls.Add(method.ServiceName + ":" + method.Name);
        var codec = method.Codecs.Get<ThriftMethodCodec<TRequest, TResponse>>() ?? throw new InvalidOperationException("no Thrift codec on " + method.FullName);
        var args = Encode(w => codec.WriteArgs(w, request));
        var bound = service.Methods.SingleOrDefault(m => m.Method.Name == method.Name)
            ?? throw new RpcException(new Status(StatusCode.Unimplemented, method.Name));
        return new AsyncUnaryCall<TResponse>(Run(bound, args, codec, method.IsOneway), new State());
    }

    private async Task<TResponse> Run<TRequest, TResponse>(ServerMethodDefinition bound, byte[] args, ThriftMethodCodec<TRequest, TResponse> codec, bool oneway)
    {
        var reply = await bound.Accept(new Dispatch(args, kind));
        if (oneway)
        {
            return default!;
        }
        var reader = ThriftWire.Reader(kind);
        reader.Reset(new ReadOnlySequence<byte>(reply));
        return codec.ReadResult(reader);
    }

    private byte[] Encode(Action<ThriftWriter> write)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = ThriftWire.Writer(kind);
        writer.Reset(output);
        write(writer);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options) =>
        throw new NotSupportedException();

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options) =>
        throw new NotSupportedException();

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options) =>
        throw new NotSupportedException();

    /// <summary>The server half: decode the args with the bound method's own codec, call, encode the result.</summary>
    private sealed class Dispatch(byte[] args, ThriftProtocolKind kind) : IServerMethodVisitor<Task<byte[]>>
    {
        public async Task<byte[]> VisitUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class
        {
            var codec = method.Codecs.Get<ThriftMethodCodec<TRequest, TResponse>>()!;
            var reader = ThriftWire.Reader(kind);
            reader.Reset(new ReadOnlySequence<byte>(args));
            var request = codec.ReadArgs(reader);
            var response = await handler(request, new Context(method.FullName));
            var output = new ArrayBufferWriter<byte>();
            var writer = ThriftWire.Writer(kind);
            writer.Reset(output);
            codec.WriteResult(writer, response);
            writer.Flush();
            return output.WrittenSpan.ToArray();
        }

        public Task<byte[]> VisitClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class => throw new NotSupportedException();

        public Task<byte[]> VisitServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class => throw new NotSupportedException();

        public Task<byte[]> VisitDuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
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
