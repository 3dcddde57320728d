using System.Net.Sockets;

namespace Steward.Rpc.Ice;

/// <summary>
/// An Ice proxy as a core channel: calls made through <see cref="CreateCallInvoker"/> (generated <c>…Prx</c> clients,
/// or any stub whose methods carry an <see cref="IceOperation{TArgs, TResult}"/>) go to the proxy's identity and facet,
/// twoway, oneway or batched as the proxy says. One connection per endpoint is shared by every call and by every
/// channel made with <see cref="WithReference"/>; replies are matched by request id, so calls run concurrently.
/// A call's deadline is its <see cref="CallOptions.Deadline"/>, else the endpoint's <c>-t</c> timeout.
/// </summary>
public sealed partial class IceChannel : RpcChannel
{
    private readonly IceConnectionCache _connections;
    private readonly bool _ownsConnections;
    private readonly List<byte[]> _batch = new();

    /// <summary>A channel for the stringified direct proxy <paramref name="proxy"/> (<c>test:tcp -h 127.0.0.1 -p 10000</c>).</summary>
    public IceChannel(string proxy, IceChannelOptions? options = null)
        : this(IceProxyReference.Parse(proxy), new IceConnectionCache(options ?? new IceChannelOptions()), ownsConnections: true)
    {
    }

    private IceChannel(IceProxyReference reference, IceConnectionCache connections, bool ownsConnections) : base(reference.ToString())
    {
        Reference = reference;
        _connections = connections;
        _ownsConnections = ownsConnections;
    }

    /// <summary>Same as the constructor, named like <c>GrpcChannel.ForAddress</c>.</summary>
    public static IceChannel ForProxy(string proxy, IceChannelOptions? options = null) => new(proxy, options);

    /// <summary>The proxy this channel calls.</summary>
    public IceProxyReference Reference { get; }

    /// <summary>The channel's options (shared with the channels made from it).</summary>
    public IceChannelOptions Options => _connections.Options;

    /// <summary>
    /// A channel to another proxy over this channel's connections (Ice's <c>ice_identity</c>, <c>ice_facet</c>,
    /// <c>ice_oneway</c>…: <c>channel.WithReference(channel.Reference with { Facet = "admin" })</c>). Disposing it
    /// leaves the connections open; disposing this channel closes them.
    /// </summary>
    public IceChannel WithReference(IceProxyReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return new IceChannel(reference, _connections, ownsConnections: false);
    }

    /// <summary>An invoker over this channel, wrapped in the channel's interceptors when it has any.</summary>
    public override CallInvoker CreateCallInvoker()
    {
        CallInvoker invoker = new IceCallInvoker(this);
        return Options.Interceptors.Count == 0 ? invoker : invoker.Intercept([.. Options.Interceptors]);
    }

    /// <summary>Sends the batched requests (proxy mode <see cref="IceInvocationMode.BatchOneway"/>) in one BatchRequest message.</summary>
    public async Task FlushBatchAsync(CancellationToken cancellationToken = default)
    {
        byte[][] queued;
        lock (_batch)
        {
            queued = [.. _batch];
            _batch.Clear();
        }
        if (queued.Length == 0)
        {
            return;
        }
        var output = new IceOutputStream();
        IceFrameCodec.StartMessage(output, IceMessageType.BatchRequest);
        output.WriteInt(queued.Length);
        foreach (var request in queued)
        {
            output.WriteBytes(request);
        }
        IceFrameCodec.EndMessage(output);
        try
        {
            var connection = await _connections.GetAsync(Reference.Endpoints, cancellationToken).ConfigureAwait(false);
            await connection.SendAsync(output.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or IceProtocolException)
        {
            throw Unavailable(ex);
        }
    }

    /// <summary>Closes the connections (when this channel opened them); calls still running fail with Unavailable.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsConnections)
        {
            _connections.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        base.Dispose(disposing);
    }

    private RpcException Unavailable(Exception ex) =>
        new(new Status(StatusCode.Unavailable, $"Ice connection to {FormatEndpoints()} failed: {ex.Message}", debugException: ex));

    private string FormatEndpoints() => string.Join(":", Reference.Endpoints);
}

/// <summary>Carries unary calls over an <see cref="IceChannel"/>; Ice has no streaming.</summary>
internal sealed class IceCallInvoker(IceChannel channel) : UnaryCallInvoker("Ice")
{
    protected override Task<TResponse> CallAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options) =>
        method.Codecs.Get<IceOperation<TRequest, TResponse>>() is { } operation
            ? channel.CallAsync(operation, request, options, method.IsOneway)
            : Task.FromException<TResponse>(NoCodec(method));
}
