using k8s.Models;
using Steward.Kube.Client;
using Steward.Kube.Crd;

namespace StewardOperator.Api.V1;

/// <summary>The desired state of a Steward. Markers ([Minimum], [Pattern], [Enum], …) become the CRD's validation.</summary>
public sealed class StewardSpec
{
    /// <summary>An example field; replace it with the fields of your kind.</summary>
    [MaxLength(63)]
    public string? Foo { get; set; }
}

/// <summary>The observed state of a Steward, written by its controller.</summary>
public sealed class StewardStatus
{
    public long? ObservedGeneration { get; set; }

    public IList<V1Condition>? Conditions { get; set; }
}

[KubernetesEntity(Group = "oam.crd.fp.net", ApiVersion = "v1", Kind = "Steward", PluralName = "stewards")]
[StatusSubresource]
[PrintColumn("Age", ".metadata.creationTimestamp", Type = "date")]
public sealed class Steward : CustomResource<StewardSpec, StewardStatus>
{
    public Steward()
    {
        ApiVersion = "oam.crd.fp.net/v1";
        Kind = "Steward";
    }
}
