using k8s;
using k8s.Models;
using Steward.Kube.Cache;
using Steward.Kube.Client;
using Steward.Kube.Helpers;
using Steward.Kube.Manager;

namespace StewardOperator.Tests;

using StewardOperator.Api.V1;
using StewardOperator.Controllers;

/// <summary>The controller against the Steward tree's Kubernetes API server double, through the real KubernetesClient.</summary>
public sealed class ControllerTests : IAsyncLifetime
{
    private global::Steward.Kube.TestApiServer.TestApiServer _server = null!;
    private Kubernetes _kubernetes = null!;
    private KubeRestClient _client = null!;
    private ControllerManager _manager = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await global::Steward.Kube.TestApiServer.TestApiServer.StartAsync();
        _server.RegisterKind("oam.crd.fp.net", "v1", "Steward", "stewards");
        var config = new KubernetesClientConfiguration { Host = _server.BaseUri.ToString() };
        _kubernetes = new Kubernetes(config);
        var registry = new ResourceRegistry();
        _client = new KubeRestClient(_kubernetes, registry);
        _manager = new ControllerManager(new KubeRestClient(new Kubernetes(config), registry), new ManagerOptions
        {
            Registry = registry,
            Informers = new InformerOptions { InitialBackoff = TimeSpan.FromMilliseconds(50) },
        });
        _manager.NewController().For<Steward>().Owns<V1Deployment>().Owns<V1Service>().Complete(new StewardReconciler(_manager.Client, _manager.Cache));
        await _manager.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _manager.DisposeAsync();
        _kubernetes.Dispose();
        await _server.DisposeAsync();
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("timed out waiting for: " + what);
            await Task.Delay(20);
        }
    }

    private async Task<V1Deployment?> DeploymentAsync(string name) => await _client.GetAsync<V1Deployment>(name, "default");

    private async Task<V1Service?> ServiceAsync(string name) => await _client.GetAsync<V1Service>(name, "default");

    private async Task<Steward> CreateAsync(string name, string protocol, int replicas, int? port = null)
    {
        var steward = new Steward();
        steward.Metadata.Name = name;
        steward.Metadata.NamespaceProperty = "default";
        steward.Spec = new StewardSpec { Image = "example.com/echo:1", Protocol = protocol, Replicas = replicas, Port = port };
        return await _client.CreateAsync(steward);
    }

    [Fact]
    public async Task A_new_Steward_gets_a_Deployment_and_a_Service_with_its_fields_and_an_owner()
    {
        var steward = await CreateAsync("echo", "thrift", 2);
        await EventuallyAsync(async () => await DeploymentAsync("echo") is not null && await ServiceAsync("echo") is not null, "Deployment and Service of echo");

        var deployment = (await DeploymentAsync("echo"))!;
        Assert.Equal(2, deployment.Spec.Replicas);
        var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
        Assert.Equal(("server", "example.com/echo:1"), (container.Name, container.Image));
        Assert.Equal((9090, "thrift"), (container.Ports.Single().ContainerPort, container.Ports.Single().Name));
        Assert.Equal("thrift", container.Env.Single(e => e.Name == "STEWARD_PROTOCOL").Value);
        Assert.Equal(StewardReconciler.SelectorLabels("echo"), deployment.Spec.Selector.MatchLabels);
        var owner = Assert.Single(deployment.Metadata.OwnerReferences);
        Assert.Equal(("Steward", steward.Metadata.Uid, true), (owner.Kind, owner.Uid, owner.Controller == true));

        var service = (await ServiceAsync("echo"))!;
        Assert.Equal(StewardReconciler.SelectorLabels("echo"), service.Spec.Selector);
        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal((9090, "9090"), (port.Port, port.TargetPort.Value));
        Assert.Equal("Steward", Assert.Single(service.Metadata.OwnerReferences).Kind);
    }

    [Fact]
    public async Task Changing_replicas_is_followed_by_the_Deployment()
    {
        await CreateAsync("scale", "grpc", 1);
        await EventuallyAsync(async () => (await DeploymentAsync("scale"))?.Spec.Replicas == 1, "Deployment of scale");

        // The controller writes the status concurrently, so the update may meet a newer resourceVersion:
        // get, change, update again on conflict, as every Kubernetes client must.
        for (var attempt = 1; ; attempt++)
        {
            var steward = (await _client.GetAsync<Steward>("scale", "default"))!;
            steward.Spec.Replicas = 5;
            try
            {
                await _client.UpdateAsync(steward);
                break;
            }
            catch (KubeApiException ex) when (ex.IsConflict && attempt < 10)
            {
            }
        }
        await EventuallyAsync(async () => (await DeploymentAsync("scale"))?.Spec.Replicas == 5, "Deployment scaled to 5");
    }

    [Fact]
    public async Task A_deleted_Deployment_is_recreated()
    {
        await CreateAsync("phoenix", "ice", 1);
        await EventuallyAsync(async () => await DeploymentAsync("phoenix") is not null, "Deployment of phoenix");
        string firstUid = (await DeploymentAsync("phoenix"))!.Metadata.Uid;

        Assert.True(await _client.DeleteAsync<V1Deployment>("phoenix", "default"));
        await EventuallyAsync(async () => await DeploymentAsync("phoenix") is { } d && d.Metadata.Uid != firstUid, "Deployment of phoenix recreated");
        Assert.Equal(10000, (await DeploymentAsync("phoenix"))!.Spec.Template.Spec.Containers[0].Ports[0].ContainerPort);
    }

    [Fact]
    public async Task Status_reports_ready_replicas_observed_generation_and_conditions()
    {
        await CreateAsync("status", "iiop", 2);
        await EventuallyAsync(async () => (await _client.GetAsync<Steward>("status", "default"))?.Status?.Conditions is { Count: 2 }, "first status");
        var first = (await _client.GetAsync<Steward>("status", "default"))!;
        Assert.Equal(first.Metadata.Generation, first.Status!.ObservedGeneration);
        Assert.Equal(0, first.Status.ReadyReplicas);
        Assert.True(Conditions.IsFalse(first.Status.Conditions, StewardReconciler.ConditionReady));
        Assert.True(Conditions.IsTrue(first.Status.Conditions, StewardReconciler.ConditionProgressing));

        // Play the Deployment controller: the pods came up.
        var deployment = (await DeploymentAsync("status"))!;
        deployment.Status = new V1DeploymentStatus { ObservedGeneration = deployment.Metadata.Generation, Replicas = 2, UpdatedReplicas = 2, ReadyReplicas = 2, AvailableReplicas = 2 };
        await _client.UpdateStatusAsync(deployment);

        await EventuallyAsync(async () => (await _client.GetAsync<Steward>("status", "default"))?.Status?.ReadyReplicas == 2, "readyReplicas 2");
        var ready = (await _client.GetAsync<Steward>("status", "default"))!;
        Assert.True(Conditions.IsTrue(ready.Status!.Conditions, StewardReconciler.ConditionReady));
        Assert.True(Conditions.IsFalse(ready.Status.Conditions, StewardReconciler.ConditionProgressing));
        Assert.Equal("RolloutComplete", Conditions.Find(ready.Status.Conditions, StewardReconciler.ConditionProgressing)!.Reason);
        Assert.Equal("app.kubernetes.io/instance=status,app.kubernetes.io/name=steward", ready.Status.Selector);
        Assert.Equal(ready.Metadata.Generation, ready.Status.ObservedGeneration);
    }
}
