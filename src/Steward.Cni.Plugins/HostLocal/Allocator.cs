namespace Steward.Cni.Plugins.HostLocal;

/// <summary>
/// Hands out addresses from one range set in the reference plugin's order: continue after the set's
/// last reserved address (or from the first range's start), walk range by range, wrap around once,
/// skip each range's gateway. Callers hold the store lock.
/// </summary>
internal sealed class Allocator(DiskStore store, RangeSet set, int setIndex)
{
    public (IpAddr Ip, IpRange Range) Get(string id, string ifName, IpAddr? requested)
    {
        if (requested is { } want)
        {
            var range = set.RangeFor(want)
                ?? throw new CniException(CniErrorCode.InvalidNetworkConfig, $"{want} not in range set {set}");
            if (want == range.Gateway)
            {
                throw new CniException(CniErrorCode.InvalidNetworkConfig, $"requested ip {want} is subnet's gateway");
            }
            if (!store.Reserve(id, ifName, want, setIndex))
            {
                throw new CniException(CniErrorCode.Internal, $"requested IP address {want} is not available in range set {set}");
            }
            return (want, range);
        }

        foreach (var held in store.GetById(id, ifName))
        {
            if (set.Contains(held))
            {
                throw new CniException(CniErrorCode.Internal, $"{held} has been allocated to {id}, duplicate allocation is not allowed");
            }
        }
        foreach (var (ip, range) in Candidates())
        {
            if (store.Reserve(id, ifName, ip, setIndex))
            {
                return (ip, range);
            }
        }
        throw new CniException(CniErrorCode.Internal, $"no IP addresses available in range set: {set}");
    }

    /// <summary>True when at least one address of the set is free (for STATUS).</summary>
    public bool HasFree(int maxProbes)
    {
        var taken = store.Entries().Select(e => e.Ip).ToHashSet();
        return Candidates().Take(maxProbes).Any(c => !taken.Contains(c.Ip));
    }

    /// <summary>Every address of the set once, in allocation order.</summary>
    public IEnumerable<(IpAddr Ip, IpRange Range)> Candidates()
    {
        var ranges = set.Ranges;
        var rangeIndex = 0;
        IpAddr? current = null;
        IpAddr? first = null;
        if (store.LastReserved(setIndex) is { } last && set.Contains(last))
        {
            rangeIndex = IndexOf(last);
            current = last;
        }
        while (true)
        {
            var range = ranges[rangeIndex];
            if (current is null)
            {
                current = range.Start;
                first = current;
            }
            else
            {
                if (current == range.End)
                {
                    rangeIndex = (rangeIndex + 1) % ranges.Count;
                    range = ranges[rangeIndex];
                    current = range.Start;
                }
                else
                {
                    current = current.Value.Next();
                }
                if (first is null)
                {
                    first = current;
                }
                else if (current == first)
                {
                    yield break;
                }
            }
            if (current != range.Gateway)
            {
                yield return (current.Value, range);
            }
        }
    }

    private int IndexOf(IpAddr ip)
    {
        for (var i = 0; i < set.Ranges.Count; i++)
        {
            if (set.Ranges[i].Contains(ip))
            {
                return i;
            }
        }
        return 0;
    }
}
