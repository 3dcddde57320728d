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
    private readonly Queue<T> queue = new();
    private readonly HashSet<T> dirty = [];
    private readonly HashSet<T> processing = [];
    private readonly Dictionary<T, long> addedAt = [];
    private readonly Dictionary<T, long> startedAt = [];
    private readonly PriorityQueue<T, long> waiting = new();
    private readonly Dictionary<T, long> readyAt = [];
    private readonly SemaphoreSlim available = new(0);
    private readonly SemaphoreSlim wake = new(0);
    private readonly Lock gate = new();
    private readonly IRateLimiter<T> limiter;
    private readonly IQueueMetricsSink? metrics;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource stop = new();
    private readonly Task delayLoop;
    private TaskCompletionSource? drained;
    private bool shuttingDown;

    /// <summary>Creates a queue with a rate limiter (controller-runtime's default when null).</summary>
    public WorkQueue(IRateLimiter<T>? limiter = null, IQueueMetricsSink? metrics = null, TimeProvider? time = null)
    {
        this.limiter = limiter ?? RateLimiters.Default<T>();
        this.metrics = metrics;
        this.time = time ?? TimeProvider.System;
        delayLoop = Task.Run(DelayLoopAsync);
    }

    /// <summary>Items queued and not yet handed out.</summary>
    public int Length
    {
        get
        {
            lock (gate)
            {
                return queue.Count;
            }
        }
    }

    /// <summary>True after <see cref="ShutDown"/>.</summary>
    public bool ShuttingDown
    {
        get
        {
            lock (gate)
            {
                return shuttingDown;
            }
        }
    }

    /// <summary>Queues the item unless it is already queued; a processing item is queued again at Done.</summary>
    public void Add(T item)
    {
        lock (gate)
        {
            if (shuttingDown || !dirty.Add(item))
            {
                return;
            }

            metrics?.OnAdd();
            addedAt.TryAdd(item, time.GetTimestamp());
            if (processing.Contains(item))
            {
                return;
            }

            queue.Enqueue(item);
            metrics?.OnDepth(queue.Count);
        }

        available.Release();
    }

    /// <summary>Adds the item once <paramref name="delay"/> has passed (an earlier pending time wins).</summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }

        lock (gate)
        {
            if (shuttingDown)
            {
                return;
            }

            var at = time.GetTimestamp() + (long)(delay.TotalSeconds * time.TimestampFrequency);
            if (readyAt.TryGetValue(item, out var existing) && existing <= at)
            {
                return;
            }

            readyAt[item] = at;
            waiting.Enqueue(item, at);
        }

        wake.Release();
    }

    /// <summary>Adds the item after the rate limiter's delay (a retry).</summary>
    public void AddRateLimited(T item)
    {
        metrics?.OnRetry();
        AddAfter(item, limiter.When(item));
    }

    /// <summary>Clears the item's backoff history.</summary>
    public void Forget(T item) => limiter.Forget(item);

    /// <summary>Times the item has been retried since it was last forgotten.</summary>
    public int NumRequeues(T item) => limiter.NumRequeues(item);

    /// <summary>Waits for an item; <c>Shutdown</c> is true once the queue is shutting down.</summary>
    public async Task<(T Item, bool Shutdown)> GetAsync(CancellationToken ct = default)
    {
        while (true)
        {
            await available.WaitAsync(ct).ConfigureAwait(false);
            lock (gate)
            {
                if (shuttingDown)
                {
                    available.Release();
                    return (default!, true);
                }

                if (queue.Count == 0)
                {
                    continue;
                }

                var item = queue.Dequeue();
                metrics?.OnDepth(queue.Count);
                processing.Add(item);
                dirty.Remove(item);
                var now = time.GetTimestamp();
                if (addedAt.Remove(item, out var at))
                {
                    metrics?.OnQueueLatency(time.GetElapsedTime(at, now));
                }

                startedAt[item] = now;
                return (item, false);
            }
        }
    }

    /// <summary>Marks the item processed; if it was re-added meanwhile it is queued again.</summary>
    public void Done(T item)
    {
        var requeued = false;
        lock (gate)
        {
            processing.Remove(item);
            if (startedAt.Remove(item, out var started))
            {
                metrics?.OnWorkDuration(time.GetElapsedTime(started));
            }

            if (dirty.Contains(item) && !shuttingDown)
            {
                queue.Enqueue(item);
                metrics?.OnDepth(queue.Count);
                requeued = true;
            }

            if (processing.Count == 0)
            {
                drained?.TrySetResult();
            }
        }

        if (requeued)
        {
            available.Release();
        }
    }

    /// <summary>Stops handing out items; items being processed may still call Done.</summary>
    public void ShutDown()
    {
        lock (gate)
        {
            if (shuttingDown)
            {
                return;
            }

            shuttingDown = true;
        }

        available.Release();
        stop.Cancel();
    }

    /// <summary>Shuts down and waits until every item being processed has been marked Done.</summary>
    public Task ShutDownWithDrainAsync()
    {
        ShutDown();
        lock (gate)
        {
            if (processing.Count == 0)
            {
                return Task.CompletedTask;
            }

            drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return drained.Task;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ShutDown();
        try
        {
            delayLoop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        stop.Dispose();
        available.Dispose();
        wake.Dispose();
    }

    // One loop moves delayed items into the queue when their time comes, instead of a timer per item.
    private async Task DelayLoopAsync()
    {
        var ct = stop.Token;
        while (!ct.IsCancellationRequested)
        {
            TimeSpan? next = null;
            List<T>? ready = null;
            lock (gate)
            {
                var now = time.GetTimestamp();
                while (waiting.TryPeek(out var item, out var at))
                {
                    if (!readyAt.TryGetValue(item, out var current) || current != at)
                    {
                        waiting.Dequeue(); // superseded by an earlier AddAfter
                        continue;
                    }

                    if (at > now)
                    {
                        next = TimeSpan.FromSeconds((double)(at - now) / time.TimestampFrequency);
                        break;
                    }

                    waiting.Dequeue();
                    readyAt.Remove(item);
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
                await wake.WaitAsync(next ?? Timeout.InfiniteTimeSpan, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
