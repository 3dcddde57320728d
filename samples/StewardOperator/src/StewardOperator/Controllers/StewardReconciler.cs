using k8s.Models;
using Steward.Kube.Cache;
using Steward.Kube.Client;
using Steward.Kube.Crd;
using Steward.Kube.Helpers;
using Steward.Kube.Reconcile;

namespace StewardOperator.Controllers;

using StewardOperator.Api.V1;

/// <summary>
/// Keeps a Deployment and a Service named after each Steward in line with its spec, and reports the
/// Deployment's progress in the Steward's status (readyReplicas, observedGeneration, Ready, Progressing).
/// </summary>
[Rbac(Groups = "oam.crd.fp.net", Resources = "stewards", Verbs = "get;list;watch;create;update;patch;delete")]
[Rbac(Groups = "oam.crd.fp.net", Resources = "stewards/status", Verbs = "get;update;patch")]
[Rbac(Groups = "oam.crd.fp.net", Resources = "stewards/finalizers", Verbs = "update")]
[Rbac(Groups = "apps", Resources = "deployments", Verbs = "get;list;watch;create;update;patch;delete")]
[Rbac(Groups = "", Resources = "services", Verbs = "get;list;watch;create;update;patch;delete")]
[Rbac(Groups = "", Resources = "events", Verbs = "create;patch")]
public sealed class StewardReconciler(IKubeClient client, IInformerCache cache) : IReconciler
{
    public const string ContainerName = "server";
    public const string ConditionReady = "Ready";
    public const string ConditionProgressing = "Progressing";

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken ct)
    {
        var steward = cache.GetStore<Steward>().Get(request.Namespace, request.Name);
        if (steward is null || steward.IsDeleting())
        {
            // The Deployment and Service carry an owner reference: the garbage collector removes them.
            return ReconcileResult.Done;
        }

        var (replicas, protocol, port) = steward.Effective();
        string name = steward.Metadata.Name;
        string ns = steward.Metadata.NamespaceProperty;
        var selector = SelectorLabels(name);

        var deployment = await client.CreateOrUpdateAsync(cache.GetStore<V1Deployment>(), ns, name, steward, d =>
        {
            d.Metadata.Labels = Merge(d.Metadata.Labels, Labels(name, protocol));
            d.Spec ??= new V1DeploymentSpec();
            d.Spec.Replicas = replicas;
            // The selector is immutable once the Deployment exists; set it only on creation.
            d.Spec.Selector ??= new V1LabelSelector { MatchLabels = selector };
            d.Spec.Template ??= new V1PodTemplateSpec();
            d.Spec.Template.Metadata ??= new V1ObjectMeta();
            d.Spec.Template.Metadata.Labels = Merge(d.Spec.Template.Metadata.Labels, Labels(name, protocol));
            d.Spec.Template.Spec ??= new V1PodSpec { Containers = [] };
            var container = d.Spec.Template.Spec.Containers.FirstOrDefault(c => c.Name == ContainerName);
            if (container is null)
            {
                container = new V1Container { Name = ContainerName };
                d.Spec.Template.Spec.Containers.Add(container);
            }
            container.Image = steward.Spec.Image;
            container.Ports = [new V1ContainerPort { Name = PortName(protocol), ContainerPort = port, Protocol = "TCP" }];
            container.Env =
            [
                new V1EnvVar { Name = "STEWARD_PROTOCOL", Value = protocol },
                new V1EnvVar { Name = "STEWARD_PORT", Value = port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ];
            // Every field the API server would default is given, so a re-read copy compares equal and no update loops.
            container.ReadinessProbe = new V1Probe
            {
                TcpSocket = new V1TCPSocketAction { Port = port },
                PeriodSeconds = 10,
                TimeoutSeconds = 1,
                SuccessThreshold = 1,
                FailureThreshold = 3,
            };
        }, ct).ConfigureAwait(false);

        await client.CreateOrUpdateAsync(cache.GetStore<V1Service>(), ns, name, steward, s =>
        {
            s.Metadata.Labels = Merge(s.Metadata.Labels, Labels(name, protocol));
            s.Spec ??= new V1ServiceSpec();
            s.Spec.Selector = selector;
            s.Spec.Ports = [new V1ServicePort { Name = PortName(protocol), Port = port, TargetPort = port, Protocol = "TCP" }];
        }, ct).ConfigureAwait(false);

        var status = deployment.Object.Status;
        int ready = status?.ReadyReplicas ?? 0;
        int current = status?.Replicas ?? 0;
        int updated = status?.UpdatedReplicas ?? 0;
        bool rolledOut = deployment.Object.Status?.ObservedGeneration >= deployment.Object.Metadata.Generation
            && updated >= replicas && current == replicas && ready >= replicas;
        string selectorText = string.Join(",", selector.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value));
        long? generation = steward.Metadata.Generation;

        var before = steward.Status;
        if (before is not null && before.ReadyReplicas == ready && before.Replicas == current && before.ObservedGeneration == generation
            && before.Selector == selectorText && Conditions.IsTrue(before.Conditions, ConditionReady) == (ready >= replicas)
            && Conditions.IsTrue(before.Conditions, ConditionProgressing) == !rolledOut)
        {
            return ReconcileResult.Done;
        }

        await client.UpdateStatusAsync(steward, s =>
        {
            s.Status ??= new StewardStatus();
            s.Status.Replicas = current;
            s.Status.ReadyReplicas = ready;
            s.Status.Selector = selectorText;
            s.Status.ObservedGeneration = generation;
            s.Status.Conditions ??= [];
            if (ready >= replicas)
                Conditions.Set(s.Status.Conditions, ConditionReady, ConditionStatus.True, "ReplicasReady", $"{ready}/{replicas} replicas ready", generation);
            else
                Conditions.Set(s.Status.Conditions, ConditionReady, ConditionStatus.False, "ReplicasNotReady", $"{ready}/{replicas} replicas ready", generation);
            if (rolledOut)
                Conditions.Set(s.Status.Conditions, ConditionProgressing, ConditionStatus.False, "RolloutComplete", $"Deployment {name} has rolled out", generation);
            else
                Conditions.Set(s.Status.Conditions, ConditionProgressing, ConditionStatus.True, "RollingOut", $"Deployment {name}: {updated} updated, {ready} ready of {replicas}", generation);
        }, ct).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    /// <summary>The labels the Service selects pods by; fixed for the life of the Steward.</summary>
    public static Dictionary<string, string> SelectorLabels(string name) => new()
    {
        ["app.kubernetes.io/name"] = "steward",
        ["app.kubernetes.io/instance"] = name,
    };

    private static Dictionary<string, string> Labels(string name, string protocol) => new(SelectorLabels(name))
    {
        ["app.kubernetes.io/managed-by"] = "steward-operator",
        ["oam.crd.fp.net/protocol"] = protocol,
    };

    private static Dictionary<string, string> Merge(IDictionary<string, string>? existing, Dictionary<string, string> ours)
    {
        var merged = existing is null ? new Dictionary<string, string>() : new Dictionary<string, string>(existing);
        foreach (var (k, v) in ours) merged[k] = v;
        return merged;
    }

    /// <summary>Port names are IANA service names: lower-case, at most 15 characters.</summary>
    private static string PortName(string protocol) => protocol;
}
