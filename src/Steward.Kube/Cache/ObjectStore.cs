using k8s;
using k8s.Models;

namespace Steward.Kube.Cache;

/// <summary>Read side of an informer's store. Objects are shared with every controller: do not mutate them.</summary>
public interface IStore<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Number of objects held.</summary>
    int Count { get; }

    /// <summary>One object by namespace and name (namespace null or empty for cluster-scoped kinds).</summary>
    T? Get(string? ns, string name);

    /// <summary>All objects, or those of one namespace (through the built-in namespace index).</summary>
    IReadOnlyList<T> List(string? ns = null);

    /// <summary>Objects whose index function produced <paramref name="value"/> under <paramref name="indexName"/>.</summary>
    IReadOnlyList<T> ByIndex(string indexName, string value);
}

/// <summary>
/// Thread-safe keyed object store with secondary indexes ("namespace" built in), the informer's
/// local copy of the server's state.
/// </summary>
public sealed class ObjectStore<T> : IStore<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Name of the built-in index on metadata.namespace.</summary>
    public const string NamespaceIndex = "namespace";

    private readonly Dictionary<string, T> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<T, IEnumerable<string>>> _indexers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, HashSet<string>>> _indices = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Creates a store with the namespace index.</summary>
    public ObjectStore()
    {
        AddIndexer(NamespaceIndex, o => string.IsNullOrEmpty(o.Metadata?.NamespaceProperty) ? [] : [o.Metadata.NamespaceProperty]);
    }

    /// <summary>The key of an object: "namespace/name", or "name" for cluster-scoped objects.</summary>
    public static string KeyOf(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : ns + "/" + name;

    /// <summary>The key of an object.</summary>
    public static string KeyOf(T obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return KeyOf(obj.Metadata?.NamespaceProperty, obj.Metadata?.Name ?? string.Empty);
    }

    /// <inheritdoc />
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Adds an index; existing objects are indexed at once.</summary>
    public void AddIndexer(string name, Func<T, IEnumerable<string>> indexFunc)
    {
        ArgumentNullException.ThrowIfNull(indexFunc);
        lock (_gate)
        {
            if (!_indexers.TryAdd(name, indexFunc))
            {
                throw new InvalidOperationException($"index '{name}' already exists");
            }

            var index = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            _indices[name] = index;
            foreach (var (key, obj) in _items)
            {
                foreach (var v in indexFunc(obj))
                {
                    AddTo(index, v, key);
                }
            }
        }
    }

    /// <inheritdoc />
    public T? Get(string? ns, string name)
    {
        lock (_gate)
        {
            return _items.GetValueOrDefault(KeyOf(ns, name));
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<T> List(string? ns = null)
    {
        if (!string.IsNullOrEmpty(ns))
        {
            return ByIndex(NamespaceIndex, ns);
        }

        lock (_gate)
        {
            return [.. _items.Values];
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<T> ByIndex(string indexName, string value)
    {
        lock (_gate)
        {
            if (!_indices.TryGetValue(indexName, out var index))
            {
                throw new InvalidOperationException($"no index named '{indexName}'");
            }

            if (!index.TryGetValue(value, out var keys))
            {
                return [];
            }

            var result = new List<T>(keys.Count);
            foreach (var k in keys)
            {
                result.Add(_items[k]);
            }

            return result;
        }
    }

    /// <summary>Inserts or replaces an object; returns the one it replaced.</summary>
    public T? Upsert(T obj)
    {
        var key = KeyOf(obj);
        lock (_gate)
        {
            _items.TryGetValue(key, out var old);
            if (old is not null)
            {
                Unindex(key, old);
            }

            _items[key] = obj;
            Index(key, obj);
            return old;
        }
    }

    /// <summary>Removes an object by key; returns it, or null when absent.</summary>
    public T? Remove(string key)
    {
        lock (_gate)
        {
            if (!_items.Remove(key, out var old))
            {
                return null;
            }

            Unindex(key, old);
            return old;
        }
    }

    /// <summary>A snapshot of all keys and objects.</summary>
    public Dictionary<string, T> Snapshot()
    {
        lock (_gate)
        {
            return new Dictionary<string, T>(_items, StringComparer.Ordinal);
        }
    }

    private void Index(string key, T obj)
    {
        foreach (var (name, fn) in _indexers)
        {
            foreach (var v in fn(obj))
            {
                AddTo(_indices[name], v, key);
            }
        }
    }

    private void Unindex(string key, T obj)
    {
        foreach (var (name, fn) in _indexers)
        {
            var index = _indices[name];
            foreach (var v in fn(obj))
            {
                if (index.TryGetValue(v, out var set))
                {
                    set.Remove(key);
                    if (set.Count == 0)
                    {
                        index.Remove(v);
                    }
                }
            }
        }
    }

    private static void AddTo(Dictionary<string, HashSet<string>> index, string value, string key)
    {
        if (!index.TryGetValue(value, out var set))
        {
            index[value] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.Add(key);
    }
}
