using System.Text.Json;
using System.Text.Json.Nodes;

namespace Steward.Kube.Webhooks.Admission;

/// <summary>The parts of an admission.k8s.io/v1 AdmissionReview request a webhook acts on.</summary>
public sealed record AdmissionRequest(
    string Uid,
    GroupVersionKind Kind,
    string Operation,
    string? Name,
    string? Namespace,
    JsonObject? Object,
    JsonObject? OldObject,
    bool DryRun)
{
    /// <summary>The only AdmissionReview version served: admission.k8s.io/v1.</summary>
    public const string ApiVersion = "admission.k8s.io/v1";

    /// <summary>Reads a review; anything that is not a well-formed v1 AdmissionReview request is a <see cref="WebhookBadRequestException"/>.</summary>
    public static AdmissionRequest Parse(JsonNode? root)
    {
        if (root is not JsonObject review)
        {
            throw new WebhookBadRequestException("the body is not a JSON object");
        }

        ReviewEnvelope.Check(review, ApiVersion, "AdmissionReview");
        if (review["request"] is not JsonObject request)
        {
            throw new WebhookBadRequestException("AdmissionReview has no request");
        }

        string uid = ReviewEnvelope.RequiredString(request, "uid", "request.uid");
        if (request["kind"] is not JsonObject kind)
        {
            throw new WebhookBadRequestException("request.kind is missing");
        }

        var gvk = new GroupVersionKind(
            ReviewEnvelope.OptionalString(kind, "group") ?? "",
            ReviewEnvelope.RequiredString(kind, "version", "request.kind.version"),
            ReviewEnvelope.RequiredString(kind, "kind", "request.kind.kind"));
        string operation = ReviewEnvelope.RequiredString(request, "operation", "request.operation");
        if (operation is not ("CREATE" or "UPDATE" or "DELETE" or "CONNECT"))
        {
            throw new WebhookBadRequestException($"request.operation \"{operation}\" is not CREATE, UPDATE, DELETE or CONNECT");
        }

        return new AdmissionRequest(
            uid, gvk, operation,
            ReviewEnvelope.OptionalString(request, "name"),
            ReviewEnvelope.OptionalString(request, "namespace"),
            ObjectOrNull(request, "object"),
            ObjectOrNull(request, "oldObject"),
            request["dryRun"] is JsonValue dv && dv.TryGetValue<bool>(out bool dry) && dry);
    }

    private static JsonObject? ObjectOrNull(JsonObject request, string name) => request[name] switch
    {
        null => null,
        JsonObject o => o,
        _ => throw new WebhookBadRequestException($"request.{name} is not a JSON object"),
    };
}

/// <summary>Builds the AdmissionReview a webhook answers with; the uid always echoes the request's.</summary>
public static class AdmissionResponse
{
    /// <summary>An AdmissionReview that admits the object, with the JSON patch (<paramref name="patchJson"/>, base64-encoded on the wire) a defaulter made and any warnings.</summary>
    public static JsonObject Allowed(string uid, IReadOnlyList<string>? warnings = null, string? patchJson = null)
    {
        var response = new JsonObject { ["uid"] = uid, ["allowed"] = true };
        if (patchJson is not null)
        {
            response["patchType"] = "JSONPatch";
            response["patch"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(patchJson));
        }
        AddWarnings(response, warnings);
        return Wrap(response);
    }

    /// <summary>An AdmissionReview that refuses the object; <paramref name="message"/>, <paramref name="code"/> and <paramref name="reason"/> become the metav1.Status the client sees.</summary>
    public static JsonObject Denied(string uid, string message, int code, string? reason = null, IReadOnlyList<string>? warnings = null)
    {
        var status = new JsonObject { ["metadata"] = new JsonObject(), ["status"] = "Failure", ["message"] = message };
        if (reason is not null)
        {
            status["reason"] = reason;
        }

        status["code"] = code;
        var response = new JsonObject { ["uid"] = uid, ["allowed"] = false, ["status"] = status };
        AddWarnings(response, warnings);
        return Wrap(response);
    }

    private static void AddWarnings(JsonObject response, IReadOnlyList<string>? warnings)
    {
        if (warnings is { Count: > 0 })
        {
            response["warnings"] = new JsonArray(warnings.Select(w => (JsonNode?)w).ToArray());
        }
    }

    private static JsonObject Wrap(JsonObject response) => new()
    {
        ["apiVersion"] = AdmissionRequest.ApiVersion,
        ["kind"] = "AdmissionReview",
        ["response"] = response,
    };
}

/// <summary>The request cannot be answered with a review (not JSON, not the expected review type, no uid): HTTP 400.</summary>
public sealed class WebhookBadRequestException : Exception
{
    /// <summary>Creates the exception with the default message.</summary>
    public WebhookBadRequestException() { }
    /// <summary>Creates the exception with the reason the request is malformed.</summary>
    public WebhookBadRequestException(string message) : base(message) { }
    /// <summary>Creates the exception with the reason and the parse error behind it.</summary>
    public WebhookBadRequestException(string message, Exception inner) : base(message, inner) { }
}

internal static class ReviewEnvelope
{
    public static void Check(JsonObject review, string apiVersion, string kind)
    {
        string? av = OptionalString(review, "apiVersion");
        string? k = OptionalString(review, "kind");
        if (k != kind || av != apiVersion)
        {
            throw new WebhookBadRequestException($"expected a {apiVersion} {kind}, got apiVersion \"{av}\" kind \"{k}\"");
        }
    }

    public static string RequiredString(JsonObject o, string name, string what) =>
        OptionalString(o, name) is { Length: > 0 } s ? s : throw new WebhookBadRequestException($"{what} is missing or not a string");

    public static string? OptionalString(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
