using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Steward.Kube.Client;

namespace Steward.Kube.Cache;

/// <summary>The cache reconcilers read from: one shared informer per kind.</summary>
public interface IInformerCache
{
    /// <summary>The informer of <typeparamref name="T"/>, created on first use and shared afterwards.</summary>
    SharedInformer<T> GetInformer<T>()
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>The store of <typeparamref name="T"/>'s informer.</summary>
    IStore<T> GetStore<T>()
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Completes when every informer created so far has done its first list.</summary>
    Task WaitForCacheSyncAsync(CancellationToken ct);
}

/// <summary>
/// Creates one <see cref="SharedInformer{T}"/> per kind and runs them all; informers asked for after
/// <see cref="Start"/> start at once.
/// </summary>
public sealed class InformerCache : IInformerCache, IAsyncDisposable
{
    private readonly IKubeClient client;
    private readonly ILoggerFactory loggerFactory;
    private readonly ConcurrentDictionary<Type, ISharedInformer> informers = new();
    private readonly ConcurrentDictionary<Type, Func<InformerOptions>> optionsByType = new();
    private readonly List<Task> running = [];
    private readonly Lock gate = new();
    private CancellationTokenSource? cts;

    /// <summary>Creates the cache over a client.</summary>
    public InformerCache(IKubeClient client, ILoggerFactory? loggerFactory = null)
    {
        this.client = client ?? throw new ArgumentNullException(nameof(client));
        this.loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    /// <summary>Informer settings used for every kind unless <see cref="Configure{T}"/> says otherwise.</summary>
    public InformerOptions DefaultOptions { get; set; } = new();

    /// <summary>Per-kind informer settings (e.g. a namespace or label selector); call before first use.</summary>
    public void Configure<T>(InformerOptions options) => optionsByType[typeof(T)] = () => options;

    /// <summary>Every informer created so far.</summary>
    public IReadOnlyCollection<ISharedInformer> Informers => [.. informers.Values];

    /// <inheritdoc />
    public SharedInformer<T> GetInformer<T>()
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (gate)
        {
            if (informers.TryGetValue(typeof(T), out var existing))
            {
                return (SharedInformer<T>)existing;
            }

            var opts = optionsByType.TryGetValue(typeof(T), out var f) ? f() : DefaultOptions;
            var informer = new SharedInformer<T>(client, opts, loggerFactory.CreateLogger("Steward.Kube.Informer." + typeof(T).Name));
            informers[typeof(T)] = informer;
            if (cts is not null)
            {
                running.Add(Task.Run(() => informer.RunAsync(cts.Token)));
            }

            return informer;
        }
    }

    /// <inheritdoc />
    public IStore<T> GetStore<T>()
        where T : class, IKubernetesObject<V1ObjectMeta> => GetInformer<T>().Store;

    /// <summary>Starts every informer (and any created later).</summary>
    public void Start()
    {
        lock (gate)
        {
            if (cts is not null)
            {
                return;
            }

            cts = new CancellationTokenSource();
            foreach (var inf in informers.Values)
            {
                var token = cts.Token;
                running.Add(Task.Run(() => inf.RunAsync(token)));
            }
        }
    }

    /// <inheritdoc />
    public async Task WaitForCacheSyncAsync(CancellationToken ct)
    {
        foreach (var inf in Informers)
        {
            await inf.WaitForSyncAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>True when every informer has synced (readiness).</summary>
    public bool HasSynced => Informers.All(i => i.HasSynced);

    /// <summary>Stops the watches and waits for the informer loops to end.</summary>
    public async Task StopAsync()
    {
        Task[] tasks;
        lock (gate)
        {
            if (cts is null)
            {
                return;
            }

            cts.Cancel();
            tasks = [.. running];
        }

        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        cts?.Dispose();
    }
}
