namespace Steward.Kube.Queue;

/// <summary>Decides how long an item waits before it is retried.</summary>
public interface IRateLimiter<in T>
{
    /// <summary>The delay before the next try of <paramref name="item"/> (and records the try).</summary>
    TimeSpan When(T item);

    /// <summary>Clears the item's failure history (after a success).</summary>
    void Forget(T item);

    /// <summary>How many times the item has been retried since it was last forgotten.</summary>
    int NumRequeues(T item);
}

/// <summary>Per-item exponential backoff: base·2^failures, capped (client-go: 5 ms to 1000 s).</summary>
public sealed class ItemExponentialRateLimiter<T>(TimeSpan baseDelay, TimeSpan maxDelay) : IRateLimiter<T>
    where T : notnull
{
    private readonly Dictionary<T, int> _failures = [];
    private readonly Lock _gate = new();

    /// <summary>client-go's defaults: 5 ms doubling to 1000 s.</summary>
    public ItemExponentialRateLimiter()
        : this(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000))
    {
    }

    /// <inheritdoc />
    public TimeSpan When(T item)
    {
        int n;
        lock (_gate)
        {
            n = _failures.GetValueOrDefault(item);
            _failures[item] = n + 1;
        }

        // 2^n overflows double only past n≈1023; cap the exponent well before the ticks overflow.
        var ticks = baseDelay.Ticks * Math.Pow(2, Math.Min(n, 62));
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <inheritdoc />
    public void Forget(T item)
    {
        lock (_gate)
        {
            _failures.Remove(item);
        }
    }

    /// <inheritdoc />
    public int NumRequeues(T item)
    {
        lock (_gate)
        {
            return _failures.GetValueOrDefault(item);
        }
    }
}

/// <summary>An overall token bucket (client-go: 10 qps, burst 100): every try reserves a token.</summary>
public sealed class BucketRateLimiter<T> : IRateLimiter<T>
{
    private readonly double _qps;
    private readonly double _burst;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _last;

    /// <summary>A bucket refilled at <paramref name="qps"/> tokens a second, holding at most <paramref name="burst"/>.</summary>
    public BucketRateLimiter(double qps = 10, int burst = 100, TimeProvider? time = null)
    {
        _qps = qps;
        _burst = burst;
        _time = time ?? TimeProvider.System;
        _tokens = burst;
        _last = _time.GetTimestamp();
    }

    /// <inheritdoc />
    public TimeSpan When(T item)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(_last, now).TotalSeconds * _qps));
            _last = now;
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _qps);
        }
    }

    /// <inheritdoc />
    public void Forget(T item)
    {
    }

    /// <inheritdoc />
    public int NumRequeues(T item) => 0;
}

/// <summary>The longest delay of several limiters.</summary>
public sealed class MaxOfRateLimiter<T>(params IRateLimiter<T>[] limiters) : IRateLimiter<T>
{
    /// <inheritdoc />
    public TimeSpan When(T item)
    {
        var max = TimeSpan.Zero;
        foreach (var l in limiters)
        {
            var d = l.When(item);
            if (d > max)
            {
                max = d;
            }
        }

        return max;
    }

    /// <inheritdoc />
    public void Forget(T item)
    {
        foreach (var l in limiters)
        {
            l.Forget(item);
        }
    }

    /// <inheritdoc />
    public int NumRequeues(T item) => limiters.Max(l => l.NumRequeues(item));
}

/// <summary>Factories for the usual limiters.</summary>
public static class RateLimiters
{
    /// <summary>controller-runtime's default: per-item 5 ms→1000 s backoff and a 10 qps/100 burst bucket.</summary>
    public static IRateLimiter<T> Default<T>()
        where T : notnull =>
        new MaxOfRateLimiter<T>(new ItemExponentialRateLimiter<T>(), new BucketRateLimiter<T>());
}
