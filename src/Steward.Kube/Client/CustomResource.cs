using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Steward.Kube.Client;

/// <summary>
/// Base of a custom kind: apiVersion, kind and metadata like every Kubernetes object. Derive from
/// <see cref="CustomResource{TSpec,TStatus}"/> for typed spec and status.
/// </summary>
public abstract class CustomResource : IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = string.Empty;

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    /// <inheritdoc />
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();
}

/// <summary>A custom kind with a typed spec and status.</summary>
public abstract class CustomResource<TSpec, TStatus> : CustomResource
    where TSpec : new()
    where TStatus : new()
{
    /// <summary>The desired state, written by users.</summary>
    [JsonPropertyName("spec")]
    public TSpec Spec { get; set; } = new();

    /// <summary>The observed state, written by the controller through the status subresource.</summary>
    [JsonPropertyName("status")]
    public TStatus? Status { get; set; }
}

/// <summary>The list envelope the API server returns for a collection.</summary>
public sealed class KubeList<T>
{
    /// <summary>apiVersion of the list.</summary>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    /// <summary>kind of the list, e.g. "WidgetList".</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>List metadata; its resourceVersion is where a watch continues from.</summary>
    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    /// <summary>The objects.</summary>
    [JsonPropertyName("items")]
    public IList<T> Items { get; set; } = [];
}
