namespace Steward.Kube.Crd;

// Type-level markers. Group, version, kind and plural come from k8s.Models.KubernetesEntityAttribute,
// which the controller runtime reads too; these add what a CRD needs beyond that.

public enum ResourceScope
{
    Namespaced,
    Cluster,
}

/// <summary>+kubebuilder:resource:scope=…</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ScopeAttribute(ResourceScope scope) : Attribute
{
    public ResourceScope Scope { get; } = scope;
}

/// <summary>+kubebuilder:resource:shortName=…</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ShortNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>
/// +kubebuilder:resource:categories=… (e.g. "all", so <c>kubectl get all</c> lists the kind). Plural, so it does
/// not clash with System.ComponentModel's [Category].
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class CategoriesAttribute(params string[] names) : Attribute
{
    public IReadOnlyList<string> Names { get; } = names;
}

/// <summary>+kubebuilder:subresource:status</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StatusSubresourceAttribute : Attribute;

/// <summary>+kubebuilder:subresource:scale (paths are JSON paths such as ".spec.replicas").</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ScaleSubresourceAttribute : Attribute
{
    public string SpecReplicasPath { get; init; } = ".spec.replicas";
    public string StatusReplicasPath { get; init; } = ".status.replicas";
    public string? LabelSelectorPath { get; init; }
}

/// <summary>+kubebuilder:printcolumn — a column of <c>kubectl get</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PrintColumnAttribute(string name, string jsonPath) : Attribute
{
    public string Name { get; } = name;
    public string JsonPath { get; } = jsonPath;

    /// <summary>integer, number, string, boolean or date.</summary>
    public string Type { get; init; } = "string";
    public string? Format { get; init; }
    public string? Description { get; init; }
    public int Priority { get; init; }
}

/// <summary>+kubebuilder:storageversion — the version etcd stores when a kind has several.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StorageVersionAttribute : Attribute;

/// <summary>+kubebuilder:unservedversion — the version stays in the CRD but the API server does not serve it.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class UnservedVersionAttribute : Attribute;

/// <summary>+kubebuilder:deprecatedversion</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DeprecatedVersionAttribute : Attribute
{
    public string? Warning { get; init; }
}

/// <summary>The kind's versions are converted by the webhook at /convert (spec.conversion.strategy: Webhook).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ConversionWebhookAttribute : Attribute;

/// <summary>
/// +kubebuilder:rbac — a permission the controller needs. Lists are ';'-separated as in kubebuilder:
/// <c>[Rbac(Groups = "apps", Resources = "deployments", Verbs = "get;list;watch")]</c>. With
/// <see cref="Namespace"/> the rule goes into a Role of that namespace, otherwise into the ClusterRole.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class RbacAttribute : Attribute
{
    public string Groups { get; init; } = "";
    public string Resources { get; init; } = "";
    public required string Verbs { get; init; }
    public string? ResourceNames { get; init; }
    public string? Urls { get; init; }
    public string? Namespace { get; init; }
}

public enum WebhookType
{
    /// <summary>A MutatingWebhookConfiguration entry at /mutate-….</summary>
    Defaulting,

    /// <summary>A ValidatingWebhookConfiguration entry at /validate-….</summary>
    Validating,
}

/// <summary>
/// +kubebuilder:webhook — registers a defaulting or validating webhook for <see cref="ResourceType"/>
/// (a type carrying [KubernetesEntity]); put it on the defaulter or validator class.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class WebhookAttribute(Type resourceType, WebhookType type) : Attribute
{
    public Type ResourceType { get; } = resourceType;
    public WebhookType Type { get; } = type;

    /// <summary>';'-separated: create, update, delete, connect.</summary>
    public string Verbs { get; init; } = "create;update";

    /// <summary>Fail or Ignore.</summary>
    public string FailurePolicy { get; init; } = "Fail";
    public string SideEffects { get; init; } = "None";

    /// <summary>The webhook's name (needs three dot-separated parts); kubebuilder's "m&lt;kind&gt;-&lt;version&gt;.kb.io" style by default.</summary>
    public string? Name { get; init; }
    public int TimeoutSeconds { get; init; } = 10;
}
