using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Steward.Rpc.Grpc;

/// <summary>
/// The gRPC entry point: checks the request is gRPC, finds the method by its path in a frozen table
/// (no endpoint routing on the hot path) and runs it; unknown paths get UNIMPLEMENTED.
/// </summary>
internal sealed class GrpcDispatcher
{
    private readonly GrpcServerRuntime _runtime;

    public GrpcDispatcher(IOptions<StewardServerOptions> options, ILoggerFactory loggerFactory, ServiceRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _runtime = new GrpcServerRuntime(options.Value, loggerFactory.CreateLogger("Steward.Rpc.Grpc.Server"), registry);
    }

    public ServiceRegistry Registry => _runtime.Registry;

    /// <summary>Serves one request; answers non-gRPC requests with the HTTP status the spec asks for.</summary>
    public Task DispatchAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var path = http.Request.Path.Value ?? "";
        if (_runtime.Handlers.TryGetValue(path, out var handler) && CheckRequest(http))
        {
            return handler.HandleAsync(http);
        }
        if (CheckRequest(http))
        {
            WriteUnimplemented(http, path);
        }
        return Task.CompletedTask;
    }

    internal RequestDelegate? GetMethodDelegate(string fullName)
    {
        if (!_runtime.Handlers.TryGetValue(fullName, out var handler))
        {
            return null;
        }
        return http => CheckRequest(http) ? handler.HandleAsync(http) : Task.CompletedTask;
    }

    /// <summary>True when the request may be dispatched; otherwise it has been answered.</summary>
    private bool CheckRequest(HttpContext http)
    {
        var request = http.Request;
        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            Reject(http, StatusCodes.Status415UnsupportedMediaType, $"Content-Type '{request.ContentType}' is not supported.");
            return false;
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            Reject(http, StatusCodes.Status405MethodNotAllowed, $"Method '{request.Method}' is not supported; gRPC uses POST.");
            return false;
        }
        if (!HttpProtocol.IsHttp2(request.Protocol))
        {
            Reject(http, StatusCodes.Status426UpgradeRequired, $"Request protocol '{request.Protocol}' is not supported; gRPC needs HTTP/2.");
            return false;
        }
        return true;
    }

    private void Reject(HttpContext http, int httpStatus, string message)
    {
        GrpcServerRuntime.LogCallFailed(_runtime.Logger, http.Request.Path.Value ?? "", StatusCode.Internal, message, null);
        http.Response.StatusCode = httpStatus;
        http.Response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Internal).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers[GrpcProtocol.MessageHeader] = GrpcProtocol.EncodeMessage(message);
    }

    private void WriteUnimplemented(HttpContext http, string path)
    {
        var slash = path.LastIndexOf('/');
        var service = slash > 1 ? path[1..slash] : "";
        var message = _runtime.Registry.ContainsService(service) ? $"Method is unimplemented: {path}" : $"Service is unimplemented: {service}";
        GrpcServerRuntime.LogCallFailed(_runtime.Logger, path, StatusCode.Unimplemented, message, null);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = GrpcProtocol.ContentType;
        http.Response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Unimplemented).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers[GrpcProtocol.MessageHeader] = GrpcProtocol.EncodeMessage(message);
    }
}
