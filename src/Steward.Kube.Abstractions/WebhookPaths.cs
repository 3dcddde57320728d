namespace Steward.Kube;

/// <summary>
/// The URL paths kubebuilder gives webhooks. The webhook server and the generated
/// MutatingWebhookConfiguration/ValidatingWebhookConfiguration both take them from here, so they agree.
/// </summary>
public static class WebhookPaths
{
    /// <summary>The one path every conversion webhook is served on.</summary>
    public const string Convert = "/convert";

    /// <summary>"/mutate-&lt;group with dots as dashes&gt;-&lt;version&gt;-&lt;kind lower-case&gt;".</summary>
    public static string Mutate(GroupVersionKind gvk) => "/mutate-" + Suffix(gvk);

    /// <summary>"/validate-&lt;group with dots as dashes&gt;-&lt;version&gt;-&lt;kind lower-case&gt;".</summary>
    public static string Validate(GroupVersionKind gvk) => "/validate-" + Suffix(gvk);

    private static string Suffix(GroupVersionKind gvk) =>
        gvk.Group.Replace('.', '-') + "-" + gvk.Version + "-" + gvk.Kind.ToLowerInvariant();
}
