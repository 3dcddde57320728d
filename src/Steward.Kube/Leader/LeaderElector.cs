using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Steward.Kube.Client;

namespace Steward.Kube.Leader;

/// <summary>Leader election settings (client-go's defaults: 15 s lease, 10 s renew deadline, 2 s retry).</summary>
public sealed record LeaderElectionOptions
{
    /// <summary>Name of the coordination.k8s.io/v1 Lease.</summary>
    public string LeaseName { get; init; } = "steward-controller-leader";

    /// <summary>Namespace of the Lease.</summary>
    public string LeaseNamespace { get; init; } = "default";

    /// <summary>This candidate's identity (hostname plus a random suffix by default).</summary>
    public string Identity { get; init; } = Environment.MachineName + "_" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>How long non-leaders wait after the last observed renewal before taking over.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps retrying a failed renewal before giving up leadership.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time between attempts to acquire or renew.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Give the lease up on a clean stop so a standby takes over at once.</summary>
    public bool ReleaseOnCancel { get; init; } = true;
}

/// <summary>
/// Leader election on a Lease, after client-go's leaderelection: a candidate takes the lease when it is
/// free or when the holder has not renewed for leaseDuration (measured by the local clock from when
/// this candidate last saw the record change, so clocks need not agree); the leader renews every
/// retryPeriod and steps down if it cannot renew within renewDeadline.
/// </summary>
public sealed class LeaderElector
{
    private readonly IKubeClient _client;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private string? _observedRecord;
    private long _observedAt;

    /// <summary>Creates an elector.</summary>
    public LeaderElector(IKubeClient client, LeaderElectionOptions options, ILogger? logger = null, TimeProvider? time = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        if (options.LeaseDuration <= options.RenewDeadline || options.RenewDeadline <= options.RetryPeriod)
        {
            throw new ArgumentException("leaseDuration must exceed renewDeadline, which must exceed retryPeriod", nameof(options));
        }
    }

    /// <summary>The settings.</summary>
    public LeaderElectionOptions Options { get; }

    /// <summary>True while this candidate holds the lease.</summary>
    public bool IsLeader { get; private set; }

    /// <summary>
    /// Campaigns until <paramref name="ct"/> is cancelled: waits to acquire, runs <paramref name="lead"/>
    /// with a token that is cancelled when leadership is lost, then campaigns again.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> lead, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lead);
        while (!ct.IsCancellationRequested)
        {
            if (!await AcquireAsync(ct).ConfigureAwait(false))
            {
                return;
            }

            IsLeader = true;
            _logger.LogInformation("{Identity} became leader of lease {Ns}/{Name}", Options.Identity, Options.LeaseNamespace, Options.LeaseName);
            using var term = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var leading = Task.Run(() => lead(term.Token), CancellationToken.None);
            await RenewLoopAsync(term.Token).ConfigureAwait(false);
            IsLeader = false;
            await term.CancelAsync().ConfigureAwait(false);
            try
            {
                await leading.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            if (ct.IsCancellationRequested)
            {
                if (Options.ReleaseOnCancel)
                {
                    await ReleaseAsync().ConfigureAwait(false);
                }

                return;
            }

            _logger.LogWarning("{Identity} lost leadership of lease {Ns}/{Name}", Options.Identity, Options.LeaseNamespace, Options.LeaseName);
        }
    }

    private async Task<bool> AcquireAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            if (await TryAcquireOrRenewAsync(ct).ConfigureAwait(false))
            {
                return true;
            }

            try
            {
                await Task.Delay(Jitter(Options.RetryPeriod), ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return false;
    }

    private async Task RenewLoopAsync(CancellationToken ct)
    {
        var lastRenew = _time.GetTimestamp();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Options.RetryPeriod, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attempt.CancelAfter(Options.RenewDeadline - _time.GetElapsedTime(lastRenew) is { } left && left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
            bool renewed;
            try
            {
                renewed = await TryAcquireOrRenewAsync(attempt.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                renewed = false;
            }

            if (renewed)
            {
                lastRenew = _time.GetTimestamp();
            }
            else if (_time.GetElapsedTime(lastRenew) >= Options.RenewDeadline)
            {
                return;
            }
        }
    }

    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        try
        {
            var lease = await _client.GetAsync<V1Lease>(Options.LeaseName, Options.LeaseNamespace, ct).ConfigureAwait(false);
            if (lease is null)
            {
                lease = new V1Lease
                {
                    Metadata = new V1ObjectMeta { Name = Options.LeaseName, NamespaceProperty = Options.LeaseNamespace },
                    Spec = NewSpec(now, transitions: 0, acquired: now),
                };
                await _client.CreateAsync(lease, ct).ConfigureAwait(false);
                Observe(lease.Spec);
                return true;
            }

            var spec = lease.Spec ?? new V1LeaseSpec();
            Observe(spec);
            var holder = spec.HolderIdentity;
            var mine = holder == Options.Identity;
            var duration = TimeSpan.FromSeconds(spec.LeaseDurationSeconds ?? (int)Options.LeaseDuration.TotalSeconds);
            if (!mine && !string.IsNullOrEmpty(holder) && _time.GetElapsedTime(_observedAt) < duration)
            {
                return false;
            }

            lease.Spec = mine
                ? NewSpec(now, spec.LeaseTransitions ?? 0, spec.AcquireTime ?? now)
                : NewSpec(now, (spec.LeaseTransitions ?? 0) + 1, now);
            await _client.UpdateAsync(lease, ct).ConfigureAwait(false);
            Observe(lease.Spec);
            return true;
        }
        catch (KubeApiException e) when (e.IsConflict || e.IsAlreadyExists)
        {
            return false; // another candidate wrote first
        }
        catch (Exception e) when (e is HttpRequestException or KubeApiException or IOException)
        {
            _logger.LogWarning(e, "lease {Ns}/{Name}: acquire/renew failed", Options.LeaseNamespace, Options.LeaseName);
            return false;
        }
    }

    private async Task ReleaseAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(Options.RenewDeadline);
            var lease = await _client.GetAsync<V1Lease>(Options.LeaseName, Options.LeaseNamespace, cts.Token).ConfigureAwait(false);
            if (lease?.Spec?.HolderIdentity != Options.Identity)
            {
                return;
            }

            lease.Spec.HolderIdentity = null;
            lease.Spec.LeaseDurationSeconds = 1;
            await _client.UpdateAsync(lease, cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or KubeApiException or IOException or OperationCanceledException)
        {
            _logger.LogWarning(e, "lease {Ns}/{Name}: release failed", Options.LeaseNamespace, Options.LeaseName);
        }
    }

    private V1LeaseSpec NewSpec(DateTime now, int transitions, DateTime acquired) => new()
    {
        HolderIdentity = Options.Identity,
        LeaseDurationSeconds = Math.Max(1, (int)Math.Ceiling(Options.LeaseDuration.TotalSeconds)),
        AcquireTime = acquired,
        RenewTime = now,
        LeaseTransitions = transitions,
    };

    // The expiry clock restarts whenever the record changes, as seen from here.
    private void Observe(V1LeaseSpec spec)
    {
        var record = $"{spec.HolderIdentity}|{spec.RenewTime:O}|{spec.LeaseTransitions}|{spec.LeaseDurationSeconds}";
        if (record != _observedRecord)
        {
            _observedRecord = record;
            _observedAt = _time.GetTimestamp();
        }
    }

    private static TimeSpan Jitter(TimeSpan d) => d + TimeSpan.FromTicks((long)(d.Ticks * 0.2 * Random.Shared.NextDouble()));
}
