using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using k8s.Models;

namespace Steward.Kube.Crd.Schema;

/// <summary>Where the conversion webhook is reached, for CRDs whose versions are converted by one.</summary>
public sealed record WebhookServiceReference(string Name, string Namespace, int Port = 443);

/// <summary>Reads kinds for the generators: the shared [KubernetesEntity] reading, failures as generation errors.</summary>
internal static class KindReader
{
    public static EntityKind Read(Type type)
    {
        try
        {
            return EntityKind.Of(type);
        }
        catch (InvalidOperationException e)
        {
            throw new CrdGenerationException(e.Message);
        }
    }

    public static ResourceScope ScopeOf(Type type) => type.GetCustomAttribute<ScopeAttribute>()?.Scope ?? ResourceScope.Namespaced;
}

/// <summary>C# resource types → apiextensions.k8s.io/v1 CustomResourceDefinitions, one per group and kind.</summary>
[RequiresUnreferencedCode("Reads public properties and attributes of the resource types by reflection; run it at tool time.")]
public static class CrdGenerator
{
    /// <summary>
    /// Groups <paramref name="resourceTypes"/> by group and kind; each type is one version of its kind.
    /// <paramref name="conversionService"/> is required when a kind is marked [ConversionWebhook].
    /// </summary>
    public static IReadOnlyList<V1CustomResourceDefinition> Generate(IEnumerable<Type> resourceTypes, WebhookServiceReference? conversionService = null)
    {
        ArgumentNullException.ThrowIfNull(resourceTypes);
        var result = new List<V1CustomResourceDefinition>();
        foreach (var kind in resourceTypes.Select(t => (Type: t, Info: KindReader.Read(t)))
                     .GroupBy(x => (x.Info.Group, x.Info.Kind))
                     .OrderBy(g => g.Key.Group, StringComparer.Ordinal).ThenBy(g => g.Key.Kind, StringComparer.Ordinal))
        {
            result.Add(ForKind(kind.ToList(), conversionService));
        }
        return result;
    }

    private static V1CustomResourceDefinition ForKind(List<(Type Type, EntityKind Info)> versions, WebhookServiceReference? conversionService)
    {
        var first = versions[0].Info;
        if (versions.Select(v => v.Info.Plural).Distinct().Count() > 1 || versions.Select(v => KindReader.ScopeOf(v.Type)).Distinct().Count() > 1)
        {
            throw new CrdGenerationException($"{first.Group} {first.Kind}: every version must have the same plural and scope");
        }

        var duplicate = versions.GroupBy(v => v.Info.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new CrdGenerationException($"{first.Group} {first.Kind}: version {duplicate.Key} is declared by {string.Join(" and ", duplicate.Select(d => d.Type.Name))}");
        }

        var storage = versions.Where(v => v.Type.GetCustomAttribute<StorageVersionAttribute>() is not null).ToList();
        if (versions.Count > 1 && storage.Count != 1)
        {
            throw new CrdGenerationException($"{first.Group} {first.Kind} has {versions.Count} versions; mark exactly one with [StorageVersion] (found {storage.Count})");
        }

        var storageVersion = storage.Count == 1 ? storage[0].Info.Version : first.Version;

        var crdVersions = new List<V1CustomResourceDefinitionVersion>();
        foreach (var (type, info) in versions.OrderBy(v => v.Info.Version, StringComparer.Ordinal))
        {
            var version = new V1CustomResourceDefinitionVersion
            {
                Name = info.Version,
                Served = type.GetCustomAttribute<UnservedVersionAttribute>() is null,
                Storage = info.Version == storageVersion,
                Schema = new V1CustomResourceValidation { OpenAPIV3Schema = new SchemaGenerator().ForResource(type) },
            };
            if (type.GetCustomAttribute<DeprecatedVersionAttribute>() is { } deprecated)
            {
                version.Deprecated = true;
                version.DeprecationWarning = deprecated.Warning;
            }
            version.Schema.OpenAPIV3Schema.Description ??= type.GetCustomAttribute<DescriptionAttribute>()?.Description;
            var columns = type.GetCustomAttributes<PrintColumnAttribute>().Select(c => new V1CustomResourceColumnDefinition
            {
                Name = c.Name,
                JsonPath = c.JsonPath,
                Type = c.Type,
                Format = c.Format,
                Description = c.Description,
                Priority = c.Priority == 0 ? null : c.Priority,
            }).ToList();
            if (columns.Count > 0)
            {
                version.AdditionalPrinterColumns = columns;
            }

            var status = type.GetCustomAttribute<StatusSubresourceAttribute>();
            var scale = type.GetCustomAttribute<ScaleSubresourceAttribute>();
            if (status is not null || scale is not null)
            {
                version.Subresources = new V1CustomResourceSubresources
                {
                    Status = status is null ? null : new object(),
                    Scale = scale is null ? null : new V1CustomResourceSubresourceScale
                    {
                        SpecReplicasPath = scale.SpecReplicasPath,
                        StatusReplicasPath = scale.StatusReplicasPath,
                        LabelSelectorPath = scale.LabelSelectorPath,
                    },
                };
            }
            crdVersions.Add(version);
        }

        var types = versions.Select(v => v.Type).ToList();
        var shortNames = types.SelectMany(t => t.GetCustomAttributes<ShortNameAttribute>()).Select(a => a.Name).Distinct().ToList();
        var categories = types.SelectMany(t => t.GetCustomAttributes<CategoriesAttribute>()).SelectMany(a => a.Names).Distinct().ToList();
        var crd = new V1CustomResourceDefinition
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = new V1ObjectMeta { Name = first.Plural + "." + first.Group },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = first.Group,
                Names = new V1CustomResourceDefinitionNames
                {
                    Kind = first.Kind,
                    ListKind = first.Kind + "List",
                    Plural = first.Plural,
                    Singular = first.Kind.ToLowerInvariant(),
                    ShortNames = shortNames.Count > 0 ? shortNames : null,
                    Categories = categories.Count > 0 ? categories : null,
                },
                Scope = KindReader.ScopeOf(versions[0].Type).ToString(),
                Versions = crdVersions,
            },
        };
        if (types.Any(t => t.GetCustomAttribute<ConversionWebhookAttribute>() is not null))
        {
            if (conversionService is null)
            {
                throw new CrdGenerationException($"{first.Group} {first.Kind} is marked [ConversionWebhook]: say which Service serves /convert");
            }

            crd.Spec.Conversion = new V1CustomResourceConversion
            {
                Strategy = "Webhook",
                Webhook = new V1WebhookConversion
                {
                    ConversionReviewVersions = ["v1"],
                    ClientConfig = new Apiextensionsv1WebhookClientConfig
                    {
                        Service = new Apiextensionsv1ServiceReference
                        {
                            Name = conversionService.Name,
                            NamespaceProperty = conversionService.Namespace,
                            Path = "/convert",
                            Port = conversionService.Port,
                        },
                    },
                },
            };
        }
        return crd;
    }
}
