using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Steward.Rpc.Grpc;

/// <summary>The gRPC side of one server call, over its HttpContext.</summary>
public sealed class GrpcServerCallContext : ServerCallContext
{
    private static readonly StringValues GrpcContentTypeValue = new(GrpcProtocol.ContentType);
    private static readonly StringValues StatusOkValue = new("0");
    private static readonly StringValues GzipValue = new(GrpcProtocol.Gzip);
    private static readonly StringValues AcceptEncodingsValue = new(GrpcProtocol.SupportedEncodings);

    private readonly HttpContext _http;
    private readonly GrpcServerRuntime _runtime;
    private Metadata? _requestHeaders;
    private Metadata? _trailers;
    private readonly CancellationTokenSource? _deadlineCts;
    private readonly bool _clientAcceptsGzip;
    private string? _peer;
    private int _deadlinePassed;
    private bool _headersWritten;
    // Messages may be compressed only if the headers announced gzip; a later switch to gzip is ignored.
    private bool _gzipAnnounced;
    private readonly CancellationToken _requestAborted;

    internal GrpcServerCallContext(HttpContext http, IMethod method, GrpcServerRuntime runtime)
    {
        _http = http;
        _runtime = runtime;
        MethodInfo = method;
        var headers = http.Request.Headers;
        var encoding = headers[GrpcProtocol.EncodingHeader];
        RequestEncoding = encoding.Count == 0 ? null : encoding.ToString();
        var accept = headers[GrpcProtocol.AcceptEncodingHeader];
        _clientAcceptsGzip = accept.Count > 0 && accept.ToString().Contains(GrpcProtocol.Gzip, StringComparison.Ordinal);
        ResponseCompression = _clientAcceptsGzip ? runtime.Options.ResponseCompression : null;
        _requestAborted = http.RequestAborted;
        CancellationToken = _requestAborted;
        Deadline = DateTime.MaxValue;
        var timeout = headers[GrpcProtocol.TimeoutHeader];
        if (timeout.Count > 0 && GrpcProtocol.TryParseTimeout(timeout.ToString(), out var span))
        {
            Deadline = DateTime.UtcNow + span;
            _deadlineCts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            _deadlineCts.Token.UnsafeRegister(static s => ((GrpcServerCallContext)s!).OnCancelled(), this);
            _deadlineCts.CancelAfter(span);
            CancellationToken = _deadlineCts.Token;
        }
    }

    /// <summary>The method being called.</summary>
    public IMethod MethodInfo { get; }
    /// <summary>The ASP.NET Core request the call runs on, for what the call model does not carry (connection, user, features).</summary>
    public HttpContext HttpContext => _http;
    /// <inheritdoc />
    public override string Method => MethodInfo.FullName;
    /// <summary>Always <c>grpc</c>.</summary>
    public override string Protocol => "grpc";
    /// <inheritdoc />
    public override string Peer => _peer ??= FormatPeer(_http);
    /// <inheritdoc />
    public override DateTime Deadline { get; }
    /// <inheritdoc />
    public override CancellationToken CancellationToken { get; }
    /// <summary>The request headers gRPC shows as metadata: protocol headers are left out, <c>-bin</c> values are decoded, and headers outside gRPC's grammar are dropped.</summary>
    public override Metadata RequestHeaders => _requestHeaders ??= ReadRequestHeaders(_http.Request.Headers);
    /// <summary>Trailers sent with the status; adding an entry outside gRPC's metadata grammar throws <see cref="ArgumentException"/>.</summary>
    public override Metadata ResponseTrailers => _trailers ??= GrpcMetadata.Create();
    /// <inheritdoc />
    public override Status Status { get; set; }

    /// <summary>The request's grpc-encoding, if any.</summary>
    public string? RequestEncoding { get; }
    /// <summary>Whether the last request message read was flagged compressed.</summary>
    public bool LastRequestCompressed { get; internal set; }
    /// <summary>Compression for the response messages (gzip or null); set to null for uncompressed. Takes effect if the client accepts it.</summary>
    public string? ResponseCompression { get; set; }
    internal bool DeadlinePassed => Volatile.Read(ref _deadlinePassed) == 1;
    internal GrpcServerRuntime Runtime => _runtime;

    private void OnCancelled()
    {
        // The HttpContext may already be recycled when the timer fires; only the captured token is safe here.
        if (!_requestAborted.IsCancellationRequested)
        {
            Volatile.Write(ref _deadlinePassed, 1);
        }
    }

