using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Steward.Kube.Webhooks.Certificates;

/// <summary>
/// Serves the bootstrapped certificate and replaces it when <see cref="CertificateBootstrapOptions.RenewalFraction"/>
/// of its lifetime has passed. Kestrel asks <see cref="Current"/> on every handshake, so the new certificate is
/// used from the next connection on, with no restart.
/// </summary>
public sealed class RotatingCertificateSource(CertificateBootstrapper bootstrapper, ILogger<RotatingCertificateSource>? logger = null)
    : ICertificateSource, IHostedService, IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxSleep = TimeSpan.FromHours(1);

    private readonly ILogger _logger = logger ?? NullLogger<RotatingCertificateSource>.Instance;
    private CertificateBundle? _bundle;
    private CancellationTokenSource? _stop;
    private Task? _loop;

    /// <summary>The serving certificate in force; throws before <see cref="StartAsync"/> has bootstrapped one.</summary>
    public X509Certificate2 Current => (_bundle ?? throw new InvalidOperationException("the certificates are not bootstrapped yet; call StartAsync")).ServingCertificate;

    /// <summary>The certificates in force with their CA bundle; null before <see cref="StartAsync"/>.</summary>
    public CertificateBundle? Bundle => _bundle;

    /// <summary>Raised after a new serving certificate took over.</summary>
    public event Action<CertificateBundle>? Rotated;

    /// <summary>Bootstraps (so the server can start with a certificate) and starts the renewal loop.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _bundle = await bootstrapper.EnsureAsync(cancellationToken).ConfigureAwait(false);
        _stop = new CancellationTokenSource();
        _loop = RunAsync(_stop.Token);
    }

    /// <summary>Stops the renewal loop and waits for it to end.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stop is null || _loop is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try { await _loop.WaitAsync(cancellationToken).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
    }

    /// <summary>Renews now if the current certificate is due (or another replica already renewed the Secret).</summary>
    public async Task<bool> RenewIfDueAsync(CancellationToken cancellationToken = default)
    {
        var fresh = await bootstrapper.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var old = _bundle;
        if (old is not null && old.ServingCertificate.Thumbprint == fresh.ServingCertificate.Thumbprint)
        {
            return false;
        }

        _bundle = fresh;
        _logger.LogInformation("webhook serving certificate rotated; valid until {NotAfter:O}", fresh.ServingCertificate.NotAfter);
        Rotated?.Invoke(fresh);
        return true;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var time = bootstrapper.Options.TimeProvider;
        while (!cancellationToken.IsCancellationRequested)
        {
            var due = CertificateFactory.RenewalTime(Current, bootstrapper.Options.RenewalFraction);
            var wait = due - time.GetUtcNow();
            // Wake at least hourly: another replica may have renewed the Secret, or the clock may have jumped.
            if (wait > MaxSleep)
            {
                wait = MaxSleep;
            }

            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }

                await RenewIfDueAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "webhook certificate renewal failed; retrying in {Delay}", RetryDelay);
                try { await Task.Delay(RetryDelay, time, cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Releases the renewal loop's cancellation source.</summary>
    public void Dispose() => _stop?.Dispose();
}
