using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Steward.Kube.Client;

namespace Steward.Kube.Cache;

/// <summary>Receives the changes an informer applies to its store.</summary>
public interface IResourceEventHandler<in T>
{
    /// <summary>An object appeared (from the initial list, a relist or an ADDED event).</summary>
    void OnAdd(T obj);

    /// <summary>An object changed; <paramref name="oldObj"/> is what the store held before.</summary>
    void OnUpdate(T oldObj, T newObj);

    /// <summary>An object is gone (DELETED event, or missing from a relist: then the last state seen).</summary>
    void OnDelete(T obj);
}

/// <summary>Settings of an informer.</summary>
public sealed record InformerOptions
{
    /// <summary>Only this namespace; null watches all namespaces.</summary>
    public string? Namespace { get; init; }

    /// <summary>Restricts the informer to objects matching this label selector.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>The server closes each watch after a random time between this and twice this.</summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>First wait after a failed list or watch; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Longest wait between attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>Counters of what an informer did; tests and metrics read them.</summary>
public sealed class InformerStats
{
    internal long _lists;
    internal long _watches;
    internal long _gone;
    internal long _bookmarks;

    /// <summary>Full lists done (the first and every relist).</summary>
    public long Lists => Interlocked.Read(ref _lists);

    /// <summary>Watches opened.</summary>
    public long Watches => Interlocked.Read(ref _watches);

    /// <summary>410 Gone answers that forced a relist.</summary>
    public long Gone => Interlocked.Read(ref _gone);

    /// <summary>BOOKMARK events received.</summary>
    public long Bookmarks => Interlocked.Read(ref _bookmarks);
}

/// <summary>Non-generic view of an informer, for the cache and the manager.</summary>
public interface ISharedInformer
{
    /// <summary>The resource it lists and watches.</summary>
    ResourceType ResourceType { get; }

    /// <summary>True once the first list has been stored.</summary>
    bool HasSynced { get; }

    /// <summary>Completes when the first list has been stored.</summary>
    Task WaitForSyncAsync(CancellationToken ct);

    /// <summary>Runs list-and-watch until cancelled.</summary>
    Task RunAsync(CancellationToken ct);
}

/// <summary>
/// Lists a kind, then watches from the list's resourceVersion with bookmarks; re-watches from the last
/// seen resourceVersion when the server closes the stream or the connection drops; relists on 410 Gone
/// and synthesizes the adds, updates and deletes the relist implies.
/// </summary>
public sealed class SharedInformer<T> : ISharedInformer
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IKubeClient _client;
    private readonly InformerOptions _options;
    private readonly ILogger _logger;
    private readonly List<IResourceEventHandler<T>> _handlers = [];
    private readonly Lock _dispatch = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates an informer; call <see cref="RunAsync"/> to start it.</summary>
    public SharedInformer(IKubeClient client, InformerOptions? options = null, ILogger? logger = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? new InformerOptions();
        _logger = logger ?? NullLogger.Instance;
        ResourceType = client.Registry.Get<T>();
    }

    /// <inheritdoc />
    public ResourceType ResourceType { get; }

    /// <summary>The local copy of the server's objects.</summary>
    public ObjectStore<T> Store { get; } = new();

    /// <summary>What the informer has done so far.</summary>
    public InformerStats Stats { get; } = new();

    /// <summary>The last resourceVersion seen (list, event or bookmark).</summary>
    public string? LastResourceVersion { get; private set; }

    /// <inheritdoc />
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <inheritdoc />
    public Task WaitForSyncAsync(CancellationToken ct) => _synced.Task.WaitAsync(ct);

