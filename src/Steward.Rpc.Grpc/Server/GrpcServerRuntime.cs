using System.Collections.Frozen;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Steward.Rpc.Grpc;

/// <summary>What every call handler shares: options, logging, per-connection dispatch gates.</summary>
internal sealed partial class GrpcServerRuntime
{
    private static readonly object GateKey = new();

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
            return ThreadPoolGate.EnterAsync(cancellationToken);
        }
        // The gate lives in the connection's items, so it goes away with the connection.
        var items = http.Features.Get<IConnectionItemsFeature>()?.Items;
        CallGate gate;
        if (items is null)
        {
            gate = ThreadPoolGate;
        }
        else
        {
            lock (items)
            {
                if (items.TryGetValue(GateKey, out var existing))
                {
                    gate = (CallGate)existing!;
                }
                else
                {
                    gate = new CallGate(DispatchMode.BoundedPerConnection, Options.MaxConcurrentCallsPerConnection);
                    items[GateKey] = gate;
                }
            }
        }
        return gate.EnterAsync(cancellationToken);
    }

    private static readonly CallGate ThreadPoolGate = new(DispatchMode.ThreadPool, 1);

    /// <summary>Maps a failure to the status sent, logging it once.</summary>
    public Status ToStatus(GrpcServerCallContext context, Exception ex)
    {
        if (ex is RpcException rpc)
        {
            if (rpc.Trailers.Count > 0)
            {
                Metadata trailers;
                try
                {
                    trailers = GrpcMetadata.ToWire(rpc.Trailers)!;
                }
                catch (ArgumentException invalid)
                {
                    // Trailers gRPC cannot carry are the handler's mistake, reported as a throwing handler is.
                    return HandlerThrew(context, invalid);
                }
                foreach (var entry in trailers)
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
        return HandlerThrew(context, ex);
    }

    private Status HandlerThrew(GrpcServerCallContext context, Exception ex)
    {
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
