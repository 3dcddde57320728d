namespace Steward.Pfcp.Node;

/// <summary>
/// What one node knows of its peer's life (TS 29.244 §6.2.2, §19A): the peer's Recovery Time
/// Stamp, seen in Heartbeat and Association messages — a new value means the peer restarted and
/// lost its sessions — and whether heartbeats get answered: a heartbeat unanswered after N1
/// retransmissions means the peer is unreachable.
/// </summary>
public sealed class PeerLiveness
{
    private readonly object _gate = new();
    private DateTime? _recoveryTimeStamp;
    private bool _reachable = true;

    /// <summary>The peer's Recovery Time Stamp last seen; null before any.</summary>
    public DateTime? RecoveryTimeStamp
    {
        get
        {
            lock (_gate)
            {
                return _recoveryTimeStamp;
            }
        }
    }

    /// <summary>False after a heartbeat went unanswered, true again once one is answered.</summary>
    public bool IsReachable
    {
        get
        {
            lock (_gate)
            {
                return _reachable;
            }
        }
    }

    /// <summary>The peer's Recovery Time Stamp changed: it restarted (old value, new value).</summary>
    public event Action<DateTime, DateTime>? Restarted;

    /// <summary>A heartbeat went unanswered after every retransmission, or was answered wrongly (the failure).</summary>
    public event Action<Exception>? Unreachable;

    /// <summary>A heartbeat was answered after the peer was unreachable.</summary>
    public event Action? Recovered;

    /// <summary>Records a Recovery Time Stamp carried by a message from the peer; raises <see cref="Restarted"/> when it changed.</summary>
    public void Observe(DateTime recoveryTimeStamp)
    {
        DateTime? previous;
        lock (_gate)
        {
            previous = _recoveryTimeStamp;
            _recoveryTimeStamp = recoveryTimeStamp;
        }

        if (previous is { } old && old != recoveryTimeStamp)
        {
            Restarted?.Invoke(old, recoveryTimeStamp);
        }
    }

    /// <summary>
    /// Sends a heartbeat every <paramref name="interval"/> until cancelled. <paramref name="heartbeat"/>
    /// sends one (reliable delivery retransmits it) and returns the Recovery Time Stamp of the response;
    /// any failure but cancellation (a <see cref="TimeoutException"/> after the retransmissions, a wrong
    /// answer) is a missed series.
    /// </summary>
    public async Task RunHeartbeatsAsync(Func<CancellationToken, Task<DateTime>> heartbeat, TimeSpan interval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                DateTime recovery;
                try
                {
                    recovery = await heartbeat(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // No answer after every retransmission, or an answer that is not a heartbeat's:
                    // either way the peer is not keeping the association alive.
                    MarkUnreachable(e);
                    continue;
                }

                MarkReachable();
                Observe(recovery);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void MarkUnreachable(Exception failure)
    {
        bool wasReachable;
        lock (_gate)
        {
            wasReachable = _reachable;
            _reachable = false;
        }

        if (wasReachable)
        {
            Unreachable?.Invoke(failure);
        }
    }

    private void MarkReachable()
    {
        bool wasUnreachable;
        lock (_gate)
        {
            wasUnreachable = !_reachable;
            _reachable = true;
        }

        if (wasUnreachable)
        {
            Recovered?.Invoke();
        }
    }
}
