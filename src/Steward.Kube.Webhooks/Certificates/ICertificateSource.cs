using System.Security.Cryptography.X509Certificates;

namespace Steward.Kube.Webhooks.Certificates;

/// <summary>The serving certificate to present right now; read on every TLS handshake so rotation needs no restart.</summary>
public interface ICertificateSource
{
    /// <summary>The certificate, with its private key, to present on the next handshake.</summary>
    X509Certificate2 Current { get; }
}

/// <summary>A certificate that never changes (tests, or certificates managed outside the process).</summary>
public sealed class StaticCertificateSource(X509Certificate2 certificate) : ICertificateSource
{
    /// <summary>The certificate given at construction.</summary>
    public X509Certificate2 Current { get; } = certificate;
}

/// <summary>
/// tls.crt and tls.key in a directory — how cert-manager's Secret is mounted (kubebuilder uses
/// /tmp/k8s-webhook-server/serving-certs). Reloaded when the kubelet swaps the files after a renewal.
/// </summary>
public sealed class DirectoryCertificateSource : ICertificateSource
{
    private readonly string _certPath;
    private readonly string _keyPath;
    private readonly Lock _gate = new();
    private X509Certificate2 _current;
    private DateTime _loadedCertTime;
    private DateTime _loadedKeyTime;
    private long _nextCheck;

    /// <summary>Loads tls.crt and tls.key from <paramref name="directory"/>; throws when they cannot be read.</summary>
    public DirectoryCertificateSource(string directory)
    {
        _certPath = Path.Combine(directory, "tls.crt");
        _keyPath = Path.Combine(directory, "tls.key");
        _current = Load();
    }

    /// <summary>The certificate from the directory; the files are checked at most every ten seconds and reloaded when they changed.</summary>
    public X509Certificate2 Current
    {
        get
        {
            long now = Environment.TickCount64;
            if (now < Volatile.Read(ref _nextCheck))
            {
                return _current;
            }

            lock (_gate)
            {
                Volatile.Write(ref _nextCheck, now + 10_000);
                if (File.GetLastWriteTimeUtc(_certPath) != _loadedCertTime || File.GetLastWriteTimeUtc(_keyPath) != _loadedKeyTime)
                {
                    try { _current = Load(); }
                    catch (IOException) { /* half-written during the kubelet's swap: keep serving the old one */ }
                    catch (System.Security.Cryptography.CryptographicException) { }
                }
                return _current;
            }
        }
    }

    private X509Certificate2 Load()
    {
        _loadedCertTime = File.GetLastWriteTimeUtc(_certPath);
        _loadedKeyTime = File.GetLastWriteTimeUtc(_keyPath);
        return CertificateFactory.LoadPem(File.ReadAllText(_certPath), File.ReadAllText(_keyPath));
    }
}
