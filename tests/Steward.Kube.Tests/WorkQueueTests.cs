using Steward.Kube.Queue;

namespace Steward.Kube.Tests;

public sealed class WorkQueueTests
{
    [Fact]
    public async Task Adding_a_queued_item_again_keeps_one_copy()
    {
        using var q = new WorkQueue<string>();
        q.Add("a");
        q.Add("a");
        q.Add("b");
        Assert.Equal(2, q.Length);
        var (first, _) = await q.GetAsync(TestContext.Current.CancellationToken);
        var (second, _) = await q.GetAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["a", "b"], new[] { first, second });
        Assert.Equal(0, q.Length);
    }

    [Fact]
    public async Task An_item_re_added_while_processing_is_handed_out_again_only_after_done()
    {
        using var q = new WorkQueue<string>();
        q.Add("k");
        var (item, _) = await q.GetAsync(TestContext.Current.CancellationToken);
        q.Add("k");
        Assert.Equal(0, q.Length); // not handed to a second worker while the first holds it
        q.Done(item);
        Assert.Equal(1, q.Length);
        var (again, _) = await q.GetAsync(TestContext.Current.CancellationToken);
        Assert.Equal("k", again);
        q.Done(again);
        Assert.Equal(0, q.Length);
    }

    [Fact]
    public async Task AddAfter_queues_the_item_only_later()
    {
        using var q = new WorkQueue<string>();
        q.AddAfter("later", TimeSpan.FromMilliseconds(200));
        Assert.Equal(0, q.Length);
        var (item, shutdown) = await q.GetAsync(TestContext.Current.CancellationToken);
        Assert.False(shutdown);
        Assert.Equal("later", item);
    }

    [Fact]
    public async Task Shutdown_with_drain_waits_for_items_in_flight()
    {
        var q = new WorkQueue<string>();
        q.Add("x");
        var (item, _) = await q.GetAsync(TestContext.Current.CancellationToken);
        var drained = q.ShutDownWithDrainAsync();
        Assert.False(drained.IsCompleted);
        q.Add("ignored after shutdown");
        q.Done(item);
        await drained;
        var (_, shutdown) = await q.GetAsync(TestContext.Current.CancellationToken);
        Assert.True(shutdown);
        q.Dispose();
    }

    [Fact]
    public void Per_item_backoff_doubles_from_5ms_to_the_1000s_cap_and_forget_resets_it()
    {
        var limiter = new ItemExponentialRateLimiter<string>();
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(10), limiter.When("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(20), limiter.When("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("b"));
        Assert.Equal(3, limiter.NumRequeues("a"));
        for (var i = 0; i < 100; i++)
        {
            limiter.When("a");
        }

        Assert.Equal(TimeSpan.FromSeconds(1000), limiter.When("a"));
        limiter.Forget("a");
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));
    }

    [Fact]
    public void The_token_bucket_allows_a_burst_of_100_then_spaces_tries_at_10_per_second()
    {
        var time = new ManualTime();
        var bucket = new BucketRateLimiter<string>(10, 100, time);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(TimeSpan.Zero, bucket.When("k" + i));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(100), bucket.When("x"));
        Assert.Equal(TimeSpan.FromMilliseconds(200), bucket.When("y"));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, bucket.When("z"));
    }

    [Fact]
    public void The_default_limiter_takes_the_longer_of_backoff_and_bucket()
    {
        var limiter = RateLimiters.Default<string>();
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(10), limiter.When("a"));
    }

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
