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
    private readonly Dictionary<T, int> failures = [];
    private readonly Lock gate = new();

    /// <summary>client-go's defaults: 5 ms doubling to 1000 s.</summary>
    public ItemExponentialRateLimiter()
        : this(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000))
    {
    }

    /// <inheritdoc />
    public TimeSpan When(T item)
    {
        int n;
        lock (gate)
        {
            n = failures.GetValueOrDefault(item);
            failures[item] = n + 1;
        }

        // 2^n overflows double only past n≈1023; cap the exponent well before the ticks overflow.
        var ticks = baseDelay.Ticks * Math.Pow(2, Math.Min(n, 62));
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <inheritdoc />
    public void Forget(T item)
    {
        lock (gate)
        {
            failures.Remove(item);
        }
    }

    /// <inheritdoc />
    public int NumRequeues(T item)
    {
        lock (gate)
        {
            return failures.GetValueOrDefault(item);
        }
    }
}

/// <summary>An overall token bucket (client-go: 10 qps, burst 100): every try reserves a token.</summary>
public sealed class BucketRateLimiter<T> : IRateLimiter<T>
{
    private readonly double qps;
    private readonly double burst;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private double tokens;
    private long last;

    /// <summary>A bucket refilled at <paramref name="qps"/> tokens a second, holding at most <paramref name="burst"/>.</summary>
    public BucketRateLimiter(double qps = 10, int burst = 100, TimeProvider? time = null)
    {
        this.qps = qps;
        this.burst = burst;
        this.time = time ?? TimeProvider.System;
        tokens = burst;
        last = this.time.GetTimestamp();
    }

    /// <inheritdoc />
    public TimeSpan When(T item)
    {
        lock (gate)
        {
            var now = time.GetTimestamp();
            tokens = Math.Min(burst, tokens + (time.GetElapsedTime(last, now).TotalSeconds * qps));
            last = now;
            tokens -= 1;
            return tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / qps);
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
