namespace Steward.Upf.Control;

/// <summary>
/// Hands out local TEIDs for F-TEIDs the SMF asked the UPF to choose (TS 29.244 §5.5.3). TEID 0 is
/// never used: TS 29.281 keeps it for Echo and for messages not bound to a tunnel. Thread-safe.
/// </summary>
internal sealed class TeidAllocator
{
    private readonly object _gate = new();
    private readonly HashSet<uint> _inUse = [];
    private uint _next;

    public TeidAllocator(uint first = 1) => _next = first == 0 ? 1 : first;

    public int InUse
    {
        get
        {
            lock (_gate)
            {
                return _inUse.Count;
            }
        }
    }

    public uint Allocate()
    {
        lock (_gate)
        {
            if (_inUse.Count == int.MaxValue)
            {
                throw new InvalidOperationException("no TEID left");
            }

            // Counting on (and skipping those still in use) keeps a released TEID unused for as long
            // as possible, so a late packet for an old tunnel does not land in a new one.
            while (_next == 0 || !_inUse.Add(_next))
            {
                _next++;
            }

            return _next++;
        }
    }

    public void Release(uint teid)
    {
        lock (_gate)
        {
            _inUse.Remove(teid);
        }
    }
}
