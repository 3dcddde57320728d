using Steward.Pfcp.Node;

namespace Steward.Pfcp.Tests.Node;

public class PeerLivenessTests
{
    private static readonly DateTime Boot = new(2026, 12, 8, 1, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_changed_recovery_time_stamp_is_a_restart_and_the_same_one_is_not()
    {
        var liveness = new PeerLiveness();
        var restarts = new List<(DateTime Old, DateTime New)>();
        liveness.Restarted += (old, now) => restarts.Add((old, now));

        liveness.Observe(Boot);
        liveness.Observe(Boot);
        liveness.Observe(Boot.AddMinutes(5));

        Assert.Equal([(Boot, Boot.AddMinutes(5))], restarts);
        Assert.Equal(Boot.AddMinutes(5), liveness.RecoveryTimeStamp);
    }

    [Fact]
    public async Task A_missed_heartbeat_series_makes_the_peer_unreachable_once_and_an_answer_brings_it_back()
    {
        var liveness = new PeerLiveness();
        var events = new List<string>();
        var answers = new Queue<DateTime?>([Boot, null, null, Boot, Boot.AddHours(1)]);
        using var done = new CancellationTokenSource();
        liveness.Unreachable += _ => events.Add("unreachable");
        liveness.Recovered += () => events.Add("recovered");
        liveness.Restarted += (_, _) => events.Add("restarted");

        await liveness.RunHeartbeatsAsync(_ =>
        {
            var answer = answers.Dequeue();
            if (answers.Count == 0)
            {
                done.Cancel();
            }

            return answer is { } stamp ? Task.FromResult(stamp) : Task.FromException<DateTime>(new TimeoutException("no answer"));
        }, TimeSpan.FromMilliseconds(10), done.Token);

        Assert.Equal(["unreachable", "recovered", "restarted"], events);
        Assert.True(liveness.IsReachable);
    }
}
