using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Steward.Kube.TestApiServer;

/// <summary>
/// A Kubernetes API server test double on Kestrel (plain HTTP on 127.0.0.1, a free port), serving the
/// REST semantics a controller runtime relies on, with hooks to drop watches, expire the watch history
/// and inject conflicts. Point KubernetesClient at <see cref="BaseUri"/>.
/// </summary>
public sealed partial class TestApiServer : IAsyncDisposable
{
    private const long MaxBodyBytes = 3 * 1024 * 1024; // the real server's default request limit

    private readonly ResourceTable _table = new();
    private readonly ApiStore _store;
    private readonly WebApplication _app;
    private readonly Timer _bookmarkTimer;
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private volatile TaskCompletionSource? _watchHold;

    private TestApiServer(WebApplication app, TimeSpan bookmarkInterval)
    {
        _store = new ApiStore(_table);
        _app = app;
        _bookmarkTimer = new Timer(_ => _store.SendBookmarks(), null, bookmarkInterval, bookmarkInterval);
    }

    /// <summary>The server's base address, e.g. http://127.0.0.1:45678/.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The current (global) resourceVersion.</summary>
    public long ResourceVersion => _store.ResourceVersion;

    /// <summary>Watches currently open.</summary>
    public int ActiveWatches => _store.WatchCount;

    /// <summary>How many events the watch history keeps; a watch from before them gets 410 Gone.</summary>
    public int HistoryCapacity
    {
        get => _store.HistoryCapacity;
        set => _store.HistoryCapacity = value;
    }

    /// <summary>Starts a server on 127.0.0.1 on a free port.</summary>
    public static async Task<TestApiServer> StartAsync(TimeSpan? bookmarkInterval = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = MaxBodyBytes;
        });
        var app = builder.Build();
        var server = new TestApiServer(app, bookmarkInterval ?? TimeSpan.FromSeconds(1));
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>Serves a custom kind (as a CustomResourceDefinition would).</summary>
    public void RegisterKind(string group, string version, string kind, string plural, bool namespaced = true, bool hasStatusSubresource = true) =>
        _table.Add(new ResourceDef(group, kind, plural, namespaced, hasStatusSubresource, [version]));

    /// <summary>Cuts every open watch connection, as a load balancer or a restarted server would.</summary>
    public void DropAllWatches() => _store.DropAllWatches();

    /// <summary>Forgets the whole watch history: a watch from any older resourceVersion gets 410 Gone.</summary>
    public void ExpireHistory() => _store.ExpireHistory();

    /// <summary>
    /// The next <paramref name="count"/> updates of the resource answer 409 Conflict: "widgets.example.com"
    /// for main updates, "widgets.example.com/status" for status updates, null for any update.
    /// </summary>
    public void InjectConflicts(int count, string? resource = null) => _store.InjectConflicts(resource, count);

    /// <summary>Holds new watch requests until the returned handle is disposed (to make changes while no watch is open).</summary>
    public IDisposable HoldWatches()
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _watchHold = tcs;
        return new Release(() =>
        {
            _watchHold = null;
            tcs.TrySetResult();
        });
    }

    /// <summary>
    /// How many requests of a verb ("get", "list", "watch", "create", "update", "delete", "patch") reached
    /// a resource (e.g. "widgets"); "conflict" counts the 409 Conflict answers.
    /// </summary>
    public int RequestCount(string verb, string plural) => _requests.GetValueOrDefault(verb + " " + plural);

    /// <summary>
    /// A kubeconfig pointing at this server (context "test-api-server"). The double checks no
    /// credentials, but KubernetesClient refuses a user entry without any, so it carries a token.
    /// </summary>
    public string Kubeconfig() => $$"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: test-api-server
          cluster:
            server: {{BaseUri.ToString().TrimEnd('/')}}
        users:
        - name: test-user
          user:
            token: test-api-server-token
        contexts:
        - name: test-api-server
          context:
            cluster: test-api-server
            user: test-user
            namespace: default
        current-context: test-api-server
        """;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _bookmarkTimer.DisposeAsync().ConfigureAwait(false);
        _store.DropAllWatches();
        _watchHold?.TrySetResult();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        try
        {
            await RouteAsync(ctx).ConfigureAwait(false);
        }
        catch (ApiError e)
        {
            if (e.Reason == "Conflict" && e.Def is not null)
            {
                Count("conflict", e.Def);
            }

            await WriteAsync(ctx, e.Code, e.ToStatus()).ConfigureAwait(false);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or BadHttpRequestException)
        {
            if (!ctx.Response.HasStarted)
            {
                await WriteAsync(ctx, 400, ApiError.Status(400, "BadRequest", e.Message)).ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteAsync(HttpContext ctx, int code, JsonNode body)
    {
        ctx.Response.StatusCode = code;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8).ConfigureAwait(false);
    }

    private static async Task<JsonObject> ReadBodyAsync(HttpContext ctx)
    {
        using var ms = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(ms).ConfigureAwait(false);
        if (ms.Length == 0)
        {
            throw ApiError.BadRequest("the request has no body");
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(ms.ToArray(), documentOptions: new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException e)
        {
            throw ApiError.BadRequest("the request body is not valid JSON: " + e.Message);
        }

        return node as JsonObject ?? throw ApiError.BadRequest("the request body must be a JSON object");
    }

    private sealed class Release(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