    /// <summary>Sends <paramref name="responseHeaders"/> now; throws <see cref="ArgumentException"/> for an entry outside gRPC's grammar and <see cref="InvalidOperationException"/> once the response has started.</summary>
    public override Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        var wireHeaders = GrpcMetadata.ToWire(responseHeaders)!;
        if (_http.Response.HasStarted)
        {
            throw new InvalidOperationException("Response headers have already been sent.");
        }
        var headers = _http.Response.Headers;
        foreach (var entry in wireHeaders)
        {
            headers.Append(entry.Key, GrpcProtocol.HeaderValue(entry));
        }
        EnsureHeaders();
        return _http.Response.StartAsync(CancellationToken);
    }

    private bool CompressResponse => _clientAcceptsGzip && ResponseCompression == GrpcProtocol.Gzip;

    private void EnsureHeaders()
    {
        if (_headersWritten)
        {
            return;
        }
        _headersWritten = true;
        var response = _http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers.ContentType = GrpcContentTypeValue;
        if (CompressResponse)
        {
            _gzipAnnounced = true;
            response.Headers[GrpcProtocol.EncodingHeader] = GzipValue;
            response.Headers[GrpcProtocol.AcceptEncodingHeader] = AcceptEncodingsValue;
        }
    }

    internal async ValueTask<MessageRead<T>> ReadMessageAsync<T>(Marshaller<T> marshaller)
    {
        var read = await MessageFraming.ReadMessageAsync(_http.Request.BodyReader, marshaller, _runtime.Options.MaxReceiveMessageSize, RequestEncoding, CancellationToken).ConfigureAwait(false);
        LastRequestCompressed = read.Compressed;
        return read;
    }

    /// <summary>Reads the one request of a unary or server-streaming call: exactly one message, then the end of the stream.</summary>
    internal async ValueTask<T> ReadSingleMessageAsync<T>(Marshaller<T> marshaller)
    {
        var read = await ReadMessageAsync(marshaller).ConfigureAwait(false);
        if (!read.HasMessage)
        {
            throw new RpcException(new Status(StatusCode.Internal, "The request has no message."));
        }
        var compressed = read.Compressed;
        var next = await ReadMessageAsync(marshaller).ConfigureAwait(false);
        if (next.HasMessage)
        {
            throw new RpcException(new Status(StatusCode.Internal, "The request has more than one message for a single-request method."));
        }
        LastRequestCompressed = compressed;
        return read.Message!;
    }

    internal void WriteMessage<T>(T message, Marshaller<T> marshaller)
    {
        EnsureHeaders();
        MessageFraming.WriteFrame(_http.Response.BodyWriter, message, marshaller, _runtime.Options.MaxSendMessageSize, CompressResponse && _gzipAnnounced);
    }

    internal ValueTask<System.IO.Pipelines.FlushResult> FlushAsync() => _http.Response.BodyWriter.FlushAsync(CancellationToken);

    /// <summary>Ends the call: status in trailers, or alone in the headers (trailers-only) when nothing was sent yet.</summary>
    internal void Complete(Status status)
    {
        var response = _http.Response;
        if (!response.HasStarted && !_headersWritten)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.Headers.ContentType = GrpcContentTypeValue;
            WriteStatus(response.Headers, status, useTrailers: false);
            return;
        }
        EnsureHeaders();
        WriteStatus(response.Headers, status, useTrailers: true);
    }

    private void WriteStatus(IHeaderDictionary headers, Status status, bool useTrailers)
    {
        var trailers = useTrailers ? _http.Features.Get<IHttpResponseTrailersFeature>()?.Trailers : headers;
        if (trailers is null)
        {
            return;
        }
        trailers[GrpcProtocol.StatusHeader] = status.StatusCode == StatusCode.OK ? StatusOkValue : new StringValues(((int)status.StatusCode).ToString(CultureInfo.InvariantCulture));
        if (status.Detail.Length > 0)
        {
            trailers[GrpcProtocol.MessageHeader] = GrpcProtocol.EncodeMessage(status.Detail);
        }
        if (!status.Details.IsEmpty)
        {
            trailers[GrpcProtocol.StatusDetailsHeader] = GrpcProtocol.EncodeBinaryHeader(status.Details.ToArray());
        }
        if (_trailers is { Count: > 0 })
        {
            foreach (var entry in _trailers)
            {
                trailers.Append(entry.Key, GrpcProtocol.HeaderValue(entry));
            }
        }
    }

    internal void DisposeDeadline() => _deadlineCts?.Dispose();

    private static Metadata ReadRequestHeaders(IHeaderDictionary headers)
    {
        var metadata = GrpcMetadata.Create();
        foreach (var header in headers)
        {
            if (GrpcProtocol.IsReservedHeader(header.Key))
            {
                continue;
            }
            foreach (var value in header.Value)
            {
                if (value is not null)
                {
                    try
                    {
                        GrpcProtocol.AddHeaderToMetadata(metadata, header.Key.ToLowerInvariant(), value);
                    }
                    catch (Exception ex) when (ex is ArgumentException or FormatException)
                    {
                        // A header that is not valid metadata (bad base64, non-ASCII) is skipped rather than failing the call.
                    }
                }
            }
        }
        return metadata;
    }

    private static string FormatPeer(HttpContext http)
    {
        var ip = http.Connection.RemoteIpAddress;
        if (ip is null)
        {
            return "unix:";
        }
        var family = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "ipv6:[" + ip + "]" : "ipv4:" + ip;
        return family + ":" + http.Connection.RemotePort.ToString(CultureInfo.InvariantCulture);
    }
}
