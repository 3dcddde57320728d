using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Steward.Kube.Client;

namespace Steward.Kube.Tests;

/// <summary>The double's REST semantics, checked through the real KubernetesClient and raw HTTP.</summary>
public sealed class ApiServerDoubleTests
{
    private static V1ConfigMap Cm(string name, Dictionary<string, string>? labels = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Labels = labels },
        Data = new Dictionary<string, string> { ["k"] = "v" },
    };

    [Fact]
    public async Task Crud_answers_with_status_objects_for_not_found_already_exists_and_stale_updates()
    {
        await using var h = await Harness.StartAsync();
        var created = await h.Kubernetes.CoreV1.CreateNamespacedConfigMapAsync(Cm("a"), "default");
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.False(string.IsNullOrEmpty(created.Metadata.ResourceVersion));

        var exists = await Assert.ThrowsAsync<HttpOperationException>(() => h.Kubernetes.CoreV1.CreateNamespacedConfigMapAsync(Cm("a"), "default"));
        Assert.Equal(HttpStatusCode.Conflict, exists.Response.StatusCode);
        Assert.Contains("\"reason\":\"AlreadyExists\"", exists.Response.Content);

        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => h.Kubernetes.CoreV1.ReadNamespacedConfigMapAsync("nope", "default"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
        Assert.Contains("\"reason\":\"NotFound\"", missing.Response.Content);

        created.Data["k"] = "v2";
        var updated = await h.Kubernetes.CoreV1.ReplaceNamespacedConfigMapAsync(created, "a", "default");
        Assert.NotEqual(created.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);
        created.Data["k"] = "v3"; // still carries the old resourceVersion
        var stale = await Assert.ThrowsAsync<HttpOperationException>(() => h.Kubernetes.CoreV1.ReplaceNamespacedConfigMapAsync(created, "a", "default"));
        Assert.Equal(HttpStatusCode.Conflict, stale.Response.StatusCode);
        Assert.Contains("\"reason\":\"Conflict\"", stale.Response.Content);
    }

    [Fact]
    public async Task Generation_moves_on_spec_changes_only_and_the_status_subresource_owns_status()
    {
        await using var h = await Harness.StartAsync();
        var w = await h.Client.CreateAsync(Widget.New("g", replicas: 1));
        Assert.Equal(1, w.Metadata.Generation);

        w.Metadata.Labels = new Dictionary<string, string> { ["x"] = "y" };
        w.Status = new WidgetStatus { Replicas = 42 };
        w = await h.Client.UpdateAsync(w);
        Assert.Equal(1, w.Metadata.Generation); // metadata change only
        Assert.Null(w.Status); // the main PUT ignores status

        w.Status = new WidgetStatus { Replicas = 7 };
        w.Spec.Replicas = 99; // ignored by PUT .../status
        w = await h.Client.UpdateStatusAsync(w);
        Assert.Equal(7, w.Status!.Replicas);
        Assert.Equal(1, w.Spec.Replicas);
        Assert.Equal(1, w.Metadata.Generation);

        w.Spec.Replicas = 2;
        w = await h.Client.UpdateAsync(w);
        Assert.Equal(2, w.Metadata.Generation);
        Assert.Equal(7, w.Status!.Replicas);
    }

    [Fact]
    public async Task Delete_with_finalizers_sets_deletionTimestamp_and_removing_the_last_one_deletes()
    {
        await using var h = await Harness.StartAsync();
        var cm = Cm("f");
        cm.Metadata.Finalizers = ["example.com/a"];
        await h.Kubernetes.CoreV1.CreateNamespacedConfigMapAsync(cm, "default");
        await h.Kubernetes.CoreV1.DeleteNamespacedConfigMapAsync("f", "default");
        var deleting = await h.Kubernetes.CoreV1.ReadNamespacedConfigMapAsync("f", "default");
        Assert.NotNull(deleting.Metadata.DeletionTimestamp);

        deleting.Metadata.Finalizers.Add("example.com/new");
        var forbidden = await Assert.ThrowsAsync<HttpOperationException>(() => h.Kubernetes.CoreV1.ReplaceNamespacedConfigMapAsync(deleting, "f", "default"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forbidden.Response.StatusCode);

        deleting.Metadata.Finalizers = [];
        await h.Kubernetes.CoreV1.ReplaceNamespacedConfigMapAsync(deleting, "f", "default");
        Assert.Null(await h.Client.GetAsync<V1ConfigMap>("f", "default"));
    }

    [Fact]
    public async Task Children_whose_owner_is_gone_are_garbage_collected()
    {
        await using var h = await Harness.StartAsync();
        var owner = await h.Kubernetes.CoreV1.CreateNamespacedConfigMapAsync(Cm("owner"), "default");
        var child = Cm("child");
        child.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Metadata.Uid, Controller = true }];
        await h.Kubernetes.CoreV1.CreateNamespacedConfigMapAsync(child, "default");
        await h.Kubernetes.CoreV1.DeleteNamespacedConfigMapAsync("owner", "default");
        Assert.Null(await h.Client.GetAsync<V1ConfigMap>("child", "default"));
    }

    [Fact]
    public async Task Lists_filter_by_label_selector_and_carry_a_resourceVersion()
    {
        await using var h = await Harness.StartAsync();
        await h.Kubernetes.CoreV1.CreateNamespacedConfigMapAsync(Cm("web", new() { ["app"] = "web", ["tier"] = "front" }), "default");
        await h.Kubernetes.CoreV1.CreateNamespacedConfigMapAsync(Cm("db", new() { ["app"] = "db" }), "default");
        Assert.Equal(["web"], (await h.Kubernetes.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "app=web")).Items.Select(i => i.Metadata.Name));
        Assert.Equal(["db"], (await h.Kubernetes.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "app in (db,cache),!tier")).Items.Select(i => i.Metadata.Name));
        Assert.Equal(["web"], (await h.Kubernetes.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "app!=db")).Items.Select(i => i.Metadata.Name));
        var all = await h.Kubernetes.CoreV1.ListConfigMapForAllNamespacesAsync();
        Assert.Equal(2, all.Items.Count);
        Assert.Equal(h.Server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), all.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task A_watch_resumes_from_a_resourceVersion_sends_bookmarks_and_an_expired_one_gets_410()
    {
        await using var h = await Harness.StartAsync(bookmarkInterval: TimeSpan.FromMilliseconds(100));
        await h.Kubernetes.CoreV1.CreateNamespacedConfigMapAsync(Cm("zero"), "default"); // resourceVersion "0" would mean "any"
        var list = await h.Client.ListAsync<V1ConfigMap>("default");
        await h.Kubernetes.CoreV1.CreateNamespacedConfigMapAsync(Cm("one"), "default");
        var events = new List<WatchEvent<V1ConfigMap>>();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        await foreach (var ev in h.Client.WatchAsync<V1ConfigMap>("default", new ListOptions { ResourceVersion = list.Metadata.ResourceVersion, AllowWatchBookmarks = true, TimeoutSeconds = 30 }, cts.Token))
        {
            events.Add(ev);
            if (ev.Type == WatchEventType.Bookmark)
            {
                break;
            }
        }

        Assert.Equal(WatchEventType.Added, events[0].Type);
        Assert.Equal("one", events[0].Object!.Metadata.Name);
        Assert.Equal(WatchEventType.Bookmark, events[^1].Type);

        h.Server.ExpireHistory();
        var gone = new List<WatchEvent<V1ConfigMap>>();
        await foreach (var ev in h.Client.WatchAsync<V1ConfigMap>("default", new ListOptions { ResourceVersion = list.Metadata.ResourceVersion, TimeoutSeconds = 30 }, cts.Token))
        {
            gone.Add(ev);
        }

        var error = Assert.Single(gone);
        Assert.Equal(WatchEventType.Error, error.Type);
        Assert.Equal(410, error.Status!.Code);
        Assert.Equal("Expired", error.Status.Reason);
    }

    [Fact]
    public async Task A_watch_ends_when_the_server_timeout_passes()
    {
        await using var h = await Harness.StartAsync();
        var count = 0;
        await foreach (var _ in h.Client.WatchAsync<V1ConfigMap>("default", new ListOptions { ResourceVersion = "0", TimeoutSeconds = 1 }, TestContext.Current.CancellationToken))
        {
            count++;
        }

        Assert.Equal(0, count);
    }

    [Fact]
    public async Task Malformed_bodies_and_wrong_kinds_get_400_with_a_clear_message()
    {
        await using var h = await Harness.StartAsync();
        using var http = new HttpClient { BaseAddress = h.Server.BaseUri };
        using var bad = await http.PostAsync("api/v1/namespaces/default/configmaps", new StringContent("{not json", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("not valid JSON", await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        using var wrongKind = await http.PostAsync("api/v1/namespaces/default/configmaps",
            new StringContent("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"x"}}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, wrongKind.StatusCode);
        Assert.Contains("does not match", await wrongKind.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var selector = await Assert.ThrowsAsync<HttpOperationException>(() => h.Kubernetes.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "a in b"));
        Assert.Equal(HttpStatusCode.BadRequest, selector.Response.StatusCode);
    }

    [Fact]
    public async Task A_created_CRD_makes_its_kind_servable()
    {
        await using var h = await Harness.StartAsync();
        var crd = new V1CustomResourceDefinition
        {
            Metadata = new V1ObjectMeta { Name = "gadgets.example.com" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = "example.com",
                Scope = "Cluster",
                Names = new V1CustomResourceDefinitionNames { Plural = "gadgets", Kind = "Gadget", Singular = "gadget" },
                Versions = [new V1CustomResourceDefinitionVersion { Name = "v1", Served = true, Storage = true, Subresources = new V1CustomResourceSubresources { Status = new object() } }],
            },
        };
        var stored = await h.Kubernetes.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        Assert.Contains(stored.Status.Conditions, c => c.Type == "Established" && c.Status == "True");

        var gadget = new Dictionary<string, object> { ["apiVersion"] = "example.com/v1", ["kind"] = "Gadget", ["metadata"] = new Dictionary<string, object> { ["name"] = "g1" } };
        await h.Kubernetes.CustomObjects.CreateClusterCustomObjectAsync(gadget, "example.com", "v1", "gadgets");
        var read = await h.Kubernetes.CustomObjects.GetClusterCustomObjectAsync("example.com", "v1", "gadgets", "g1");
        Assert.Contains("g1", KubernetesJson.Serialize(read));
    }
}
