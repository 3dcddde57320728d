using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Kube.Webhooks.Admission;
using Steward.Kube.Webhooks.Conversion;

namespace Steward.Kube.Webhooks;

/// <summary>The webhooks one server answers: defaulters, validators and conversions, keyed by path.</summary>
public sealed class WebhookRegistry
{
    /// <summary>Largest body read; an AdmissionReview carries at most two objects of etcd's 1.5 MiB limit.</summary>
    public const int MaxBodyBytes = 8 * 1024 * 1024;

    private readonly Dictionary<string, IWebhookHandler> _handlers = new(StringComparer.Ordinal);
    private ConversionHandler? _conversion;

    /// <summary>The paths of the admission webhooks registered so far.</summary>
    public IEnumerable<string> Paths => _handlers.Keys;

    /// <summary>Serves <see cref="WebhookPaths.Mutate"/> for <typeparamref name="T"/>'s kind (from its [KubernetesEntity]).</summary>
    public WebhookRegistry AddDefaulter<T>(ICustomDefaulter<T> defaulter) where T : class =>
        AddDefaulter(GroupVersionKind.Of(typeof(T)), defaulter);

    /// <summary>Serves <see cref="WebhookPaths.Mutate"/> for <paramref name="gvk"/>, for types that carry no [KubernetesEntity] or serve another kind.</summary>
    public WebhookRegistry AddDefaulter<T>(GroupVersionKind gvk, ICustomDefaulter<T> defaulter) where T : class
    {
        ArgumentNullException.ThrowIfNull(defaulter);
        return Add(new DefaultingHandler<T>(gvk, defaulter));
    }

    /// <summary>Serves <see cref="WebhookPaths.Validate"/> for <typeparamref name="T"/>'s kind.</summary>
    public WebhookRegistry AddValidator<T>(ICustomValidator<T> validator) where T : class =>
        AddValidator(GroupVersionKind.Of(typeof(T)), validator);

    /// <summary>Serves <see cref="WebhookPaths.Validate"/> for <paramref name="gvk"/>, for types that carry no [KubernetesEntity] or serve another kind.</summary>
    public WebhookRegistry AddValidator<T>(GroupVersionKind gvk, ICustomValidator<T> validator) where T : class
    {
        ArgumentNullException.ThrowIfNull(validator);
        return Add(new ValidatingHandler<T>(gvk, validator));
    }

    /// <summary>Serves /convert for <typeparamref name="THub"/>'s kind; add the other versions with <see cref="ConversionBuilder{THub}.Spoke"/>.</summary>
    public ConversionBuilder<THub> AddConversion<THub>() where THub : class, new()
    {
        var gvk = GroupVersionKind.Of(typeof(THub));
        if (_conversion is null)
        {
            Add(_conversion = new ConversionHandler());
        }

        var kind = new KindConversion(gvk.Group, gvk.Kind, gvk.Version);
        kind.Versions[gvk.Version] = new VersionCodec(json => ConversionBuilder<THub>.Decode<THub>(json), ConversionBuilder<THub>.Encode);
        if (!_conversion.Kinds.TryAdd((gvk.Group, gvk.Kind), kind))
        {
            throw new InvalidOperationException($"a conversion for {gvk.Group} {gvk.Kind} is already registered");
        }

        return new ConversionBuilder<THub>(kind, this);
    }

    private WebhookRegistry Add(IWebhookHandler handler)
    {
        if (!_handlers.TryAdd(handler.Path, handler))
        {
            throw new InvalidOperationException($"a webhook is already registered at {handler.Path}");
        }

        return this;
    }

    /// <summary>
    /// Answers one POSTed body. Never throws for bad input: a body that is not a review gets 400 and a message,
    /// a review about the wrong object gets a denial.
    /// </summary>
    public async ValueTask<WebhookReply> DispatchAsync(string path, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (!_handlers.TryGetValue(path, out var handler))
        {
            return WebhookReply.Text(404, $"no webhook is served at {path}");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body.Span, documentOptions: new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException e)
        {
            return WebhookReply.Text(400, "the body is not valid JSON: " + e.Message);
        }
        try
        {
            var review = await handler.HandleAsync(root, cancellationToken).ConfigureAwait(false);
            return new WebhookReply(200, "application/json", review.ToJsonString());
        }
        catch (WebhookBadRequestException e)
        {
            return WebhookReply.Text(400, e.Message);
        }
    }
}

/// <summary>What to send back: status code, content type and body.</summary>
public sealed record WebhookReply(int StatusCode, string ContentType, string Body)
{
    /// <summary>A plain-text reply with <paramref name="status"/> as its HTTP status.</summary>
    public static WebhookReply Text(int status, string message) => new(status, "text/plain; charset=utf-8", message);
}
