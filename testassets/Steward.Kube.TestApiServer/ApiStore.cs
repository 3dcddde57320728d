using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Steward.Kube.TestApiServer;

/// <summary>An open watch: events for it are queued here in resourceVersion order.</summary>
internal sealed class Watcher(ResourceDef def, string version, string? ns, LabelSelector selector, bool bookmarks)
{
    public ResourceDef Def { get; } = def;

    public string Version { get; } = version;

    public string? Namespace { get; } = ns;

    public LabelSelector Selector { get; } = selector;

    public bool Bookmarks { get; } = bookmarks;

    public Channel<string> Events { get; } = Channel.CreateUnbounded<string>();

    public CancellationTokenSource Dropped { get; } = new();
}

internal sealed record HistoryEntry(long Rv, string DefKey, string? Ns, string Type, JsonObject Obj, JsonObject? OldLabels);

/// <summary>
/// The double's storage: objects per resource, one global resourceVersion counter, a bounded event
/// history for watches that resume, and the open watchers. One lock keeps every write and its events
/// in a single total order, as etcd's revision does.
/// </summary>
internal sealed partial class ApiStore(ResourceTable table)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _data = new(StringComparer.Ordinal);
    private readonly LinkedList<HistoryEntry> _history = new();
    private readonly List<Watcher> _watchers = [];
    private readonly Dictionary<string, int> _conflicts = new(StringComparer.Ordinal);
    private long _rv;
    private long _compactedRv;

    public int HistoryCapacity { get; set; } = 10_000;

    public long ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _rv;
            }
        }
    }

    public int WatchCount
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Count;
            }
        }
    }

    public JsonObject Get(ResourceDef def, string version, string? ns, string name)
    {
        lock (_gate)
        {
            return Out(Find(def, ns, name) ?? throw ApiError.NotFound(def, name), def, version);
        }
    }

    public JsonObject List(ResourceDef def, string version, string? ns, LabelSelector selector, string? fieldName)
    {
        lock (_gate)
        {
            var items = new JsonArray();
            foreach (var obj in Objects(def))
            {
                if (Visible(obj, ns, selector) && (fieldName is null || Meta(obj)["name"]?.GetValue<string>() == fieldName))
                {
                    items.Add(Out(obj, def, version));
                }
            }

            return new JsonObject
            {
                ["apiVersion"] = def.ApiVersion(version),
                ["kind"] = def.Kind + "List",
                ["metadata"] = new JsonObject { ["resourceVersion"] = _rv.ToString(CultureInfo.InvariantCulture) },
                ["items"] = items,
            };
        }
    }

    public JsonObject Create(ResourceDef def, string version, string? ns, JsonObject body)
    {
        lock (_gate)
        {
            CheckTypeMeta(def, version, body);
            var meta = Meta(body);
            var name = meta["name"]?.GetValue<string>();
            if (string.IsNullOrEmpty(name) && meta["generateName"]?.GetValue<string>() is { Length: > 0 } prefix)
            {
                name = prefix + RandomSuffix();
                meta["name"] = name;
            }

            if (string.IsNullOrEmpty(name))
            {
                throw ApiError.Invalid(def, "", "metadata.name: Required value: name or generateName is required");
            }

            CheckName(def, name);
            SetNamespace(def, ns, meta, name);
            if (Find(def, ns, name) is not null)
            {
                throw new ApiError(409, "AlreadyExists", $"{def.Key} \"{name}\" already exists", def, name);
            }

            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = Now();
            meta["generation"] = 1L;
            meta.Remove("deletionTimestamp");
            meta.Remove("deletionGracePeriodSeconds");
            meta.Remove("managedFields");
            if (def.HasStatus && def.Kind != "CustomResourceDefinition")
            {
                body.Remove("status");
            }

            if (def.Kind == "CustomResourceDefinition")
            {
                RegisterCrd(body);
            }

            Bucket(def)[Key(ns, name)] = body;
            Record(def, "ADDED", body, null);
            return Out(body, def, version);
        }
    }

    public JsonObject Update(ResourceDef def, string version, string? ns, string name, JsonObject body, bool statusOnly)
    {
        lock (_gate)
        {
            var old = Find(def, ns, name) ?? throw ApiError.NotFound(def, name);
            CheckTypeMeta(def, version, body);
            var meta = Meta(body);
            if (meta["name"]?.GetValue<string>() is { } bodyName && bodyName != name)
            {
                throw ApiError.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
            }

            if (TakeConflict(def, statusOnly))
            {
                throw Conflict(def, name);
            }

            var oldMeta = Meta(old);
            if (meta["resourceVersion"]?.GetValue<string>() is { Length: > 0 } bodyRv && bodyRv != oldMeta["resourceVersion"]?.GetValue<string>())
            {
                throw Conflict(def, name);
            }

            JsonObject next;
            if (statusOnly)
            {
                next = (JsonObject)old.DeepClone();
                next.Remove("status");
                if (body["status"] is { } st)
                {
                    next["status"] = st.DeepClone();
                }
            }
            else
            {
                next = (JsonObject)body.DeepClone();
                var nextMeta = Meta(next);
                nextMeta["name"] = name;
                SetNamespace(def, ns, nextMeta, name);
                foreach (var kept in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation" })
                {
                    nextMeta.Remove(kept);
                    if (oldMeta[kept] is { } v)
                    {
                        nextMeta[kept] = v.DeepClone();
                    }
                }

                nextMeta.Remove("managedFields");
                if (def.HasStatus)
                {
                    next.Remove("status");
                    if (old["status"] is { } st)
                    {
                        next["status"] = st.DeepClone();
                    }
                }

                if (oldMeta["deletionTimestamp"] is not null)
                {
                    var before = Finalizers(old);
                    if (Finalizers(next).Any(f => !before.Contains(f)))
                    {
                        throw new ApiError(422, "Invalid", $"{def.Kind} \"{name}\" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted", def, name);
                    }
                }

                if (!SameSpec(old, next, def))
                {
                    nextMeta["generation"] = (oldMeta["generation"]?.GetValue<long>() ?? 1) + 1;
                }
            }

            Meta(next)["resourceVersion"] = oldMeta["resourceVersion"]?.DeepClone();
            if (JsonNode.DeepEquals(old, next))
            {
                return Out(old, def, version); // a no-op write keeps the resourceVersion and sends no event
            }

            if (def.Kind == "CustomResourceDefinition")
            {
                RegisterCrd(next);
            }

            Bucket(def)[Key(ns, name)] = next;
            if (Meta(next)["deletionTimestamp"] is not null && Finalizers(next).Count == 0)
            {
                Bucket(def).Remove(Key(ns, name));
                Record(def, "DELETED", next, null);
                CollectGarbage();
            }
            else
            {
                Record(def, "MODIFIED", next, Labels(old));
            }

            return Out(next, def, version);
        }
    }

    public JsonObject Delete(ResourceDef def, string version, string? ns, string name)
    {
        lock (_gate)
        {
            var obj = Find(def, ns, name) ?? throw ApiError.NotFound(def, name);
            DeleteLocked(def, ns, name, obj);
            CollectGarbage();
            return Out(obj, def, version);
        }
    }

    public Watcher Watch(ResourceDef def, string version, string? ns, LabelSelector selector, string? fromRv, bool bookmarks)
    {
        lock (_gate)
        {
            var w = new Watcher(def, version, ns, selector, bookmarks);
            if (string.IsNullOrEmpty(fromRv) || fromRv == "0")
            {
                foreach (var obj in Objects(def))
                {
                    if (Visible(obj, ns, selector))
                    {
                        w.Events.Writer.TryWrite(EventLine("ADDED", Out(obj, def, version)));
                    }
                }
            }
            else
            {
                if (!long.TryParse(fromRv, NumberStyles.None, CultureInfo.InvariantCulture, out var from))
                {
                    throw ApiError.BadRequest($"invalid resourceVersion '{fromRv}'");
                }

                if (from < _compactedRv)
                {
                    var status = ApiError.Status(410, "Expired", $"too old resource version: {from} ({_compactedRv})");
                    w.Events.Writer.TryWrite(EventLine("ERROR", status));
                    w.Events.Writer.TryComplete();
                    return w;
                }

                foreach (var e in _history)
                {
                    if (e.Rv > from && e.DefKey == def.Key && Deliver(w, e.Type, e.Obj, e.OldLabels) is { } line)
                    {
                        w.Events.Writer.TryWrite(line);
                    }
                }
            }

            _watchers.Add(w);
            return w;
        }
    }

    public void Unwatch(Watcher w)
    {
        lock (_gate)
        {
            _watchers.Remove(w);
        }
    }

    public void SendBookmarks()
    {
        lock (_gate)
        {
            foreach (var w in _watchers)
            {
                if (w.Bookmarks)
                {
                    var obj = new JsonObject
                    {
                        ["kind"] = w.Def.Kind,
                        ["apiVersion"] = w.Def.ApiVersion(w.Version),
                        ["metadata"] = new JsonObject { ["resourceVersion"] = _rv.ToString(CultureInfo.InvariantCulture) },
                    };
                    w.Events.Writer.TryWrite(EventLine("BOOKMARK", obj));
                }
            }
        }
    }

    public void DropAllWatches()
    {
        lock (_gate)
        {
            foreach (var w in _watchers)
            {
                w.Dropped.Cancel();
            }

            _watchers.Clear();
        }
    }

    public void ExpireHistory()
    {
        lock (_gate)
        {
            _history.Clear();
            _compactedRv = _rv;
        }
    }

    public void InjectConflicts(string? resourceKey, int count)
    {
        lock (_gate)
        {
            _conflicts[resourceKey ?? "*"] = count;
        }
    }

    public int Count(ResourceDef def, string? ns)
    {
        lock (_gate)
        {
            return Objects(def).Count(o => Visible(o, ns, LabelSelector.Parse(null)));
        }
    }
}
