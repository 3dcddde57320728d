using Steward.Kube.Cache;
using Steward.Kube.Crd;
using Steward.Kube.Reconcile;

namespace StewardOperator.Controllers;

using StewardOperator.Api.V1;

/// <summary>Drives the world toward each Steward's spec and reports what it sees in its status.</summary>
[Rbac(Groups = "oam.crd.fp.net", Resources = "stewards", Verbs = "get;list;watch;create;update;patch;delete")]
[Rbac(Groups = "oam.crd.fp.net", Resources = "stewards/status", Verbs = "get;update;patch")]
[Rbac(Groups = "oam.crd.fp.net", Resources = "stewards/finalizers", Verbs = "update")]
public sealed class StewardReconciler(IInformerCache cache) : IReconciler
{
    public Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken ct)
    {
        var obj = cache.GetStore<Steward>().Get(request.Namespace, request.Name);
        if (obj is null)
        {
            // Deleted; owned objects go with it through their owner references.
            return Task.FromResult(ReconcileResult.Done);
        }

        // Compare obj.Spec with the world, act (take an IKubeClient in the constructor to write),
        // then report in obj.Status.
        return Task.FromResult(ReconcileResult.Done);
    }
}
