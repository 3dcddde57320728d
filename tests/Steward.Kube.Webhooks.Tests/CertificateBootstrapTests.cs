using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Models;
using Steward.Kube.Webhooks.Certificates;

namespace Steward.Kube.Webhooks.Tests;

/// <summary>The bootstrap against the Kubernetes API server double of the Steward tree, through the real KubernetesClient.</summary>
public sealed class CertificateBootstrapTests : IAsyncLifetime
{
    private const string Crd = "widgets.test.crd.fp.net";
    private global::Steward.Kube.TestApiServer.TestApiServer _server = null!;
    private Kubernetes _client = null!;

    /// <summary>A clock that can be moved, so a certificate can be made "old" without waiting.</summary>
    private sealed class ShiftedTime : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
    }

    public async ValueTask InitializeAsync()
    {
        _server = await global::Steward.Kube.TestApiServer.TestApiServer.StartAsync();
        _client = new Kubernetes(new KubernetesClientConfiguration { Host = _server.BaseUri.ToString() });
        var ct = TestContext.Current.CancellationToken;
        var service = new Admissionregistrationv1ServiceReference { Name = TlsWebhookHost.Service, NamespaceProperty = TlsWebhookHost.Namespace, Path = "/mutate-test-crd-fp-net-v1-widget" };
        await _client.AdmissionregistrationV1.CreateMutatingWebhookConfigurationAsync(new V1MutatingWebhookConfiguration
        {
            ApiVersion = "admissionregistration.k8s.io/v1",
            Kind = "MutatingWebhookConfiguration",
            Metadata = new V1ObjectMeta { Name = "mutating" },
            Webhooks = [new V1MutatingWebhook { Name = "mwidget-v1.kb.io", AdmissionReviewVersions = ["v1"], SideEffects = "None", ClientConfig = new() { Service = service } }],
        }, cancellationToken: ct);
        await _client.AdmissionregistrationV1.CreateValidatingWebhookConfigurationAsync(new V1ValidatingWebhookConfiguration
        {
            ApiVersion = "admissionregistration.k8s.io/v1",
            Kind = "ValidatingWebhookConfiguration",
            Metadata = new V1ObjectMeta { Name = "validating" },
            Webhooks =
            [
                new V1ValidatingWebhook { Name = "vwidget-v1.kb.io", AdmissionReviewVersions = ["v1"], SideEffects = "None", ClientConfig = new() { Service = service } },
                new V1ValidatingWebhook { Name = "vwidget-v2.kb.io", AdmissionReviewVersions = ["v1"], SideEffects = "None", ClientConfig = new() { Service = service } },
            ],
        }, cancellationToken: ct);
        await _client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(new V1CustomResourceDefinition
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = new V1ObjectMeta { Name = Crd },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = "test.crd.fp.net",
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames { Kind = "Widget", Plural = "widgets", Singular = "widget", ListKind = "WidgetList" },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion { Name = "v1", Served = true, Storage = false, Schema = new() { OpenAPIV3Schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true } } },
                    new V1CustomResourceDefinitionVersion { Name = "v2", Served = true, Storage = true, Schema = new() { OpenAPIV3Schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true } } },
                ],
                Conversion = new V1CustomResourceConversion
                {
                    Strategy = "Webhook",
                    Webhook = new V1WebhookConversion
                    {
                        ConversionReviewVersions = ["v1"],
                        ClientConfig = new Apiextensionsv1WebhookClientConfig { Service = new Apiextensionsv1ServiceReference { Name = TlsWebhookHost.Service, NamespaceProperty = TlsWebhookHost.Namespace, Path = "/convert" } },
                    },
                },
            },
        }, cancellationToken: ct);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private CertificateBootstrapper Bootstrapper(TimeProvider? time = null) => new(_client, new CertificateBootstrapOptions
    {
        ServiceName = TlsWebhookHost.Service,
        Namespace = TlsWebhookHost.Namespace,
        MutatingWebhookConfigurations = ["mutating"],
        ValidatingWebhookConfigurations = ["validating", "not-installed-yet"],
        CustomResourceDefinitions = [Crd],
        ServingCertificateLifetime = TimeSpan.FromDays(90),
        TimeProvider = time ?? TimeProvider.System,
    });

    private Task<V1Secret> SecretAsync() =>
        _client.CoreV1.ReadNamespacedSecretAsync("webhook-server-cert", TlsWebhookHost.Namespace, cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task Bootstrap_stores_the_certificates_in_a_TLS_Secret_and_injects_the_CA_everywhere()
    {
        var bundle = await Bootstrapper().EnsureAsync(TestContext.Current.CancellationToken);

        var secret = await SecretAsync();
        Assert.Equal("kubernetes.io/tls", secret.Type);
        Assert.Equal(["ca.crt", "ca.key", "tls.crt", "tls.key"], secret.Data.Keys.Order(StringComparer.Ordinal));
        var served = CertificateFactory.LoadPem(Encoding.UTF8.GetString(secret.Data["tls.crt"]), Encoding.UTF8.GetString(secret.Data["tls.key"]));
        Assert.Equal(bundle.ServingCertificate.Thumbprint, served.Thumbprint);
        Assert.Equal(CertificateFactory.ServiceDnsNames(TlsWebhookHost.Service, TlsWebhookHost.Namespace),
            served.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());

        byte[] caBundle = secret.Data["ca.crt"];
        var mutating = await _client.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync("mutating", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(caBundle, mutating.Webhooks.Single().ClientConfig.CaBundle);
        var validating = await _client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync("validating", cancellationToken: TestContext.Current.CancellationToken);
        Assert.All(validating.Webhooks, w => Assert.Equal(caBundle, w.ClientConfig.CaBundle));
        var crd = await _client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(Crd, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(caBundle, crd.Spec.Conversion.Webhook.ClientConfig.CaBundle);

        // What was injected is what a client must trust: the server with the bootstrapped certificate is reachable with it.
        var trusted = CertificateFactory.LoadPemBundle(Encoding.UTF8.GetString(caBundle))[0];
        await using var host = await TlsWebhookHost.StartAsync(new WebhookRegistry().AddConversion<WidgetV2>().Spoke<WidgetV1>().Registry(), new StaticCertificateSource(bundle.ServingCertificate), trusted);
        var (status, _) = await host.PostAsync("/convert", "{}");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task A_second_replica_reuses_the_Secret_without_writing_it()
    {
        var first = await Bootstrapper().EnsureAsync(TestContext.Current.CancellationToken);
        string version = (await SecretAsync()).Metadata.ResourceVersion;
        var second = await Bootstrapper().EnsureAsync(TestContext.Current.CancellationToken);
        Assert.Equal(first.ServingCertificate.Thumbprint, second.ServingCertificate.Thumbprint);
        Assert.Equal(version, (await SecretAsync()).Metadata.ResourceVersion);
    }

    [Fact]
    public async Task A_damaged_Secret_is_replaced_with_fresh_certificates()
    {
        await _client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta { Name = "webhook-server-cert", NamespaceProperty = TlsWebhookHost.Namespace },
            Data = new Dictionary<string, byte[]> { ["tls.crt"] = "garbage"u8.ToArray(), ["tls.key"] = [1, 2, 3], ["ca.crt"] = [], ["ca.key"] = [] },
        }, TlsWebhookHost.Namespace, cancellationToken: TestContext.Current.CancellationToken);
        var bundle = await Bootstrapper().EnsureAsync(TestContext.Current.CancellationToken);
        var secret = await SecretAsync();
        Assert.Equal(CertificateFactory.CertificatePem(bundle.ServingCertificate), Encoding.UTF8.GetString(secret.Data["tls.crt"]));
    }

    [Fact]
    public async Task Rotation_at_two_thirds_of_the_lifetime_keeps_the_CA_and_is_served_without_a_restart()
    {
        // Issue as if 61 days ago: a 90-day certificate is then past two thirds of its life.
        var time = new ShiftedTime { Shift = TimeSpan.FromDays(-61) };
        using var source = new RotatingCertificateSource(Bootstrapper(time));
        await source.StartAsync(TestContext.Current.CancellationToken);
        var old = source.Current;
        var ca = source.Bundle!.CertificateAuthority;
        await using var host = await TlsWebhookHost.StartAsync(new WebhookRegistry().AddConversion<WidgetV2>().Spoke<WidgetV1>().Registry(), source, ca);
        await host.PostAsync("/convert", "{}");
        Assert.Equal(old.Thumbprint, host.LastPresented!.Thumbprint);

        Assert.False(await source.RenewIfDueAsync(TestContext.Current.CancellationToken), "not yet due in the shifted past");
        time.Shift = TimeSpan.Zero;
        Assert.True(await source.RenewIfDueAsync(TestContext.Current.CancellationToken));
        Assert.NotEqual(old.Thumbprint, source.Current.Thumbprint);
        Assert.Equal(ca.Thumbprint, source.Bundle!.CertificateAuthority.Thumbprint);
        Assert.Equal(CertificateFactory.CertificatePem(source.Current), Encoding.UTF8.GetString((await SecretAsync()).Data["tls.crt"]));

        await host.PostAsync("/convert", "{}");
        Assert.Equal(source.Current.Thumbprint, host.LastPresented!.Thumbprint);
        await source.StopAsync(TestContext.Current.CancellationToken);
    }
}
