using System.Net;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Steward.Kube.Webhooks.Certificates;

namespace Steward.Kube.Webhooks.Hosting;

/// <summary>Where the webhook server's serving certificate comes from.</summary>
public enum WebhookCertificateMode
{
    /// <summary>The manager makes its own CA and certificate, keeps them in a Secret and injects the CA bundle.</summary>
    Bootstrap,

    /// <summary>tls.crt/tls.key are mounted from a Secret someone else (cert-manager) keeps.</summary>
    Directory,
}

/// <summary>How the webhook server of an operator runs; <see cref="FromEnvironment"/> reads what the generated Deployment sets.</summary>
public sealed class WebhookHostingOptions
{
    /// <summary>False when running outside the cluster (<c>steward kube run</c>): the API server could not call us anyway.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The port the webhook server listens on (kubebuilder's 9443).</summary>
    public int Port { get; set; } = 9443;
    /// <summary>The address to bind; all addresses by default.</summary>
    public IPAddress Address { get; set; } = IPAddress.Any;
    /// <summary>Whether the manager bootstraps its own certificates or reads mounted ones.</summary>
    public WebhookCertificateMode CertificateMode { get; set; } = WebhookCertificateMode.Bootstrap;
    /// <summary>Where mounted tls.crt and tls.key are read in <see cref="WebhookCertificateMode.Directory"/> mode.</summary>
    public string CertificateDirectory { get; set; } = "/tmp/k8s-webhook-server/serving-certs";
    /// <summary>The webhook Service, whose DNS names a bootstrapped certificate carries.</summary>
    public string ServiceName { get; set; } = "webhook-service";
    /// <summary>The namespace of the Service and of the certificate Secret.</summary>
    public string Namespace { get; set; } = "default";
    /// <summary>The Secret a bootstrapped certificate is kept in.</summary>
    public string SecretName { get; set; } = "webhook-server-cert";
    /// <summary>MutatingWebhookConfigurations that get a bootstrapped CA bundle.</summary>
    public IList<string> MutatingWebhookConfigurations { get; } = [];
    /// <summary>ValidatingWebhookConfigurations that get a bootstrapped CA bundle.</summary>
    public IList<string> ValidatingWebhookConfigurations { get; } = [];
    /// <summary>CRDs whose conversion webhook gets a bootstrapped CA bundle.</summary>
    public IList<string> CustomResourceDefinitions { get; } = [];

    /// <summary>
    /// ENABLE_WEBHOOKS (false disables), STEWARD_WEBHOOK_PORT, STEWARD_WEBHOOK_CERT_MODE (bootstrap|directory),
    /// STEWARD_WEBHOOK_CERT_DIR, POD_NAMESPACE, STEWARD_WEBHOOK_SERVICE, STEWARD_WEBHOOK_SECRET,
    /// STEWARD_MUTATING_WEBHOOK_CONFIGURATION, STEWARD_VALIDATING_WEBHOOK_CONFIGURATION, STEWARD_CONVERSION_CRDS (comma-separated).
    /// </summary>
    public static WebhookHostingOptions FromEnvironment()
    {
        static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
        var options = new WebhookHostingOptions
        {
            Enabled = !string.Equals(Env("ENABLE_WEBHOOKS"), "false", StringComparison.OrdinalIgnoreCase),
            CertificateMode = string.Equals(Env("STEWARD_WEBHOOK_CERT_MODE"), "directory", StringComparison.OrdinalIgnoreCase)
                ? WebhookCertificateMode.Directory : WebhookCertificateMode.Bootstrap,
        };
        if (Env("STEWARD_WEBHOOK_PORT") is { } port)
        {
            options.Port = int.Parse(port, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (Env("STEWARD_WEBHOOK_CERT_DIR") is { } dir)
        {
            options.CertificateDirectory = dir;
        }

        if (Env("POD_NAMESPACE") is { } ns)
        {
            options.Namespace = ns;
        }

        if (Env("STEWARD_WEBHOOK_SERVICE") is { } svc)
        {
            options.ServiceName = svc;
        }

        if (Env("STEWARD_WEBHOOK_SECRET") is { } secret)
        {
            options.SecretName = secret;
        }

        if (Env("STEWARD_MUTATING_WEBHOOK_CONFIGURATION") is { } m)
        {
            options.MutatingWebhookConfigurations.Add(m);
        }

        if (Env("STEWARD_VALIDATING_WEBHOOK_CONFIGURATION") is { } v)
        {
            options.ValidatingWebhookConfigurations.Add(v);
        }

        foreach (var crd in (Env("STEWARD_CONVERSION_CRDS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            options.CustomResourceDefinitions.Add(crd);
        }

        return options;
    }
}

/// <summary>Registers an operator's webhook server with the generic host.</summary>
public static class WebhookHostingExtensions
{
    /// <summary>
    /// Adds the webhook server as a hosted service, with its certificate source started before it. The
    /// Kubernetes client for the bootstrap is the <see cref="IKubernetes"/> in the container, else the
    /// in-cluster config or the kubeconfig.
    /// </summary>
    public static IServiceCollection AddStewardWebhooks(this IServiceCollection services, Action<WebhookRegistry> register, WebhookHostingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(register);
        options ??= WebhookHostingOptions.FromEnvironment();
        var registry = new WebhookRegistry();
        register(registry);
        services.AddSingleton(registry);
        services.AddSingleton(options);
        if (!options.Enabled)
        {
            return services;
        }

        if (options.CertificateMode == WebhookCertificateMode.Directory)
        {
            services.AddSingleton<ICertificateSource>(_ => new DirectoryCertificateSource(options.CertificateDirectory));
        }
        else
        {
            services.AddSingleton(sp => new CertificateBootstrapper(
                sp.GetService<IKubernetes>() ?? sp.GetService<Kubernetes>() ?? new Kubernetes(KubernetesClientConfiguration.BuildDefaultConfig()),
                new CertificateBootstrapOptions
                {
                    ServiceName = options.ServiceName,
                    Namespace = options.Namespace,
                    SecretName = options.SecretName,
                    MutatingWebhookConfigurations = [.. options.MutatingWebhookConfigurations],
                    ValidatingWebhookConfigurations = [.. options.ValidatingWebhookConfigurations],
                    CustomResourceDefinitions = [.. options.CustomResourceDefinitions],
                }));
            services.AddSingleton(sp => new RotatingCertificateSource(sp.GetRequiredService<CertificateBootstrapper>(), sp.GetService<ILogger<RotatingCertificateSource>>()));
            services.AddSingleton<ICertificateSource>(sp => sp.GetRequiredService<RotatingCertificateSource>());
            // Hosted services start in registration order: certificates first, then the server that presents them.
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<RotatingCertificateSource>());
        }
        services.AddSingleton(sp => new WebhookServer(registry, sp.GetRequiredService<ICertificateSource>(),
            new WebhookServerOptions { Port = options.Port, Address = options.Address }));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<WebhookServer>());
        return services;
    }
}
