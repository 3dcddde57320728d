using System.Text.Json.Nodes;

namespace Steward.Kube.TestApiServer;

/// <summary>A failure answered with a metav1.Status body.</summary>
internal sealed class ApiError(int code, string reason, string message, ResourceDef? def = null, string? name = null) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public ResourceDef? Def { get; } = def;

    public JsonObject ToStatus() => Status(Code, Reason, Message, Def, name);

    public static JsonObject Status(int code, string reason, string message, ResourceDef? def = null, string? name = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        };
        if (def is not null)
        {
            var details = new JsonObject { ["group"] = def.Group, ["kind"] = def.Plural };
            if (name is not null)
            {
                details["name"] = name;
            }

            status["details"] = details;
        }

        return status;
    }

    public static ApiError NotFound(ResourceDef def, string name) =>
        new(404, "NotFound", $"{def.Key} \"{name}\" not found", def, name);

    public static ApiError BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiError Invalid(ResourceDef def, string name, string message) =>
        new(422, "Invalid", $"{def.Kind} \"{name}\" is invalid: {message}", def, name);
}
