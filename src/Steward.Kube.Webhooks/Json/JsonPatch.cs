using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Steward.Kube.Webhooks.Json;

/// <summary>One RFC 6902 operation. <see cref="Value"/> is used by add/replace/test only.</summary>
public sealed record JsonPatchOperation(string Op, string Path, JsonNode? Value = null, string? From = null);

/// <summary>
/// RFC 6902 JSON Patch: <see cref="Diff"/> computes the operations that turn one document into another,
/// <see cref="Apply"/> applies a patch (add, remove, replace, move, copy, test).
/// </summary>
public static class JsonPatch
{
    /// <summary>Operations turning <paramref name="original"/> into <paramref name="modified"/>.</summary>
    /// <remarks>
    /// Objects are compared member by member; arrays of equal length element by element, other arrays are
    /// replaced whole — an index-shifting diff would be shorter but a replace can never be misapplied
    /// when the API server's copy has moved on.
    /// </remarks>
    public static IReadOnlyList<JsonPatchOperation> Diff(JsonNode? original, JsonNode? modified)
    {
        var ops = new List<JsonPatchOperation>();
        DiffNode(original, modified, "", ops);
        return ops;
    }

    private static void DiffNode(JsonNode? a, JsonNode? b, string path, List<JsonPatchOperation> ops)
    {
        if (a is JsonObject oa && b is JsonObject ob)
        {
            foreach (var (key, av) in oa)
            {
                var child = path + "/" + EscapeToken(key);
                if (!ob.TryGetPropertyValue(key, out var bv))
                {
                    ops.Add(new JsonPatchOperation("remove", child));
                }
                else
                {
                    DiffNode(av, bv, child, ops);
                }
            }
            foreach (var (key, bv) in ob)
            {
                if (!oa.ContainsKey(key))
                {
                    ops.Add(new JsonPatchOperation("add", path + "/" + EscapeToken(key), bv?.DeepClone()));
                }
            }
            return;
        }
        if (a is JsonArray aa && b is JsonArray ab && aa.Count == ab.Count)
        {
            for (int i = 0; i < aa.Count; i++)
            {
                DiffNode(aa[i], ab[i], path + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), ops);
            }

            return;
        }
        if (!JsonNode.DeepEquals(a, b))
        {
            ops.Add(new JsonPatchOperation("replace", path, b?.DeepClone()));
        }
    }

    /// <summary>Serializes operations as the JSON array RFC 6902 defines.</summary>
    public static string ToJson(IEnumerable<JsonPatchOperation> operations)
    {
        var array = new JsonArray();
        foreach (var op in operations)
        {
            var o = new JsonObject { ["op"] = op.Op };
            if (op.From is not null)
            {
                o["from"] = op.From;
            }

            o["path"] = op.Path;
            if (op.Op is "add" or "replace" or "test")
            {
                o["value"] = op.Value?.DeepClone();
            }

            array.Add(o);
        }
        return array.ToJsonString();
    }

    /// <summary>Parses an RFC 6902 patch document.</summary>
    /// <exception cref="JsonPatchException">The document is not a JSON array of valid operations.</exception>
    public static IReadOnlyList<JsonPatchOperation> Parse(string json)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json); }
        catch (JsonException e) { throw new JsonPatchException("patch is not valid JSON: " + e.Message, e); }
        if (root is not JsonArray array)
        {
            throw new JsonPatchException("a JSON patch must be a JSON array");
        }

        var ops = new List<JsonPatchOperation>(array.Count);
        foreach (var item in array)
        {
            if (item is not JsonObject o)
            {
                throw new JsonPatchException("every patch operation must be an object");
            }

            string op = GetString(o, "op") ?? throw new JsonPatchException("patch operation without \"op\"");
            string path = GetString(o, "path") ?? throw new JsonPatchException($"\"{op}\" operation without \"path\"");
            string? from = GetString(o, "from");
            if (op is "add" or "replace" or "test" && !o.ContainsKey("value"))
            {
                throw new JsonPatchException($"\"{op}\" operation at {path} without \"value\"");
            }

            if (op is "move" or "copy" && from is null)
            {
                throw new JsonPatchException($"\"{op}\" operation at {path} without \"from\"");
            }

            if (op is not ("add" or "remove" or "replace" or "move" or "copy" or "test"))
            {
                throw new JsonPatchException($"unknown patch operation \"{op}\"");
            }

            ops.Add(new JsonPatchOperation(op, path, o["value"]?.DeepClone(), from));
        }
        return ops;
    }

    private static string? GetString(JsonObject o, string name) =>
        o.TryGetPropertyValue(name, out var v) && v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Applies <paramref name="operations"/> to a copy of <paramref name="document"/> and returns it.</summary>
    /// <exception cref="JsonPatchException">An operation's path does not exist or a test fails.</exception>
    public static JsonNode? Apply(JsonNode? document, IEnumerable<JsonPatchOperation> operations)
    {
        var root = document?.DeepClone();
        foreach (var op in operations)
        {
            switch (op.Op)
            {
                case "add": root = Add(root, op.Path, op.Value?.DeepClone()); break;
                case "remove": root = Remove(root, op.Path, out _); break;
                case "replace":
                    root = Remove(root, op.Path, out _);
                    root = Add(root, op.Path, op.Value?.DeepClone());
                    break;
                case "move":
                    root = Remove(root, op.From!, out var moved);
                    root = Add(root, op.Path, moved);
                    break;
                case "copy": root = Add(root, op.Path, Get(root, op.From!)?.DeepClone()); break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, op.Path), op.Value))
                    {
                        throw new JsonPatchException($"test failed at {op.Path}");
                    }

                    break;
                default: throw new JsonPatchException($"unknown patch operation \"{op.Op}\"");
            }
        }
        return root;
    }

    private static JsonNode? Get(JsonNode? root, string path)
    {
        var node = root;
        foreach (var token in SplitPointer(path))
        {
            node = node switch
            {
                JsonObject o when o.TryGetPropertyValue(token, out var v) => v,
                JsonArray a when TryIndex(token, a.Count, out int i) => a[i],
                _ => throw new JsonPatchException($"path {path} does not exist"),
            };
        }
        return node;
    }

    private static JsonNode? Add(JsonNode? root, string path, JsonNode? value)
    {
        if (path.Length == 0)
        {
            return value;
        }

        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonObject o:
                o.Remove(last);
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when TryIndex(last, a.Count + 1, out int i):
                a.Insert(i, value);
                break;
            default:
                throw new JsonPatchException($"cannot add at {path}: the parent is not an object or the index is out of range");
        }
        return root;
    }

    private static JsonNode? Remove(JsonNode? root, string path, out JsonNode? removed)
    {
        if (path.Length == 0) { removed = root; return null; }
        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonObject o when o.TryGetPropertyValue(last, out var v):
                o.Remove(last);
                removed = v;
                break;
            case JsonArray a when TryIndex(last, a.Count, out int i):
                removed = a[i];
                a.RemoveAt(i);
                break;
            default:
                throw new JsonPatchException($"path {path} does not exist");
        }
        return root;
    }

    private static (JsonNode Parent, string Last) Parent(JsonNode? root, string path)
    {
        int slash = path.LastIndexOf('/');
        if (slash < 0)
        {
            throw new JsonPatchException($"\"{path}\" is not a JSON pointer");
        }

        var parent = Get(root, path[..slash]) ?? throw new JsonPatchException($"the parent of {path} is null");
        return (parent, UnescapeToken(path[(slash + 1)..]));
    }

    private static bool TryIndex(string token, int limit, out int index) =>
        int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out index)
        && (token == "0" || token[0] != '0') && index < limit;

    private static IEnumerable<string> SplitPointer(string path)
    {
        if (path.Length == 0)
        {
            yield break;
        }

        if (path[0] != '/')
        {
            throw new JsonPatchException($"\"{path}\" is not a JSON pointer");
        }

        foreach (var token in path[1..].Split('/'))
        {
            yield return UnescapeToken(token);
        }
    }

    /// <summary>RFC 6901: '~' → "~0", '/' → "~1".</summary>
    public static string EscapeToken(string token) =>
        token.Contains('~', StringComparison.Ordinal) || token.Contains('/', StringComparison.Ordinal)
            ? new StringBuilder(token).Replace("~", "~0").Replace("/", "~1").ToString()
            : token;

    private static string UnescapeToken(string token) => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
}

/// <summary>A JSON patch that cannot be parsed or applied.</summary>
public sealed class JsonPatchException : Exception
{
    /// <summary>Creates the exception with the default message.</summary>
    public JsonPatchException() { }
    /// <summary>Creates the exception with what is wrong with the patch.</summary>
    public JsonPatchException(string message) : base(message) { }
    /// <summary>Creates the exception with what is wrong and the error behind it.</summary>
    public JsonPatchException(string message, Exception inner) : base(message, inner) { }
}
