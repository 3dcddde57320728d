using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Steward.Kube.Webhooks.Json;

namespace Steward.Kube.Webhooks.Admission;

/// <summary>One webhook endpoint: takes the parsed body, returns the review to answer with.</summary>
internal interface IWebhookHandler
{
    string Path { get; }

    ValueTask<JsonObject> HandleAsync(JsonNode? body, CancellationToken cancellationToken);
}

internal abstract class AdmissionHandler<T>(GroupVersionKind gvk) : IWebhookHandler where T : class
{
    public GroupVersionKind Gvk { get; } = gvk;

    public abstract string Path { get; }

    public async ValueTask<JsonObject> HandleAsync(JsonNode? body, CancellationToken cancellationToken)
    {
        var request = AdmissionRequest.Parse(body);
        if (request.Kind != Gvk)
        {
            return AdmissionResponse.Denied(request.Uid, $"this webhook admits {Gvk}, not {request.Kind}", 400, "BadRequest");
        }

        try
        {
            return await HandleAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDecodeException e)
        {
            return AdmissionResponse.Denied(request.Uid, e.Message, 400, "BadRequest");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failing defaulter or validator denies this one request rather than taking the server down.
            return AdmissionResponse.Denied(request.Uid, $"{GetType().Name.Split('`')[0]} failed: {e.Message}", 500, "InternalError");
        }
    }

    protected abstract ValueTask<JsonObject> HandleAsync(AdmissionRequest request, CancellationToken cancellationToken);

    /// <summary>Turns the request's JSON object into a <typeparamref name="T"/>, checking it is the kind this webhook serves.</summary>
    protected T Decode(JsonObject? obj, string which)
    {
        if (obj is null)
        {
            throw new ObjectDecodeException($"request.{which} is missing");
        }

        string? apiVersion = ReviewEnvelope.OptionalString(obj, "apiVersion");
        string? kind = ReviewEnvelope.OptionalString(obj, "kind");
        if (apiVersion != Gvk.ApiVersion || kind != Gvk.Kind)
        {
            throw new ObjectDecodeException($"request.{which} is apiVersion \"{apiVersion}\" kind \"{kind}\", this webhook admits {Gvk.ApiVersion} {Gvk.Kind}");
        }

        try
        {
            return KubernetesJson.Deserialize<T>(obj.ToJsonString())
                ?? throw new ObjectDecodeException($"request.{which} decoded to null");
        }
        catch (JsonException e)
        {
            throw new ObjectDecodeException($"request.{which} is not a valid {Gvk.Kind}: {e.Message}", e);
        }
        catch (FormatException e)
        {
            throw new ObjectDecodeException($"request.{which} is not a valid {Gvk.Kind}: {e.Message}", e);
        }
    }

    internal sealed class ObjectDecodeException(string message, Exception? inner = null) : Exception(message, inner);
}

/// <summary>Runs a defaulter and answers with the JSON patch between the object before and after it.</summary>
internal sealed class DefaultingHandler<T>(GroupVersionKind gvk, ICustomDefaulter<T> defaulter) : AdmissionHandler<T>(gvk) where T : class
{
    public override string Path => WebhookPaths.Mutate(Gvk);

    protected override async ValueTask<JsonObject> HandleAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        if (request.Operation is not ("CREATE" or "UPDATE"))
        {
            return AdmissionResponse.Allowed(request.Uid);
        }

        var obj = Decode(request.Object, "object");
        // Diff against the decoded-then-encoded original, not the raw request: fields the C# type does not
        // know must survive untouched rather than be patched away.
        var before = JsonNode.Parse(KubernetesJson.Serialize(obj));
        await defaulter.DefaultAsync(obj, cancellationToken).ConfigureAwait(false);
        var after = JsonNode.Parse(KubernetesJson.Serialize(obj));
        var ops = JsonPatch.Diff(before, after);
        return AdmissionResponse.Allowed(request.Uid, patchJson: ops.Count == 0 ? null : JsonPatch.ToJson(ops));
    }
}

/// <summary>Routes create/update/delete to a validator and answers with its decision.</summary>
internal sealed class ValidatingHandler<T>(GroupVersionKind gvk, ICustomValidator<T> validator) : AdmissionHandler<T>(gvk) where T : class
{
    public override string Path => WebhookPaths.Validate(Gvk);

    protected override async ValueTask<JsonObject> HandleAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        ValidationResult result = request.Operation switch
        {
            "CREATE" => await validator.ValidateCreateAsync(Decode(request.Object, "object"), cancellationToken).ConfigureAwait(false),
            "UPDATE" => await validator.ValidateUpdateAsync(
                Decode(request.OldObject, "oldObject"), Decode(request.Object, "object"), cancellationToken).ConfigureAwait(false),
            "DELETE" => await validator.ValidateDeleteAsync(Decode(request.OldObject, "oldObject"), cancellationToken).ConfigureAwait(false),
            _ => ValidationResult.Allow(),
        };
        return result.Allowed
            ? AdmissionResponse.Allowed(request.Uid, result.Warnings)
            : AdmissionResponse.Denied(request.Uid, result.Message ?? "denied", result.Code, result.Reason, result.Warnings);
    }
}
