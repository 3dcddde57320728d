namespace Steward.Rpc;

/// <summary>
/// A long-lived connection (pool) to one target. Create it once and share it: every call invoker and
/// stub made from it reuses its connections. Transports derive from it (GrpcChannel, …).
/// </summary>
public abstract class RpcChannel : IDisposable
{
    protected RpcChannel(string target)
    {
        Target = target;
    }

    /// <summary>The address calls go to, as given.</summary>
    public string Target { get; }

    public abstract CallInvoker CreateCallInvoker();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
