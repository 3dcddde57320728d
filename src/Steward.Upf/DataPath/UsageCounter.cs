using System.Diagnostics;
using Steward.Upf.Rules;

namespace Steward.Upf.DataPath;

/// <summary>
/// The volume one URR has counted in the current report period. Lives across Apply while the
/// URR's id is kept; the thresholds come with each packet from the compiled rule, so a new Apply
/// changes them without touching the counts.
/// </summary>
internal sealed class UsageCounter
{
    private readonly Lock _lock = new();
    private ulong _uplinkBytes, _downlinkBytes, _uplinkPackets, _downlinkPackets;
    private DateTime _start = DateTime.UtcNow;

    public UsageCounter(uint urrId) => UrrId = urrId;

    public uint UrrId { get; }

    /// <summary>Counts one forwarded packet; returns a report when this packet reached a threshold (counting then restarts).</summary>
    public bool Count(bool uplink, int bytes, in UsageThresholds thresholds, out UsageReport report)
    {
        lock (_lock)
        {
            if (uplink)
            {
                _uplinkBytes += (ulong)bytes;
                _uplinkPackets++;
            }
            else
            {
                _downlinkBytes += (ulong)bytes;
                _downlinkPackets++;
            }

            if (thresholds.Reached(_uplinkBytes, _downlinkBytes))
            {
                report = TakeLocked(UsageReportReason.VolumeThreshold, reset: true);
                return true;
            }
        }

        report = default;
        return false;
    }

    public UsageReport Take(UsageReportReason reason, bool reset)
    {
        lock (_lock)
        {
            return TakeLocked(reason, reset);
        }
    }

    private UsageReport TakeLocked(UsageReportReason reason, bool reset)
    {
        Debug.Assert(_lock.IsHeldByCurrentThread);
        var now = DateTime.UtcNow;
        var report = new UsageReport(UrrId, reason, _uplinkBytes, _downlinkBytes, _uplinkPackets, _downlinkPackets, _start, now);
        if (reset)
        {
            _uplinkBytes = _downlinkBytes = _uplinkPackets = _downlinkPackets = 0;
            _start = now;
        }

        return report;
    }
}

/// <summary>A URR's volume thresholds in octets (0: none); none at all unless the URR's triggers include VOLTH.</summary>
internal readonly record struct UsageThresholds(ulong Total, ulong Uplink, ulong Downlink)
{
    public static UsageThresholds From(UsageReportingRule urr) =>
        (urr.Triggers & ReportingTriggers.VolumeThreshold) == 0
            ? default
            : new UsageThresholds(urr.VolumeThresholdTotal ?? 0, urr.VolumeThresholdUplink ?? 0, urr.VolumeThresholdDownlink ?? 0);

    public bool Reached(ulong uplink, ulong downlink) =>
        (Total != 0 && uplink + downlink >= Total)
        || (Uplink != 0 && uplink >= Uplink)
        || (Downlink != 0 && downlink >= Downlink);
}

/// <summary>
/// A token bucket policing one direction of a QER's MBR. Tokens are octets, refilled at the MBR;
/// the bucket holds a burst of 10 ms at that rate but never less than 16 full-size packets, so a
/// TCP flow can reach the MBR without the bucket cutting every small burst.
/// </summary>
internal sealed class TokenBucket
{
    private const long MinimumBurstBytes = 16 * 1500;
    private readonly Lock _lock = new();
    private readonly double _bytesPerTick;
    private readonly double _burst;
    private double _tokens;
    private long _last;

    public TokenBucket(ulong kbps)
    {
        Kbps = kbps;
        var bytesPerSecond = kbps * 1000.0 / 8;
        _bytesPerTick = bytesPerSecond / Stopwatch.Frequency;
        _burst = Math.Max(MinimumBurstBytes, bytesPerSecond / 100);
        _tokens = _burst;
        _last = Stopwatch.GetTimestamp();
    }

    public ulong Kbps { get; }

    public bool TryConsume(int bytes)
    {
        lock (_lock)
        {
            var now = Stopwatch.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + ((now - _last) * _bytesPerTick));
            _last = now;
            if (_tokens < bytes)
            {
                return false;
            }

            _tokens -= bytes;
            return true;
        }
    }
}
