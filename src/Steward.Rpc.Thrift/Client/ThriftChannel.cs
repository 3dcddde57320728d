using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Steward.Rpc.Thrift;

/// <summary>
/// A Thrift client channel to <c>host:port</c> or <c>unix:/path</c>: a pool of up to
/// <see cref="ThriftChannelOptions.MaxConnections"/> connections, each carrying one call at a time.
/// Create it once and share it; generated Thrift clients (and any stub whose methods carry a Thrift codec) call through
/// <see cref="CreateCallInvoker"/>.
/// </summary>
public sealed class ThriftChannel : RpcChannel
{
    private readonly ThriftConnectionPool _pool;
    private readonly ThriftEndpoint _endpoint;
    private readonly ThriftChannelOptions _settings;

    /// <summary>A channel to <paramref name="target"/> (<c>host:port</c> or <c>unix:/path</c>); throws for a pool size below 1 or an unknown transport.</summary>
    public ThriftChannel(string target, ThriftChannelOptions? options = null) : base(target)
    {
        _endpoint = ThriftEndpoint.Parse(target);
        Options = options ?? new ThriftChannelOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxConnections, 1, nameof(options));
        if (Options.Transport is not (ThriftTransport.Framed or ThriftTransport.Buffered))
        {
            throw new ArgumentException($"Unknown transport {Options.Transport}.", nameof(options));
        }
        // A snapshot, so later changes to the options object do not reach connections half-way.
        _settings = new ThriftChannelOptions
        {
            Protocol = Options.Protocol,
            Transport = Options.Transport,
            Multiplexed = Options.Multiplexed,
            Tls = Options.Tls is { } tls ? WithTargetHost(tls, _endpoint.Host ?? "localhost") : null,
            Timeout = Options.Timeout,
            MaxConnections = Options.MaxConnections,
            Limits = Options.Limits ?? ThriftLimits.Default,
            ConnectTimeout = Options.ConnectTimeout,
        };
        _pool = new ThriftConnectionPool(_settings.MaxConnections, ConnectWithTimeoutAsync);
    }

    /// <summary>Same as the constructor, named like <c>GrpcChannel.ForAddress</c>.</summary>
    public static ThriftChannel ForAddress(string target, ThriftChannelOptions? options = null) => new(target, options);

    /// <summary>The options as given; the channel works on a copy taken when it was created.</summary>
    public ThriftChannelOptions Options { get; }

    /// <summary>Connections open right now, idle or busy.</summary>
    internal int OpenConnections => _pool.OpenCount;

    /// <summary>An invoker over this channel's pool, wrapped in the channel's interceptors when it has any.</summary>
    public override CallInvoker CreateCallInvoker()
    {
        CallInvoker invoker = new ThriftCallInvoker(this);
        return Options.Interceptors.Count == 0 ? invoker : invoker.Intercept([.. Options.Interceptors]);
    }

    internal async Task<TResponse> CallAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, ThriftMethodCodec<TRequest, TResponse> codec, TRequest request, CallOptions options)
        where TRequest : class where TResponse : class
    {
        var deadline = options.Deadline ?? (_settings.Timeout is { } timeout ? DateTime.UtcNow + timeout : null);
        CancellationTokenSource? cts = null;
        var token = options.CancellationToken;
        if (deadline is { } due)
        {
            var remaining = due - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
            }
            cts = CancellationTokenSource.CreateLinkedTokenSource(token);
            cts.CancelAfter(remaining);
            token = cts.Token;
        }
        var name = _settings.Multiplexed ? method.ServiceName + ":" + method.Name : method.Name;
        ThriftClientConnection? connection = null;
        try
        {
            connection = await _pool.RentAsync(token).ConfigureAwait(false);
            var reply = await connection.CallAsync(name, method.IsOneway, codec, request, token).ConfigureAwait(false);
            _pool.Return(connection);
            connection = null;
            if (reply.Error is { } error)
            {
                throw error;
            }
            return reply.Value!;
        }
        catch (OperationCanceledException ex) when (token.IsCancellationRequested)
        {
            throw options.CancellationToken.IsCancellationRequested
                ? new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled.", debugException: ex))
                : new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded", debugException: ex));
        }
        catch (ThriftProtocolException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Bad Thrift reply from {Target}: {ex.Message}", debugException: ex));
        }
        catch (Exception ex) when (ex is IOException or SocketException or AuthenticationException or ObjectDisposedException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"Thrift connection to {Target} failed: {ex.Message}", debugException: ex));
        }
        finally
        {
            if (connection is not null)
            {
                // Its reply may still arrive (or it is out of step with the server): never reuse it.
                _pool.Discard(connection);
            }
            cts?.Dispose();
        }
    }

    private async Task<ThriftClientConnection> ConnectWithTimeoutAsync(CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_settings.ConnectTimeout);
        return await ThriftClientConnection.ConnectAsync(_endpoint, _settings, cts.Token).ConfigureAwait(false);
    }

    /// <summary>Closes the pooled connections; calls still running fail.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pool.Dispose();
        }
        base.Dispose(disposing);
    }

    private static SslClientAuthenticationOptions WithTargetHost(SslClientAuthenticationOptions tls, string host)
    {
        tls.TargetHost ??= host;
        return tls;
    }
}

/// <summary>Carries unary calls (and oneway ones) over a <see cref="ThriftChannel"/>; Thrift has no streaming.</summary>
internal sealed class ThriftCallInvoker(ThriftChannel channel) : UnaryCallInvoker("Thrift")
{
    protected override Task<TResponse> CallAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options) =>
        method.Codecs.Get<ThriftMethodCodec<TRequest, TResponse>>() is { } codec
            ? channel.CallAsync(method, codec, request, options)
            : Task.FromException<TResponse>(NoCodec(method));
}
