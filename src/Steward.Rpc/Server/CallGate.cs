namespace Steward.Rpc;

/// <summary>
/// Applies <see cref="DispatchMode"/>: transports call <see cref="EnterAsync"/> before a handler and dispose the lease after.
/// One gate per connection (transports keep it in their connection state).
/// </summary>
public sealed class CallGate : IDisposable
{
    private readonly SemaphoreSlim? _semaphore;
    private readonly DispatchMode _mode;

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

    public void Dispose() => _semaphore?.Dispose();

    public readonly struct Lease(SemaphoreSlim? semaphore) : IDisposable
    {
        public void Dispose() => semaphore?.Release();
    }
}
