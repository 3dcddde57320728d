namespace Steward.Kube;

/// <summary>A Kubernetes group, version and kind; the core group is the empty string.</summary>
/// <param name="Group">The API group, such as "apps" or "oam.crd.fp.net"; empty for the core group.</param>
/// <param name="Version">The API version within the group, such as "v1".</param>
/// <param name="Kind">The kind in PascalCase, such as "Deployment".</param>
public readonly record struct GroupVersionKind(string Group, string Version, string Kind)
{
    /// <summary>"group/version", or just "version" for the core group — the form of an object's apiVersion.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>Reads the kind from the type's [KubernetesEntity], as <see cref="EntityKind.Of"/> does.</summary>
    /// <exception cref="InvalidOperationException">The type carries no such attribute, or it lacks Kind or ApiVersion.</exception>
    public static GroupVersionKind Of(Type type) => EntityKind.Of(type).GroupVersionKind;

    /// <summary>Splits an apiVersion ("group/version" or "version") and pairs it with a kind.</summary>
    public static GroupVersionKind FromApiVersion(string apiVersion, string kind)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new(string.Empty, apiVersion, kind) : new(apiVersion[..slash], apiVersion[(slash + 1)..], kind);
    }

    /// <summary>Formats as apimachinery does: "group/version, Kind=Kind".</summary>
    public override string ToString() => ApiVersion + ", Kind=" + Kind;
}
