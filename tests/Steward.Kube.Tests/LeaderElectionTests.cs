using k8s.Models;
using Steward.Kube.Cache;
using Steward.Kube.Leader;
using Steward.Kube.Manager;

namespace Steward.Kube.Tests;

public sealed class LeaderElectionTests
{
    private static async Task<(ControllerManager Manager, WidgetReconciler Reconciler)> StartAsync(Harness h, string identity, bool releaseOnCancel)
    {
        var options = new ManagerOptions
        {
            Informers = new InformerOptions { MinWatchTimeout = TimeSpan.FromSeconds(30), InitialBackoff = TimeSpan.FromMilliseconds(50) },
            LeaderElection = new LeaderElectionOptions
            {
                LeaseName = "widget-controller",
                LeaseNamespace = "default",
                Identity = identity,
                LeaseDuration = TimeSpan.FromSeconds(2),
                RenewDeadline = TimeSpan.FromSeconds(1.5),
                RetryPeriod = TimeSpan.FromMilliseconds(250),
                ReleaseOnCancel = releaseOnCancel,
            },
        };
        var manager = new ControllerManager(h.NewClient(), options);
        var reconciler = new WidgetReconciler(manager);
        manager.NewController().For<Widget>().Owns<V1Deployment>().Complete(reconciler);
        await manager.StartAsync(TestContext.Current.CancellationToken);
        return (manager, reconciler);
    }

    private static async Task<bool> ReconciledAsync(Harness h, string name) =>
        (await h.Client.GetAsync<Widget>(name, "default"))?.Status?.ObservedGeneration == 1;

    private static async Task<V1Lease> ReadLeaseAsync(Harness h)
    {
        using var response = await h.Kubernetes.CoordinationV1.ReadNamespacedLeaseWithHttpMessagesAsync("widget-controller", "default");
        return response.Body;
    }

    [Fact]
    public async Task Only_the_leader_reconciles_and_a_standby_takes_over_when_the_lease_expires()
    {
        await using var h = await Harness.StartAsync();
        var (a, ra) = await StartAsync(h, "manager-a", releaseOnCancel: false);
        await Harness.EventuallyAsync(() => a.IsLeader, "manager-a leads");
        var (b, rb) = await StartAsync(h, "manager-b", releaseOnCancel: false);
        await using var _ = b;

        await h.Client.CreateAsync(Widget.New("before", replicas: 1));
        await Harness.EventuallyAsync(() => ReconciledAsync(h, "before"), "widget reconciled by the leader");
        Assert.True(ra.Reconciles.ContainsKey("default/before"));
        Assert.Equal(0, rb.Total);
        Assert.False(b.IsLeader);
        var lease = await ReadLeaseAsync(h);
        Assert.Equal("manager-a", lease.Spec.HolderIdentity);
        Assert.Equal(2, lease.Spec.LeaseDurationSeconds);

        // A crash: manager-a stops without releasing; manager-b must wait for the lease to expire.
        await a.DisposeAsync();
        await h.Client.CreateAsync(Widget.New("after", replicas: 1));
        await Harness.EventuallyAsync(() => b.IsLeader, "manager-b takes over");
        await Harness.EventuallyAsync(() => ReconciledAsync(h, "after"), "widget reconciled by the new leader");
        Assert.True(rb.Reconciles.ContainsKey("default/after"));
        Assert.False(ra.Reconciles.ContainsKey("default/after"));
        lease = await ReadLeaseAsync(h);
        Assert.Equal("manager-b", lease.Spec.HolderIdentity);
        Assert.Equal(1, lease.Spec.LeaseTransitions);
    }

    [Fact]
    public async Task A_clean_stop_releases_the_lease_for_the_standby()
    {
        await using var h = await Harness.StartAsync();
        var (a, _) = await StartAsync(h, "manager-a", releaseOnCancel: true);
        await Harness.EventuallyAsync(() => a.IsLeader, "manager-a leads");
        var (b, _) = await StartAsync(h, "manager-b", releaseOnCancel: true);
        await using var __ = b;
        await a.DisposeAsync();

        var lease = await ReadLeaseAsync(h);
        Assert.True(string.IsNullOrEmpty(lease.Spec.HolderIdentity) || lease.Spec.HolderIdentity == "manager-b");
        await Harness.EventuallyAsync(() => b.IsLeader, "manager-b takes over");
    }

    [Fact]
    public void Lease_timings_must_be_ordered()
    {
        using var k = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = "http://127.0.0.1:1" });
        var client = new Client.KubeRestClient(k);
        Assert.Throws<ArgumentException>(() => new LeaderElector(client, new LeaderElectionOptions { LeaseDuration = TimeSpan.FromSeconds(5), RenewDeadline = TimeSpan.FromSeconds(5) }));
        var defaults = new LeaderElectionOptions();
        Assert.Equal(TimeSpan.FromSeconds(15), defaults.LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(10), defaults.RenewDeadline);
        Assert.Equal(TimeSpan.FromSeconds(2), defaults.RetryPeriod);
    }
}
