using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Steward.Cni.Types;

/// <summary>Source-generated JSON metadata: the SDK never serializes through reflection.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, MaxDepth = 64)]
[JsonSerializable(typeof(CniResult))]
[JsonSerializable(typeof(CniErrorPayload))]
[JsonSerializable(typeof(CniVersionInfo))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
public sealed partial class CniJsonContext : JsonSerializerContext
{
    /// <summary>The same metadata writing indented output, as libcni's plugins print.</summary>
    public static CniJsonContext Indented { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 64,
        WriteIndented = true,
        IndentSize = 4,
    });
}
