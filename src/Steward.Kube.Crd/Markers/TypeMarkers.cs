namespace Steward.Kube.Crd;

// Type-level markers. Group, version, kind and plural come from k8s.Models.KubernetesEntityAttribute,
// which the controller runtime reads too; these add what a CRD needs beyond that.

/// <summary>Where objects of a kind live: inside a namespace or cluster-wide (the CRD's spec.scope).</summary>
public enum ResourceScope
{
    /// <summary>Objects live in a namespace (the default).</summary>
    Namespaced,
    /// <summary>Objects are cluster-scoped, with no namespace.</summary>
    Cluster,
}

/// <summary>+kubebuilder:resource:scope=…</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ScopeAttribute(ResourceScope scope) : Attribute
{
    /// <summary>The scope the CRD declares.</summary>
    public ResourceScope Scope { get; } = scope;
}

/// <summary>+kubebuilder:resource:shortName=…</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ShortNameAttribute(string name) : Attribute
{
    /// <summary>The short name, such as "deploy" for deployments.</summary>
    public string Name { get; } = name;
}

/// <summary>
/// +kubebuilder:resource:categories=… (e.g. "all", so <c>kubectl get all</c> lists the kind). Plural, so it does
/// not clash with System.ComponentModel's [Category].
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class CategoriesAttribute(params string[] names) : Attribute
{
    /// <summary>The categories the kind belongs to.</summary>
    public IReadOnlyList<string> Names { get; } = names;
}

/// <summary>+kubebuilder:subresource:status</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StatusSubresourceAttribute : Attribute;

/// <summary>+kubebuilder:subresource:scale (paths are JSON paths such as ".spec.replicas").</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ScaleSubresourceAttribute : Attribute
{
    /// <summary>Where the desired replica count lives (specReplicasPath).</summary>
    public string SpecReplicasPath { get; init; } = ".spec.replicas";
    /// <summary>Where the observed replica count lives (statusReplicasPath).</summary>
    public string StatusReplicasPath { get; init; } = ".status.replicas";
    /// <summary>Where the serialized label selector lives, for the HorizontalPodAutoscaler; none when null.</summary>
    public string? LabelSelectorPath { get; init; }
}

/// <summary>+kubebuilder:printcolumn — a column of <c>kubectl get</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PrintColumnAttribute(string name, string jsonPath) : Attribute
{
    /// <summary>The column header.</summary>
    public string Name { get; } = name;
    /// <summary>The JSON path of the value shown, such as ".status.readyReplicas".</summary>
    public string JsonPath { get; } = jsonPath;

    /// <summary>integer, number, string, boolean or date.</summary>
    public string Type { get; init; } = "string";
    /// <summary>The OpenAPI format of the value, such as "date-time"; none when null.</summary>
    public string? Format { get; init; }
    /// <summary>What the column shows, for <c>kubectl explain</c>-style help.</summary>
    public string? Description { get; init; }
    /// <summary>0 shows the column in the default view; higher numbers only with <c>-o wide</c>.</summary>
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
    /// <summary>The warning clients get when they use the version; the API server's default when null.</summary>
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
    /// <summary>The API groups, ';'-separated; "" is the core group.</summary>
    public string Groups { get; init; } = "";
    /// <summary>The resources (plurals, optionally with a subresource such as "stewards/status"), ';'-separated.</summary>
    public string Resources { get; init; } = "";
    /// <summary>The verbs allowed (get, list, watch, create, update, patch, delete), ';'-separated.</summary>
    public required string Verbs { get; init; }
    /// <summary>Limits the rule to these object names, ';'-separated; every object when null.</summary>
    public string? ResourceNames { get; init; }
    /// <summary>Non-resource URLs such as "/metrics", ';'-separated; only for ClusterRoles.</summary>
    public string? Urls { get; init; }
    /// <summary>The namespace of the Role the rule goes into; the ClusterRole when null.</summary>
    public string? Namespace { get; init; }
}

/// <summary>Whether an admission webhook mutates (defaults) or validates objects.</summary>
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
    /// <summary>The kind the webhook admits.</summary>
    public Type ResourceType { get; } = resourceType;
    /// <summary>Defaulting or validating.</summary>
    public WebhookType Type { get; } = type;

    /// <summary>';'-separated: create, update, delete, connect.</summary>
    public string Verbs { get; init; } = "create;update";

    /// <summary>Fail or Ignore.</summary>
    public string FailurePolicy { get; init; } = "Fail";
    /// <summary>None, NoneOnDryRun, Some or Unknown, as admissionregistration.k8s.io/v1 defines them.</summary>
    public string SideEffects { get; init; } = "None";

    /// <summary>The webhook's name (needs three dot-separated parts); kubebuilder's "m&lt;kind&gt;-&lt;version&gt;.kb.io" style by default.</summary>
    public string? Name { get; init; }
    /// <summary>How long the API server waits for the webhook, 1 to 30 seconds.</summary>
    public int TimeoutSeconds { get; init; } = 10;
}
