using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;

namespace Steward.Rpc.Grpc;

/// <summary>What every call handler shares: options, logging, per-connection dispatch gates.</summary>
internal sealed partial class GrpcServerRuntime
{
    private static readonly object s_gateKey = new();

    public GrpcServerRuntime(StewardServerOptions options, ILogger logger, ServiceRegistry registry)
    {
        Options = options;
        Logger = logger;
        Registry = registry;
        Handlers = registry.Bind(new HandlerFactory(this));
    }

    public StewardServerOptions Options { get; }
    public ILogger Logger { get; }
    public ServiceRegistry Registry { get; }
    public FrozenDictionary<string, GrpcMethodHandler> Handlers { get; }

    public ValueTask<CallGate.Lease> EnterAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (Options.Dispatch == DispatchMode.Inline)
        {
            return default;
        }
        if (Options.Dispatch == DispatchMode.ThreadPool)
        {
            return s_threadPoolGate.EnterAsync(cancellationToken);
        }
        // The gate lives in the connection's items, so it goes away with the connection.
        var items = http.Features.Get<IConnectionItemsFeature>()?.Items;
        CallGate gate;
        if (items is null)
        {
            gate = s_threadPoolGate;
        }
        else
        {
            lock (items)
            {
                if (items.TryGetValue(s_gateKey, out var existing))
                {
                    gate = (CallGate)existing!;
                }
                else
                {
                    gate = new CallGate(DispatchMode.BoundedPerConnection, Options.MaxConcurrentCallsPerConnection);
                    items[s_gateKey] = gate;
                }
            }
        }
        return gate.EnterAsync(cancellationToken);
    }

    private static readonly CallGate s_threadPoolGate = new(DispatchMode.ThreadPool, 1);

    /// <summary>Maps a failure to the status sent, logging it once.</summary>
    public Status ToStatus(GrpcServerCallContext context, Exception ex)
    {
        if (ex is RpcException rpc)
        {
            if (rpc.Trailers.Count > 0)
            {
                foreach (var entry in rpc.Trailers)
                {
                    context.ResponseTrailers.Add(entry);
                }
            }
            LogCallFailed(Logger, context.Method, rpc.StatusCode, rpc.Status.Detail, null);
            return rpc.Status;
        }
        if (context.DeadlinePassed && ex is OperationCanceledException or IOException)
        {
            LogCallFailed(Logger, context.Method, StatusCode.DeadlineExceeded, "deadline passed", null);
            return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }
        if (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            LogCallFailed(Logger, context.Method, StatusCode.Cancelled, "the client cancelled or the connection closed", null);
            return new Status(StatusCode.Cancelled, "Call cancelled by the client.");
        }
        LogHandlerThrew(Logger, context.Method, ex);
        var detail = Options.EnableDetailedErrors ? "Exception was thrown by handler. " + ex.GetType().Name + ": " + ex.Message : "Exception was thrown by handler.";
        return new Status(StatusCode.Unknown, detail, debugException: ex);
    }

    [LoggerMessage(1, LogLevel.Information, "gRPC call {Method} ended with {StatusCode}: {Detail}")]
    public static partial void LogCallFailed(ILogger logger, string method, StatusCode statusCode, string detail, Exception? exception);

    [LoggerMessage(2, LogLevel.Error, "gRPC call {Method}: the handler threw")]
    public static partial void LogHandlerThrew(ILogger logger, string method, Exception exception);

    private sealed class HandlerFactory(GrpcServerRuntime runtime) : IServerMethodVisitor<GrpcMethodHandler>
    {
        public GrpcMethodHandler VisitUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class => new UnaryHandler<TRequest, TResponse>(runtime, method, handler);
        public GrpcMethodHandler VisitClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class => new ClientStreamingHandler<TRequest, TResponse>(runtime, method, handler);
        public GrpcMethodHandler VisitServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class => new ServerStreamingHandler<TRequest, TResponse>(runtime, method, handler);
        public GrpcMethodHandler VisitDuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class => new DuplexStreamingHandler<TRequest, TResponse>(runtime, method, handler);
    }
}

/// <summary>One method's HTTP/2 handler: reads the request, runs the (intercepted) service method, writes the response and status.</summary>
internal abstract class GrpcMethodHandler(GrpcServerRuntime runtime, IMethod method)
{
    protected GrpcServerRuntime Runtime { get; } = runtime;
    public IMethod Method { get; } = method;

