using k8s;
using k8s.Models;
using Steward.Kube.Cache;
using Steward.Kube.Client;
using Steward.Kube.Reconcile;

namespace Steward.Kube.Controllers;

/// <summary>Something a controller watches: it turns informer events into reconcile requests.</summary>
public interface IWatchSource
{
    /// <summary>Makes sure the informer exists (so the cache lists and watches the kind).</summary>
    void Prepare(IInformerCache cache);

    /// <summary>Starts feeding <paramref name="enqueue"/>; dispose the result to stop.</summary>
    IDisposable Attach(IInformerCache cache, Action<ReconcileRequest> enqueue);
}

/// <summary>Watches kind <typeparamref name="T"/>, mapping each changed object to requests.</summary>
public sealed class KindSource<T> : IWatchSource
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Func<T, IEnumerable<ReconcileRequest>> _map;
    private readonly IReadOnlyList<IPredicate> _predicates;

    /// <summary>Creates the source.</summary>
    public KindSource(Func<T, IEnumerable<ReconcileRequest>> map, IReadOnlyList<IPredicate> predicates)
    {
        _map = map ?? throw new ArgumentNullException(nameof(map));
        _predicates = predicates ?? [];
    }

    /// <inheritdoc />
    public void Prepare(IInformerCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        cache.GetInformer<T>();
    }

    /// <inheritdoc />
    public IDisposable Attach(IInformerCache cache, Action<ReconcileRequest> enqueue)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var informer = cache.GetInformer<T>();
        var handler = new Handler(this, enqueue);
        informer.AddEventHandler(handler);
        return new Detach(() => informer.RemoveEventHandler(handler));
    }

    /// <summary>Maps an object to a request for itself.</summary>
    public static IEnumerable<ReconcileRequest> ForObject(T obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        yield return new ReconcileRequest(obj.Metadata?.NamespaceProperty ?? string.Empty, obj.Metadata?.Name ?? string.Empty);
    }

    /// <summary>Maps an object to its controlling owner of kind <paramref name="owner"/> (ownerReferences with controller=true).</summary>
    public static Func<T, IEnumerable<ReconcileRequest>> ForOwner(ResourceType owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return obj => OwnerRequests(obj, owner);
    }

    private static IEnumerable<ReconcileRequest> OwnerRequests(T obj, ResourceType owner)
    {
        var refs = obj.Metadata?.OwnerReferences;
        if (refs is null)
        {
            yield break;
        }

        foreach (var r in refs)
        {
            if (r.Controller == true && r.Kind == owner.Kind && GroupOf(r.ApiVersion) == owner.Group)
            {
                yield return new ReconcileRequest(owner.Namespaced ? obj.Metadata!.NamespaceProperty ?? string.Empty : string.Empty, r.Name);
                yield break;
            }
        }
    }

    private static string GroupOf(string? apiVersion)
    {
        if (string.IsNullOrEmpty(apiVersion))
        {
            return string.Empty;
        }

        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? string.Empty : apiVersion[..slash];
    }

    private sealed class Handler(KindSource<T> source, Action<ReconcileRequest> enqueue) : IResourceEventHandler<T>
    {
        public void OnAdd(T obj)
        {
            foreach (var p in source._predicates)
            {
                if (!p.Create(obj))
                {
                    return;
                }
            }

            Emit(obj);
        }

        public void OnUpdate(T oldObj, T newObj)
        {
            foreach (var p in source._predicates)
            {
                if (!p.Update(oldObj, newObj))
                {
                    return;
                }
            }

            // Both sides: a changed owner or label must reach the old target as well as the new one.
            Emit(oldObj);
            Emit(newObj);
        }

        public void OnDelete(T obj)
        {
            foreach (var p in source._predicates)
            {
                if (!p.Delete(obj))
                {
                    return;
                }
            }

            Emit(obj);
        }

        private void Emit(T obj)
        {
            foreach (var r in source._map(obj))
            {
                enqueue(r);
            }
        }
    }

    private sealed class Detach(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
