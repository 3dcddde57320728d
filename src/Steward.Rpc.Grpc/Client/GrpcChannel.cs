using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Steward.Rpc.Grpc;

/// <summary>Client settings for a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>Largest response message accepted (after decompression); null for no limit. Default 4 MB.</summary>
    public int? MaxReceiveMessageSize { get; set; } = StewardServerOptions.DefaultMaxMessageSize;
    /// <summary>Largest request message sent; null for no limit. Default 4 MB.</summary>
    public int? MaxSendMessageSize { get; set; } = StewardServerOptions.DefaultMaxMessageSize;
    /// <summary>HTTP/2 keepalive PING interval on idle connections; infinite (off) by default.</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = Timeout.InfiniteTimeSpan;
    /// <summary>How long to wait for the PING ack before closing the connection.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);
    /// <summary>Ping only while calls are running (the default) or always.</summary>
    public bool KeepAlivePingAlways { get; set; }
    /// <summary>Check the server's TLS certificate yourself (tests with a self-signed one); null for the platform's check.</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; set; }
    /// <summary>Connect to this Unix domain socket instead of the address's host and port.</summary>
    public string? UnixSocketPath { get; set; }
    /// <summary>Use this handler instead of the channel's own SocketsHttpHandler (the channel does not dispose it).</summary>
    public HttpMessageHandler? HttpHandler { get; set; }
    /// <summary>Client interceptors applied to every call invoker made by the channel.</summary>
    public IList<Interceptor> Interceptors { get; } = new List<Interceptor>();
}

/// <summary>
/// A gRPC channel: one SocketsHttpHandler (HTTP/2, prior knowledge for http://, ALPN h2 for https://, extra
/// connections when the server's stream limit is reached) shared by every call made through it.
/// </summary>
public sealed class GrpcChannel : RpcChannel
{
    private readonly HttpMessageInvoker _invoker;
    private readonly bool _ownsHandler;

    private GrpcChannel(Uri address, GrpcChannelOptions options) : base(address.ToString())
    {
        Address = address;
        Options = options;
        var baseText = address.GetLeftPart(UriPartial.Path).TrimEnd('/');
        BaseAddress = baseText;
        if (options.HttpHandler is { } handler)
        {
            _invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        }
        else
        {
            _invoker = new HttpMessageInvoker(CreateHandler(options), disposeHandler: true);
            _ownsHandler = true;
        }
        UserAgent = "grpc-dotnet-steward/" + typeof(GrpcChannel).Assembly.GetName().Version?.ToString(3);
    }

    /// <summary>The server's address: <c>http://</c> for h2c, <c>https://</c> for TLS.</summary>
    public Uri Address { get; }
    /// <summary>The options the channel was created with.</summary>
    public GrpcChannelOptions Options { get; }
    internal string BaseAddress { get; }
    internal string UserAgent { get; }
    internal HttpMessageInvoker Invoker => _invoker;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Uri> _uris = new(StringComparer.Ordinal);

    /// <summary>The request URI of a method, parsed once per channel rather than once per call.</summary>
    internal Uri GetUri(string fullName) => _uris.GetOrAdd(fullName, static (name, b) => new Uri(b + name), BaseAddress);
    internal bool OwnsHandler => _ownsHandler;

    /// <summary>A channel to <paramref name="address"/> (<c>http://</c> or <c>https://</c>); throws <see cref="ArgumentException"/> for any other scheme.</summary>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) =>
        ForAddress(new Uri(address ?? throw new ArgumentNullException(nameof(address))), options);

    /// <summary>A channel to <paramref name="address"/> (<c>http://</c> or <c>https://</c>); throws <see cref="ArgumentException"/> for any other scheme.</summary>
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"gRPC addresses are http:// (h2c) or https:// (TLS), not '{address.Scheme}'.", nameof(address));
        }
        return new GrpcChannel(address, options ?? new GrpcChannelOptions());
    }

    /// <summary>An invoker over this channel, wrapped in the channel's interceptors when it has any.</summary>
    public override CallInvoker CreateCallInvoker()
    {
        CallInvoker invoker = new GrpcCallInvoker(this);
        return Options.Interceptors.Count == 0 ? invoker : invoker.Intercept([.. Options.Interceptors]);
    }

    /// <summary>Disposes the HTTP handler the channel owns; calls still running fail.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _invoker.Dispose();
        }
        base.Dispose(disposing);
    }

    private static SocketsHttpHandler CreateHandler(GrpcChannelOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = options.KeepAlivePingAlways ? HttpKeepAlivePingPolicy.Always : HttpKeepAlivePingPolicy.WithActiveRequests,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(20),
        };
        if (options.ServerCertificateValidation is { } validate)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = validate,
                ApplicationProtocols = [SslApplicationProtocol.Http2],
            };
        }
        if (options.UnixSocketPath is { } path)
        {
            handler.ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }
        return handler;
    }
}

internal sealed class GrpcCallInvoker(GrpcChannel channel) : CallInvoker
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
    {
        var call = new GrpcClientCall<TRequest, TResponse>(channel, method, options);
        call.StartSingleRequest(request);
        return new AsyncUnaryCall<TResponse>(call.ReadUnaryResponseAsync(), call);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
    {
        var call = new GrpcClientCall<TRequest, TResponse>(channel, method, options);
        call.StartSingleRequest(request);
        return new AsyncServerStreamingCall<TResponse>(new ClientResponseStream<TRequest, TResponse>(call), call);
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
    {
        var call = new GrpcClientCall<TRequest, TResponse>(channel, method, options);
        var writer = call.StartStreamingRequest();
        return new AsyncClientStreamingCall<TRequest, TResponse>(writer, call.ReadUnaryResponseAsync(), call);
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
    {
        var call = new GrpcClientCall<TRequest, TResponse>(channel, method, options);
        var writer = call.StartStreamingRequest();
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(writer, new ClientResponseStream<TRequest, TResponse>(call), call);
    }
}
