using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using k8s.Models;

namespace Steward.Kube;

/// <summary>
/// A kind as the API server serves it: group, version, kind and the plural resource name. This is the one
/// reading of <see cref="KubernetesEntityAttribute"/> that the controller runtime, the webhooks and the CRD
/// generator share, so a kind has the same plural (and so the same REST path and CRD name) in all three.
/// </summary>
/// <param name="Group">The API group; empty for the core group.</param>
/// <param name="Version">The API version within the group, such as "v1".</param>
/// <param name="Kind">The kind in PascalCase, such as "Steward".</param>
/// <param name="Plural">The lower-case plural resource name, such as "stewards".</param>
public sealed record EntityKind(string Group, string Version, string Kind, string Plural)
{
    // Whole words whose English plural is not formed by a suffix; flect (and so kubebuilder) knows them.
    private static readonly Dictionary<string, string> IrregularPlurals = new(StringComparer.Ordinal)
    {
        ["person"] = "people",
        ["man"] = "men",
        ["woman"] = "women",
        ["child"] = "children",
        ["foot"] = "feet",
        ["tooth"] = "teeth",
        ["goose"] = "geese",
        ["mouse"] = "mice",
    };

    /// <summary>"group/version", or just "version" for the core group — the form of an object's apiVersion.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>The group, version and kind without the plural.</summary>
    public GroupVersionKind GroupVersionKind => new(Group, Version, Kind);

    /// <summary>
    /// Reads the kind of <paramref name="type"/> from its [KubernetesEntity]. The plural is the attribute's
    /// PluralName when it is set, otherwise <see cref="Pluralize"/> of the lower-cased kind, as kubebuilder names
    /// resources.
    /// </summary>
    /// <exception cref="InvalidOperationException">The type has no [KubernetesEntity], or it lacks Kind or ApiVersion.</exception>
    public static EntityKind Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var entity = type.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{type.FullName} has no [KubernetesEntity(Group = …, ApiVersion = …, Kind = …)]");
        if (string.IsNullOrEmpty(entity.Kind) || string.IsNullOrEmpty(entity.ApiVersion))
        {
            throw new InvalidOperationException($"{type.FullName}: [KubernetesEntity] needs Kind and ApiVersion");
        }

        var plural = string.IsNullOrEmpty(entity.PluralName) ? Pluralize(entity.Kind.ToLowerInvariant()) : entity.PluralName;
        return new EntityKind(entity.Group ?? string.Empty, entity.ApiVersion, entity.Kind, plural);
    }

    /// <summary>As <see cref="Of"/>, but returns false instead of throwing when the type names no complete kind.</summary>
    public static bool TryOf(Type type, [NotNullWhen(true)] out EntityKind? kind)
    {
        ArgumentNullException.ThrowIfNull(type);
        var entity = type.GetCustomAttribute<KubernetesEntityAttribute>();
        if (entity is null || string.IsNullOrEmpty(entity.Kind) || string.IsNullOrEmpty(entity.ApiVersion))
        {
            kind = null;
            return false;
        }

        kind = Of(type);
        return true;
    }

    /// <summary>
    /// The English plural kubebuilder gives a lower-case kind (it uses flect): a few irregular words by name,
    /// "-es" after s, x, ch and sh, "-ies" for a consonant followed by y, and "-s" otherwise.
    /// </summary>
    public static string Pluralize(string singular)
    {
        ArgumentNullException.ThrowIfNull(singular);
        if (IrregularPlurals.TryGetValue(singular, out var irregular))
        {
            return irregular;
        }

        if (singular.EndsWith('s') || singular.EndsWith('x') || singular.EndsWith("ch", StringComparison.Ordinal) || singular.EndsWith("sh", StringComparison.Ordinal))
        {
            return singular + "es";
        }

        if (singular.EndsWith('y') && singular.Length > 1 && !"aeiou".Contains(singular[^2], StringComparison.Ordinal))
        {
            return singular[..^1] + "ies";
        }

        return singular + "s";
    }
}
