namespace Steward.Kube.Metrics;

/// <summary>The metric families of controller-runtime and client-go's workqueue, by the same names.</summary>
public sealed class ControllerMetrics
{
    private static readonly double[] ReconcileBuckets =
    [
        0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
        1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
    ];

    /// <summary>Creates the families in a registry.</summary>
    public ControllerMetrics(MetricsRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        ReconcileTotal = registry.Counter("controller_runtime_reconcile_total", "Total number of reconciliations per controller", "controller", "result");
        ReconcileErrors = registry.Counter("controller_runtime_reconcile_errors_total", "Total number of reconciliation errors per controller", "controller");
        ReconcileTime = registry.Histogram("controller_runtime_reconcile_time_seconds", "Length of time per reconciliation per controller", ReconcileBuckets, "controller");
        ActiveWorkers = registry.Gauge("controller_runtime_active_workers", "Number of currently used workers per controller", "controller");
        MaxConcurrentReconciles = registry.Gauge("controller_runtime_max_concurrent_reconciles", "Maximum number of concurrent reconciles per controller", "controller");
        Depth = registry.Gauge("workqueue_depth", "Current depth of workqueue", "controller", "name");
        Adds = registry.Counter("workqueue_adds_total", "Total number of adds handled by workqueue", "controller", "name");
        Retries = registry.Counter("workqueue_retries_total", "Total number of retries handled by workqueue", "controller", "name");
        var durations = MetricsRegistry.ExponentialBuckets(10e-9, 10, 12);
        QueueDuration = registry.Histogram("workqueue_queue_duration_seconds", "How long in seconds an item stays in workqueue before being requested", durations, "controller", "name");
        WorkDuration = registry.Histogram("workqueue_work_duration_seconds", "How long in seconds processing an item from workqueue takes", durations, "controller", "name");
        LeaderStatus = registry.Gauge("leader_election_master_status", "Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master", "name");
    }

    /// <summary>The registry holding the families.</summary>
    public MetricsRegistry Registry { get; }

    /// <summary>controller_runtime_reconcile_total{controller,result}: result is success, error, requeue or requeue_after.</summary>
    public Counter ReconcileTotal { get; }

    /// <summary>controller_runtime_reconcile_errors_total{controller}.</summary>
    public Counter ReconcileErrors { get; }

    /// <summary>controller_runtime_reconcile_time_seconds{controller}.</summary>
    public Histogram ReconcileTime { get; }

    /// <summary>controller_runtime_active_workers{controller}.</summary>
    public Counter ActiveWorkers { get; }

    /// <summary>controller_runtime_max_concurrent_reconciles{controller}.</summary>
    public Counter MaxConcurrentReconciles { get; }

    /// <summary>workqueue_depth{controller,name}.</summary>
    public Counter Depth { get; }

    /// <summary>workqueue_adds_total{controller,name}.</summary>
    public Counter Adds { get; }

    /// <summary>workqueue_retries_total{controller,name}.</summary>
    public Counter Retries { get; }

    /// <summary>workqueue_queue_duration_seconds{controller,name}.</summary>
    public Histogram QueueDuration { get; }

    /// <summary>workqueue_work_duration_seconds{controller,name}.</summary>
    public Histogram WorkDuration { get; }

    /// <summary>leader_election_master_status{name}.</summary>
    public Counter LeaderStatus { get; }
}
