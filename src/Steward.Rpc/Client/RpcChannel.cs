namespace Steward.Rpc;

/// <summary>
/// A long-lived connection (pool) to one target. Create it once and share it: every call invoker and
/// stub made from it reuses its connections. Transports derive from it (GrpcChannel, …).
/// </summary>
public abstract class RpcChannel : IDisposable
{
    /// <summary>A channel to <paramref name="target"/>, in the transport's address syntax.</summary>
    protected RpcChannel(string target)
    {
        Target = target;
    }

    /// <summary>The address calls go to, as given.</summary>
    public string Target { get; }

    /// <summary>An invoker whose calls go over this channel's connections; cheap, and as long-lived as the channel.</summary>
    public abstract CallInvoker CreateCallInvoker();

    /// <summary>Closes the channel's connections; calls still running on them fail.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the transport's resources; <paramref name="disposing"/> is false when called from a finalizer.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