    public async Task HandleAsync(HttpContext http)
    {
        var context = new GrpcServerCallContext(http, Method, Runtime) { Status = Status.DefaultSuccess };
        try
        {
            if (context.RequestEncoding is { } encoding && encoding != GrpcProtocol.Identity && encoding != GrpcProtocol.Gzip)
            {
                http.Response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.SupportedEncodings;
                throw new RpcException(new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding '{encoding}'; this server accepts {GrpcProtocol.SupportedEncodings}."));
            }
            using (await Runtime.EnterAsync(http, context.CancellationToken).ConfigureAwait(false))
            {
                await RunAsync(context).ConfigureAwait(false);
            }
            if (context.DeadlinePassed)
            {
                throw new OperationCanceledException();
            }
            context.Complete(context.Status);
        }
        catch (Exception ex)
        {
            var status = Runtime.ToStatus(context, ex);
            if (!http.RequestAborted.IsCancellationRequested)
            {
                context.Complete(status);
                if (status.StatusCode == StatusCode.DeadlineExceeded)
                {
                    // The spec wants the stream reset after the status so a client still sending stops.
                    await http.Response.CompleteAsync().ConfigureAwait(false);
                    http.Features.Get<IHttpResetFeature>()?.Reset(8 /* CANCEL */);
                }
            }
        }
        finally
        {
            context.DisposeDeadline();
        }
    }

    protected abstract Task RunAsync(GrpcServerCallContext context);
}

internal sealed class UnaryHandler<TRequest, TResponse>(GrpcServerRuntime runtime, Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
    : GrpcMethodHandler(runtime, method) where TRequest : class where TResponse : class
{
    protected override async Task RunAsync(GrpcServerCallContext context)
    {
        var request = await context.ReadSingleMessageAsync(method.RequestMarshaller).ConfigureAwait(false);
        var response = await handler(request, context).ConfigureAwait(false);
        if (context.DeadlinePassed)
        {
            return;
        }
        context.WriteMessage(response, method.ResponseMarshaller);
    }
}

internal sealed class ClientStreamingHandler<TRequest, TResponse>(GrpcServerRuntime runtime, Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
    : GrpcMethodHandler(runtime, method) where TRequest : class where TResponse : class
{
    protected override async Task RunAsync(GrpcServerCallContext context)
    {
        var response = await handler(new RequestStreamReader<TRequest>(context, method.RequestMarshaller), context).ConfigureAwait(false);
        if (context.DeadlinePassed)
        {
            return;
        }
        context.WriteMessage(response, method.ResponseMarshaller);
    }
}

internal sealed class ServerStreamingHandler<TRequest, TResponse>(GrpcServerRuntime runtime, Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
    : GrpcMethodHandler(runtime, method) where TRequest : class where TResponse : class
{
    protected override async Task RunAsync(GrpcServerCallContext context)
    {
        var request = await context.ReadSingleMessageAsync(method.RequestMarshaller).ConfigureAwait(false);
        await handler(request, new ResponseStreamWriter<TResponse>(context, method.ResponseMarshaller), context).ConfigureAwait(false);
    }
}

internal sealed class DuplexStreamingHandler<TRequest, TResponse>(GrpcServerRuntime runtime, Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
    : GrpcMethodHandler(runtime, method) where TRequest : class where TResponse : class
{
    protected override Task RunAsync(GrpcServerCallContext context) =>
        handler(new RequestStreamReader<TRequest>(context, method.RequestMarshaller), new ResponseStreamWriter<TResponse>(context, method.ResponseMarshaller), context);
}

internal sealed class RequestStreamReader<T>(GrpcServerCallContext context, Marshaller<T> marshaller) : IAsyncStreamReader<T> where T : class
{
    private T? _current;
    private bool _ended;

    public T Current => _current ?? throw new InvalidOperationException("MoveNext has not returned true.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        if (_ended)
        {
            return false;
        }
        cancellationToken.ThrowIfCancellationRequested();
        var read = await context.ReadMessageAsync(marshaller).ConfigureAwait(false);
        if (!read.HasMessage)
        {
            _ended = true;
            _current = null;
            return false;
        }
        _current = read.Message;
        return true;
    }
}

internal sealed class ResponseStreamWriter<T>(GrpcServerCallContext context, Marshaller<T> marshaller) : IServerStreamWriter<T>
{
    private int _writing;

    public async Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _writing, 1) == 1)
        {
            throw new InvalidOperationException("A write is already in progress; await each WriteAsync before the next.");
        }
        try
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            context.WriteMessage(message, marshaller);
            await context.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }
}
