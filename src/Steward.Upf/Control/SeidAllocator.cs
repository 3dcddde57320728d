using System.Security.Cryptography;

namespace Steward.Upf.Control;

/// <summary>
/// Local SEIDs for new sessions: random, so that SEIDs of a UPF that restarted do not meet the old
/// ones, never 0 (the header value of a message for no known session), never one in use. Thread-safe.
/// </summary>
internal sealed class SeidAllocator
{
    private readonly object _gate = new();
    private readonly HashSet<ulong> _inUse = [];

    public ulong Allocate()
    {
        Span<byte> random = stackalloc byte[8];
        lock (_gate)
        {
            while (true)
            {
                RandomNumberGenerator.Fill(random);
                var seid = BitConverter.ToUInt64(random);
                if (seid != 0 && _inUse.Add(seid))
                {
                    return seid;
                }
            }
        }
    }

    public void Release(ulong seid)
    {
        lock (_gate)
        {
            _inUse.Remove(seid);
        }
    }
}