    /// <summary>Adds a handler; it first receives every object already stored as an add.</summary>
    public void AddEventHandler(IResourceEventHandler<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_dispatch)
        {
            _handlers.Add(handler);
            foreach (var obj in Store.List())
            {
                handler.OnAdd(obj);
            }
        }
    }

    /// <summary>Removes a handler added with <see cref="AddEventHandler"/>.</summary>
    public void RemoveEventHandler(IResourceEventHandler<T> handler)
    {
        lock (_dispatch)
        {
            _handlers.Remove(handler);
        }
    }

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken ct)
    {
        string? rv = null;
        var backoff = _options.InitialBackoff;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (rv is null)
                {
                    rv = await ListAndReplaceAsync(ct).ConfigureAwait(false);
                    _synced.TrySetResult();
                }

                rv = await WatchAsync(rv, ct).ConfigureAwait(false);
                backoff = _options.InitialBackoff;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (KubeApiException e) when (e.IsGone)
            {
                Interlocked.Increment(ref Stats._gone);
                _logger.LogInformation("{Resource}: resourceVersion {Rv} expired ({Message}); relisting", ResourceType.GroupResource, rv, e.Message);
                rv = null;
            }
#pragma warning disable CA1031 // An informer must outlive any single failure; it logs and backs off.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _logger.LogWarning(e, "{Resource}: list/watch failed; retrying in {Backoff}", ResourceType.GroupResource, backoff);
                try
                {
                    await Task.Delay(backoff, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }
        }
    }

    private async Task<string> ListAndReplaceAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref Stats._lists);
        var list = await _client.ListAsync<T>(_options.Namespace, new ListOptions { LabelSelector = _options.LabelSelector }, ct).ConfigureAwait(false);
        var before = Store.Snapshot();
        lock (_dispatch)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in list.Items)
            {
                Trim(item);
                var key = ObjectStore<T>.KeyOf(item);
                seen.Add(key);
                var old = Store.Upsert(item);
                if (old is null)
                {
                    Notify(h => h.OnAdd(item));
                }
                else if (old.Metadata.ResourceVersion != item.Metadata.ResourceVersion)
                {
                    Notify(h => h.OnUpdate(old, item));
                }
            }

            foreach (var (key, old) in before)
            {
                if (!seen.Contains(key) && Store.Remove(key) is { } removed)
                {
                    Notify(h => h.OnDelete(removed));
                }
            }
        }

        var rv = list.Metadata?.ResourceVersion ?? throw new InvalidDataException($"list of {ResourceType.GroupResource} carries no resourceVersion");
        LastResourceVersion = rv;
        return rv;
    }

    private async Task<string> WatchAsync(string rv, CancellationToken ct)
    {
        Interlocked.Increment(ref Stats._watches);
        var min = Math.Max(1, (int)_options.MinWatchTimeout.TotalSeconds);
        var watchOptions = new ListOptions
        {
            ResourceVersion = rv,
            AllowWatchBookmarks = true,
            LabelSelector = _options.LabelSelector,
            TimeoutSeconds = min + Random.Shared.Next(min + 1),
        };
        await foreach (var ev in _client.WatchAsync<T>(_options.Namespace, watchOptions, ct).ConfigureAwait(false))
        {
            switch (ev.Type)
            {
                case WatchEventType.Error:
                    throw KubeRestClient.FromWatchError(ev.Status);
                case WatchEventType.Bookmark:
                    Interlocked.Increment(ref Stats._bookmarks);
                    break;
                case WatchEventType.Added:
                case WatchEventType.Modified:
                    Apply(ev.Object!);
                    break;
                case WatchEventType.Deleted:
                    lock (_dispatch)
                    {
                        var obj = ev.Object!;
                        Trim(obj);
                        Store.Remove(ObjectStore<T>.KeyOf(obj));
                        Notify(h => h.OnDelete(obj));
                    }

                    break;
            }

            if (!string.IsNullOrEmpty(ev.ResourceVersion))
            {
                rv = ev.ResourceVersion;
                LastResourceVersion = rv;
            }
        }

        return rv;
    }

    private void Apply(T obj)
    {
        Trim(obj);
        lock (_dispatch)
        {
            var old = Store.Upsert(obj);
            if (old is null)
            {
                Notify(h => h.OnAdd(obj));
            }
            else
            {
                Notify(h => h.OnUpdate(old, obj));
            }
        }
    }

    // managedFields is the bulk of most objects and no controller reads it from the cache.
    private static void Trim(T obj) => obj.Metadata?.ManagedFields = null;

    private void Notify(Action<IResourceEventHandler<T>> action)
    {
        foreach (var h in _handlers)
        {
            try
            {
                action(h);
            }
#pragma warning disable CA1031 // One broken handler must not stop the others or the watch.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _logger.LogError(e, "{Resource}: event handler failed", ResourceType.GroupResource);
            }
        }
    }
}
