using System.Collections.Concurrent;
using k8s.Models;
using Steward.Kube.Events;
using Steward.Kube.Helpers;
using Steward.Kube.Manager;
using Steward.Kube.Reconcile;

namespace Steward.Kube.Tests;

/// <summary>
/// The test controller: a Widget owns a Deployment with spec.replicas copied from the widget; status
/// reports observedGeneration and a Ready condition; a finalizer counts cleanups.
/// </summary>
public sealed class WidgetReconciler(ControllerManager manager) : IReconciler
{
    public const string Finalizer = "test.steward.io/cleanup";

    public ConcurrentDictionary<string, int> Cleanups { get; } = new();

    public ConcurrentDictionary<string, int> Reconciles { get; } = new();

    /// <summary>Called during cleanup with the widget as the server holds it at that moment.</summary>
    public Func<string, Task>? DuringCleanup { get; set; }

    public int Total => Reconciles.Values.Sum();

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken ct)
    {
        Reconciles.AddOrUpdate(request.ToString(), 1, (_, n) => n + 1);
        var widget = manager.Cache.GetStore<Widget>().Get(request.Namespace, request.Name);
        if (widget is null)
        {
            return ReconcileResult.Done;
        }

        var fin = await Finalizers.HandleAsync(manager.Client, widget, Finalizer, async (w, token) =>
        {
            Cleanups.AddOrUpdate(request.ToString(), 1, (_, n) => n + 1);
            if (DuringCleanup is { } hook)
            {
                await hook(request.Name);
            }
        }, ct);
        if (fin.Deleting || fin.Object is null)
        {
            return ReconcileResult.Done;
        }

        widget = fin.Object;
        var child = await manager.Client.CreateOrUpdateAsync<V1Deployment>(manager.Cache.GetStore<V1Deployment>(), request.Namespace, request.Name, widget, d =>
        {
            var labels = new Dictionary<string, string> { ["app"] = request.Name };
            d.Spec ??= new V1DeploymentSpec();
            d.Spec.Replicas = widget.Spec.Replicas;
            d.Spec.Selector = new V1LabelSelector { MatchLabels = labels };
            d.Spec.Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = labels },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "registry.example/widget:1" }] },
            };
        }, ct);
        if (child.Result == OperationResult.Created)
        {
            manager.GetEventRecorder().Record(widget, EventTypes.Normal, "Created", $"created deployment {request.Name}");
        }

        await manager.Client.UpdateStatusAsync(widget, w =>
        {
            w.Status ??= new WidgetStatus();
            w.Status.ObservedGeneration = w.Metadata.Generation;
            w.Status.Replicas = w.Spec.Replicas;
            Conditions.Set(w.Status.Conditions, "Ready", ConditionStatus.True, "Reconciled", "deployment matches the spec", w.Metadata.Generation);
        }, ct);
        return ReconcileResult.Done;
    }
}
