using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Steward.Rpc.Corba;

/// <summary>
/// The GIOP server's shared state (one per host, from DI): the registry's methods bound once to GIOP handlers, the
/// core options and the logger. Each listener (object adapter) builds its own servant table from it.
/// </summary>
internal sealed class CorbaDispatcher
{
    /// <summary>omniORB's BAD_OPERATION_UnRecognisedOperationName.</summary>
    public const uint UnknownOperationMinor = 0x41540000 | 38;
    /// <summary>OMG OBJECT_NOT_EXIST minor 1 (omniORB's OBJECT_NOT_EXIST_NoMatch).</summary>
    public const uint NoMatchMinor = CorbaSystemException.OmgMinorBase | 1;
    /// <summary>OMG UNKNOWN minor 1: an unlisted user exception.</summary>
    public const uint UnlistedUserExceptionMinor = CorbaSystemException.OmgMinorBase | 1;
    /// <summary>OMG UNKNOWN minor 2: a non-CORBA exception.</summary>
    public const uint NonCorbaExceptionMinor = CorbaSystemException.OmgMinorBase | 2;

    public CorbaDispatcher(ServiceRegistry registry, IOptions<StewardServerOptions> options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        Options = options.Value;
        Logger = loggerFactory.CreateLogger("Steward.Rpc.Corba.Server");
        Handlers = registry.Bind(CorbaHandlerFactory.Instance).Values.OfType<CorbaMethodHandler>().ToArray();
    }

    public StewardServerOptions Options { get; }
    public ILogger Logger { get; }
    public IReadOnlyList<CorbaMethodHandler> Handlers { get; }

    /// <summary>A connection handler for one adapter.</summary>
    public Func<ConnectionContext, Task> CreateHandler(CorbaObjectAdapterOptions adapter)
    {
        var table = new CorbaServantTable(Handlers, adapter);
        CorbaServerLog.AdapterReady(Logger, adapter.Name, table.Count);
        return connection => new CorbaServerConnection(this, adapter, table, connection).RunAsync();
    }

    /// <summary>
    /// The system exception a failed call is answered with (logged here, once). A <see cref="CorbaSystemException"/> is
    /// itself; an undeclared <see cref="CorbaUserException"/> is UNKNOWN (OMG minor 1); an <see cref="RpcException"/> maps
    /// by status code (see <see cref="FromStatus"/>); anything else is UNKNOWN (OMG minor 2), completed MAYBE.
    /// </summary>
    public CorbaSystemException Describe(string operation, Exception ex)
    {
        switch (ex)
        {
            case CorbaSystemException system:
                CorbaServerLog.CallFailed(Logger, operation, system.Name, system.Message);
                return system;
            case CorbaUserException user:
                CorbaServerLog.CallFailed(Logger, operation, user.RepositoryId, "a user exception the operation does not declare");
                return new CorbaSystemException("UNKNOWN", UnlistedUserExceptionMinor, CompletionStatus.Maybe);
            case RpcException rpc:
                var detail = string.IsNullOrEmpty(rpc.Status.Detail) ? rpc.StatusCode.ToString() : rpc.Status.Detail;
                CorbaServerLog.CallFailed(Logger, operation, rpc.StatusCode.ToString(), detail);
                return FromStatus(rpc.StatusCode, detail);
            default:
                CorbaServerLog.HandlerThrew(Logger, operation, ex);
                return new CorbaSystemException("UNKNOWN", NonCorbaExceptionMinor, CompletionStatus.Maybe,
                    Options.EnableDetailedErrors ? $"{ex.GetType().FullName}: {ex.Message}" : null);
        }
    }

    /// <summary>
    /// The system exception for a core status, completed MAYBE (the servant ran): InvalidArgument, OutOfRange and
    /// AlreadyExists → BAD_PARAM; NotFound → OBJECT_NOT_EXIST; PermissionDenied, Unauthenticated → NO_PERMISSION;
    /// Unimplemented → NO_IMPLEMENT; ResourceExhausted → NO_RESOURCES; Unavailable, Aborted → TRANSIENT;
    /// Cancelled → TRANSIENT (OMG minor 3, request cancelled); DeadlineExceeded → TIMEOUT; FailedPrecondition →
    /// BAD_INV_ORDER; Internal, DataLoss → INTERNAL; anything else → UNKNOWN.
    /// </summary>
    public static CorbaSystemException FromStatus(StatusCode code, string detail)
    {
        var (name, minor) = code switch
        {
            StatusCode.InvalidArgument or StatusCode.OutOfRange or StatusCode.AlreadyExists => ("BAD_PARAM", 0u),
            StatusCode.NotFound => ("OBJECT_NOT_EXIST", 0u),
            StatusCode.PermissionDenied or StatusCode.Unauthenticated => ("NO_PERMISSION", 0u),
            StatusCode.Unimplemented => ("NO_IMPLEMENT", 0u),
            StatusCode.ResourceExhausted => ("NO_RESOURCES", 0u),
            StatusCode.Unavailable or StatusCode.Aborted => ("TRANSIENT", 0u),
            StatusCode.Cancelled => ("TRANSIENT", CorbaSystemException.OmgMinorBase | 3),
            StatusCode.DeadlineExceeded => ("TIMEOUT", 0u),
            StatusCode.FailedPrecondition => ("BAD_INV_ORDER", 0u),
            StatusCode.Internal or StatusCode.DataLoss => ("INTERNAL", 0u),
            _ => ("UNKNOWN", 0u),
        };
        return new CorbaSystemException(name, minor, CompletionStatus.Maybe, $"{code}: {detail}");
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

internal static partial class CorbaServerLog
{
    [LoggerMessage(1, LogLevel.Debug, "CORBA adapter {Name} serves {Count} servants")]
    public static partial void AdapterReady(ILogger logger, string name, int count);

    [LoggerMessage(2, LogLevel.Information, "CORBA call {Operation} failed with {Error}: {Detail}")]
    public static partial void CallFailed(ILogger logger, string operation, string error, string detail);

    [LoggerMessage(3, LogLevel.Error, "CORBA call {Operation}: the servant threw")]
    public static partial void HandlerThrew(ILogger logger, string operation, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "GIOP protocol error from {Peer}, sending MessageError and closing the connection: {Detail}")]
    public static partial void ProtocolError(ILogger logger, string peer, string detail);

    [LoggerMessage(5, LogLevel.Information, "GIOP request '{Operation}' from {Peer} answered with {Exception}")]
    public static partial void RequestRejected(ILogger logger, string operation, string peer, string exception);

    [LoggerMessage(6, LogLevel.Debug, "GIOP connection from {Peer} ended: {Detail}")]
    public static partial void ConnectionLost(ILogger logger, string peer, string detail);
}
