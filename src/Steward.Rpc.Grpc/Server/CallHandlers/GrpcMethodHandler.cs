using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Steward.Rpc.Grpc;

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
                    http.Features.Get<IHttpResetFeature>()?.Reset(Http2ErrorCode.Cancel);
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
