using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace Steward.Kube.Client;

/// <summary>
/// <see cref="IKubeClient"/> over the HTTP pipeline of a KubernetesClient <see cref="Kubernetes"/>
/// (its TLS, client certificates and token credentials), with KubernetesClient's JSON settings.
/// One code path serves every kind, built-in or custom, including the status subresource.
/// </summary>
public sealed class KubeRestClient : IKubeClient
{
    /// <summary>The longest watch line accepted; a longer one is a broken stream, not an object.</summary>
    public const int MaxWatchLineBytes = 16 * 1024 * 1024;

    private const int MaxErrorBodyBytes = 1024 * 1024;
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly Kubernetes _kubernetes;

    /// <summary>Wraps a KubernetesClient instance.</summary>
    public KubeRestClient(Kubernetes kubernetes, ResourceRegistry? registry = null)
    {
        _kubernetes = kubernetes ?? throw new ArgumentNullException(nameof(kubernetes));
        Registry = registry ?? ResourceRegistry.Default;
    }

    /// <summary>Builds the client from a kubeconfig-derived configuration.</summary>
    public KubeRestClient(KubernetesClientConfiguration config, ResourceRegistry? registry = null)
        : this(new Kubernetes(config), registry)
    {
    }

    /// <inheritdoc />
    public ResourceRegistry Registry { get; }

    /// <summary>Timeout of one non-watch request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The KubernetesClient instance underneath, for calls this interface does not cover.</summary>
    public Kubernetes Kubernetes => _kubernetes;

