using System.Text.Json.Serialization;
using k8s.Models;
using Steward.Kube.Client;

namespace Steward.Kube.Tests;

/// <summary>A test-only custom kind: widgets.test.steward.io/v1.</summary>
public sealed class Widget : CustomResource<WidgetSpec, WidgetStatus>
{
    public const string Group = "test.steward.io";
    public const string Version = "v1";
    public const string Plural = "widgets";

    public static Widget New(string name, int replicas = 1, string ns = "default") => new()
    {
        ApiVersion = Group + "/" + Version,
        Kind = "Widget",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new WidgetSpec { Replicas = replicas, Message = "hello" },
    };
}

public sealed class WidgetSpec
{
    [JsonPropertyName("replicas")]
    public int Replicas { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}

public sealed class WidgetStatus
{
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("replicas")]
    public int Replicas { get; set; }

    [JsonPropertyName("conditions")]
    public IList<V1Condition> Conditions { get; set; } = [];
}
