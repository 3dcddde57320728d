namespace Steward.Rpc.CodeGen.Tests;

/// <summary>A CallInvoker that records which call the stub started and answers from memory (no transport).</summary>
internal sealed class RecordingInvoker : CallInvoker
{
    public List<(string Kind, string Method, CallOptions Options)> Calls { get; } = [];

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
    {
        Calls.Add(("Unary", method.FullName, options));
        return new AsyncUnaryCall<TResponse>(Task.FromResult(Reply(method, "unary")), new State());
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
    {
        Calls.Add(("ServerStreaming", method.FullName, options));
        return new AsyncServerStreamingCall<TResponse>(new Reader<TResponse>([Reply(method, "server-stream")]), new State());
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
    {
        Calls.Add(("ClientStreaming", method.FullName, options));
        var writer = new Writer<TRequest>();
        return new AsyncClientStreamingCall<TRequest, TResponse>(writer, writer.Completed.ContinueWith(_ => Reply(method, "client-stream:" + writer.Count), TaskScheduler.Default), new State());
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
    {
        Calls.Add(("DuplexStreaming", method.FullName, options));
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(new Writer<TRequest>(), new Reader<TResponse>([Reply(method, "duplex")]), new State());
    }

    /// <summary>Builds the response through the method's own marshaller, so only generated code is involved.</summary>
    private static TResponse Reply<TRequest, TResponse>(Method<TRequest, TResponse> method, string text)
    {
        // HelloReply has message = 1: tag 0x0A, length, UTF-8. Other response types get an empty message.
        if (method.ServiceName != "greet.v1.Greeter" || method.Name == "Ping")
        {
            return method.ResponseMarshaller.Deserialize(default);
        }
        var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        var bytes = new byte[] { 0x0A, (byte)utf8.Length }.Concat(utf8).ToArray();
        return method.ResponseMarshaller.Deserialize(new System.Buffers.ReadOnlySequence<byte>(bytes));
    }

    private sealed class Reader<T>(List<T> items) : IAsyncStreamReader<T>
    {
        private int _index = -1;
        public T Current => items[_index];
        public Task<bool> MoveNext(CancellationToken cancellationToken = default) => Task.FromResult(++_index < items.Count);
    }

    private sealed class Writer<T> : IClientStreamWriter<T>
    {
        private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Count { get; private set; }
        public Task Completed => _completed.Task;
        public Task WriteAsync(T message, CancellationToken cancellationToken = default) { Count++; return Task.CompletedTask; }
        public Task CompleteAsync() { _completed.TrySetResult(); return Task.CompletedTask; }
    }

    private sealed class State : IClientCallState
    {
        public Task<Metadata> ResponseHeadersAsync => Task.FromResult(new Metadata());
        public Status GetStatus() => Status.DefaultSuccess;
        public Metadata GetTrailers() => new();
        public void Dispose() { }
    }
}
