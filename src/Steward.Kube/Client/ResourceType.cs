using System.Collections.Concurrent;
using System.Reflection;
using k8s.Models;

namespace Steward.Kube.Client;

/// <summary>Where a kind lives on the API server: group/version/plural and its scope.</summary>
public sealed record ResourceType(
    string Group,
    string Version,
    string Kind,
    string Plural,
    bool Namespaced,
    bool HasStatusSubresource)
{
    /// <summary>"v1" for the core group, "group/version" otherwise (what objects carry in apiVersion).</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>A key unique per resource, e.g. "deployments.apps" or "services".</summary>
    public string GroupResource => Group.Length == 0 ? Plural : Plural + "." + Group;

    /// <summary>The REST path of the collection or of one object (and optionally its subresource).</summary>
    public string Path(string? ns, string? name = null, string? subresource = null)
    {
        var prefix = Group.Length == 0 ? "api/" + Version : "apis/" + Group + "/" + Version;
        var path = Namespaced && !string.IsNullOrEmpty(ns)
            ? prefix + "/namespaces/" + Uri.EscapeDataString(ns) + "/" + Plural
            : prefix + "/" + Plural;
        if (name is not null)
        {
            path += "/" + Uri.EscapeDataString(name);
            if (subresource is not null)
            {
                path += "/" + subresource;
            }
        }

        return path;
    }
}

/// <summary>
/// Maps CLR types to resource types. Built-in kinds of k8s.Models are known up front; custom kinds
/// are registered with <see cref="Register{T}(string,string,string,string,bool,bool)"/> or carry
/// a <see cref="KubernetesEntityAttribute"/>, read as <see cref="EntityKind.Of"/> reads it (so the plural is
/// the one the CRD generator writes).
/// </summary>
public sealed class ResourceRegistry
{
    // Kinds whose objects live outside namespaces; everything else served by KubernetesClient is namespaced.
    private static readonly HashSet<string> ClusterScopedKinds = new(StringComparer.Ordinal)
    {
        "Namespace", "Node", "PersistentVolume", "CustomResourceDefinition", "ClusterRole",
        "ClusterRoleBinding", "StorageClass", "PriorityClass", "APIService", "CertificateSigningRequest",
        "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "IngressClass", "RuntimeClass",
        "CSIDriver", "CSINode", "VolumeAttachment", "ComponentStatus",
    };

    // Built-in kinds that have a /status subresource (the main PUT ignores status on them).
    private static readonly HashSet<string> StatusKinds = new(StringComparer.Ordinal)
    {
        "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Service", "Pod", "Namespace", "Node",
        "CustomResourceDefinition", "Job", "CronJob", "PersistentVolumeClaim", "PersistentVolume", "Ingress",
        "HorizontalPodAutoscaler", "PodDisruptionBudget", "CertificateSigningRequest", "APIService",
    };

    /// <summary>The registry most programs use; managers take it unless given another.</summary>
    public static ResourceRegistry Default { get; } = new();

    private readonly ConcurrentDictionary<Type, ResourceType> _byType = new();

    /// <summary>Registers (or re-registers) a custom kind.</summary>
    public ResourceType Register<T>(string group, string version, string kind, string plural, bool namespaced = true, bool hasStatusSubresource = true)
    {
        var rt = new ResourceType(group, version, kind, plural, namespaced, hasStatusSubresource);
        _byType[typeof(T)] = rt;
        return rt;
    }

    /// <summary>Registers a kind described by a complete <see cref="ResourceType"/>.</summary>
    public void Register(Type type, ResourceType resourceType) => _byType[type] = resourceType;

    /// <summary>The resource type of <typeparamref name="T"/>; throws when it is unknown.</summary>
    public ResourceType Get<T>() => Get(typeof(T));

    /// <summary>The resource type of <paramref name="type"/>; throws when it is unknown.</summary>
    public ResourceType Get(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (_byType.TryGetValue(type, out var rt))
        {
            return rt;
        }

        rt = FromAttribute(type) ?? throw new InvalidOperationException(
            $"{type.FullName} is not a registered Kubernetes kind: call ResourceRegistry.Register<{type.Name}>(group, version, kind, plural) or add [KubernetesEntity].");
        _byType[type] = rt;
        return rt;
    }

    /// <summary>Finds the registered type by apiVersion and kind (used to map owner references).</summary>
    public ResourceType? Find(string apiVersion, string kind)
    {
        foreach (var rt in _byType.Values)
        {
            if (rt.Kind == kind && rt.ApiVersion == apiVersion)
            {
                return rt;
            }
        }

        return null;
    }

    // Registration-time reflection only: the hot path goes through the dictionary.
    private static ResourceType? FromAttribute(Type type)
    {
        if (!EntityKind.TryOf(type, out var kind))
        {
            return null;
        }

        // KubernetesClient's own types without a plural (lists, options) are not resources.
        var builtIn = type.Assembly == typeof(V1Pod).Assembly;
        if (builtIn && string.IsNullOrEmpty(type.GetCustomAttribute<KubernetesEntityAttribute>()?.PluralName))
        {
            return null;
        }

        // A custom kind found only through its attribute is taken as namespaced; cluster-scoped
        // custom kinds say so through Register.
        var namespaced = !builtIn || !ClusterScopedKinds.Contains(kind.Kind);
        var hasStatus = builtIn ? StatusKinds.Contains(kind.Kind) : type.GetProperty("Status") is not null;
        return new ResourceType(kind.Group, kind.Version, kind.Kind, kind.Plural, namespaced, hasStatus);
    }
}
