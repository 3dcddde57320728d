// Scale run: N custom objects in the API double; time from manager start until every object's status
// has been written by the reconciler, and the informer cache's heap (with the manager vs. after it is
// stopped and released). Usage: dotnet run -c Release --project bench/Steward.Kube.Scale -- 1000 10000
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using Steward.Kube.Client;
using Steward.Kube.Helpers;
using Steward.Kube.Manager;
using Steward.Kube.Reconcile;

var counts = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1000, 10000];
var results = new List<(int N, double Seconds, long CacheBytes)>();
var anchors = new List<double>();
foreach (var n in counts)
{
    results.Add(await RunAsync(n, readThrough: false));

    // The anchor: the same reconciler reading each object from the API server (GET) instead of the
    // cache, as the .NET operator libraries without a shared informer do.
    anchors.Add((await RunAsync(n, readThrough: true)).Item2);
}

Console.WriteLine();
Console.WriteLine("| objects | start → all reconciled (s) | reconciles/s | anchor: GET per reconcile (s) | anchor ÷ Steward | informer cache (MiB) | bytes/object |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
for (var i = 0; i < results.Count; i++)
{
    var (n, s, bytes) = results[i];
    Console.WriteLine(FormattableString.Invariant($"| {n:N0} | {s:F2} | {n / s:F0} | {anchors[i]:F2} | {anchors[i] / s:F2} | {bytes / 1048576.0:F1} | {bytes / n:N0} |"));
}

if (results.Count >= 2)
{
    var (n0, s0, b0) = results[0];
    var (n1, s1, b1) = results[^1];
    Console.WriteLine(FormattableString.Invariant($"growth {n0:N0} → {n1:N0} (×{(double)n1 / n0:F0}): time ×{s1 / s0:F2}, cache memory ×{(double)b1 / b0:F2}"));
}

static async Task<(int, double, long)> RunAsync(int n, bool readThrough)
{
    await using var server = await Steward.Kube.TestApiServer.TestApiServer.StartAsync();
    server.HistoryCapacity = 4 * n;
    server.RegisterKind("bench.steward.io", "v1", "Gizmo", "gizmos");
    var registry = new ResourceRegistry();
    registry.Register<Gizmo>("bench.steward.io", "v1", "Gizmo", "gizmos");
    var config = new KubernetesClientConfiguration { Host = server.BaseUri.ToString() };
    var setup = new KubeRestClient(config, registry);
    await Parallel.ForAsync(0, n, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        await setup.CreateAsync(Gizmo.New("g" + i.ToString("D5", CultureInfo.InvariantCulture)), ct));

    var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    var manager = new ControllerManager(new KubeRestClient(config, registry), new ManagerOptions());
    var reconciler = new GizmoReconciler(manager, n, done, readThrough);
    manager.NewController().For<Gizmo>().WithOptions(o => o.MaxConcurrentReconciles = 4).Complete(reconciler);

    var before = GC.GetTotalMemory(forceFullCollection: true);
    var sw = Stopwatch.StartNew();
    await manager.StartAsync();
    await done.Task.WaitAsync(TimeSpan.FromMinutes(10));
    var seconds = sw.Elapsed.TotalSeconds;

    // Stop the watches and workers but keep the store, then weigh the store by emptying it.
    await manager.StopAsync();
    var after = GC.GetTotalMemory(forceFullCollection: true);
    var cached = Empty(manager.Cache.GetInformer<Gizmo>().Store);

    var without = GC.GetTotalMemory(forceFullCollection: true);
    await manager.DisposeAsync();
    Console.WriteLine(FormattableString.Invariant($"n={n}{(readThrough ? " (anchor, GET per reconcile)" : "")}: {seconds:F2} s to reconcile all; heap {before / 1048576.0:F1} MiB before start, {after / 1048576.0:F1} MiB after (cache of {cached} objects held), {without / 1048576.0:F1} MiB with the cache emptied"));
    var withCache = after;
    return (n, seconds, withCache - without);
}

// Not async: a hoisted enumerator in an async state machine would keep the objects alive.
[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
static int Empty(Steward.Kube.Cache.ObjectStore<Gizmo> store)
{
    var keys = store.Snapshot().Keys.ToList();
    foreach (var key in keys)
    {
        store.Remove(key);
    }

    return keys.Count;
}

internal sealed class Gizmo : CustomResource<GizmoSpec, GizmoStatus>
{
    public static Gizmo New(string name) => new()
    {
        ApiVersion = "bench.steward.io/v1",
        Kind = "Gizmo",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Labels = new Dictionary<string, string> { ["app"] = "bench" } },
        Spec = new GizmoSpec { Size = name.Length, Image = "registry.example/gizmo:1" },
    };
}

internal sealed class GizmoSpec
{
    [JsonPropertyName("size")]
    public int Size { get; set; }

    [JsonPropertyName("image")]
    public string? Image { get; set; }
}

internal sealed class GizmoStatus
{
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("conditions")]
    public IList<V1Condition> Conditions { get; set; } = [];
}

internal sealed class GizmoReconciler(ControllerManager manager, int expected, TaskCompletionSource done, bool readThrough) : IReconciler
{
    private int _written;

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken ct)
    {
        var g = readThrough
            ? await manager.Client.GetAsync<Gizmo>(request.Name, request.Namespace, ct)
            : manager.Cache.GetStore<Gizmo>().Get(request.Namespace, request.Name);
        if (g is null || g.Status?.ObservedGeneration == g.Metadata.Generation)
        {
            return ReconcileResult.Done;
        }

        await manager.Client.UpdateStatusAsync(g, x =>
        {
            x.Status ??= new GizmoStatus();
            x.Status.ObservedGeneration = x.Metadata.Generation;
            Conditions.Set(x.Status.Conditions, "Ready", ConditionStatus.True, "Reconciled", "ok", x.Metadata.Generation);
        }, ct);
        if (Interlocked.Increment(ref _written) == expected)
        {
            done.TrySetResult();
        }

        return ReconcileResult.Done;
    }
}
