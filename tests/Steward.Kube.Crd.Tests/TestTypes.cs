using System.ComponentModel;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Steward.Kube.Crd.Tests;

public enum Tier
{
    [JsonStringEnumMemberName("gold")] Gold,
    [JsonStringEnumMemberName("silver")] Silver,
}

public sealed class GadgetSpec
{
    [Description("The image to run.")]
    [MinLength(1), MaxLength(255), Pattern("^[a-z0-9./:-]+$")]
    public string Image { get; set; } = "";

    [Minimum(0), Maximum(100), Default(1)]
    public int? Replicas { get; set; }

    [ExclusiveMinimum(0), ExclusiveMaximum(1)]
    public double? Ratio { get; set; }

    [Minimum(0, Exclusive = true), MultipleOf(0.5)]
    public double? Step { get; set; }

    [Enum("grpc", "thrift", "ice", "iiop"), Default("grpc")]
    public string? Protocol { get; set; }

    public Tier? Tier { get; set; }

    [Format("date-time")]
    public string? NotBefore { get; set; }

    [MinItems(1), MaxItems(8), UniqueItems]
    public List<string>? Hosts { get; set; }

    [Minimum(1), Maximum(65535)]
    public int[]? Ports { get; set; }

    public Dictionary<string, string>? Selector { get; set; }

    [Nullable]
    public string? Note { get; set; }

    [PreserveUnknownFields]
    public JsonObject? Extra { get; set; }

    public IntOrString? TargetPort { get; set; }

    [JsonPropertyName("memory_limit")]
    public ResourceQuantity? MemoryLimit { get; set; }

    [Required]
    public long Weight { get; set; }

    [Optional]
    public string Comment { get; set; } = "";

    [JsonIgnore]
    public string Ignored { get; set; } = "";

    [ListType("map", MapKeys = ["name"])]
    public List<NamedPort>? NamedPorts { get; set; }

    [XValidation("self.minReplicas <= self.maxReplicas", Message = "minReplicas must not exceed maxReplicas")]
    public Bounds? Bounds { get; set; }

    [EmbeddedResource, PreserveUnknownFields]
    public object? Template { get; set; }
}

public sealed class NamedPort
{
    public string Name { get; set; } = "";
    public int Port { get; set; }
}

public sealed class Bounds
{
    public int MinReplicas { get; set; }
    public int MaxReplicas { get; set; }
}

public sealed class GadgetStatus
{
    public int Replicas { get; set; }
    public string? Selector { get; set; }
    public List<V1Condition>? Conditions { get; set; }
}

[KubernetesEntity(Group = "test.crd.fp.net", ApiVersion = "v1", Kind = "Gadget", PluralName = "gadgets")]
[Description("Gadget is the test kind with every marker.")]
[ShortName("gd"), ShortName("gdg"), Categories("all", "fp")]
[StatusSubresource, ScaleSubresource(LabelSelectorPath = ".status.selector")]
[PrintColumn("Image", ".spec.image"), PrintColumn("Replicas", ".status.replicas", Type = "integer"), PrintColumn("Age", ".metadata.creationTimestamp", Type = "date", Priority = 1)]
[Rbac(Groups = "apps", Resources = "deployments", Verbs = "get;list;watch")]
[Rbac(Groups = "apps", Resources = "deployments", Verbs = "create;update;delete;watch")]
[Rbac(Groups = "test.crd.fp.net", Resources = "gadgets;gadgets/status", Verbs = "get;list;watch;update;patch")]
[Rbac(Groups = "", Resources = "configmaps", Verbs = "get", Namespace = "kube-system")]
public sealed class Gadget : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "test.crd.fp.net/v1";
    public string Kind { get; set; } = "Gadget";
    public V1ObjectMeta Metadata { get; set; } = new();
    public GadgetSpec Spec { get; set; } = new();
    public GadgetStatus? Status { get; set; }
}

[KubernetesEntity(Group = "test.crd.fp.net", ApiVersion = "v1", Kind = "Doodad")]
[Scope(ResourceScope.Cluster), ConversionWebhook]
public sealed class DoodadV1 : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "test.crd.fp.net/v1";
    public string Kind { get; set; } = "Doodad";
    public V1ObjectMeta Metadata { get; set; } = new();
    public string? Color { get; set; }
}

[KubernetesEntity(Group = "test.crd.fp.net", ApiVersion = "v2", Kind = "Doodad")]
[Scope(ResourceScope.Cluster), StorageVersion]
public sealed class DoodadV2 : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "test.crd.fp.net/v2";
    public string Kind { get; set; } = "Doodad";
    public V1ObjectMeta Metadata { get; set; } = new();
    public List<string>? Colors { get; set; }
}

[KubernetesEntity(Group = "test.crd.fp.net", ApiVersion = "v1alpha1", Kind = "Doodad")]
[Scope(ResourceScope.Cluster), UnservedVersion, DeprecatedVersion(Warning = "v1alpha1 is gone")]
public sealed class DoodadV1Alpha1 : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "test.crd.fp.net/v1alpha1";
    public string Kind { get; set; } = "Doodad";
    public V1ObjectMeta Metadata { get; set; } = new();
}

[Webhook(typeof(Gadget), WebhookType.Defaulting)]
[Webhook(typeof(Gadget), WebhookType.Validating, Verbs = "create;update;delete", FailurePolicy = "Ignore")]
public sealed class GadgetWebhook;

public sealed class Loop
{
    public Loop? Next { get; set; }
}

[KubernetesEntity(Group = "test.crd.fp.net", ApiVersion = "v1", Kind = "Looper")]
public sealed class Looper : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "";
    public string Kind { get; set; } = "";
    public V1ObjectMeta Metadata { get; set; } = new();
    public Loop? Spec { get; set; }
}
