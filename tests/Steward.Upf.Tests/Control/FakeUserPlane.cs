using Steward.Upf.Rules;

namespace Steward.Upf.Tests.Control;

/// <summary>An IUserPlane that records what the control side asks of it and reports what a test tells it to.</summary>
internal sealed class FakeUserPlane : IUserPlane
{
    private readonly object _gate = new();
    private readonly Dictionary<ulong, SessionRules> _sessions = [];

    public List<SessionRules> Applied { get; } = [];

    public List<ulong> Removed { get; } = [];

    /// <summary>When set, the next Apply throws it and keeps the session as it was.</summary>
    public InvalidRuleException? RefuseNext { get; set; }

    /// <summary>Octets every URR reports (uplink, downlink).</summary>
    public (ulong Uplink, ulong Downlink) Usage { get; set; } = (1000, 3000);

    public event Action<ulong, UsageReport>? UsageThresholdReached;

    public event Action<ulong, ushort>? DownlinkDataBuffered;

    public SessionRules? Session(ulong seid)
    {
        lock (_gate)
        {
            return _sessions.GetValueOrDefault(seid);
        }
    }

    public void Apply(SessionRules rules)
    {
        lock (_gate)
        {
            if (RefuseNext is { } refusal)
            {
                RefuseNext = null;
                throw refusal;
            }

            Applied.Add(rules);
            _sessions[rules.LocalSeid] = rules;
        }
    }

    public IReadOnlyList<UsageReport>? Remove(ulong localSeid)
    {
        lock (_gate)
        {
            if (!_sessions.Remove(localSeid, out var rules))
            {
                return null;
            }

            Removed.Add(localSeid);
            return Reports(rules, UsageReportReason.Termination);
        }
    }

    public IReadOnlyList<UsageReport>? QueryUsage(ulong localSeid)
    {
        lock (_gate)
        {
            return _sessions.TryGetValue(localSeid, out var rules) ? Reports(rules, UsageReportReason.Immediate) : null;
        }
    }

    public void ReachThreshold(ulong seid, uint urrId) =>
        UsageThresholdReached?.Invoke(seid, Report(urrId, UsageReportReason.VolumeThreshold));

    public void BufferDownlink(ulong seid, ushort pdrId) => DownlinkDataBuffered?.Invoke(seid, pdrId);

    private List<UsageReport> Reports(SessionRules rules, UsageReportReason reason) => [.. rules.Urrs.Select(u => Report(u.Id, reason))];

    private UsageReport Report(uint urrId, UsageReportReason reason) =>
        new(urrId, reason, Usage.Uplink, Usage.Downlink, 10, 30, new DateTime(2026, 12, 8, 1, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 8, 1, 5, 0, DateTimeKind.Utc));
}
