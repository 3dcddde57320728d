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
    private readonly IKubeClient _client;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ConcurrentDictionary<Type, ISharedInformer> _informers = new();
    private readonly ConcurrentDictionary<Type, Func<InformerOptions>> _optionsByType = new();
    private readonly List<Task> _running = [];
    private readonly Lock _gate = new();
    private CancellationTokenSource? _cts;

    /// <summary>Creates the cache over a client.</summary>
    public InformerCache(IKubeClient client, ILoggerFactory? loggerFactory = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    /// <summary>Informer settings used for every kind unless <see cref="Configure{T}"/> says otherwise.</summary>
    public InformerOptions DefaultOptions { get; set; } = new();

    /// <summary>Per-kind informer settings (e.g. a namespace or label selector); call before first use.</summary>
    public void Configure<T>(InformerOptions options) => _optionsByType[typeof(T)] = () => options;

    /// <summary>Every informer created so far.</summary>
    public IReadOnlyCollection<ISharedInformer> Informers => [.. _informers.Values];

    /// <inheritdoc />
    public SharedInformer<T> GetInformer<T>()
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (_gate)
        {
            if (_informers.TryGetValue(typeof(T), out var existing))
            {
                return (SharedInformer<T>)existing;
            }

            var opts = _optionsByType.TryGetValue(typeof(T), out var f) ? f() : DefaultOptions;
            var informer = new SharedInformer<T>(_client, opts, _loggerFactory.CreateLogger("Steward.Kube.Informer." + typeof(T).Name));
            _informers[typeof(T)] = informer;
            if (_cts is not null)
            {
                _running.Add(Task.Run(() => informer.RunAsync(_cts.Token)));
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
        lock (_gate)
        {
            if (_cts is not null)
            {
                return;
            }

            _cts = new CancellationTokenSource();
            foreach (var inf in _informers.Values)
            {
                var token = _cts.Token;
                _running.Add(Task.Run(() => inf.RunAsync(token)));
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
        lock (_gate)
        {
            if (_cts is null)
            {
                return;
            }

            _cts.Cancel();
            tasks = [.. _running];
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
        _cts?.Dispose();
    }
}
