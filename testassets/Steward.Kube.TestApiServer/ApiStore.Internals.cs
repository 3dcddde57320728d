using System.Globalization;
using System.Text.Json.Nodes;

namespace Steward.Kube.TestApiServer;

internal sealed partial class ApiStore
{
    private static readonly string[] TypeMetaAndMetadata = ["apiVersion", "kind", "metadata"];

    private SortedDictionary<string, JsonObject> Bucket(ResourceDef def)
    {
        if (!_data.TryGetValue(def.Key, out var bucket))
        {
            _data[def.Key] = bucket = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        }

        return bucket;
    }

    private IEnumerable<JsonObject> Objects(ResourceDef def) =>
        _data.TryGetValue(def.Key, out var b) ? b.Values : [];

    private JsonObject? Find(ResourceDef def, string? ns, string name) =>
        _data.TryGetValue(def.Key, out var b) && b.TryGetValue(Key(ns, name), out var o) ? o : null;

    private static string Key(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : ns + "/" + name;

    private static JsonObject Meta(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject m)
        {
            return m;
        }

        if (obj["metadata"] is null)
        {
            var created = new JsonObject();
            obj["metadata"] = created;
            return created;
        }

        throw ApiError.BadRequest("metadata must be an object");
    }

    private static JsonObject Out(JsonObject obj, ResourceDef def, string version)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy["apiVersion"] = def.ApiVersion(version);
        copy["kind"] = def.Kind;
        return copy;
    }

    private static bool Visible(JsonObject obj, string? ns, LabelSelector selector) =>
        (string.IsNullOrEmpty(ns) || Meta(obj)["namespace"]?.GetValue<string>() == ns) && selector.Matches(Labels(obj));

    private static JsonObject? Labels(JsonObject obj) => Meta(obj)["labels"] as JsonObject;

    private static List<string> Finalizers(JsonObject obj) =>
        Meta(obj)["finalizers"] is JsonArray a ? [.. a.Select(f => f?.GetValue<string>() ?? string.Empty)] : [];

    private static void CheckTypeMeta(ResourceDef def, string version, JsonObject body)
    {
        var kind = body["kind"]?.GetValue<string>();
        var apiVersion = body["apiVersion"]?.GetValue<string>();
        if (kind is not null && kind != def.Kind)
        {
            throw ApiError.BadRequest($"the object's kind '{kind}' does not match the resource {def.Key} ({def.Kind})");
        }

        if (apiVersion is not null && apiVersion != def.ApiVersion(version))
        {
            throw ApiError.BadRequest($"the object's apiVersion '{apiVersion}' does not match the URL's {def.ApiVersion(version)}");
        }
    }

    private static void CheckName(ResourceDef def, string name)
    {
        if (name.Length > 253 || name.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.'))
            || !char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1]))
        {
            throw ApiError.Invalid(def, name, "metadata.name: Invalid value: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'");
        }
    }

    private static void SetNamespace(ResourceDef def, string? ns, JsonObject meta, string name)
    {
        if (!def.Namespaced)
        {
            meta.Remove("namespace");
            return;
        }

        if (string.IsNullOrEmpty(ns))
        {
            throw ApiError.BadRequest($"{def.Kind} is namespaced: the request must name a namespace");
        }

        if (meta["namespace"]?.GetValue<string>() is { Length: > 0 } bodyNs && bodyNs != ns)
        {
            throw ApiError.BadRequest($"the namespace of the provided object ({bodyNs}) does not match the namespace sent on the request ({ns}) for {name}");
        }

        meta["namespace"] = ns;
    }

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[Random.Shared.Next(alphabet.Length)];
            }
        });
    }

    private bool TakeConflict(ResourceDef def, bool statusOnly)
    {
        foreach (var key in new[] { statusOnly ? def.Key + "/status" : def.Key, "*" })
        {
            if (_conflicts.TryGetValue(key, out var n) && n > 0)
            {
                _conflicts[key] = n - 1;
                return true;
            }
        }

        return false;
    }

    private static ApiError Conflict(ResourceDef def, string name) => new(409, "Conflict",
        $"Operation cannot be fulfilled on {def.Key} \"{name}\": the object has been modified; please apply your changes to the latest version and try again", def, name);

    // Generation counts changes to everything but metadata (and status, when it has its own subresource).
    private static bool SameSpec(JsonObject a, JsonObject b, ResourceDef def)
    {
        var keys = a.Select(p => p.Key).Concat(b.Select(p => p.Key)).Distinct(StringComparer.Ordinal);
        foreach (var k in keys)
        {
            if (TypeMetaAndMetadata.Contains(k) || (def.HasStatus && k == "status"))
            {
                continue;
            }

            if (!JsonNode.DeepEquals(a[k], b[k]))
            {
                return false;
            }
        }

        return true;
    }

    private void RegisterCrd(JsonObject crd)
    {
        var spec = crd["spec"] as JsonObject ?? throw ApiError.BadRequest("a CustomResourceDefinition needs a spec");
        var group = spec["group"]?.GetValue<string>();
        var names = spec["names"] as JsonObject;
        var plural = names?["plural"]?.GetValue<string>();
        var kind = names?["kind"]?.GetValue<string>();
        if (string.IsNullOrEmpty(group) || string.IsNullOrEmpty(plural) || string.IsNullOrEmpty(kind))
        {
            throw ApiError.BadRequest("a CustomResourceDefinition needs spec.group, spec.names.plural and spec.names.kind");
        }

        var versions = (spec["versions"] as JsonArray ?? []).OfType<JsonObject>().Where(v => v["served"]?.GetValue<bool>() != false).ToList();
        var hasStatus = versions.Any(v => v["subresources"]?["status"] is not null);
        var namespaced = spec["scope"]?.GetValue<string>() != "Cluster";
        table.Add(new ResourceDef(group, kind, plural, namespaced, hasStatus, [.. versions.Select(v => v["name"]!.GetValue<string>())]));
        crd["status"] = new JsonObject
        {
            ["acceptedNames"] = names!.DeepClone(),
            ["storedVersions"] = new JsonArray([.. versions.Where(v => v["storage"]?.GetValue<bool>() == true).Select(v => (JsonNode)v["name"]!.GetValue<string>())]),
            ["conditions"] = new JsonArray(
                new JsonObject { ["type"] = "NamesAccepted", ["status"] = "True", ["reason"] = "NoConflicts", ["message"] = "no conflicts found", ["lastTransitionTime"] = Now() },
                new JsonObject { ["type"] = "Established", ["status"] = "True", ["reason"] = "InitialNamesAccepted", ["message"] = "the initial names have been accepted", ["lastTransitionTime"] = Now() }),
        };
    }

    private void DeleteLocked(ResourceDef def, string? ns, string name, JsonObject obj)
    {
        var meta = Meta(obj);
        if (Finalizers(obj).Count > 0)
        {
            if (meta["deletionTimestamp"] is null)
            {
                meta["deletionTimestamp"] = Now();
                meta["deletionGracePeriodSeconds"] = 0;
                Record(def, "MODIFIED", obj, Labels(obj));
            }

            return;
        }

        Bucket(def).Remove(Key(ns, name));
        Record(def, "DELETED", obj, null);
        if (def.Kind == "CustomResourceDefinition" && obj["spec"] is JsonObject spec)
        {
            table.Remove(spec["group"]?.GetValue<string>() ?? "", spec["names"]?["plural"]?.GetValue<string>() ?? "");
        }
    }

    // The garbage collector: an object all of whose owners are gone is deleted (background propagation).
    private void CollectGarbage()
    {
        while (true)
        {
            var uids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var bucket in _data.Values)
            {
                foreach (var o in bucket.Values)
                {
                    if (Meta(o)["uid"]?.GetValue<string>() is { } uid)
                    {
                        uids.Add(uid);
                    }
                }
            }

            var orphans = new List<(ResourceDef Def, string? Ns, string Name, JsonObject Obj)>();
            foreach (var def in table.All)
            {
                foreach (var o in Objects(def))
                {
                    var meta = Meta(o);
                    if (meta["ownerReferences"] is JsonArray { Count: > 0 } refs && meta["deletionTimestamp"] is null
                        && refs.All(r => r?["uid"]?.GetValue<string>() is not { } u || !uids.Contains(u)))
                    {
                        orphans.Add((def, meta["namespace"]?.GetValue<string>(), meta["name"]!.GetValue<string>(), o));
                    }
                }
            }

            if (orphans.Count == 0)
            {
                return;
            }

            foreach (var (def, ns, name, obj) in orphans)
            {
                DeleteLocked(def, ns, name, obj);
            }
        }
    }

    private void Record(ResourceDef def, string type, JsonObject obj, JsonObject? oldLabels)
    {
        _rv++;
        Meta(obj)["resourceVersion"] = _rv.ToString(CultureInfo.InvariantCulture);
        var snapshot = (JsonObject)obj.DeepClone();
        var oldCopy = (JsonObject?)oldLabels?.DeepClone();
        _history.AddLast(new HistoryEntry(_rv, def.Key, Meta(obj)["namespace"]?.GetValue<string>(), type, snapshot, oldCopy));
        while (_history.Count > HistoryCapacity)
        {
            _compactedRv = _history.First!.Value.Rv;
            _history.RemoveFirst();
        }

        foreach (var w in _watchers)
        {
            if (w.Def.Key == def.Key && Deliver(w, type, snapshot, oldCopy) is { } line)
            {
                w.Events.Writer.TryWrite(line);
            }
        }
    }

    // A label change moves an object into or out of a selector's view: that is an ADDED or DELETED there.
    private static string? Deliver(Watcher w, string type, JsonObject obj, JsonObject? oldLabels)
    {
        var ns = Meta(obj)["namespace"]?.GetValue<string>();
        if (!string.IsNullOrEmpty(w.Namespace) && ns != w.Namespace)
        {
            return null;
        }

        var now = w.Selector.Matches(Labels(obj));
        var before = type == "MODIFIED" ? w.Selector.Matches(oldLabels) : now;
        var effective = (type, before, now) switch
        {
            ("MODIFIED", false, true) => "ADDED",
            ("MODIFIED", true, false) => "DELETED",
            (_, _, true) => type,
            _ => null,
        };
        return effective is null ? null : EventLine(effective, Out(obj, w.Def, w.Version));
    }

    private static string EventLine(string type, JsonObject obj) =>
        new JsonObject { ["type"] = type, ["object"] = obj }.ToJsonString() + "\n";
}
