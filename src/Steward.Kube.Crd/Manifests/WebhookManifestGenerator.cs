using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using k8s.Models;
using Steward.Kube.Crd.Schema;

namespace Steward.Kube.Crd.Manifests;

/// <summary>[Webhook] markers → a MutatingWebhookConfiguration and a ValidatingWebhookConfiguration.</summary>
public static class WebhookManifestGenerator
{
    /// <summary>
    /// kubebuilder's path: /mutate-&lt;group, dots as dashes&gt;-&lt;version&gt;-&lt;kind lower-case&gt; (or /validate-…);
    /// the webhook server takes its paths from the same <see cref="WebhookPaths"/>.
    /// </summary>
    public static string PathFor(GroupVersionKind kind, WebhookType type) =>
        type == WebhookType.Defaulting ? WebhookPaths.Mutate(kind) : WebhookPaths.Validate(kind);

    /// <summary>The [Webhook] markers on <paramref name="types"/>.</summary>
    [RequiresUnreferencedCode("Reads attributes by reflection.")]
    public static IReadOnlyList<WebhookAttribute> Collect(IEnumerable<Type> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        return types.SelectMany(t => t.GetCustomAttributes<WebhookAttribute>()).ToList();
    }

    /// <summary>The two configurations; either is null when no marker asks for it.</summary>
    [RequiresUnreferencedCode("Reads attributes by reflection.")]
    public static (V1MutatingWebhookConfiguration? Mutating, V1ValidatingWebhookConfiguration? Validating) Generate(
        IEnumerable<WebhookAttribute> markers, WebhookServiceReference service, string mutatingName, string validatingName)
    {
        ArgumentNullException.ThrowIfNull(markers);
        ArgumentNullException.ThrowIfNull(service);
        var mutating = new List<V1MutatingWebhook>();
        var validating = new List<V1ValidatingWebhook>();
        foreach (var marker in markers.OrderBy(m => KindReader.Read(m.ResourceType).Kind, StringComparer.Ordinal).ThenBy(m => m.Type))
        {
            var kind = KindReader.Read(marker.ResourceType);
            var clientConfig = new Admissionregistrationv1WebhookClientConfig
            {
                Service = new Admissionregistrationv1ServiceReference
                {
                    Name = service.Name,
                    NamespaceProperty = service.Namespace,
                    Path = PathFor(kind.GroupVersionKind, marker.Type),
                    Port = service.Port,
                },
            };
            var rules = new List<V1RuleWithOperations>
            {
                new()
                {
                    ApiGroups = [kind.Group],
                    ApiVersions = [kind.Version],
                    Operations = marker.Verbs.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(v => v.ToUpperInvariant()).ToList(),
                    Resources = [kind.Plural],
                },
            };
            string name = marker.Name ?? (marker.Type == WebhookType.Defaulting ? "m" : "v") + kind.Kind.ToLowerInvariant() + "-" + kind.Version + ".kb.io";
            if (name.Split('.').Length < 3)
            {
                throw new CrdGenerationException($"webhook name \"{name}\" must have at least three dot-separated parts");
            }

            if (marker.Type == WebhookType.Defaulting)
            {
                mutating.Add(new V1MutatingWebhook
                {
                    Name = name,
                    AdmissionReviewVersions = ["v1"],
                    ClientConfig = clientConfig,
                    FailurePolicy = marker.FailurePolicy,
                    SideEffects = marker.SideEffects,
                    TimeoutSeconds = marker.TimeoutSeconds,
                    Rules = rules,
                });
            }
            else
            {
                validating.Add(new V1ValidatingWebhook
                {
                    Name = name,
                    AdmissionReviewVersions = ["v1"],
                    ClientConfig = clientConfig,
                    FailurePolicy = marker.FailurePolicy,
                    SideEffects = marker.SideEffects,
                    TimeoutSeconds = marker.TimeoutSeconds,
                    Rules = rules,
                });
            }
        }
        return (
            mutating.Count == 0 ? null : new V1MutatingWebhookConfiguration
            {
                ApiVersion = "admissionregistration.k8s.io/v1",
                Kind = "MutatingWebhookConfiguration",
                Metadata = new V1ObjectMeta { Name = mutatingName },
                Webhooks = mutating,
            },
            validating.Count == 0 ? null : new V1ValidatingWebhookConfiguration
            {
                ApiVersion = "admissionregistration.k8s.io/v1",
                Kind = "ValidatingWebhookConfiguration",
                Metadata = new V1ObjectMeta { Name = validatingName },
                Webhooks = validating,
            });
    }
}
