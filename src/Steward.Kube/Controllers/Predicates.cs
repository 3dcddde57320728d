using k8s;
using k8s.Models;

namespace Steward.Kube.Controllers;

/// <summary>Filters the events that reach a controller's queue.</summary>
public interface IPredicate
{
    /// <summary>Should a created object be reconciled?</summary>
    bool Create(IKubernetesObject<V1ObjectMeta> obj) => true;

    /// <summary>Should an updated object be reconciled?</summary>
    bool Update(IKubernetesObject<V1ObjectMeta> oldObj, IKubernetesObject<V1ObjectMeta> newObj) => true;

    /// <summary>Should a deleted object be reconciled?</summary>
    bool Delete(IKubernetesObject<V1ObjectMeta> obj) => true;
}

/// <summary>The predicates of controller-runtime's predicate package.</summary>
public static class Predicates
{
    /// <summary>Updates pass only when metadata.generation changed (spec edits; status writes do not).</summary>
    public static IPredicate GenerationChanged { get; } = new UpdateOnly((o, n) => o.Metadata?.Generation != n.Metadata?.Generation);

    /// <summary>Updates pass only when the labels changed.</summary>
    public static IPredicate LabelChanged { get; } = new UpdateOnly((o, n) => !SameMap(o.Metadata?.Labels, n.Metadata?.Labels));

    /// <summary>Updates pass only when the annotations changed.</summary>
    public static IPredicate AnnotationChanged { get; } = new UpdateOnly((o, n) => !SameMap(o.Metadata?.Annotations, n.Metadata?.Annotations));

    /// <summary>Updates pass only when the resourceVersion changed (drops relist no-ops).</summary>
    public static IPredicate ResourceVersionChanged { get; } = new UpdateOnly((o, n) => o.Metadata?.ResourceVersion != n.Metadata?.ResourceVersion);

    /// <summary>A predicate from delegates; a null delegate passes everything of its kind.</summary>
    public static IPredicate Funcs(
        Func<IKubernetesObject<V1ObjectMeta>, bool>? create = null,
        Func<IKubernetesObject<V1ObjectMeta>, IKubernetesObject<V1ObjectMeta>, bool>? update = null,
        Func<IKubernetesObject<V1ObjectMeta>, bool>? delete = null) => new FuncPredicate(create, update, delete);

    /// <summary>Every predicate must pass.</summary>
    public static IPredicate And(params IPredicate[] ps) => new FuncPredicate(
        o => ps.All(p => p.Create(o)), (a, b) => ps.All(p => p.Update(a, b)), o => ps.All(p => p.Delete(o)));

    /// <summary>At least one predicate must pass.</summary>
    public static IPredicate Or(params IPredicate[] ps) => new FuncPredicate(
        o => ps.Any(p => p.Create(o)), (a, b) => ps.Any(p => p.Update(a, b)), o => ps.Any(p => p.Delete(o)));

    /// <summary>Passes what <paramref name="p"/> rejects.</summary>
    public static IPredicate Not(IPredicate p) => new FuncPredicate(o => !p.Create(o), (a, b) => !p.Update(a, b), o => !p.Delete(o));

    private static bool SameMap(IDictionary<string, string>? a, IDictionary<string, string>? b)
    {
        var ca = a?.Count ?? 0;
        if (ca != (b?.Count ?? 0))
        {
            return false;
        }

        if (ca == 0)
        {
            return true;
        }

        foreach (var (k, v) in a!)
        {
            if (!b!.TryGetValue(k, out var bv) || bv != v)
            {
                return false;
            }
        }

        return true;
    }

    private sealed class UpdateOnly(Func<IKubernetesObject<V1ObjectMeta>, IKubernetesObject<V1ObjectMeta>, bool> update) : IPredicate
    {
        public bool Update(IKubernetesObject<V1ObjectMeta> oldObj, IKubernetesObject<V1ObjectMeta> newObj) => update(oldObj, newObj);
    }

    private sealed class FuncPredicate(
        Func<IKubernetesObject<V1ObjectMeta>, bool>? create,
        Func<IKubernetesObject<V1ObjectMeta>, IKubernetesObject<V1ObjectMeta>, bool>? update,
        Func<IKubernetesObject<V1ObjectMeta>, bool>? delete) : IPredicate
    {
        public bool Create(IKubernetesObject<V1ObjectMeta> obj) => create?.Invoke(obj) ?? true;

        public bool Update(IKubernetesObject<V1ObjectMeta> oldObj, IKubernetesObject<V1ObjectMeta> newObj) => update?.Invoke(oldObj, newObj) ?? true;

        public bool Delete(IKubernetesObject<V1ObjectMeta> obj) => delete?.Invoke(obj) ?? true;
    }
}
