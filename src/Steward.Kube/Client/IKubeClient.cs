using k8s;
using k8s.Models;

namespace Steward.Kube.Client;

/// <summary>Options of a list or watch call.</summary>
public sealed record ListOptions
{
    /// <summary>Equality- or set-based label selector, e.g. "app=web,tier!=db".</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Field selector, e.g. "metadata.name=x".</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Where a watch starts from; for a list, "0" allows a cached answer.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Ask the server to send BOOKMARK events on a watch.</summary>
    public bool AllowWatchBookmarks { get; init; }

    /// <summary>How long the server keeps a watch open before closing it.</summary>
    public int? TimeoutSeconds { get; init; }
}

/// <summary>One event of a watch stream.</summary>
public readonly record struct WatchEvent<T>(WatchEventType Type, T? Object, V1Status? Status, string? ResourceVersion);

/// <summary>
/// Direct access to the API server for any registered kind. Reconcilers write through it; they read
/// from the informer cache instead (see <see cref="Cache.IInformerCache"/>).
/// </summary>
public interface IKubeClient
{
    /// <summary>The registry that maps CLR types to resource paths.</summary>
    ResourceRegistry Registry { get; }

    /// <summary>Reads one object; null when it does not exist.</summary>
    Task<T?> GetAsync<T>(string name, string? ns, CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Lists objects of a namespace (or all namespaces when <paramref name="ns"/> is null).</summary>
    Task<KubeList<T>> ListAsync<T>(string? ns, ListOptions? options = null, CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Creates the object (POST); throws <see cref="KubeApiException"/> with IsAlreadyExists when taken.</summary>
    Task<T> CreateAsync<T>(T obj, CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Replaces the object (PUT); throws with IsConflict when its resourceVersion is stale.</summary>
    Task<T> UpdateAsync<T>(T obj, CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Replaces the status through the status subresource (PUT .../status).</summary>
    Task<T> UpdateStatusAsync<T>(T obj, CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Deletes the object (background propagation); false when it was already gone.</summary>
    Task<bool> DeleteAsync<T>(string name, string? ns, CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Opens a watch; the sequence ends when the server closes the stream.</summary>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(string? ns, ListOptions options, CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>;
}
