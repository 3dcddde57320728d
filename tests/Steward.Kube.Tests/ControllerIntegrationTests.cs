using k8s;
using k8s.Models;
using Steward.Kube.Cache;
using Steward.Kube.Manager;

namespace Steward.Kube.Tests;

public sealed class ControllerIntegrationTests
{
    private static async Task<(ControllerManager Manager, WidgetReconciler Reconciler)> StartManagerAsync(Harness h, Action<ManagerOptions>? configure = null)
    {
        var options = new ManagerOptions { Informers = new InformerOptions { MinWatchTimeout = TimeSpan.FromSeconds(30), InitialBackoff = TimeSpan.FromMilliseconds(50) } };
        configure?.Invoke(options);
        var manager = new ControllerManager(h.NewClient(), options);
        var reconciler = new WidgetReconciler(manager);
        manager.NewController().For<Widget>().Owns<V1Deployment>().WithOptions(o => o.MaxConcurrentReconciles = 2).Complete(reconciler);
        await manager.StartAsync(TestContext.Current.CancellationToken);
        return (manager, reconciler);
    }

    private static async Task<Widget?> GetWidgetAsync(Harness h, string name) => await h.Client.GetAsync<Widget>(name, "default");

    private static async Task<V1Deployment?> GetDeploymentAsync(Harness h, string name)
    {
        try
        {
            return await h.Kubernetes.AppsV1.ReadNamespacedDeploymentAsync(name, "default");
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static async Task<bool> ReconciledAsync(Harness h, string name)
    {
        var w = await GetWidgetAsync(h, name);
        return w?.Status?.ObservedGeneration == w?.Metadata.Generation && w?.Status?.Conditions.Any(c => c.Type == "Ready" && c.Status == "True") == true;
    }

    [Fact]
    public async Task Reconcile_creates_the_child_and_writes_status()
    {
        await using var h = await Harness.StartAsync();
        await h.Client.CreateAsync(Widget.New("w1", replicas: 3));
        var (manager, reconciler) = await StartManagerAsync(h);
        await using var _ = manager;

        await Harness.EventuallyAsync(() => ReconciledAsync(h, "w1"), "status of w1");
        var deployment = await GetDeploymentAsync(h, "w1");
        Assert.NotNull(deployment);
        Assert.Equal(3, deployment.Spec.Replicas);
        var owner = Assert.Single(deployment.Metadata.OwnerReferences);
        Assert.True(owner.Controller);
        Assert.Equal("Widget", owner.Kind);
        Assert.Equal((await GetWidgetAsync(h, "w1"))!.Metadata.Uid, owner.Uid);
        Assert.Contains(WidgetReconciler.Finalizer, (await GetWidgetAsync(h, "w1"))!.Metadata.Finalizers);
    }

    [Fact]
    public async Task A_deleted_child_is_recreated_and_an_edited_child_is_put_back()
    {
        await using var h = await Harness.StartAsync();
        var (manager, _) = await StartManagerAsync(h);
        await using var __ = manager;
        await h.Client.CreateAsync(Widget.New("w2", replicas: 2));
        await Harness.EventuallyAsync(async () => await GetDeploymentAsync(h, "w2") is not null, "deployment w2 created");
        var firstUid = (await GetDeploymentAsync(h, "w2"))!.Metadata.Uid;

        await h.Kubernetes.AppsV1.DeleteNamespacedDeploymentAsync("w2", "default");
        await Harness.EventuallyAsync(async () => await GetDeploymentAsync(h, "w2") is { } d && d.Metadata.Uid != firstUid, "deployment w2 recreated");

        var edited = (await GetDeploymentAsync(h, "w2"))!;
        edited.Spec.Replicas = 9;
        await h.Kubernetes.AppsV1.ReplaceNamespacedDeploymentAsync(edited, "w2", "default");
        await Harness.EventuallyAsync(async () => (await GetDeploymentAsync(h, "w2"))?.Spec.Replicas == 2, "deployment w2 put back to 2 replicas");
    }

    [Fact]
    public async Task A_spec_change_is_reconciled_and_reads_come_from_the_cache()
    {
        await using var h = await Harness.StartAsync();
        var (manager, _) = await StartManagerAsync(h);
        await using var __ = manager;

        // The test polls with LIST so that any GET the server counts came from the reconciler.
        async Task<Widget?> Widget(string name) => (await h.Client.ListAsync<Widget>("default", new() { FieldSelector = "metadata.name=" + name })).Items.SingleOrDefault();
        async Task<V1Deployment?> Deployment(string name) => (await h.Client.ListAsync<V1Deployment>("default", new() { FieldSelector = "metadata.name=" + name })).Items.SingleOrDefault();

        await h.Client.CreateAsync(Tests.Widget.New("w3", replicas: 1));
        await Harness.EventuallyAsync(async () => (await Widget("w3"))?.Status?.ObservedGeneration == 1, "w3 reconciled");
        var w = (await Widget("w3"))!;
        w.Spec.Replicas = 4;
        await h.Client.UpdateAsync(w);
        await Harness.EventuallyAsync(async () => (await Deployment("w3"))?.Spec.Replicas == 4, "deployment follows the spec");
        await Harness.EventuallyAsync(async () => (await Widget("w3"))?.Status?.ObservedGeneration == 2, "w3 status follows generation 2");

        // The reconciler reads from the cache; it reads from the server only to recover from a 409
        // Conflict that a not-yet-updated cache caused.
        Assert.Equal(0, h.Server.RequestCount("get", "deployments"));
        Assert.True(h.Server.RequestCount("get", "widgets") <= h.Server.RequestCount("conflict", "widgets"));
    }

    [Fact]
    public async Task A_dropped_watch_and_a_410_lose_no_event()
    {
        await using var h = await Harness.StartAsync();
        await h.Client.CreateAsync(Widget.New("keep", replicas: 1));
        await h.Client.CreateAsync(Widget.New("gone", replicas: 1));
        var (manager, reconciler) = await StartManagerAsync(h);
        await using var __ = manager;
        await Harness.EventuallyAsync(async () => await ReconciledAsync(h, "keep") && await ReconciledAsync(h, "gone"), "initial reconcile");

        var informer = manager.Cache.GetInformer<Widget>();
        var listsBefore = informer.Stats.Lists;
        using (h.Server.HoldWatches())
        {
            h.Server.DropAllWatches();

            // While no watch is open: a create, an update and a delete, then the history is compacted.
            await h.Client.CreateAsync(Widget.New("new", replicas: 1));
            var keep = (await GetWidgetAsync(h, "keep"))!;
            keep.Spec.Replicas = 5;
            await h.Client.UpdateAsync(keep);
            await h.Client.DeleteAsync<Widget>("gone", "default");
            h.Server.ExpireHistory();
        }

        await Harness.EventuallyAsync(() => ReconciledAsync(h, "new"), "widget created during the outage reconciled");
        await Harness.EventuallyAsync(async () => (await GetDeploymentAsync(h, "keep"))?.Spec.Replicas == 5, "update made during the outage reconciled");
        await Harness.EventuallyAsync(async () => await GetWidgetAsync(h, "gone") is null, "delete made during the outage finalized");
        Assert.Equal(1, reconciler.Cleanups["default/gone"]);
        Assert.True(informer.Stats.Gone >= 1, "the informer met 410 Gone");
        Assert.True(informer.Stats.Lists > listsBefore, "the informer relisted");
        Assert.Null(informer.Store.Get("default", "gone"));
    }

    [Fact]
    public async Task A_status_conflict_is_retried()
    {
        await using var h = await Harness.StartAsync();
        var (manager, _) = await StartManagerAsync(h);
        await using var __ = manager;
        await h.Client.CreateAsync(Widget.New("c1", replicas: 1));
        await Harness.EventuallyAsync(() => ReconciledAsync(h, "c1"), "c1 reconciled");

        h.Server.InjectConflicts(2, "widgets.test.steward.io/status");
        var w = (await GetWidgetAsync(h, "c1"))!;
        w.Spec.Replicas = 2;
        await h.Client.UpdateAsync(w);
        await Harness.EventuallyAsync(async () => await ReconciledAsync(h, "c1") && (await GetWidgetAsync(h, "c1"))!.Status!.Replicas == 2, "status written despite conflicts");
        Assert.Equal(0, manager.Metrics.ReconcileErrors.Value("widget"));
    }

    [Fact]
    public async Task The_finalizer_runs_once_and_deletion_completes_after_it()
    {
        await using var h = await Harness.StartAsync();
        var (manager, reconciler) = await StartManagerAsync(h);
        await using var __ = manager;
        var seenDuringCleanup = new List<Widget?>();
        reconciler.DuringCleanup = async name => seenDuringCleanup.Add(await h.Client.GetAsync<Widget>(name, "default"));
        await h.Client.CreateAsync(Widget.New("f1", replicas: 1));
        await Harness.EventuallyAsync(() => ReconciledAsync(h, "f1"), "f1 reconciled");

        await h.Kubernetes.CustomObjects.DeleteNamespacedCustomObjectAsync(Widget.Group, Widget.Version, "default", Widget.Plural, "f1");
        await Harness.EventuallyAsync(async () => await GetWidgetAsync(h, "f1") is null, "f1 deleted");
        await Harness.EventuallyAsync(async () => await GetDeploymentAsync(h, "f1") is null, "owned deployment garbage-collected");

        Assert.Equal(1, reconciler.Cleanups["default/f1"]);
        var during = Assert.Single(seenDuringCleanup);
        Assert.NotNull(during);
        Assert.NotNull(during.Metadata.DeletionTimestamp);
    }

    [Fact]
    public async Task Metrics_and_probes_are_served()
    {
        await using var h = await Harness.StartAsync();
        var (manager, _) = await StartManagerAsync(h, o => o.HttpBindAddress = "127.0.0.1:0");
        await using var __ = manager;
        await h.Client.CreateAsync(Widget.New("m1", replicas: 1));
        await Harness.EventuallyAsync(() => ReconciledAsync(h, "m1"), "m1 reconciled");

        using var http = new HttpClient { BaseAddress = manager.HttpAddress };
        Assert.Equal("ok", await http.GetStringAsync("/healthz", TestContext.Current.CancellationToken));
        Assert.Equal("ok", await http.GetStringAsync("/readyz", TestContext.Current.CancellationToken));
        var metrics = await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Contains("# TYPE controller_runtime_reconcile_total counter", metrics);
        Assert.Contains("controller_runtime_reconcile_total{controller=\"widget\",result=\"success\"}", metrics);
        Assert.Contains("controller_runtime_reconcile_time_seconds_bucket{controller=\"widget\",le=\"+Inf\"}", metrics);
        Assert.Contains("workqueue_adds_total{controller=\"widget\",name=\"widget\"}", metrics);
        Assert.Contains("workqueue_depth{controller=\"widget\",name=\"widget\"}", metrics);
        Assert.Contains("workqueue_queue_duration_seconds_count{controller=\"widget\",name=\"widget\"}", metrics);
        Assert.Contains("workqueue_work_duration_seconds_count{controller=\"widget\",name=\"widget\"}", metrics);
    }

    [Fact]
    public async Task Events_are_recorded_and_repeats_aggregate_into_a_count()
    {
        await using var h = await Harness.StartAsync();
        var (manager, _) = await StartManagerAsync(h);
        await using var __ = manager;
        await h.Client.CreateAsync(Widget.New("e1", replicas: 1));
        await Harness.EventuallyAsync(async () => (await h.Kubernetes.CoreV1.ListNamespacedEventAsync("default")).Items.Any(e => e.Reason == "Created"), "Created event");
        var w = (await GetWidgetAsync(h, "e1"))!;
        var recorder = manager.GetEventRecorder();
        recorder.Record(w, "Warning", "Slow", "took long");
        recorder.Record(w, "Warning", "Slow", "took long");
        await Harness.EventuallyAsync(async () => (await h.Kubernetes.CoreV1.ListNamespacedEventAsync("default")).Items.Any(e => e.Reason == "Slow" && e.Count == 2), "aggregated Slow event");
        var ev = (await h.Kubernetes.CoreV1.ListNamespacedEventAsync("default")).Items.Single(e => e.Reason == "Slow");
        Assert.Equal("Widget", ev.InvolvedObject.Kind);
        Assert.Equal(w.Metadata.Uid, ev.InvolvedObject.Uid);
        Assert.Equal("Warning", ev.Type);
    }
}
