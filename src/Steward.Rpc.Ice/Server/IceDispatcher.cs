using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Steward.Rpc.Ice;

/// <summary>
/// The Ice server's shared state (one per host, from DI): the registry's methods bound once to Ice handlers,
/// the core options and the logger. Each listener (object adapter) builds its own servant table from it.
/// </summary>
internal sealed class IceDispatcher
{
    public IceDispatcher(ServiceRegistry registry, IOptions<StewardServerOptions> options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        Options = options.Value;
        Logger = loggerFactory.CreateLogger("Steward.Rpc.Ice.Server");
        Handlers = registry.Bind(IceHandlerFactory.Instance).Values.OfType<IceMethodHandler>().ToArray();
    }

    public StewardServerOptions Options { get; }
    public ILogger Logger { get; }
    public IReadOnlyList<IceMethodHandler> Handlers { get; }

    /// <summary>A connection handler for one adapter.</summary>
    public Func<ConnectionContext, Task> CreateHandler(IceObjectAdapterOptions adapter)
    {
        var table = new IceServantTable(Handlers, adapter);
        IceServerLog.AdapterReady(Logger, adapter.Name, table.Count);
        return connection => new IceServerConnection(this, adapter, table, connection).RunAsync();
    }

    /// <summary>The reply status and text a failed dispatch is answered with (logged here, once).</summary>
    public (IceReplyStatus Status, string Message) Describe(IceServerCallContext context, IIceOperation operation, Exception ex)
    {
        switch (ex)
        {
            case IceUserException user:
                IceServerLog.CallFailed(Logger, context.Operation, user.IceId, user.Message);
                return (IceReplyStatus.UnknownUserException, user.IceId);
            case RpcException rpc:
                var detail = string.IsNullOrEmpty(rpc.Status.Detail) ? rpc.StatusCode.ToString() : rpc.Status.Detail;
                IceServerLog.CallFailed(Logger, context.Operation, rpc.StatusCode.ToString(), detail);
                return (IceReplyStatus.UnknownLocalException, $"{rpc.StatusCode}: {detail}");
            default:
                IceServerLog.HandlerThrew(Logger, context.Operation, ex);
                _ = operation;
                return (IceReplyStatus.UnknownException, Options.EnableDetailedErrors
                    ? $"{ex.GetType().FullName}: {ex.Message}"
                    : $"unknown exception in '{context.Operation}'");
        }
    }

    /// <summary>The peer as the core formats it: <c>ipv4:127.0.0.1:5000</c>, <c>ipv6:[::1]:5000</c>, <c>unix:/path</c>.</summary>
    internal static string FormatPeer(EndPoint? endPoint) => endPoint switch
    {
        IPEndPoint { AddressFamily: AddressFamily.InterNetworkV6 } ip => $"ipv6:[{ip.Address}]:{ip.Port}",
        IPEndPoint ip => $"ipv4:{ip.Address}:{ip.Port}",
        UnixDomainSocketEndPoint unix => "unix:" + unix,
        null => "unknown",
        _ => endPoint.ToString() ?? "unknown",
    };
}

internal static partial class IceServerLog
{
    [LoggerMessage(1, LogLevel.Debug, "Ice adapter {Name} serves {Count} servants")]
    public static partial void AdapterReady(ILogger logger, string name, int count);

    [LoggerMessage(2, LogLevel.Information, "Ice call {Operation} failed with {Error}: {Detail}")]
    public static partial void CallFailed(ILogger logger, string operation, string error, string detail);

    [LoggerMessage(3, LogLevel.Error, "Ice call {Operation}: the servant threw")]
    public static partial void HandlerThrew(ILogger logger, string operation, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Ice protocol error from {Peer}, closing the connection: {Detail}")]
    public static partial void ProtocolError(ILogger logger, string peer, string detail, Exception exception);

    [LoggerMessage(5, LogLevel.Information, "Ice request '{Operation}' on '{Identity}' from {Peer} answered with {Status}")]
    public static partial void RequestRejected(ILogger logger, string operation, string identity, string peer, IceReplyStatus status);

    [LoggerMessage(6, LogLevel.Debug, "Ice connection from {Peer} ended: {Detail}")]
    public static partial void ConnectionLost(ILogger logger, string peer, string detail);
}
