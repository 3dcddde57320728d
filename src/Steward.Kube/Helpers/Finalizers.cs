using k8s;
using k8s.Models;
using Steward.Kube.Client;

namespace Steward.Kube.Helpers;

/// <summary>The state after <see cref="Finalizers.HandleAsync"/>.</summary>
/// <param name="Deleting">True when the object is being deleted: the reconciler should stop there.</param>
/// <param name="Object">The latest copy of the object (with the finalizer added when it was missing).</param>
public readonly record struct FinalizerResult<T>(bool Deleting, T? Object);

/// <summary>
/// The finalizer pattern: the finalizer is added on the first reconcile, so a DELETE only sets
/// deletionTimestamp; then cleanup runs, and the finalizer is removed only after cleanup succeeded, so
/// the object cannot disappear before its cleanup has finished. If cleanup throws, the finalizer stays
/// and the controller retries with backoff.
/// </summary>
public static class Finalizers
{
    /// <summary>Adds the finalizer, or runs cleanup and removes it when the object is being deleted.</summary>
    public static async Task<FinalizerResult<T>> HandleAsync<T>(IKubeClient client, T obj, string finalizer,
        Func<T, CancellationToken, Task> cleanup, CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(cleanup);
        var has = obj.Metadata?.Finalizers?.Contains(finalizer) == true;
        if (!obj.IsDeleting())
        {
            if (has)
            {
                return new(false, obj);
            }

            var updated = await MutateAsync(client, obj, f => f.Add(finalizer), f => !f.Contains(finalizer), ct).ConfigureAwait(false);
            return new(updated?.IsDeleting() == true, updated);
        }

        if (!has)
        {
            return new(true, obj);
        }

        // The cache may still show the finalizer after our own removal (another kind's event can
        // arrive before the DELETED one); the server decides whether cleanup is still owed. This GET is
        // on the deletion path only, never on the steady-state path.
        var fresh = await client.GetAsync<T>(obj.Metadata!.Name, obj.Metadata.NamespaceProperty, ct).ConfigureAwait(false);
        if (fresh is null || fresh.Metadata.Uid != obj.Metadata.Uid || fresh.Metadata.Finalizers?.Contains(finalizer) != true)
        {
            return new(true, fresh);
        }

        await cleanup(fresh, ct).ConfigureAwait(false);
        obj = fresh;
        var after = await MutateAsync(client, obj, f => f.Remove(finalizer), f => f.Contains(finalizer), ct).ConfigureAwait(false);
        return new(true, after);
    }

    // Applies a change to metadata.finalizers with conflict retry, reading fresh state after a conflict.
    private static async Task<T?> MutateAsync<T>(IKubeClient client, T obj, Action<IList<string>> change, Func<IList<string>, bool> needed, CancellationToken ct)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var current = obj;
        return await ClientExtensions.RetryOnConflictAsync(async token =>
        {
            current ??= await client.GetAsync<T>(obj.Metadata.Name, obj.Metadata.NamespaceProperty, token).ConfigureAwait(false);
            if (current is null)
            {
                return null;
            }

            var copy = KubeObjects.DeepCopy(current);
            copy.Metadata.Finalizers ??= [];
            if (!needed(copy.Metadata.Finalizers))
            {
                return copy;
            }

            change(copy.Metadata.Finalizers);
            current = null; // after a conflict, read again
            try
            {
                return await client.UpdateAsync(copy, token).ConfigureAwait(false);
            }
            catch (KubeApiException e) when (e.IsNotFound)
            {
                return null; // removing the last finalizer may complete the deletion before we see the answer
            }
        }, ct).ConfigureAwait(false);
    }
}
