using k8s;
using k8s.Models;
using Steward.Kube.Cache;
using Steward.Kube.Client;

namespace Steward.Kube.Helpers;

/// <summary>What <see cref="ClientExtensions.CreateOrUpdateAsync"/> did.</summary>
public enum OperationResult
{
    /// <summary>The object already matched; nothing was written.</summary>
    Unchanged,

    /// <summary>The object did not exist and was created.</summary>
    Created,

    /// <summary>The object existed and was updated.</summary>
    Updated,
}

/// <summary>The object as the server returned it and what was done.</summary>
public readonly record struct CreateOrUpdateResult<T>(T Object, OperationResult Result);

/// <summary>Helpers for reconcilers: create-or-update of owned children and status writes with conflict retry.</summary>
public static class ClientExtensions
{
    /// <summary>How many times a status write is tried when it keeps hitting 409 Conflict.</summary>
    public const int DefaultConflictAttempts = 5;

    /// <summary>
    /// Writes the status through the status subresource after applying <paramref name="mutate"/> to a copy
    /// of <paramref name="obj"/>. On 409 Conflict it reads the object again from the server, re-applies the
    /// mutation and tries again. Nothing is written when the mutation changes nothing.
    /// </summary>
    public static async Task<T> UpdateStatusAsync<T>(this IKubeClient client, T obj, Action<T> mutate, CancellationToken ct = default, int maxAttempts = DefaultConflictAttempts)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(mutate);
        var current = obj;
        for (var attempt = 1; ; attempt++)
        {
            var before = KubernetesJson.Serialize(current);
            var copy = KubernetesJson.Deserialize<T>(before);
            mutate(copy);
            if (KubernetesJson.Serialize(copy) == before)
            {
                return current;
            }

            try
            {
                return await client.UpdateStatusAsync(copy, ct).ConfigureAwait(false);
            }
            catch (KubeApiException e) when (e.IsConflict && attempt < maxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt), ct).ConfigureAwait(false);
                current = await client.GetAsync<T>(obj.Metadata.Name, obj.Metadata.NamespaceProperty, ct).ConfigureAwait(false)
                    ?? throw new KubeApiException(System.Net.HttpStatusCode.NotFound, null, $"{obj.Kind} {obj.Metadata.Name} was deleted during a status update");
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> again (up to <paramref name="maxAttempts"/> times) while it fails
    /// with 409 Conflict; the action must read fresh state each time.
    /// </summary>
    public static async Task<TResult> RetryOnConflictAsync<TResult>(Func<CancellationToken, Task<TResult>> action, CancellationToken ct = default, int maxAttempts = DefaultConflictAttempts)
    {
        ArgumentNullException.ThrowIfNull(action);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action(ct).ConfigureAwait(false);
            }
            catch (KubeApiException e) when (e.IsConflict && attempt < maxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt), ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Makes the child <paramref name="name"/> in <paramref name="ns"/> match what <paramref name="mutate"/>
    /// sets, with <paramref name="owner"/> (when given) as its controller. The existing child is read from
    /// the informer <paramref name="store"/>, not from the server; it is written only when the mutation
    /// changed it. A stale cache shows up as 409 Conflict, which the controller retries with backoff.
    /// </summary>
    public static async Task<CreateOrUpdateResult<T>> CreateOrUpdateAsync<T>(this IKubeClient client, IStore<T> store, string? ns, string name,
        IKubernetesObject<V1ObjectMeta>? owner, Action<T> mutate, CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>, new()
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(mutate);
        var existing = store.Get(ns, name);
        if (existing is null)
        {
            var fresh = new T { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns } };
            mutate(fresh);
            Stamp(fresh, owner, ns, name);
            try
            {
                return new(await client.CreateAsync(fresh, ct).ConfigureAwait(false), OperationResult.Created);
            }
            catch (KubeApiException e) when (e.IsAlreadyExists)
            {
                // The cache has not seen it yet; fall through to an update of the server's copy.
                existing = await client.GetAsync<T>(name, ns, ct).ConfigureAwait(false);
                if (existing is null)
                {
                    throw;
                }
            }
        }

        var before = KubernetesJson.Serialize(existing);
        var copy = KubernetesJson.Deserialize<T>(before);
        mutate(copy);
        Stamp(copy, owner, ns, name);
        if (KubernetesJson.Serialize(copy) == before)
        {
            return new(existing, OperationResult.Unchanged);
        }

        return new(await client.UpdateAsync(copy, ct).ConfigureAwait(false), OperationResult.Updated);
    }

    private static void Stamp<T>(T obj, IKubernetesObject<V1ObjectMeta>? owner, string? ns, string name)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        obj.Metadata ??= new V1ObjectMeta();
        if (obj.Metadata.Name != name || (obj.Metadata.NamespaceProperty ?? string.Empty) != (ns ?? string.Empty))
        {
            throw new InvalidOperationException($"the mutation must not change the name or namespace of {name}");
        }

        if (owner is not null)
        {
            KubeObjects.SetControllerReference(owner, obj);
        }
    }
}
