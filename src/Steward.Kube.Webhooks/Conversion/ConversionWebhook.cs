using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Steward.Kube.Webhooks.Admission;

namespace Steward.Kube.Webhooks.Conversion;

/// <summary>
/// A version of a kind that is not the hub (kubebuilder's "spoke"): it converts itself to and from the hub
/// version, so n versions need n-1 pairs of conversions rather than n².
/// </summary>
public interface IConvertibleSpoke<in THub> where THub : class
{
    /// <summary>Writes this object's content into <paramref name="hub"/>.</summary>
    void ConvertTo(THub hub);

    /// <summary>Replaces this object's content with <paramref name="hub"/>'s.</summary>
    void ConvertFrom(THub hub);
}

/// <summary>Declares the versions of one kind: the hub and its spokes.</summary>
public sealed class ConversionBuilder<THub> where THub : class, new()
{
    private readonly KindConversion _kind;
    private readonly WebhookRegistry _registry;

    internal ConversionBuilder(KindConversion kind, WebhookRegistry registry)
    {
        _kind = kind;
        _registry = registry;
    }

    /// <summary>Back to the registry, to go on registering.</summary>
    public WebhookRegistry Registry() => _registry;

    /// <summary>Adds a spoke version; its group and kind must be the hub's.</summary>
    public ConversionBuilder<THub> Spoke<TSpoke>() where TSpoke : class, IConvertibleSpoke<THub>, new()
    {
        var gvk = GroupVersionKind.Of(typeof(TSpoke));
        if (gvk.Group != _kind.Group || gvk.Kind != _kind.Kind)
        {
            throw new InvalidOperationException($"{typeof(TSpoke).Name} is {gvk}, not a version of {_kind.Group} {_kind.Kind}");
        }

        _kind.Versions[gvk.Version] = new VersionCodec(
            json =>
            {
                var spoke = Decode<TSpoke>(json);
                var hub = new THub();
                spoke.ConvertTo(hub);
                return hub;
            },
            hub =>
            {
                var spoke = new TSpoke();
                spoke.ConvertFrom((THub)hub);
                return Encode(spoke);
            });
        return this;
    }

    internal static T Decode<T>(JsonObject json) where T : class
    {
        try
        {
            return KubernetesJson.Deserialize<T>(json.ToJsonString()) ?? throw new ConversionFailedException("the object decoded to null");
        }
        catch (JsonException e)
        {
            throw new ConversionFailedException($"cannot decode {typeof(T).Name}: {e.Message}", e);
        }
    }

    internal static JsonObject Encode(object obj) => (JsonObject)JsonNode.Parse(KubernetesJson.Serialize(obj))!;
}

internal sealed record VersionCodec(Func<JsonObject, object> ToHub, Func<object, JsonObject> FromHub);

internal sealed class KindConversion(string group, string kind, string hubVersion)
{
    public string Group { get; } = group;
    public string Kind { get; } = kind;
    public string HubVersion { get; } = hubVersion;
    public Dictionary<string, VersionCodec> Versions { get; } = new(StringComparer.Ordinal);
}

internal sealed class ConversionFailedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Serves apiextensions.k8s.io/v1 ConversionReview on /convert for every registered kind.</summary>
internal sealed class ConversionHandler : IWebhookHandler
{
    public const string ApiVersion = "apiextensions.k8s.io/v1";

    public Dictionary<(string Group, string Kind), KindConversion> Kinds { get; } = new();

    public string Path => WebhookPaths.Convert;

    public ValueTask<JsonObject> HandleAsync(JsonNode? body, CancellationToken cancellationToken)
    {
        if (body is not JsonObject review)
        {
            throw new WebhookBadRequestException("the body is not a JSON object");
        }

        ReviewEnvelope.Check(review, ApiVersion, "ConversionReview");
        if (review["request"] is not JsonObject request)
        {
            throw new WebhookBadRequestException("ConversionReview has no request");
        }

        string uid = ReviewEnvelope.RequiredString(request, "uid", "request.uid");
        string desired = ReviewEnvelope.RequiredString(request, "desiredAPIVersion", "request.desiredAPIVersion");
        if (request["objects"] is not JsonArray objects)
        {
            throw new WebhookBadRequestException("request.objects is missing or not an array");
        }

        var converted = new JsonArray();
        try
        {
            foreach (var item in objects)
            {
                converted.Add(Convert(item as JsonObject ?? throw new ConversionFailedException("request.objects holds a non-object"), desired));
            }
        }
        catch (ConversionFailedException e)
        {
            return ValueTask.FromResult(Response(uid, new JsonObject { ["status"] = "Failure", ["message"] = e.Message }, null));
        }
        return ValueTask.FromResult(Response(uid, new JsonObject { ["status"] = "Success" }, converted));
    }

    private JsonObject Convert(JsonObject obj, string desiredApiVersion)
    {
        string apiVersion = ReviewEnvelope.OptionalString(obj, "apiVersion") ?? throw new ConversionFailedException("an object has no apiVersion");
        string kind = ReviewEnvelope.OptionalString(obj, "kind") ?? throw new ConversionFailedException("an object has no kind");
        var from = GroupVersionKind.FromApiVersion(apiVersion, kind);
        var to = GroupVersionKind.FromApiVersion(desiredApiVersion, kind);
        if (from.Group != to.Group)
        {
            throw new ConversionFailedException($"cannot convert {apiVersion} to {desiredApiVersion}: different groups");
        }

        if (!Kinds.TryGetValue((from.Group, kind), out var conversion))
        {
            throw new ConversionFailedException($"no conversion is registered for {from.Group} {kind}");
        }

        if (!conversion.Versions.TryGetValue(from.Version, out var source))
        {
            throw new ConversionFailedException($"{kind} has no version {from.Version} here (known: {string.Join(", ", conversion.Versions.Keys)})");
        }

        if (!conversion.Versions.TryGetValue(to.Version, out var target))
        {
            throw new ConversionFailedException($"{kind} has no version {to.Version} here (known: {string.Join(", ", conversion.Versions.Keys)})");
        }

        if (from.Version == to.Version)
        {
            return (JsonObject)obj.DeepClone();
        }

        var result = target.FromHub(source.ToHub(obj));
        result["apiVersion"] = desiredApiVersion;
        result["kind"] = kind;
        // The API server rejects a conversion that changes metadata; carry it over byte for byte.
        result["metadata"] = obj["metadata"]?.DeepClone();
        return result;
    }

    private static JsonObject Response(string uid, JsonObject result, JsonArray? converted)
    {
        var response = new JsonObject { ["uid"] = uid, ["result"] = result };
        if (converted is not null)
        {
            response["convertedObjects"] = converted;
        }

        return new JsonObject { ["apiVersion"] = ApiVersion, ["kind"] = "ConversionReview", ["response"] = response };
    }
}
