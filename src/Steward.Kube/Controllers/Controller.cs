using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Steward.Kube.Cache;
using Steward.Kube.Metrics;
using Steward.Kube.Queue;
using Steward.Kube.Reconcile;

namespace Steward.Kube.Controllers;

/// <summary>Settings of one controller.</summary>
public sealed class ControllerOptions
{
    /// <summary>How many requests (of different keys) are reconciled at once.</summary>
    public int MaxConcurrentReconciles { get; set; } = 1;

    /// <summary>Makes the queue's rate limiter; controller-runtime's default when null.</summary>
    public Func<IRateLimiter<ReconcileRequest>>? RateLimiter { get; set; }

    /// <summary>How long a stop waits for in-flight reconciles before cancelling their token.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// A work queue fed by watch sources and drained by workers that call the reconciler. Started by the
/// manager once caches have synced (and, with leader election, only on the leader).
/// </summary>
public sealed class Controller
{
    private readonly IReconciler _reconciler;
    private readonly IReadOnlyList<IWatchSource> _sources;
    private readonly IInformerCache _cache;
    private readonly ControllerMetrics _metrics;
    private readonly ILogger _logger;

    /// <summary>Creates a controller; the builder is the usual way.</summary>
    public Controller(string name, IReconciler reconciler, IReadOnlyList<IWatchSource> sources, IInformerCache cache,
        ControllerMetrics metrics, ControllerOptions? options = null, ILogger? logger = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        _reconciler = reconciler ?? throw new ArgumentNullException(nameof(reconciler));
        _sources = sources ?? throw new ArgumentNullException(nameof(sources));
        _cache = cache ?? throw new ArgumentNullException(nameof(cache));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        Options = options ?? new ControllerOptions();
        _logger = logger ?? NullLogger.Instance;
        if (Options.MaxConcurrentReconciles < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxConcurrentReconciles must be at least 1");
        }

        foreach (var s in sources)
        {
            s.Prepare(cache);
        }
    }

    /// <summary>The controller's name (the "controller" label of its metrics).</summary>
    public string Name { get; }

    /// <summary>Its settings.</summary>
    public ControllerOptions Options { get; }

    /// <summary>
    /// Runs until <paramref name="ct"/> is cancelled, then stops taking work and waits for in-flight
    /// reconciles (up to <see cref="ControllerOptions.DrainTimeout"/>, then cancels them).
    /// </summary>
    public async Task RunAsync(CancellationToken ct)
    {
        await _cache.WaitForCacheSyncAsync(ct).ConfigureAwait(false);
        using var queue = new WorkQueue<ReconcileRequest>(Options.RateLimiter?.Invoke(), new Sink(_metrics, Name));
        using var hardStop = new CancellationTokenSource();
        var attached = _sources.Select(s => s.Attach(_cache, queue.Add)).ToList();
        _metrics.MaxConcurrentReconciles.Set(Options.MaxConcurrentReconciles, Name);
        _logger.LogInformation("controller {Controller}: starting {Workers} workers", Name, Options.MaxConcurrentReconciles);
        var workers = Enumerable.Range(0, Options.MaxConcurrentReconciles)
            .Select(_ => Task.Run(() => WorkerAsync(queue, hardStop.Token), CancellationToken.None)).ToArray();
        try
        {
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        foreach (var a in attached)
        {
            a.Dispose();
        }

        var drain = queue.ShutDownWithDrainAsync();
        if (await Task.WhenAny(drain, Task.Delay(Options.DrainTimeout, CancellationToken.None)).ConfigureAwait(false) != drain)
        {
            _logger.LogWarning("controller {Controller}: reconciles still running after {Timeout}; cancelling them", Name, Options.DrainTimeout);
            await hardStop.CancelAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        _logger.LogInformation("controller {Controller}: stopped", Name);
    }

    private async Task WorkerAsync(WorkQueue<ReconcileRequest> queue, CancellationToken hardStop)
    {
        while (true)
        {
            var (request, shutdown) = await queue.GetAsync(CancellationToken.None).ConfigureAwait(false);
            if (shutdown)
            {
                return;
            }

            _metrics.ActiveWorkers.Add(1, Name);
            var started = Stopwatch.GetTimestamp();
            try
            {
                var result = await _reconciler.ReconcileAsync(request, hardStop).ConfigureAwait(false);
                if (result.RequeueDelay is { } delay && delay > TimeSpan.Zero)
                {
                    queue.Forget(request);
                    queue.AddAfter(request, delay);
                    _metrics.ReconcileTotal.Inc(Name, "requeue_after");
                }
                else if (result.RequeueNow)
                {
                    queue.AddRateLimited(request);
                    _metrics.ReconcileTotal.Inc(Name, "requeue");
                }
                else
                {
                    queue.Forget(request);
                    _metrics.ReconcileTotal.Inc(Name, "success");
                }
            }
            catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
            {
                _metrics.ReconcileTotal.Inc(Name, "error");
            }
#pragma warning disable CA1031 // A reconcile error is retried with backoff, never fatal to the worker.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _metrics.ReconcileErrors.Inc(Name);
                _metrics.ReconcileTotal.Inc(Name, "error");
                _logger.LogWarning(e, "controller {Controller}: reconcile of {Request} failed (retry {N})", Name, request, queue.NumRequeues(request) + 1);
                queue.AddRateLimited(request);
            }
            finally
            {
                _metrics.ReconcileTime.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds, Name);
                _metrics.ActiveWorkers.Add(-1, Name);
                queue.Done(request);
            }
        }
    }

    private sealed class Sink(ControllerMetrics m, string name) : IQueueMetricsSink
    {
        public void OnAdd() => m.Adds.Inc(name, name);

        public void OnDepth(int depth) => m.Depth.Set(depth, name, name);

        public void OnRetry() => m.Retries.Inc(name, name);

        public void OnQueueLatency(TimeSpan wait) => m.QueueDuration.Observe(wait.TotalSeconds, name, name);

        public void OnWorkDuration(TimeSpan work) => m.WorkDuration.Observe(work.TotalSeconds, name, name);
    }
}
