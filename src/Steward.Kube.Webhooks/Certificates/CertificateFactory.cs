using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Steward.Kube.Webhooks.Certificates;

/// <summary>Self-signed CAs and the serving certificates they sign, as the API server needs them to call a webhook.</summary>
public static class CertificateFactory
{
    /// <summary>Backdating guards against clocks a little behind ours on the API server.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The four names a Service is reached by inside the cluster.</summary>
    public static IReadOnlyList<string> ServiceDnsNames(string service, string @namespace) =>
    [
        service,
        $"{service}.{@namespace}",
        $"{service}.{@namespace}.svc",
        $"{service}.{@namespace}.svc.cluster.local",
    ];

    /// <summary>A self-signed CA (ECDSA P-256) that may only sign certificates.</summary>
    public static X509Certificate2 CreateCertificateAuthority(string commonName, TimeSpan lifetime, DateTimeOffset? now = null)
    {
        var start = (now ?? DateTimeOffset.UtcNow) - ClockSkew;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + commonName), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var cert = request.CreateSelfSigned(start, start + lifetime + ClockSkew);
        return Reload(cert);
    }

    /// <summary>A server certificate for <paramref name="dnsNames"/> signed by <paramref name="ca"/> (which must hold its private key).</summary>
    public static X509Certificate2 IssueServingCertificate(X509Certificate2 ca, IReadOnlyList<string> dnsNames, TimeSpan lifetime, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(dnsNames);
        if (dnsNames.Count == 0)
        {
            throw new ArgumentException("a serving certificate needs at least one DNS name", nameof(dnsNames));
        }

        var start = (now ?? DateTimeOffset.UtcNow) - ClockSkew;
        var end = start + lifetime + ClockSkew;
        if (end > ca.NotAfter)
        {
            end = ca.NotAfter;
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + dnsNames[0]), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build(true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive INTEGER
        using var signed = request.Create(ca, start, end, serial);
        using var withKey = signed.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    /// <summary>The certificate in PEM ("-----BEGIN CERTIFICATE-----").</summary>
    public static string CertificatePem(X509Certificate2 cert)
    {
        ArgumentNullException.ThrowIfNull(cert);
        return cert.ExportCertificatePem() + "\n";
    }

    /// <summary>The private key in PKCS#8 PEM.</summary>
    public static string PrivateKeyPem(X509Certificate2 cert)
    {
        ArgumentNullException.ThrowIfNull(cert);
        using AsymmetricAlgorithm key = (AsymmetricAlgorithm?)cert.GetECDsaPrivateKey() ?? cert.GetRSAPrivateKey()
            ?? throw new InvalidOperationException("the certificate has no private key");
        return key.ExportPkcs8PrivateKeyPem() + "\n";
    }

    /// <summary>A certificate and its key from PEM, in a form TLS servers can use on every platform.</summary>
    public static X509Certificate2 LoadPem(string certPem, string keyPem)
    {
        using var cert = X509Certificate2.CreateFromPem(certPem, keyPem);
        return Reload(cert);
    }

    /// <summary>The certificates in a PEM bundle (for example ca.crt holding the old and the new CA).</summary>
    public static X509Certificate2Collection LoadPemBundle(string pem)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return collection;
    }

    /// <summary>True once <paramref name="fraction"/> of the certificate's validity has passed.</summary>
    public static bool IsDueForRenewal(X509Certificate2 cert, double fraction, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cert);
        var notBefore = new DateTimeOffset(cert.NotBefore.ToUniversalTime());
        var notAfter = new DateTimeOffset(cert.NotAfter.ToUniversalTime());
        return now >= RenewalTime(notBefore, notAfter, fraction);
    }

    /// <summary>When <paramref name="cert"/> is due for renewal: <paramref name="fraction"/> of the way from NotBefore to NotAfter.</summary>
    public static DateTimeOffset RenewalTime(X509Certificate2 cert, double fraction)
    {
        ArgumentNullException.ThrowIfNull(cert);
        return RenewalTime(new DateTimeOffset(cert.NotBefore.ToUniversalTime()), new DateTimeOffset(cert.NotAfter.ToUniversalTime()), fraction);
    }

    private static DateTimeOffset RenewalTime(DateTimeOffset notBefore, DateTimeOffset notAfter, double fraction) =>
        notBefore + (notAfter - notBefore) * fraction;

    /// <summary>
    /// Keys made by CertificateRequest are ephemeral; a PKCS#12 round trip gives a certificate whose key
    /// SslStream can use on every platform and that outlives the ECDsa object it came from.
    /// </summary>
    private static X509Certificate2 Reload(X509Certificate2 cert) =>
        X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
}
