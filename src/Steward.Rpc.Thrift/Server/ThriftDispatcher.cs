using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Steward.Rpc.Thrift;

/// <summary>
/// The Thrift server's shared state (one per host, from DI): the registry's methods bound once to Thrift
/// handlers, the core options and the logger. Each listener builds its own name table from it.
/// </summary>
internal sealed class ThriftDispatcher
{
    public ThriftDispatcher(ServiceRegistry registry, IOptions<StewardServerOptions> options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        Registry = registry;
        Options = options.Value;
        Logger = loggerFactory.CreateLogger("Steward.Rpc.Thrift.Server");
        Handlers = registry.Bind(ThriftHandlerFactory.Instance).Values.OfType<ThriftMethodHandler>().ToArray();
    }

    public ServiceRegistry Registry { get; }
    public StewardServerOptions Options { get; }
    public ILogger Logger { get; }
    public IReadOnlyList<ThriftMethodHandler> Handlers { get; }

    /// <summary>A connection handler for one listener's settings.</summary>
    public ThriftConnectionHandler CreateHandler(ThriftServerOptions options)
    {
        var table = new ThriftMethodTable(Handlers, options);
        ThriftServerLog.ListenerReady(Logger, table.Count, options.Transport?.ToString() ?? "auto", options.Protocol?.ToString() ?? "auto", options.Multiplexed);
        return new ThriftConnectionHandler(this, options, table);
    }

    /// <summary>The TApplicationException a failed handler is answered with (logged here, once).</summary>
    public ThriftApplicationException ToApplicationException(ThriftServerCallContext context, Exception ex)
    {
        switch (ex)
        {
            case ThriftApplicationException app:
                ThriftServerLog.CallFailed(Logger, context.MessageName, app.Type.ToString(), app.Message);
                return app;
            case RpcException rpc:
                var type = ThriftApplicationException.FromStatusCode(rpc.StatusCode);
                var detail = string.IsNullOrEmpty(rpc.Status.Detail) ? rpc.StatusCode.ToString() : rpc.Status.Detail;
                ThriftServerLog.CallFailed(Logger, context.MessageName, rpc.StatusCode.ToString(), detail);
                return new ThriftApplicationException(type, detail);
            default:
                ThriftServerLog.HandlerThrew(Logger, context.MessageName, ex);
                return new ThriftApplicationException(ThriftApplicationExceptionType.InternalError,
                    Options.EnableDetailedErrors
                        ? $"Exception was thrown by handler of '{context.MessageName}'. {ex.GetType().Name}: {ex.Message}"
                        : $"Internal error processing {context.MessageName}");
        }
    }
}

internal static partial class ThriftServerLog
{
    [LoggerMessage(1, LogLevel.Debug, "Thrift listener serves {Count} message names (transport {Transport}, protocol {Protocol}, multiplexed {Multiplexed})")]
    public static partial void ListenerReady(ILogger logger, int count, string transport, string protocol, bool multiplexed);

    [LoggerMessage(2, LogLevel.Information, "Thrift call {Name} failed with {Error}: {Detail}")]
    public static partial void CallFailed(ILogger logger, string name, string error, string detail);

    [LoggerMessage(3, LogLevel.Error, "Thrift call {Name}: the handler threw")]
    public static partial void HandlerThrew(ILogger logger, string name, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Thrift protocol error from {Peer}, closing the connection: {Detail}")]
    public static partial void ProtocolError(ILogger logger, string peer, string detail, Exception exception);

    [LoggerMessage(5, LogLevel.Information, "Thrift message '{Name}' from {Peer} answered with {Error}: {Detail}")]
    public static partial void MessageRejected(ILogger logger, string name, string peer, string error, string detail);

    [LoggerMessage(6, LogLevel.Debug, "Thrift connection from {Peer}: {Transport} transport, {Protocol} protocol")]
    public static partial void ConnectionDetected(ILogger logger, string peer, ThriftTransport transport, ThriftProtocolKind protocol);

    [LoggerMessage(7, LogLevel.Debug, "Thrift connection from {Peer} ended: {Detail}")]
    public static partial void ConnectionLost(ILogger logger, string peer, string detail);
}
