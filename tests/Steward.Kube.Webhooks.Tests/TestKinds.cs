using k8s;
using k8s.Models;
using Steward.Kube.Webhooks.Admission;
using Steward.Kube.Webhooks.Conversion;

namespace Steward.Kube.Webhooks.Tests;

public sealed class WidgetSpecV1
{
    public string? Color { get; set; }
    public int? Size { get; set; }
}

/// <summary>The old version: one colour. A spoke of the v2 hub.</summary>
[KubernetesEntity(Group = "test.crd.fp.net", ApiVersion = "v1", Kind = "Widget", PluralName = "widgets")]
public sealed class WidgetV1 : IKubernetesObject<V1ObjectMeta>, IConvertibleSpoke<WidgetV2>
{
    public string ApiVersion { get; set; } = "test.crd.fp.net/v1";
    public string Kind { get; set; } = "Widget";
    public V1ObjectMeta Metadata { get; set; } = new();
    public WidgetSpecV1? Spec { get; set; }

    public void ConvertTo(WidgetV2 hub)
    {
        hub.Spec = Spec is null ? null : new WidgetSpecV2
        {
            Colors = Spec.Color is null ? null : [Spec.Color],
            Dimensions = Spec.Size is { } s ? new Dimensions { Width = s, Height = s } : null,
        };
    }

    public void ConvertFrom(WidgetV2 hub)
    {
        Spec = hub.Spec is null ? null : new WidgetSpecV1 { Color = hub.Spec.Colors?.FirstOrDefault(), Size = hub.Spec.Dimensions?.Width };
    }
}

public sealed class Dimensions
{
    public int Width { get; set; }
    public int Height { get; set; }
}

public sealed class WidgetSpecV2
{
    public List<string>? Colors { get; set; }
    public Dimensions? Dimensions { get; set; }
}

/// <summary>The hub (storage) version.</summary>
[KubernetesEntity(Group = "test.crd.fp.net", ApiVersion = "v2", Kind = "Widget", PluralName = "widgets")]
public sealed class WidgetV2 : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "test.crd.fp.net/v2";
    public string Kind { get; set; } = "Widget";
    public V1ObjectMeta Metadata { get; set; } = new();
    public WidgetSpecV2? Spec { get; set; }
}

/// <summary>Defaults a Deployment the way the docs' examples would: replicas, a label, a container's pull policy.</summary>
public sealed class DeploymentDefaulter : ICustomDefaulter<V1Deployment>
{
    public ValueTask DefaultAsync(V1Deployment obj, CancellationToken cancellationToken)
    {
        obj.Spec.Replicas ??= 1;
        obj.Metadata.Labels ??= new Dictionary<string, string>();
        obj.Metadata.Labels.TryAdd("app.kubernetes.io/managed-by", "steward");
        foreach (var c in obj.Spec.Template.Spec.Containers)
        {
            c.ImagePullPolicy ??= "IfNotPresent";
        }

        return ValueTask.CompletedTask;
    }
}

public sealed class DeploymentValidator : ICustomValidator<V1Deployment>
{
    public ValueTask<ValidationResult> ValidateCreateAsync(V1Deployment obj, CancellationToken cancellationToken) =>
        ValueTask.FromResult(obj.Spec.Replicas > 10
            ? ValidationResult.Deny($"spec.replicas: {obj.Spec.Replicas} is more than 10", 422, "Invalid")
            : obj.Spec.Replicas == 0 ? ValidationResult.Allow("spec.replicas is 0: nothing will run") : ValidationResult.Allow());

    public ValueTask<ValidationResult> ValidateUpdateAsync(V1Deployment oldObj, V1Deployment newObj, CancellationToken cancellationToken) =>
        ValueTask.FromResult(oldObj.Spec.Selector.MatchLabels?["app"] != newObj.Spec.Selector.MatchLabels?["app"]
            ? ValidationResult.Deny("spec.selector is immutable")
            : ValidationResult.Allow());

    public ValueTask<ValidationResult> ValidateDeleteAsync(V1Deployment obj, CancellationToken cancellationToken) =>
        ValueTask.FromResult(obj.Metadata.Labels?.ContainsKey("protected") == true
            ? ValidationResult.Deny($"{obj.Metadata.Name} is protected")
            : ValidationResult.Allow());
}

public sealed class ThrowingDefaulter : ICustomDefaulter<WidgetV1>
{
    public ValueTask DefaultAsync(WidgetV1 obj, CancellationToken cancellationToken) => throw new InvalidOperationException("boom");
}
