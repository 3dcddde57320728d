namespace Steward.Rpc.Corba;

/// <summary>
/// A CORBA object reference as a core channel: calls made through <see cref="CreateCallInvoker"/> (generated stubs, or any
/// method carrying a <see cref="CorbaOperation{TArgs, TResult}"/>) go to the reference's first IIOP profile over GIOP
/// (1.2 unless the profile or <see cref="CorbaChannelOptions.MaxGiopVersion"/> says lower). One connection per endpoint is
/// shared by every call and by every channel made with <see cref="WithReference(CorbaObjectReference)"/>; replies are matched by request id, so
/// calls run concurrently. Failures arrive as a <see cref="CorbaSystemException"/> (TRANSIENT when the server could not be
/// reached, COMM_FAILURE when the connection broke during the call) or the operation's <see cref="CorbaUserException"/>;
/// a call past its deadline or cancelled is an <see cref="RpcException"/> (DeadlineExceeded, Cancelled) and the server is
/// sent CancelRequest.
/// </summary>
public sealed partial class CorbaChannel : RpcChannel
{
    private readonly CorbaConnectionCache _connections;
    private readonly bool _ownsConnections;

    /// <summary>A channel to <paramref name="reference"/>: an <c>IOR:</c> string, a <c>corbaloc:iiop:</c> URL, or a <c>corbaname:</c> URL (the naming service itself).</summary>
    public CorbaChannel(string reference, CorbaChannelOptions? options = null)
        : this(CorbaReferenceText.Parse(reference, options?.Limits), options)
    {
    }

    /// <summary>A channel to <paramref name="reference"/>.</summary>
    public CorbaChannel(CorbaObjectReference reference, CorbaChannelOptions? options = null)
        : this(reference, new CorbaConnectionCache(options ?? new CorbaChannelOptions()), ownsConnections: true)
    {
    }

    private CorbaChannel(CorbaObjectReference reference, CorbaConnectionCache connections, bool ownsConnections)
        : base(Describe(reference))
    {
        Reference = reference ?? throw new ArgumentNullException(nameof(reference));
        _connections = connections;
        _ownsConnections = ownsConnections;
    }

    /// <summary>Same as the constructor, named like <c>GrpcChannel.ForAddress</c>.</summary>
    public static CorbaChannel ForReference(string reference, CorbaChannelOptions? options = null) => new(reference, options);

    /// <summary>The reference this channel calls.</summary>
    public CorbaObjectReference Reference { get; }

    /// <summary>The channel's options (shared with the channels made from it).</summary>
    public CorbaChannelOptions Options => _connections.Options;

    /// <summary>A channel to another object over this channel's connections. Disposing it leaves the connections open; disposing this channel closes them.</summary>
    public CorbaChannel WithReference(CorbaObjectReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return new CorbaChannel(reference, _connections, ownsConnections: false);
    }

    /// <summary>A channel to another object (an <c>IOR:</c> string or a <c>corbaloc:</c> URL) over this channel's connections.</summary>
    public CorbaChannel WithReference(string reference) => WithReference(CorbaReferenceText.Parse(reference, Options.Limits));

    /// <summary>An invoker over this channel, wrapped in the channel's interceptors when it has any.</summary>
    public override CallInvoker CreateCallInvoker()
    {
        CallInvoker invoker = new CorbaCallInvoker(this);
        return Options.Interceptors.Count == 0 ? invoker : invoker.Intercept([.. Options.Interceptors]);
    }

    /// <summary>Closes the connections (when this channel opened them); calls still running fail with COMM_FAILURE.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsConnections)
        {
            _connections.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        base.Dispose(disposing);
    }

    private static string Describe(CorbaObjectReference reference)
    {
        try
        {
            return reference?.FindIiopProfile() is { } profile ? $"iiop:{profile.Version}@{profile.Host}:{profile.Port}/{CorbaKeys.Format(profile.ObjectKey)}" : "nil";
        }
        catch (CorbaSystemException)
        {
            return "unusable reference";
        }
    }
}

/// <summary>Carries unary calls over a <see cref="CorbaChannel"/>; GIOP has no streaming.</summary>
internal sealed class CorbaCallInvoker(CorbaChannel channel) : UnaryCallInvoker("CORBA")
{
    protected override Task<TResponse> CallAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options) =>
        method.Codecs.Get<CorbaOperation<TRequest, TResponse>>() is { } operation
            ? channel.CallAsync(operation, request, options, method.IsOneway)
            : Task.FromException<TResponse>(NoCodec(method));
}
