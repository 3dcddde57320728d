namespace Steward.Kube.Queue;

/// <summary>Hooks the queue calls so metrics can follow it; all optional.</summary>
public interface IQueueMetricsSink
{
    /// <summary>An item was added (after deduplication).</summary>
    void OnAdd();

    /// <summary>The depth changed.</summary>
    void OnDepth(int depth);

    /// <summary>A rate-limited re-add.</summary>
    void OnRetry();

    /// <summary>An item waited this long between add and get.</summary>
    void OnQueueLatency(TimeSpan wait);

    /// <summary>An item was processed for this long between get and done.</summary>
    void OnWorkDuration(TimeSpan work);
}

/// <summary>
/// client-go's rate-limiting work queue: an item is queued at most once however often it is added;
/// an item being processed is never handed out again until Done, and if it was re-added meanwhile it
/// is queued again at Done; AddAfter delays an add; AddRateLimited delays by the rate limiter.
/// </summary>
public sealed class WorkQueue<T> : IDisposable
    where T : notnull
{
    private readonly Queue<T> _queue = new();
    private readonly HashSet<T> _dirty = [];
    private readonly HashSet<T> _processing = [];
    private readonly Dictionary<T, long> _addedAt = [];
    private readonly Dictionary<T, long> _startedAt = [];
    private readonly PriorityQueue<T, long> _waiting = new();
    private readonly Dictionary<T, long> _readyAt = [];
    private readonly SemaphoreSlim _available = new(0);
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Lock _gate = new();
    private readonly IRateLimiter<T> _limiter;
    private readonly IQueueMetricsSink? _metrics;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _delayLoop;
    private TaskCompletionSource? _drained;
    private bool _shuttingDown;

    /// <summary>Creates a queue with a rate limiter (controller-runtime's default when null).</summary>
    public WorkQueue(IRateLimiter<T>? limiter = null, IQueueMetricsSink? metrics = null, TimeProvider? time = null)
    {
        _limiter = limiter ?? RateLimiters.Default<T>();
        _metrics = metrics;
        _time = time ?? TimeProvider.System;
        _delayLoop = Task.Run(DelayLoopAsync);
    }

    /// <summary>Items queued and not yet handed out.</summary>
    public int Length
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>True after <see cref="ShutDown"/>.</summary>
    public bool ShuttingDown
    {
        get
        {
            lock (_gate)
            {
                return _shuttingDown;
            }
        }
    }

    /// <summary>Queues the item unless it is already queued; a processing item is queued again at Done.</summary>
    public void Add(T item)
    {
        lock (_gate)
        {
            if (_shuttingDown || !_dirty.Add(item))
            {
                return;
            }

            _metrics?.OnAdd();
            _addedAt.TryAdd(item, _time.GetTimestamp());
            if (_processing.Contains(item))
            {
                return;
            }

            _queue.Enqueue(item);
            _metrics?.OnDepth(_queue.Count);
        }

        _available.Release();
    }

    /// <summary>Adds the item once <paramref name="delay"/> has passed (an earlier pending time wins).</summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }

        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            var at = _time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency);
            if (_readyAt.TryGetValue(item, out var existing) && existing <= at)
            {
                return;
            }

            _readyAt[item] = at;
            _waiting.Enqueue(item, at);
        }

        _wake.Release();
    }

    /// <summary>Adds the item after the rate limiter's delay (a retry).</summary>
    public void AddRateLimited(T item)
    {
        _metrics?.OnRetry();
        AddAfter(item, _limiter.When(item));
    }

    /// <summary>Clears the item's backoff history.</summary>
    public void Forget(T item) => _limiter.Forget(item);

    /// <summary>Times the item has been retried since it was last forgotten.</summary>
    public int NumRequeues(T item) => _limiter.NumRequeues(item);

    /// <summary>Waits for an item; <c>Shutdown</c> is true once the queue is shutting down.</summary>
    public async Task<(T Item, bool Shutdown)> GetAsync(CancellationToken ct = default)
    {
        while (true)
        {
            await _available.WaitAsync(ct).ConfigureAwait(false);
            lock (_gate)
            {
                if (_shuttingDown)
                {
                    _available.Release();
                    return (default!, true);
                }

                if (_queue.Count == 0)
                {
                    continue;
                }

                var item = _queue.Dequeue();
                _metrics?.OnDepth(_queue.Count);
                _processing.Add(item);
                _dirty.Remove(item);
                var now = _time.GetTimestamp();
                if (_addedAt.Remove(item, out var at))
                {
                    _metrics?.OnQueueLatency(_time.GetElapsedTime(at, now));
                }

                _startedAt[item] = now;
                return (item, false);
            }
        }
    }

    /// <summary>Marks the item processed; if it was re-added meanwhile it is queued again.</summary>
    public void Done(T item)
    {
        var requeued = false;
        lock (_gate)
        {
            _processing.Remove(item);
            if (_startedAt.Remove(item, out var started))
            {
                _metrics?.OnWorkDuration(_time.GetElapsedTime(started));
            }

            if (_dirty.Contains(item) && !_shuttingDown)
            {
                _queue.Enqueue(item);
                _metrics?.OnDepth(_queue.Count);
                requeued = true;
            }

            if (_processing.Count == 0)
            {
                _drained?.TrySetResult();
            }
        }

        if (requeued)
        {
            _available.Release();
        }
    }

    /// <summary>Stops handing out items; items being processed may still call Done.</summary>
    public void ShutDown()
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            _shuttingDown = true;
        }

        _available.Release();
        _stop.Cancel();
    }

    /// <summary>Shuts down and waits until every item being processed has been marked Done.</summary>
    public Task ShutDownWithDrainAsync()
    {
        ShutDown();
        lock (_gate)
        {
            if (_processing.Count == 0)
            {
                return Task.CompletedTask;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ShutDown();
        try
        {
            _delayLoop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
        _available.Dispose();
        _wake.Dispose();
    }

    // One loop moves delayed items into the queue when their time comes, instead of a timer per item.
    private async Task DelayLoopAsync()
    {
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            TimeSpan? next = null;
            List<T>? ready = null;
            lock (_gate)
            {
                var now = _time.GetTimestamp();
                while (_waiting.TryPeek(out var item, out var at))
                {
                    if (!_readyAt.TryGetValue(item, out var current) || current != at)
                    {
                        _waiting.Dequeue(); // superseded by an earlier AddAfter
                        continue;
                    }

                    if (at > now)
                    {
                        next = TimeSpan.FromSeconds((double)(at - now) / _time.TimestampFrequency);
                        break;
                    }

                    _waiting.Dequeue();
                    _readyAt.Remove(item);
                    (ready ??= []).Add(item);
                }
            }

            if (ready is not null)
            {
                foreach (var item in ready)
                {
                    Add(item);
                }
            }

            try
            {
                await _wake.WaitAsync(next ?? Timeout.InfiniteTimeSpan, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
