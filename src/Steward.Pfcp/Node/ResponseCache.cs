using System.Net;

namespace Steward.Pfcp.Node;

/// <summary>
/// The responses an endpoint sent, by (peer, sequence number), kept for a while so that a
/// retransmitted request is answered with the same octets instead of being handled twice
/// (TS 29.244 §6.4). A request being handled holds a place with no response yet.
/// </summary>
internal sealed class ResponseCache(TimeSpan lifetime)
{
    private readonly object _gate = new();
    private readonly Dictionary<(IPEndPoint Peer, uint Sequence), Entry> _entries = [];
    private readonly long _lifetimeMs = (long)lifetime.TotalMilliseconds;
    private long _nextSweep;

    public enum Admission
    {
        /// <summary>First sight of the request: handle it.</summary>
        New,
        /// <summary>Being handled now: drop the copy.</summary>
        InProgress,
        /// <summary>Answered already: send the cached response again.</summary>
        Answered,
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public Admission Begin((IPEndPoint Peer, uint Sequence) key, out byte[]? response)
    {
        var now = Environment.TickCount64;
        lock (_gate)
        {
            Sweep(now);
            if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt > now)
            {
                response = entry.Response;
                return response is null ? Admission.InProgress : Admission.Answered;
            }

            _entries[key] = new Entry(null, long.MaxValue);
            response = null;
            return Admission.New;
        }
    }

    public void Complete((IPEndPoint Peer, uint Sequence) key, byte[] response)
    {
        var expiresAt = Environment.TickCount64 + _lifetimeMs;
        lock (_gate)
        {
            _entries[key] = new Entry(response, expiresAt);
        }
    }

    public void Abandon((IPEndPoint Peer, uint Sequence) key)
    {
        lock (_gate)
        {
            _entries.Remove(key);
        }
    }

    // Sweeping at most once per lifetime keeps the cost per request constant while bounding the
    // cache to the responses of about two lifetimes.
    private void Sweep(long now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + Math.Max(_lifetimeMs, 100);
        List<(IPEndPoint, uint)>? expired = null;
        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                (expired ??= []).Add(key);
            }
        }

        if (expired is not null)
        {
            foreach (var key in expired)
            {
                _entries.Remove(key);
            }
        }
    }

    private readonly record struct Entry(byte[]? Response, long ExpiresAt);
}
