using System.Reflection;
using k8s.Models;

namespace Steward.Kube.Webhooks;

/// <summary>A Kubernetes group, version and kind; the core group is the empty string.</summary>
public readonly record struct GroupVersionKind(string Group, string Version, string Kind)
{
    /// <summary>"group/version", or just "version" for the core group — the form of an object's apiVersion.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>Reads the kind from the type's <see cref="KubernetesEntityAttribute"/>.</summary>
    /// <exception cref="InvalidOperationException">The type carries no such attribute.</exception>
    public static GroupVersionKind Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var entity = type.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{type.FullName} has no [KubernetesEntity(Group=…, ApiVersion=…, Kind=…)] attribute");
        return new GroupVersionKind(entity.Group ?? "", entity.ApiVersion, entity.Kind);
    }

    /// <summary>Splits an apiVersion ("group/version" or "version") and pairs it with a kind.</summary>
    public static GroupVersionKind FromApiVersion(string apiVersion, string kind)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        int slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new("", apiVersion, kind) : new(apiVersion[..slash], apiVersion[(slash + 1)..], kind);
    }

    public override string ToString() => ApiVersion + ", Kind=" + Kind;
}

/// <summary>The URL paths kubebuilder gives webhooks, so generated manifests and servers agree.</summary>
public static class WebhookPaths
{
    /// <summary>"/mutate-&lt;group with dots as dashes&gt;-&lt;version&gt;-&lt;kind lower-case&gt;".</summary>
    public static string Mutate(GroupVersionKind gvk) => "/mutate-" + Suffix(gvk);

    /// <summary>"/validate-&lt;group with dots as dashes&gt;-&lt;version&gt;-&lt;kind lower-case&gt;".</summary>
    public static string Validate(GroupVersionKind gvk) => "/validate-" + Suffix(gvk);

    /// <summary>The one path every conversion webhook is served on.</summary>
    public const string Convert = "/convert";

    private static string Suffix(GroupVersionKind gvk) =>
        gvk.Group.Replace('.', '-') + "-" + gvk.Version + "-" + gvk.Kind.ToLowerInvariant();
}
