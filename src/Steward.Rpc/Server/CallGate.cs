namespace Steward.Rpc;

/// <summary>
/// Applies <see cref="DispatchMode"/>: transports call <see cref="EnterAsync"/> before a handler and dispose the lease after.
/// One gate per connection (transports keep it in their connection state).
/// </summary>
public sealed class CallGate : IDisposable
{
    private readonly SemaphoreSlim? _semaphore;
    private readonly DispatchMode _mode;

    /// <summary>A gate for <paramref name="mode"/>; <paramref name="maxConcurrentCalls"/> (at least 1) bounds <see cref="DispatchMode.BoundedPerConnection"/> and is ignored otherwise.</summary>
    public CallGate(DispatchMode mode, int maxConcurrentCalls)
    {
        _mode = mode;
        if (mode == DispatchMode.BoundedPerConnection)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentCalls, 1);
            _semaphore = new SemaphoreSlim(maxConcurrentCalls, maxConcurrentCalls);
        }
    }

    /// <summary>Waits for a slot (bounded) or hops to the thread pool (thread pool mode); completes synchronously when inline.</summary>
    public ValueTask<Lease> EnterAsync(CancellationToken cancellationToken)
    {
        switch (_mode)
        {
            case DispatchMode.ThreadPool:
                return HopAsync();
            case DispatchMode.BoundedPerConnection:
                var wait = _semaphore!.WaitAsync(cancellationToken);
                return wait.IsCompletedSuccessfully ? new ValueTask<Lease>(new Lease(_semaphore)) : WaitAsync(wait, _semaphore);
            default:
                return default;
        }
    }

    private static async ValueTask<Lease> HopAsync()
    {
        await Task.Yield();
        return default;
    }

    private static async ValueTask<Lease> WaitAsync(Task wait, SemaphoreSlim semaphore)
    {
        await wait.ConfigureAwait(false);
        return new Lease(semaphore);
    }

    /// <summary>Releases the bounded mode's semaphore; leases still held must not be disposed after this.</summary>
    public void Dispose() => _semaphore?.Dispose();

    /// <summary>A slot held while one handler runs; disposing it lets the next waiting call in.</summary>
    public readonly struct Lease(SemaphoreSlim? semaphore) : IDisposable
    {
        /// <summary>Gives the slot back (nothing to give back outside the bounded mode).</summary>
        public void Dispose() => semaphore?.Release();
    }
}
