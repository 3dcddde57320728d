using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;

namespace Steward.Rpc.Grpc;

/// <summary>One client call over one HTTP/2 stream: request headers and body out, response headers, messages and trailers in.</summary>
internal sealed class GrpcClientCall<TRequest, TResponse> : IClientCallState
    where TRequest : class where TResponse : class
{
    private static readonly Version Http2Version = HttpVersion.Version20;

    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly Metadata? _requestHeaders;
    private readonly CancellationTokenSource _cts = new();
    private readonly TaskCompletionSource<Metadata> _headers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _userCancellation;
    private GrpcRequestContent? _content;
    private Task _responseTask = Task.CompletedTask;
    private HttpResponseMessage? _response;
    private PipeReader? _reader;
    private string? _responseEncoding;
    private Status? _status;
    private Metadata? _trailers;
    private volatile bool _deadlineHit;
    private volatile bool _disposed;
    private Timer? _deadlineTimer;

    public GrpcClientCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        // Checked here, so a header gRPC cannot carry fails the call before anything is sent.
        _requestHeaders = GrpcMetadata.ToWire(options.Headers);
    }

    public Task<Metadata> ResponseHeadersAsync => _headers.Task;

    public Status GetStatus() => _status ?? throw new InvalidOperationException("Unable to get the status because the call is not complete.");

    public Metadata GetTrailers() => _status is null
        ? throw new InvalidOperationException("Unable to get the trailers because the call is not complete.")
        : _trailers ?? Metadata.Empty;

    public void StartSingleRequest(TRequest request)
    {
        ReadOnlyMemory<byte> frame;
        try
        {
            // Not pooled: the handler may send the body twice (retry on a refused stream).
            var writer = new ArrayBufferWriter<byte>(256);
            MessageFraming.WriteFrame(writer, request, _method.RequestMarshaller, _channel.Options.MaxSendMessageSize, IsGzip);
            frame = writer.WrittenMemory;
        }
        catch (RpcException ex)
        {
            Finish(ex.Status, null);
            _responseTask = Task.FromException(ex);
            _headers.TrySetException(ex);
            return;
        }
        Start(new GrpcRequestContent(frame));
    }

    public IClientStreamWriter<TRequest> StartStreamingRequest()
    {
        var content = new GrpcRequestContent(null);
        Start(content);
        return new ClientRequestStream(this, content);
    }

    private bool IsGzip => _options.Compression == GrpcProtocol.Gzip;

    private void Start(GrpcRequestContent content)
    {
        _content = content;
        var request = new HttpRequestMessage(HttpMethod.Post, _channel.GetUri(_method.FullName))
        {
            Version = Http2Version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation("te", "trailers");
        headers.TryAddWithoutValidation("user-agent", _channel.UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.SupportedEncodings);
        if (_options.Compression is { } compression && compression != GrpcProtocol.Identity)
        {
            if (compression != GrpcProtocol.Gzip)
            {
                throw new NotSupportedException($"Compression '{compression}' is not supported; use gzip.");
            }
            headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, GrpcProtocol.Gzip);
        }
        if (_requestHeaders is { } metadata)
        {
            foreach (var entry in metadata)
            {
                headers.TryAddWithoutValidation(entry.Key, GrpcProtocol.HeaderValue(entry));
            }
        }
        if (_options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            var remaining = deadline.ToUniversalTime() - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                _deadlineHit = true;
                var status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
                Finish(status, null);
                var ex = new RpcException(status);
                _responseTask = Task.FromException(ex);
                _headers.TrySetException(ex);
                content.Fail(ex);
                request.Dispose();
                return;
            }
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcProtocol.FormatTimeout(remaining));
            _deadlineTimer = new Timer(static s => ((GrpcClientCall<TRequest, TResponse>)s!).OnDeadline(), this, remaining, Timeout.InfiniteTimeSpan);
        }
        if (_options.CancellationToken.CanBeCanceled)
        {
            _userCancellation = _options.CancellationToken.UnsafeRegister(static s => ((GrpcClientCall<TRequest, TResponse>)s!).Cancel(), this);
        }
        _responseTask = ReceiveHeadersAsync(_channel.Invoker.SendAsync(request, _cts.Token));
    }

    private void OnDeadline()
    {
        _deadlineHit = true;
        Cancel();
    }

    private void Cancel()
    {
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ReceiveHeadersAsync(Task<HttpResponseMessage> send)
    {
        try
        {
            var response = _response = await send.ConfigureAwait(false);
            var metadata = GrpcMetadata.Create();
            Status? trailersOnly = null;
            string? grpcMessage = null;
            foreach (var header in response.Headers)
            {
                var name = header.Key.ToLowerInvariant();
                foreach (var value in header.Value)
                {
                    if (name == GrpcProtocol.StatusHeader)
                    {
                        trailersOnly = new Status(ParseStatusCode(value), "");
                    }
                    else if (name == GrpcProtocol.MessageHeader)
                    {
                        grpcMessage = GrpcProtocol.DecodeMessage(value);
                    }
                    else if (name == GrpcProtocol.EncodingHeader)
                    {
                        _responseEncoding = value;
                    }
                    else if (!GrpcProtocol.IsReservedHeader(name))
                    {
                        TryAdd(metadata, name, value);
                    }
                }
            }
            if (trailersOnly is { } only)
            {
                // Trailers-only: the status came in the headers and there is no body to read.
                Finish(new Status(only.StatusCode, grpcMessage ?? ""), metadata);
                _headers.TrySetResult(metadata);
                return;
            }
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new RpcException(new Status(GrpcProtocol.FromHttpStatus((int)response.StatusCode), $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}"));
            }
            var contentType = response.Content.Headers.ContentType?.MediaType;
            if (!GrpcProtocol.IsGrpcContentType(contentType))
            {
                throw new RpcException(new Status(StatusCode.Internal, $"Bad gRPC response. Invalid content-type value: {contentType}"));
            }
            _headers.TrySetResult(metadata);
            var stream = await response.Content.ReadAsStreamAsync(_cts.Token).ConfigureAwait(false);
            _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, minimumReadSize: 4 * 1024, leaveOpen: true));
        }
        catch (Exception ex)
        {
            var status = MapException(ex);
            Finish(status, null);
            var rpc = new RpcException(status);
            _headers.TrySetException(rpc);
            throw rpc;
        }
    }

    /// <summary>The next response message; HasMessage false once the status is OK and the stream has ended.</summary>
    public async ValueTask<MessageRead<TResponse>> ReadNextAsync(CancellationToken cancellationToken)
    {
        await _responseTask.ConfigureAwait(false);
        if (_reader is null)
        {
            return _status is { StatusCode: not StatusCode.OK } failed ? throw new RpcException(failed, GetTrailers()) : default;
        }
        MessageRead<TResponse> read;
        try
        {
            using var linked = cancellationToken.CanBeCanceled ? cancellationToken.UnsafeRegister(static s => ((GrpcClientCall<TRequest, TResponse>)s!).Cancel(), this) : default;
            read = await MessageFraming.ReadMessageAsync(_reader, _method.ResponseMarshaller, _channel.Options.MaxReceiveMessageSize, _responseEncoding, _cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var status = _status ?? MapException(ex);
            if (ex is RpcException)
            {
                // A bad message from the server: stop the stream so the server stops sending.
                Cancel();
            }
            Finish(status, null);
            throw new RpcException(status, GetTrailers());
        }
        if (read.HasMessage)
        {
            return read;
        }
        FinishFromTrailers();
        var final = _status!.Value;
        return final.StatusCode == StatusCode.OK ? default : throw new RpcException(final, GetTrailers());
    }

    public async Task<TResponse> ReadUnaryResponseAsync()
    {
        var read = await ReadNextAsync(CancellationToken.None).ConfigureAwait(false);
        if (!read.HasMessage)
        {
            Finish(new Status(StatusCode.Internal, "Failed to deserialize response message: the server sent no message."), null);
            throw new RpcException(_status!.Value);
        }
        var end = await ReadNextAsync(CancellationToken.None).ConfigureAwait(false);
        if (end.HasMessage)
        {
            var status = new Status(StatusCode.Internal, "The server sent more than one message for a single-response method.");
            Cancel();
            Finish(status, null);
            throw new RpcException(status);
        }
        return read.Message!;
    }

    private void FinishFromTrailers()
    {
        var trailers = GrpcMetadata.Create();
        StatusCode? code = null;
        var message = "";
        byte[]? details = null;
        foreach (var header in _response!.TrailingHeaders)
        {
            var name = header.Key.ToLowerInvariant();
            foreach (var value in header.Value)
            {
                switch (name)
                {
                    case GrpcProtocol.StatusHeader: code = ParseStatusCode(value); break;
                    case GrpcProtocol.MessageHeader: message = GrpcProtocol.DecodeMessage(value); break;
                    case GrpcProtocol.StatusDetailsHeader:
                        try { details = GrpcProtocol.DecodeBinaryHeader(value); } catch (FormatException) { }
                        TryAdd(trailers, name, value);
                        break;
                    default: TryAdd(trailers, name, value); break;
                }
            }
        }
        var status = code is { } c
            ? new Status(c, message, details)
            : new Status(StatusCode.Unknown, "No grpc-status found on response.");
        Finish(status, trailers);
    }

    private static void TryAdd(Metadata metadata, string name, string value)
    {
        try
        {
            GrpcProtocol.AddHeaderToMetadata(metadata, name, value);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            // Not valid metadata (bad base64, non-ASCII): dropped rather than failing the call.
        }
    }

    private static StatusCode ParseStatusCode(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 0 and <= 16
            ? (StatusCode)code
            : StatusCode.Unknown;

    private Status MapException(Exception ex)
    {
        if (_deadlineHit)
        {
            return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }
        if (_options.CancellationToken.IsCancellationRequested || _disposed)
        {
            return new Status(StatusCode.Cancelled, "Call canceled by the client.", debugException: ex);
        }
        if (ex is RpcException rpc)
        {
            return rpc.Status;
        }
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is HttpProtocolException protocol)
            {
                // RST_STREAM / GOAWAY codes, mapped as in PROTOCOL-HTTP2.
                var code = protocol.ErrorCode switch
                {
                    Http2ErrorCode.RefusedStream => StatusCode.Unavailable,
                    Http2ErrorCode.Cancel => StatusCode.Cancelled,
                    Http2ErrorCode.EnhanceYourCalm => StatusCode.ResourceExhausted,
                    Http2ErrorCode.InadequateSecurity => StatusCode.PermissionDenied,
                    _ => StatusCode.Internal,
                };
                return new Status(code, "HTTP/2 error: " + protocol.Message, debugException: ex);
            }
        }
        return new Status(StatusCode.Unavailable, "Error talking to the server: " + ex.Message, debugException: ex);
    }

    private void Finish(Status status, Metadata? trailers)
    {
        lock (_cts)
        {
            if (_status is not null)
            {
                return;
            }
            _trailers = trailers;
            _status = status;
        }
        _userCancellation.Dispose();
        _deadlineTimer?.Dispose();
        _content?.Fail(new RpcException(status));
        if (status.StatusCode == StatusCode.OK)
        {
            _response?.Dispose();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (_status is null)
        {
            Finish(new Status(StatusCode.Cancelled, "Call canceled by the client (disposed)."), null);
            Cancel();
        }
        _userCancellation.Dispose();
        _response?.Dispose();
    }

    internal async Task WriteAsync(GrpcRequestContent content, TRequest message, CancellationToken cancellationToken)
    {
        if (_status is { } done)
        {
            throw done.StatusCode == StatusCode.OK
                ? new InvalidOperationException("Can't write the message because the call is complete.")
                : new RpcException(done, GetTrailers());
        }
        var writer = new ArrayBufferWriter<byte>(256);
        MessageFraming.WriteFrame(writer, message, _method.RequestMarshaller, _channel.Options.MaxSendMessageSize, IsGzip);
        try
        {
            var stream = await content.Stream.WaitAsync(cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(writer.WrittenMemory, _cts.Token).ConfigureAwait(false);
            await stream.FlushAsync(_cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException && !cancellationToken.IsCancellationRequested)
        {
            var status = _status ?? MapException(ex);
            Finish(status, null);
            throw new RpcException(status);
        }
    }

    private sealed class ClientRequestStream(GrpcClientCall<TRequest, TResponse> call, GrpcRequestContent content) : IClientStreamWriter<TRequest>
    {
        private bool _completed;

        public Task WriteAsync(TRequest message, CancellationToken cancellationToken = default)
        {
            if (_completed)
            {
                throw new InvalidOperationException("Request stream has already been completed.");
            }
            return call.WriteAsync(content, message, cancellationToken);
        }

        public Task CompleteAsync()
        {
            _completed = true;
            content.Complete();
            return Task.CompletedTask;
        }
    }
}

/// <summary>The client's response stream over a call.</summary>
internal sealed class ClientResponseStream<TRequest, TResponse>(GrpcClientCall<TRequest, TResponse> call) : IAsyncStreamReader<TResponse>
    where TRequest : class where TResponse : class
{
    private TResponse? _current;

    public TResponse Current => _current ?? throw new InvalidOperationException("MoveNext has not returned true.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        var read = await call.ReadNextAsync(cancellationToken).ConfigureAwait(false);
        _current = read.Message;
        return read.HasMessage;
    }
}

/// <summary>
/// The request body. A single message is written at once; a stream hands the HTTP/2 request stream to the
/// writer and ends (END_STREAM) when the writer completes.
/// </summary>
internal sealed class GrpcRequestContent : HttpContent
{
    private static readonly MediaTypeHeaderValue GrpcContentType = new(GrpcProtocol.ContentType);
    private readonly ReadOnlyMemory<byte>? _frame;
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GrpcRequestContent(ReadOnlyMemory<byte>? frame)
    {
        _frame = frame;
        Headers.ContentType = GrpcContentType;
    }

    public Task<Stream> Stream => _stream.Task;

    public void Complete() => _done.TrySetResult();

    public void Fail(Exception ex)
    {
        _stream.TrySetException(ex);
        _stream.Task.Exception?.Handle(_ => true);
        _done.TrySetResult();
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (_frame is { } frame)
        {
            await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            return;
        }
        _stream.TrySetResult(stream);
        await _done.Task.ConfigureAwait(false);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = _frame?.Length ?? -1;
        return _frame is not null;
    }
}
