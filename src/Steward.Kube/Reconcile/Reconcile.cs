namespace Steward.Kube.Reconcile;

/// <summary>What to reconcile: the namespace (empty for cluster-scoped kinds) and name of the primary object.</summary>
public readonly record struct ReconcileRequest(string Namespace, string Name)
{
    /// <summary>"namespace/name", or "name" for cluster-scoped objects.</summary>
    public override string ToString() => string.IsNullOrEmpty(Namespace) ? Name : Namespace + "/" + Name;
}

/// <summary>The outcome of a reconcile: done, requeue with backoff, or requeue after a fixed time.</summary>
public readonly record struct ReconcileResult
{
    /// <summary>Reconciled; nothing to do until the next event.</summary>
    public static ReconcileResult Done => default;

    /// <summary>Try again with the per-item backoff (like an error, without counting one).</summary>
    public static ReconcileResult Requeue => new() { RequeueNow = true };

    /// <summary>Try again after <paramref name="delay"/> (e.g. to poll an external system).</summary>
    public static ReconcileResult RequeueAfter(TimeSpan delay) => new() { RequeueDelay = delay };

    /// <summary>True for <see cref="Requeue"/>.</summary>
    public bool RequeueNow { get; init; }

    /// <summary>Set for <see cref="RequeueAfter"/>.</summary>
    public TimeSpan? RequeueDelay { get; init; }
}

/// <summary>
/// Drives the world toward the primary object's spec. Throwing means "failed": the request is retried
/// with exponential backoff.
/// </summary>
public interface IReconciler
{
    /// <summary>Reconciles one object. Idempotent: it may run any number of times for the same state.</summary>
    Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken ct);
}

/// <summary>A reconciler from a delegate.</summary>
public sealed class FuncReconciler(Func<ReconcileRequest, CancellationToken, Task<ReconcileResult>> fn) : IReconciler
{
    /// <inheritdoc />
    public Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken ct) => fn(request, ct);
}
