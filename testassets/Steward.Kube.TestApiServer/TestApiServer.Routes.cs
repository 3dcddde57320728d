using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Steward.Kube.TestApiServer;

public sealed partial class TestApiServer
{
    private async Task RouteAsync(HttpContext ctx)
    {
        var segments = (ctx.Request.Path.Value ?? "/").Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group, version;
        int rest;
        if (segments.Length >= 2 && segments[0] == "api")
        {
            (group, version, rest) = ("", segments[1], 2);
        }
        else if (segments.Length >= 3 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], 3);
        }
        else
        {
            throw new ApiError(404, "NotFound", $"the server could not find the requested resource ({ctx.Request.Path})");
        }

        var tail = segments[rest..];
        string? ns = null;
        if (tail.Length >= 3 && tail[0] == "namespaces" && tail[2] is not ("status" or "finalize"))
        {
            ns = Uri.UnescapeDataString(tail[1]);
            tail = tail[2..];
        }

        if (tail.Length is 0 or > 3)
        {
            throw new ApiError(404, "NotFound", $"the server could not find the requested resource ({ctx.Request.Path})");
        }

        var def = _table.Find(group, version, tail[0])
            ?? throw new ApiError(404, "NotFound", $"the server could not find the requested resource (no {tail[0]} in {(group.Length == 0 ? "" : group + "/")}{version})");
        var name = tail.Length >= 2 ? Uri.UnescapeDataString(tail[1]) : null;
        var sub = tail.Length == 3 ? tail[2] : null;
        if (sub is not null && sub != "status")
        {
            throw new ApiError(404, "NotFound", $"the server could not find the subresource {sub}");
        }

        if (sub == "status" && !def.HasStatus)
        {
            throw new ApiError(404, "NotFound", $"{def.Key} has no status subresource");
        }

        if (def.Namespaced && name is not null && ns is null)
        {
            throw new ApiError(404, "NotFound", $"{def.Kind} is namespaced: use /namespaces/{{namespace}}/{def.Plural}/{name}");
        }

        if (!def.Namespaced && ns is not null)
        {
            throw new ApiError(404, "NotFound", $"{def.Kind} is cluster-scoped: it has no namespaced path");
        }

        var q = ctx.Request.Query;
        var method = ctx.Request.Method;
        if (name is null)
        {
            if (HttpMethods.IsGet(method) && (q["watch"] == "true" || q["watch"] == "1"))
            {
                Count("watch", def);
                await ServeWatchAsync(ctx, def, version, ns).ConfigureAwait(false);
                return;
            }

            if (HttpMethods.IsGet(method))
            {
                Count("list", def);
                var selector = LabelSelector.Parse(q["labelSelector"]);
                await WriteAsync(ctx, 200, _store.List(def, version, ns, selector, FieldName(q["fieldSelector"]))).ConfigureAwait(false);
                return;
            }

            if (HttpMethods.IsPost(method))
            {
                Count("create", def);
                await WriteAsync(ctx, 201, _store.Create(def, version, ns, await ReadBodyAsync(ctx).ConfigureAwait(false))).ConfigureAwait(false);
                return;
            }
        }
        else if (HttpMethods.IsGet(method))
        {
            Count("get", def);
            await WriteAsync(ctx, 200, _store.Get(def, version, ns, name)).ConfigureAwait(false);
            return;
        }
        else if (HttpMethods.IsPut(method))
        {
            Count("update", def);
            await WriteAsync(ctx, 200, _store.Update(def, version, ns, name, await ReadBodyAsync(ctx).ConfigureAwait(false), sub == "status")).ConfigureAwait(false);
            return;
        }
        else if (HttpMethods.IsPatch(method))
        {
            Count("patch", def);
            var contentType = ctx.Request.ContentType ?? string.Empty;
            if (!contentType.StartsWith("application/merge-patch+json", StringComparison.Ordinal)
                && !contentType.StartsWith("application/strategic-merge-patch+json", StringComparison.Ordinal))
            {
                throw new ApiError(415, "UnsupportedMediaType", $"the double applies merge patches only, not '{contentType}'");
            }

            var patch = await ReadBodyAsync(ctx).ConfigureAwait(false);
            var current = _store.Get(def, version, ns, name);
            var merged = (JsonObject)MergePatch(current, patch)!;
            (merged["metadata"] as JsonObject)?.Remove("resourceVersion"); // a patch is not a conditional update
            await WriteAsync(ctx, 200, _store.Update(def, version, ns, name, merged, sub == "status")).ConfigureAwait(false);
            return;
        }
        else if (HttpMethods.IsDelete(method))
        {
            Count("delete", def);
            await WriteAsync(ctx, 200, _store.Delete(def, version, ns, name)).ConfigureAwait(false);
            return;
        }

        throw new ApiError(405, "MethodNotAllowed", $"{method} is not supported on {ctx.Request.Path}");
    }

    private void Count(string verb, ResourceDef def) => _requests.AddOrUpdate(verb + " " + def.Plural, 1, (_, n) => n + 1);

    private static string? FieldName(string? fieldSelector)
    {
        if (string.IsNullOrEmpty(fieldSelector))
        {
            return null;
        }

        const string prefix = "metadata.name=";
        return fieldSelector.StartsWith(prefix, StringComparison.Ordinal) && !fieldSelector.Contains(',', StringComparison.Ordinal)
            ? fieldSelector[prefix.Length..]
            : throw ApiError.BadRequest($"the double supports only the field selector metadata.name=<name>, not '{fieldSelector}'");
    }

    // RFC 7386 JSON merge patch.
    private static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject po)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject to ? (JsonObject)to.DeepClone() : new JsonObject();
        foreach (var (k, v) in po)
        {
            if (v is null)
            {
                result.Remove(k);
            }
            else
            {
                result[k] = MergePatch(result[k], v);
            }
        }

        return result;
    }

    private async Task ServeWatchAsync(HttpContext ctx, ResourceDef def, string version, string? ns)
    {
        var q = ctx.Request.Query;
        var selector = LabelSelector.Parse(q["labelSelector"]);
        var timeout = int.TryParse(q["timeoutSeconds"], out var t) && t > 0 ? TimeSpan.FromSeconds(t) : TimeSpan.FromMinutes(30);
        if (_watchHold is { } hold)
        {
            await hold.Task.WaitAsync(ctx.RequestAborted).ConfigureAwait(false);
        }

        var watcher = _store.Watch(def, version, ns, selector, q["resourceVersion"], q["allowWatchBookmarks"] == "true");
        try
        {
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.StartAsync(ctx.RequestAborted).ConfigureAwait(false);
            using var ends = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, watcher.Dropped.Token);
            ends.CancelAfter(timeout);
            try
            {
                await foreach (var line in watcher.Events.Reader.ReadAllAsync(ends.Token).ConfigureAwait(false))
                {
                    await ctx.Response.WriteAsync(line, ends.Token).ConfigureAwait(false);
                    if (watcher.Events.Reader.Count == 0)
                    {
                        await ctx.Response.Body.FlushAsync(ends.Token).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }

            if (watcher.Dropped.IsCancellationRequested)
            {
                ctx.Abort(); // a cut connection, not a clean end of stream
            }
        }
        finally
        {
            _store.Unwatch(watcher);
        }
    }
}
