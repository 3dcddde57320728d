using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Steward.Kube.Webhooks.Certificates;

/// <summary>Where the webhook's certificates live and who must trust them.</summary>
public sealed class CertificateBootstrapOptions
{
    /// <summary>The Service in front of the webhook server; its DNS names go into the serving certificate.</summary>
    public required string ServiceName { get; init; }

    /// <summary>The namespace of the Service and of the Secret.</summary>
    public required string Namespace { get; init; }

    /// <summary>The Secret holding tls.crt, tls.key, ca.crt (and ca.key, so renewals keep the same CA).</summary>
    public string SecretName { get; init; } = "webhook-server-cert";

    /// <summary>MutatingWebhookConfigurations whose clientConfig gets the CA bundle.</summary>
    public IReadOnlyList<string> MutatingWebhookConfigurations { get; init; } = [];
    /// <summary>ValidatingWebhookConfigurations whose clientConfig gets the CA bundle.</summary>
    public IReadOnlyList<string> ValidatingWebhookConfigurations { get; init; } = [];

    /// <summary>CRDs whose spec.conversion.webhook.clientConfig gets the CA bundle.</summary>
    public IReadOnlyList<string> CustomResourceDefinitions { get; init; } = [];

    /// <summary>How long a newly made CA is valid (ten years by default).</summary>
    public TimeSpan CertificateAuthorityLifetime { get; init; } = TimeSpan.FromDays(3650);
    /// <summary>How long a newly made serving certificate is valid (90 days by default).</summary>
    public TimeSpan ServingCertificateLifetime { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Share of a certificate's lifetime after which it is replaced (2/3, as cert-manager does by default).</summary>
    public double RenewalFraction { get; init; } = 2.0 / 3.0;

    /// <summary>The clock for validity and renewal decisions; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

/// <summary>The certificates in force: the serving certificate (with key) and the PEM bundle clients must trust.</summary>
public sealed record CertificateBundle(X509Certificate2 ServingCertificate, X509Certificate2 CertificateAuthority, string CaBundlePem);

/// <summary>
/// Creates or reuses the webhook's CA and serving certificate in a Secret, renews them when due and
/// writes the CA bundle into the webhook configurations and CRD conversion sections that call the server.
/// Safe to run from several replicas at once: every write carries a resourceVersion, and a conflict re-reads.
/// </summary>
public sealed class CertificateBootstrapper(IKubernetes client, CertificateBootstrapOptions options)
{
    private const int MaxConflictRetries = 8;

    /// <summary>The options this bootstrapper was created with.</summary>
    public CertificateBootstrapOptions Options { get; } = options;

    /// <summary>Makes sure a valid, not-yet-due certificate is in the Secret and its CA is injected everywhere.</summary>
    public async Task<CertificateBundle> EnsureAsync(CancellationToken cancellationToken = default)
    {
        var bundle = await EnsureSecretAsync(cancellationToken).ConfigureAwait(false);
        await InjectCaBundleAsync(Encoding.UTF8.GetBytes(bundle.CaBundlePem), cancellationToken).ConfigureAwait(false);
        return bundle;
    }

    private async Task<CertificateBundle> EnsureSecretAsync(CancellationToken cancellationToken)
    {
        var dnsNames = CertificateFactory.ServiceDnsNames(Options.ServiceName, Options.Namespace);
        for (int attempt = 0; ; attempt++)
        {
            var now = Options.TimeProvider.GetUtcNow();
            var secret = await ReadOrNullAsync(() => client.CoreV1.ReadNamespacedSecretAsync(Options.SecretName, Options.Namespace, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var existing = secret is null ? null : TryLoad(secret);
            if (existing is not null && IsUsable(existing, dnsNames, now))
            {
                return existing;
            }

            var ca = existing?.CertificateAuthority is { HasPrivateKey: true } oldCa && !CertificateFactory.IsDueForRenewal(oldCa, Options.RenewalFraction, now)
                ? oldCa
                : CertificateFactory.CreateCertificateAuthority(Options.ServiceName + "-ca", Options.CertificateAuthorityLifetime, now);
            var serving = CertificateFactory.IssueServingCertificate(ca, dnsNames, Options.ServingCertificateLifetime, now);
            // While a new CA takes over, clients holding the old bundle must still trust what is served: keep both.
            string caBundle = CertificateFactory.CertificatePem(ca);
            if (existing is not null && !ReferenceEquals(ca, existing.CertificateAuthority) && existing.CertificateAuthority.NotAfter.ToUniversalTime() > now.UtcDateTime)
            {
                caBundle += CertificateFactory.CertificatePem(existing.CertificateAuthority);
            }

            var data = new Dictionary<string, byte[]>
            {
                ["tls.crt"] = Encoding.UTF8.GetBytes(CertificateFactory.CertificatePem(serving)),
                ["tls.key"] = Encoding.UTF8.GetBytes(CertificateFactory.PrivateKeyPem(serving)),
                ["ca.crt"] = Encoding.UTF8.GetBytes(caBundle),
                ["ca.key"] = Encoding.UTF8.GetBytes(CertificateFactory.PrivateKeyPem(ca)),
            };
            try
            {
                if (secret is null)
                {
                    await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
                    {
                        ApiVersion = "v1",
                        Kind = "Secret",
                        Metadata = new V1ObjectMeta { Name = Options.SecretName, NamespaceProperty = Options.Namespace },
                        Type = "kubernetes.io/tls",
                        Data = data,
                    }, Options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    secret.Data = data;
                    secret.Type ??= "kubernetes.io/tls";
                    await client.CoreV1.ReplaceNamespacedSecretAsync(secret, Options.SecretName, Options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                return new CertificateBundle(serving, ca, caBundle);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Conflict && attempt < MaxConflictRetries)
            {
                // Another replica wrote first (create raced, or a stale resourceVersion): take what it wrote.
            }
        }
    }

    private bool IsUsable(CertificateBundle bundle, IReadOnlyList<string> dnsNames, DateTimeOffset now)
    {
        if (CertificateFactory.IsDueForRenewal(bundle.ServingCertificate, Options.RenewalFraction, now))
        {
            return false;
        }

        if (CertificateFactory.IsDueForRenewal(bundle.CertificateAuthority, Options.RenewalFraction, now))
        {
            return false;
        }

        if (!bundle.CertificateAuthority.HasPrivateKey)
        {
            return false;
        }

        var san = bundle.ServingCertificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (san is null)
        {
            return false;
        }

        var names = san.EnumerateDnsNames().ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!dnsNames.All(names.Contains))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(bundle.CertificateAuthority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        return chain.Build(bundle.ServingCertificate);
    }

    private static CertificateBundle? TryLoad(V1Secret secret)
    {
        if (secret.Data is null)
        {
            return null;
        }

        if (!secret.Data.TryGetValue("tls.crt", out var crt) || !secret.Data.TryGetValue("tls.key", out var key)
            || !secret.Data.TryGetValue("ca.crt", out var caCrt) || !secret.Data.TryGetValue("ca.key", out var caKey))
        {
            return null;
        }

        try
        {
            var serving = CertificateFactory.LoadPem(Encoding.UTF8.GetString(crt), Encoding.UTF8.GetString(key));
            string bundle = Encoding.UTF8.GetString(caCrt);
            // ca.crt may hold the old CA after the new one; the signing CA is the one whose key is ca.key.
            var ca = CertificateFactory.LoadPem(bundle, Encoding.UTF8.GetString(caKey));
            return new CertificateBundle(serving, ca, bundle);
        }
        catch (CryptographicException)
        {
            return null; // damaged or foreign content: issue afresh
        }
    }

    /// <summary>Writes <paramref name="caBundle"/> into every configured webhook configuration and CRD; absent ones are skipped.</summary>
    public async Task InjectCaBundleAsync(byte[] caBundle, CancellationToken cancellationToken = default)
    {
        foreach (var name in Options.MutatingWebhookConfigurations)
        {
            await UpdateWithRetryAsync(
                () => client.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(name, cancellationToken: cancellationToken),
                config =>
                {
                    bool changed = false;
                    foreach (var hook in config.Webhooks ?? [])
                    {
                        changed |= SetBundle(hook.ClientConfig ??= new(), caBundle);
                    }

                    return changed;
                },
                config => client.AdmissionregistrationV1.ReplaceMutatingWebhookConfigurationAsync(config, name, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        foreach (var name in Options.ValidatingWebhookConfigurations)
        {
            await UpdateWithRetryAsync(
                () => client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(name, cancellationToken: cancellationToken),
                config =>
                {
                    bool changed = false;
                    foreach (var hook in config.Webhooks ?? [])
                    {
                        changed |= SetBundle(hook.ClientConfig ??= new(), caBundle);
                    }

                    return changed;
                },
                config => client.AdmissionregistrationV1.ReplaceValidatingWebhookConfigurationAsync(config, name, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        foreach (var name in Options.CustomResourceDefinitions)
        {
            await UpdateWithRetryAsync(
                () => client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name, cancellationToken: cancellationToken),
                crd =>
                {
                    if (crd.Spec?.Conversion?.Webhook is not { } webhook)
                    {
                        return false;
                    }

                    webhook.ClientConfig ??= new Apiextensionsv1WebhookClientConfig();
                    if (webhook.ClientConfig.CaBundle is { } old && old.AsSpan().SequenceEqual(caBundle))
                    {
                        return false;
                    }

                    webhook.ClientConfig.CaBundle = caBundle;
                    return true;
                },
                crd => client.ApiextensionsV1.ReplaceCustomResourceDefinitionAsync(crd, name, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    private static bool SetBundle(Admissionregistrationv1WebhookClientConfig config, byte[] caBundle)
    {
        if (config.CaBundle is { } old && old.AsSpan().SequenceEqual(caBundle))
        {
            return false;
        }

        config.CaBundle = caBundle;
        return true;
    }

    private static async Task UpdateWithRetryAsync<T>(Func<Task<T>> read, Func<T, bool> change, Func<T, Task<T>> replace) where T : class
    {
        for (int attempt = 0; ; attempt++)
        {
            var current = await ReadOrNullAsync(read).ConfigureAwait(false);
            if (current is null || !change(current))
            {
                return;
            }

            try
            {
                await replace(current).ConfigureAwait(false);
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Conflict && attempt < MaxConflictRetries)
            {
            }
        }
    }

    private static async Task<T?> ReadOrNullAsync<T>(Func<Task<T>> read) where T : class
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