    /// <inheritdoc />
    public async Task<T?> GetAsync<T>(string name, string? ns, CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var rt = Registry.Get<T>();
        try
        {
            return Fill(await SendAsync<T>(HttpMethod.Get, rt.Path(ns, name), null, ct).ConfigureAwait(false), rt);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<KubeList<T>> ListAsync<T>(string? ns, ListOptions? options = null, CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var rt = Registry.Get<T>();
        var path = rt.Path(ns) + Query(options, watch: false);
        var list = await SendAsync<KubeList<T>>(HttpMethod.Get, path, null, ct).ConfigureAwait(false);
        foreach (var item in list.Items)
        {
            Fill(item, rt);
        }

        return list;
    }

    /// <inheritdoc />
    public async Task<T> CreateAsync<T>(T obj, CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(obj);
        var rt = Registry.Get<T>();
        Fill(obj, rt);
        return Fill(await SendAsync<T>(HttpMethod.Post, rt.Path(obj.Metadata?.NamespaceProperty), obj, ct).ConfigureAwait(false), rt);
    }

    /// <inheritdoc />
    public async Task<T> UpdateAsync<T>(T obj, CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(obj);
        var rt = Registry.Get<T>();
        Fill(obj, rt);
        var path = rt.Path(obj.Metadata.NamespaceProperty, obj.Metadata.Name);
        return Fill(await SendAsync<T>(HttpMethod.Put, path, obj, ct).ConfigureAwait(false), rt);
    }

    /// <inheritdoc />
    public async Task<T> UpdateStatusAsync<T>(T obj, CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(obj);
        var rt = Registry.Get<T>();
        Fill(obj, rt);
        var path = rt.Path(obj.Metadata.NamespaceProperty, obj.Metadata.Name, rt.HasStatusSubresource ? "status" : null);
        return Fill(await SendAsync<T>(HttpMethod.Put, path, obj, ct).ConfigureAwait(false), rt);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync<T>(string name, string? ns, CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var rt = Registry.Get<T>();
        var options = new V1DeleteOptions { ApiVersion = "v1", Kind = "DeleteOptions", PropagationPolicy = "Background" };
        try
        {
            using var response = await SendRawAsync(HttpMethod.Delete, rt.Path(ns, name), options, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
            return true;
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(string? ns, ListOptions options, [EnumeratorCancellation] CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(options);
        var rt = Registry.Get<T>();
        var path = rt.Path(ns) + Query(options, watch: true);
        using var response = await SendRawAsync(HttpMethod.Get, path, null, HttpCompletionOption.ResponseHeadersRead, ct, timeout: false).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using var _ = stream.ConfigureAwait(false);
        var reader = PipeReader.Create(stream);
        try
        {
            while (true)
            {
                ReadResult read;
                try
                {
                    read = await reader.ReadAsync(ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or HttpRequestException && !ct.IsCancellationRequested)
                {
                    // A cut connection ends the watch like a server timeout does; the caller re-watches.
                    yield break;
                }

                var buffer = read.Buffer;
                while (TryReadLine(ref buffer, out var line))
                {
                    if (line.IsEmpty)
                    {
                        continue;
                    }

                    yield return ParseEvent<T>(line, rt);
                }

                if (buffer.Length > MaxWatchLineBytes)
                {
                    throw new InvalidDataException($"watch event longer than {MaxWatchLineBytes} bytes on {path}");
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    yield break;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var pos = buffer.PositionOf((byte)'\n');
        if (pos is null)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, pos.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, pos.Value));
        return true;
    }

    private static WatchEvent<T> ParseEvent<T>(ReadOnlySequence<byte> line, ResourceType rt)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("watch stream carried a line that is not JSON: " + e.Message, e);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var typeEl) || typeEl.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("object", out var objEl) || objEl.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("watch event without a string 'type' and an object 'object'");
            }

            var type = typeEl.GetString() switch
            {
                "ADDED" => WatchEventType.Added,
                "MODIFIED" => WatchEventType.Modified,
                "DELETED" => WatchEventType.Deleted,
                "BOOKMARK" => WatchEventType.Bookmark,
                "ERROR" => WatchEventType.Error,
                var other => throw new InvalidDataException($"unknown watch event type '{other}'"),
            };
            if (type == WatchEventType.Error)
            {
                return new WatchEvent<T>(type, null, KubernetesJson.Deserialize<V1Status>(objEl), null);
            }

            var obj = Fill(KubernetesJson.Deserialize<T>(objEl), rt);
            return new WatchEvent<T>(type, obj, null, obj.Metadata?.ResourceVersion);
        }
    }

    private static T Fill<T>(T obj, ResourceType rt)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        // Real servers leave apiVersion/kind out of list items of built-in kinds.
        if (string.IsNullOrEmpty(obj.ApiVersion))
        {
            obj.ApiVersion = rt.ApiVersion;
        }

        if (string.IsNullOrEmpty(obj.Kind))
        {
            obj.Kind = rt.Kind;
        }

        return obj;
    }

    private static string Query(ListOptions? o, bool watch)
    {
        var sb = new StringBuilder();
        void Add(string k, string? v)
        {
            if (!string.IsNullOrEmpty(v))
            {
                sb.Append(sb.Length == 0 ? '?' : '&').Append(k).Append('=').Append(Uri.EscapeDataString(v));
            }
        }

        if (watch)
        {
            Add("watch", "true");
        }

        if (o is not null)
        {
            Add("labelSelector", o.LabelSelector);
            Add("fieldSelector", o.FieldSelector);
            Add("resourceVersion", o.ResourceVersion);
            if (watch && o.AllowWatchBookmarks)
            {
                Add("allowWatchBookmarks", "true");
            }

            if (o.TimeoutSeconds is { } t)
            {
                Add("timeoutSeconds", t.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private async Task<TResult> SendAsync<TResult>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var response = await SendRawAsync(method, path, body, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using var _ = stream.ConfigureAwait(false);
        try
        {
            return KubernetesJson.Deserialize<TResult>(stream) ?? throw new InvalidDataException($"empty response body from {method} {path}");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"response of {method} {path} is not a valid object: {e.Message}", e);
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, HttpCompletionOption completion, CancellationToken ct, bool timeout = true)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout)
        {
            cts.CancelAfter(RequestTimeout);
        }

        using var request = new HttpRequestMessage(method, new Uri(_kubernetes.BaseUri, path));
        if (body is not null)
        {
            request.Content = new StringContent(KubernetesJson.Serialize(body), Encoding.UTF8);
            request.Content.Headers.ContentType = JsonMediaType;
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (_kubernetes.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cts.Token).ConfigureAwait(false);
        }

        var response = await _kubernetes.HttpClient.SendAsync(request, completion, timeout ? cts.Token : ct).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ToExceptionAsync(response, ct).ConfigureAwait(false);
        }
    }

    private static async Task<KubeApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        V1Status? status = null;
        string? text = null;
        if (bytes.Length is > 0 and <= MaxErrorBodyBytes)
        {
            try
            {
                status = KubernetesJson.Deserialize<V1Status>(Encoding.UTF8.GetString(bytes));
                if (status?.Kind != "Status")
                {
                    status = null;
                }
            }
            catch (JsonException)
            {
                status = null;
            }

            text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 512));
        }

        return new KubeApiException(response.StatusCode, status, text ?? response.ReasonPhrase);
    }

    internal static KubeApiException FromWatchError(V1Status? status) =>
        new((HttpStatusCode)(status?.Code ?? 500), status, "watch ERROR event");
}
