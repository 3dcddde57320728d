using k8s.Models;
using Steward.Kube.Cache;
using Steward.Kube.Controllers;
using Steward.Kube.Helpers;
using Steward.Kube.Metrics;

namespace Steward.Kube.Tests;

public sealed class HelperTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_condition_keeps_its_transition_time_until_its_status_changes()
    {
        var conditions = new List<V1Condition>();
        Assert.True(Conditions.Set(conditions, "Ready", ConditionStatus.False, "Starting", "pods starting", 1, T0));
        Assert.True(Conditions.Set(conditions, "Ready", ConditionStatus.False, "Waiting", "still starting", 2, T0.AddMinutes(1)));
        var c = Assert.Single(conditions);
        Assert.Equal(T0, c.LastTransitionTime);
        Assert.Equal("Waiting", c.Reason);
        Assert.Equal(2, c.ObservedGeneration);

        Assert.True(Conditions.Set(conditions, "Ready", ConditionStatus.True, "Running", "all pods ready", 2, T0.AddMinutes(2)));
        Assert.Equal(T0.AddMinutes(2), c.LastTransitionTime);
        Assert.False(Conditions.Set(conditions, "Ready", ConditionStatus.True, "Running", "all pods ready", 2, T0.AddMinutes(3)));
        Assert.True(Conditions.IsTrue(conditions, "Ready"));
        Assert.False(Conditions.IsFalse(conditions, "Ready"));
        Assert.Throws<ArgumentException>(() => Conditions.Set(conditions, "Ready", "yes", "r", "m"));
        Assert.True(Conditions.Remove(conditions, "Ready"));
        Assert.Empty(conditions);
    }

    [Fact]
    public void The_store_indexes_by_namespace_and_by_custom_functions()
    {
        var store = new ObjectStore<V1ConfigMap>();
        store.AddIndexer("app", c => c.Metadata.Labels is { } l && l.TryGetValue("app", out var v) ? [v] : []);
        store.Upsert(Cm("a", "ns1", "web"));
        store.Upsert(Cm("b", "ns1", "db"));
        store.Upsert(Cm("c", "ns2", "web"));
        Assert.Equal(2, store.List("ns1").Count);
        Assert.Equal(3, store.List().Count);
        Assert.Equal(["a", "c"], store.ByIndex("app", "web").Select(c => c.Metadata.Name).Order());

        var old = store.Upsert(Cm("a", "ns1", "db"));
        Assert.NotNull(old);
        Assert.Equal(["c"], store.ByIndex("app", "web").Select(c => c.Metadata.Name));
        store.Remove("ns2/c");
        Assert.Empty(store.ByIndex("app", "web"));
        Assert.Empty(store.List("ns2"));
        Assert.Null(store.Get("ns2", "c"));
        Assert.Throws<InvalidOperationException>(() => store.ByIndex("nope", "x"));
    }

    [Fact]
    public void Predicates_pass_only_the_changes_they_name()
    {
        var a = Cm("a", "ns", "web");
        a.Metadata.Generation = 1;
        var statusOnly = Cm("a", "ns", "web");
        statusOnly.Metadata.Generation = 1;
        var spec = Cm("a", "ns", "web");
        spec.Metadata.Generation = 2;
        var relabelled = Cm("a", "ns", "db");
        relabelled.Metadata.Generation = 1;

        Assert.False(Predicates.GenerationChanged.Update(a, statusOnly));
        Assert.True(Predicates.GenerationChanged.Update(a, spec));
        Assert.True(Predicates.GenerationChanged.Create(a));
        Assert.False(Predicates.LabelChanged.Update(a, spec));
        Assert.True(Predicates.LabelChanged.Update(a, relabelled));
        Assert.True(Predicates.Or(Predicates.GenerationChanged, Predicates.LabelChanged).Update(a, relabelled));
        Assert.False(Predicates.And(Predicates.GenerationChanged, Predicates.LabelChanged).Update(a, relabelled));
        var annotated = Cm("a", "ns", "web");
        annotated.Metadata.Annotations = new Dictionary<string, string> { ["note"] = "x" };
        Assert.True(Predicates.AnnotationChanged.Update(a, annotated));
    }

    [Fact]
    public void Owner_mapping_follows_only_the_controller_reference_of_the_owner_kind()
    {
        var owner = Widget.New("parent");
        owner.Metadata.Uid = "uid-1";
        var child = Cm("child", "default", "web");
        KubeObjects.SetControllerReference(owner, child);
        var widgetType = new Client.ResourceType(Widget.Group, Widget.Version, "Widget", Widget.Plural, true, true);
        var requests = KindSource<V1ConfigMap>.ForOwner(widgetType)(child).ToList();
        Assert.Equal([new Reconcile.ReconcileRequest("default", "parent")], requests);

        var other = Widget.New("other");
        other.Metadata.Uid = "uid-2";
        Assert.Throws<InvalidOperationException>(() => KubeObjects.SetControllerReference(other, child));
        var deploymentType = new Client.ResourceType("apps", "v1", "Deployment", "deployments", true, true);
        Assert.Empty(KindSource<V1ConfigMap>.ForOwner(deploymentType)(child));
    }

    [Fact]
    public void Metrics_render_in_the_prometheus_text_format()
    {
        var metrics = new ControllerMetrics(new MetricsRegistry());
        metrics.ReconcileTotal.Inc("widget", "success");
        metrics.ReconcileTotal.Inc("widget", "success");
        metrics.ReconcileTime.Observe(0.02, "widget");
        var text = metrics.Registry.Render();
        Assert.Contains("# TYPE controller_runtime_reconcile_total counter\n", text);
        Assert.Contains("controller_runtime_reconcile_total{controller=\"widget\",result=\"success\"} 2\n", text);
        Assert.Contains("controller_runtime_reconcile_time_seconds_bucket{controller=\"widget\",le=\"0.01\"} 0\n", text);
        Assert.Contains("controller_runtime_reconcile_time_seconds_bucket{controller=\"widget\",le=\"0.025\"} 1\n", text);
        Assert.Contains("controller_runtime_reconcile_time_seconds_bucket{controller=\"widget\",le=\"+Inf\"} 1\n", text);
        Assert.Contains("controller_runtime_reconcile_time_seconds_count{controller=\"widget\"} 1\n", text);
    }

    private static V1ConfigMap Cm(string name, string ns, string app) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["app"] = app } },
    };
}
