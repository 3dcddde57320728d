using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using k8s.Models;

namespace Steward.Kube.Crd.Manifests;

/// <summary>[Rbac] markers → a ClusterRole (rules without a namespace) and one Role per namespace, as controller-gen does.</summary>
public static class RbacGenerator
{
    /// <summary>The [Rbac] markers on <paramref name="types"/> and on <paramref name="assemblies"/>, in that order.</summary>
    [RequiresUnreferencedCode("Reads attributes by reflection.")]
    public static IReadOnlyList<RbacAttribute> Collect(IEnumerable<Type> types, IEnumerable<Assembly>? assemblies = null)
    {
        ArgumentNullException.ThrowIfNull(types);
        return types.SelectMany(t => t.GetCustomAttributes<RbacAttribute>())
            .Concat((assemblies ?? []).SelectMany(a => a.GetCustomAttributes<RbacAttribute>()))
            .ToList();
    }

    /// <summary>
    /// Rules with the same groups, resources and names are merged and their verbs united, everything sorted,
    /// so the output does not depend on the order markers were found in.
    /// </summary>
    public static (V1ClusterRole ClusterRole, IReadOnlyList<V1Role> Roles) Generate(IEnumerable<RbacAttribute> markers, string clusterRoleName, string roleName)
    {
        ArgumentNullException.ThrowIfNull(markers);
        var list = markers.ToList();
        var clusterRole = new V1ClusterRole
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "ClusterRole",
            Metadata = new V1ObjectMeta { Name = clusterRoleName },
            Rules = Merge(list.Where(m => m.Namespace is null)),
        };
        var roles = list.Where(m => m.Namespace is not null).GroupBy(m => m.Namespace!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new V1Role
            {
                ApiVersion = "rbac.authorization.k8s.io/v1",
                Kind = "Role",
                Metadata = new V1ObjectMeta { Name = roleName, NamespaceProperty = g.Key },
                Rules = Merge(g),
            }).ToList();
        return (clusterRole, roles);
    }

    private static List<V1PolicyRule> Merge(IEnumerable<RbacAttribute> markers)
    {
        var rules = new SortedDictionary<string, (List<string>? Groups, List<string>? Resources, List<string>? Names, List<string>? Urls, SortedSet<string> Verbs)>(StringComparer.Ordinal);
        foreach (var m in markers)
        {
            var groups = Split(m.Groups, keepEmpty: true);
            var resources = Split(m.Resources);
            var names = Split(m.ResourceNames);
            var urls = Split(m.Urls);
            var verbs = Split(m.Verbs) ?? throw new Schema.CrdGenerationException("[Rbac] without verbs");
            if (resources is null && urls is null)
            {
                throw new Schema.CrdGenerationException("[Rbac] needs Resources or Urls");
            }

            string key = string.Join("|", Join(groups), Join(resources), Join(names), Join(urls));
            if (!rules.TryGetValue(key, out var rule))
            {
                rules[key] = rule = (urls is null ? groups ?? [""] : null, resources, names, urls, new SortedSet<string>(StringComparer.Ordinal));
            }

            rule.Verbs.UnionWith(verbs);
        }
        return rules.Values.Select(r => new V1PolicyRule
        {
            ApiGroups = r.Groups,
            Resources = r.Resources,
            ResourceNames = r.Names,
            NonResourceURLs = r.Urls,
            Verbs = r.Verbs.ToList(),
        }).ToList();
    }

    private static string Join(List<string>? items) => items is null ? "" : string.Join(",", items);

    private static List<string>? Split(string? value, bool keepEmpty = false)
    {
        if (value is null)
        {
            return null;
        }

        var parts = value.Split(';', StringSplitOptions.TrimEntries).Where(p => keepEmpty || p.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        return parts.Count == 0 ? null : parts;
    }
}
