using System.Security.Cryptography.X509Certificates;
using Steward.Kube.Webhooks.Certificates;

namespace Steward.Kube.Webhooks.Tests;

public sealed class CertificateTests
{
    [Fact]
    public void Serving_certificate_names_the_service_four_ways_and_chains_to_the_CA()
    {
        var ca = CertificateFactory.CreateCertificateAuthority("steward-ca", TimeSpan.FromDays(10));
        var cert = CertificateFactory.IssueServingCertificate(ca, CertificateFactory.ServiceDnsNames("svc", "ns"), TimeSpan.FromDays(1));

        var san = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["svc", "svc.ns", "svc.ns.svc", "svc.ns.svc.cluster.local"], san.EnumerateDnsNames());
        Assert.Contains(cert.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>(),
            o => o.Value == "1.3.6.1.5.5.7.3.1");
        Assert.False(cert.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.True(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.True(cert.HasPrivateKey);

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(cert));
    }

    [Fact]
    public void PEM_export_loads_back_with_its_key()
    {
        var ca = CertificateFactory.CreateCertificateAuthority("steward-ca", TimeSpan.FromDays(10));
        var again = CertificateFactory.LoadPem(CertificateFactory.CertificatePem(ca), CertificateFactory.PrivateKeyPem(ca));
        Assert.Equal(ca.Thumbprint, again.Thumbprint);
        Assert.True(again.HasPrivateKey);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", CertificateFactory.CertificatePem(ca), StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", CertificateFactory.PrivateKeyPem(ca), StringComparison.Ordinal);
    }

    [Fact]
    public void Renewal_falls_due_at_two_thirds_of_the_lifetime()
    {
        var start = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var ca = CertificateFactory.CreateCertificateAuthority("ca", TimeSpan.FromDays(300), start);
        var cert = CertificateFactory.IssueServingCertificate(ca, ["svc"], TimeSpan.FromDays(90), start);
        var due = CertificateFactory.RenewalTime(cert, 2.0 / 3.0);
        Assert.False(CertificateFactory.IsDueForRenewal(cert, 2.0 / 3.0, due.AddMinutes(-1)));
        Assert.True(CertificateFactory.IsDueForRenewal(cert, 2.0 / 3.0, due));
        Assert.InRange(due, start.AddDays(59), start.AddDays(61));
    }

    [Fact]
    public void A_serving_certificate_never_outlives_its_CA()
    {
        var ca = CertificateFactory.CreateCertificateAuthority("ca", TimeSpan.FromDays(2));
        var cert = CertificateFactory.IssueServingCertificate(ca, ["svc"], TimeSpan.FromDays(90));
        Assert.True(cert.NotAfter <= ca.NotAfter);
    }

    private sealed class SwappableSource(X509Certificate2 first) : ICertificateSource
    {
        public X509Certificate2 Current { get; set; } = first;
    }

    [Fact]
    public async Task A_new_certificate_is_served_from_the_next_connection_without_a_restart()
    {
        var ca = CertificateFactory.CreateCertificateAuthority("ca", TimeSpan.FromDays(1));
        var names = CertificateFactory.ServiceDnsNames(TlsWebhookHost.Service, TlsWebhookHost.Namespace);
        var first = CertificateFactory.IssueServingCertificate(ca, names, TimeSpan.FromHours(1));
        var source = new SwappableSource(first);
        await using var host = await TlsWebhookHost.StartAsync(new WebhookRegistry().AddConversion<WidgetV2>().Spoke<WidgetV1>().Registry(), source, ca);

        await host.PostAsync("/convert", "{}");
        Assert.Equal(first.Thumbprint, host.LastPresented!.Thumbprint);

        var second = CertificateFactory.IssueServingCertificate(ca, names, TimeSpan.FromHours(1));
        source.Current = second;
        await host.PostAsync("/convert", "{}");
        Assert.Equal(second.Thumbprint, host.LastPresented!.Thumbprint);
    }

    [Fact]
    public async Task A_client_that_trusts_another_CA_refuses_the_server()
    {
        await using var host = await TlsWebhookHost.StartAsync(new WebhookRegistry().AddConversion<WidgetV2>().Spoke<WidgetV1>().Registry());
        using var client = host.NewClient(CertificateFactory.CreateCertificateAuthority("stranger", TimeSpan.FromDays(1)));
        using var content = new StringContent("{}");
        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync("/convert", content, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Directory_source_serves_cert_manager_style_files()
    {
        var dir = Directory.CreateTempSubdirectory("steward-certs-");
        try
        {
            var ca = CertificateFactory.CreateCertificateAuthority("ca", TimeSpan.FromDays(1));
            var cert = CertificateFactory.IssueServingCertificate(ca, CertificateFactory.ServiceDnsNames(TlsWebhookHost.Service, TlsWebhookHost.Namespace), TimeSpan.FromHours(1));
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "tls.crt"), CertificateFactory.CertificatePem(cert), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "tls.key"), CertificateFactory.PrivateKeyPem(cert), TestContext.Current.CancellationToken);
            await using var host = await TlsWebhookHost.StartAsync(new WebhookRegistry().AddConversion<WidgetV2>().Spoke<WidgetV1>().Registry(), new DirectoryCertificateSource(dir.FullName), ca);
            await host.PostAsync("/convert", "{}");
            Assert.Equal(cert.Thumbprint, host.LastPresented!.Thumbprint);
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
