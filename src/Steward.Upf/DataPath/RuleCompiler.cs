using System.Net.Sockets;
using Steward.Linux.Sockets;
using Steward.Upf.Rules;

namespace Steward.Upf.DataPath;

/// <summary>
/// Turns a session's SessionRules into the lookup-ready form, checking everything the data path
/// relies on; it only reads the session's current state (to keep counters and buckets of kept
/// ids), so a failure leaves the installed session untouched.
/// </summary>
internal static class RuleCompiler
{
    internal sealed class Result
    {
        public Dictionary<uint, CompiledPdr[]> Uplink { get; } = [];
        public Dictionary<uint, CompiledPdr[]> Downlink { get; } = [];
        public Dictionary<uint, uint> UplinkKeyOwner { get; } = [];
        public Dictionary<uint, uint> DownlinkKeyOwner { get; } = [];
        public Dictionary<uint, UsageCounter> Counters { get; } = [];
        public Dictionary<uint, CompiledQer> Qers { get; } = [];
        public bool ForwardsDownlink { get; set; }
    }

    public static Result Compile(SessionRules rules, SessionState session)
    {
        var result = new Result();

        var fars = new Dictionary<uint, CompiledFar>();
        foreach (var far in rules.Fars)
        {
            if (fars.ContainsKey(far.Id))
            {
                throw new InvalidRuleException($"FAR {far.Id} appears twice", far.Id);
            }

            fars[far.Id] = CompileFar(far);
        }

        foreach (var qer in rules.Qers)
        {
            if (result.Qers.ContainsKey(qer.Id))
            {
                throw new InvalidRuleException($"QER {qer.Id} appears twice", qer.Id);
            }

            if (qer.Qfi > 63)
            {
                throw new InvalidRuleException($"QER {qer.Id}: QFI {qer.Qfi} does not fit 6 bits", qer.Id);
            }

            session.Qers.TryGetValue(qer.Id, out var old);
            result.Qers[qer.Id] = new CompiledQer(
                qer.Id, qer.UplinkOpen, qer.DownlinkOpen,
                Bucket(qer.UplinkMbrKbps, old?.UplinkMbr), Bucket(qer.DownlinkMbrKbps, old?.DownlinkMbr),
                qer.Qfi ?? -1);
        }

        var urrs = new Dictionary<uint, CompiledUrr>();
        foreach (var urr in rules.Urrs)
        {
            if (urrs.ContainsKey(urr.Id))
            {
                throw new InvalidRuleException($"URR {urr.Id} appears twice", urr.Id);
            }

            var counter = session.Counters.TryGetValue(urr.Id, out var kept) ? kept : new UsageCounter(urr.Id);
            result.Counters[urr.Id] = counter;
            urrs[urr.Id] = new CompiledUrr(counter, UsageThresholds.From(urr));
        }

        var uplink = new Dictionary<uint, List<CompiledPdr>>();
        var downlink = new Dictionary<uint, List<CompiledPdr>>();
        var pdrIds = new HashSet<ushort>();
        foreach (var pdr in rules.Pdrs)
        {
            if (!pdrIds.Add(pdr.Id))
            {
                throw new InvalidRuleException($"PDR {pdr.Id} appears twice", pdr.Id);
            }

            var compiled = CompilePdr(pdr, fars, result.Qers, urrs);
            if (compiled.Uplink)
            {
                Add(uplink, compiled.Teid, compiled, result.UplinkKeyOwner);
            }
            else
            {
                Add(downlink, compiled.UeAddress, compiled, result.DownlinkKeyOwner);
                result.ForwardsDownlink |= compiled.Far.Forwards;
            }
        }

        foreach (var (key, list) in uplink)
        {
            result.Uplink[key] = Sorted(list);
        }

        foreach (var (key, list) in downlink)
        {
            result.Downlink[key] = Sorted(list);
        }

        return result;
    }

    private static CompiledPdr CompilePdr(PacketDetectionRule pdr, Dictionary<uint, CompiledFar> fars, Dictionary<uint, CompiledQer> qers, Dictionary<uint, CompiledUrr> urrs)
    {
        var uplink = pdr.SourceInterface switch
        {
            InterfaceKind.Access => true,
            InterfaceKind.Core or InterfaceKind.SgiLanN6Lan => false,
            _ => throw new InvalidRuleException($"PDR {pdr.Id}: source interface {pdr.SourceInterface} is not forwarded by this user plane", pdr.Id),
        };

        if (uplink && pdr.LocalTeid is null)
        {
            throw new InvalidRuleException($"PDR {pdr.Id}: an uplink PDR needs a local F-TEID", pdr.Id);
        }

        if (!uplink && pdr.UeAddress is null)
        {
            throw new InvalidRuleException($"PDR {pdr.Id}: a downlink PDR needs the UE IP address", pdr.Id);
        }

        var ue = 0u;
        if (pdr.UeAddress is { } address)
        {
            ue = address.AddressFamily == AddressFamily.InterNetwork
                ? Ipv4Endpoint.ToUInt32(address)
                : throw new InvalidRuleException($"PDR {pdr.Id}: UE address {address} is not IPv4; this user plane forwards IPv4 only", pdr.Id);
        }

        if (!fars.TryGetValue(pdr.FarId, out var far))
        {
            throw new InvalidRuleException($"PDR {pdr.Id} names FAR {pdr.FarId}, which the session does not have", pdr.Id);
        }

        var filters = new SdfFilterMatcher[pdr.SdfFilters.Count];
        for (var i = 0; i < filters.Length; i++)
        {
            try
            {
                filters[i] = SdfFilterMatcher.Parse(pdr.SdfFilters[i].FlowDescription);
            }
            catch (FormatException e)
            {
                throw new InvalidRuleException($"PDR {pdr.Id}: SDF filter {e.Message}", pdr.Id);
            }
        }

        var pdrQers = new CompiledQer[pdr.QerIds.Count];
        var downlinkQfi = -1;
        for (var i = 0; i < pdrQers.Length; i++)
        {
            pdrQers[i] = qers.TryGetValue(pdr.QerIds[i], out var qer)
                ? qer
                : throw new InvalidRuleException($"PDR {pdr.Id} names QER {pdr.QerIds[i]}, which the session does not have", pdr.Id);
            if (downlinkQfi < 0)
            {
                downlinkQfi = qer.Qfi;
            }
        }

        var pdrUrrs = new CompiledUrr[pdr.UrrIds.Count];
        for (var i = 0; i < pdrUrrs.Length; i++)
        {
            pdrUrrs[i] = urrs.TryGetValue(pdr.UrrIds[i], out var urr)
                ? urr
                : throw new InvalidRuleException($"PDR {pdr.Id} names URR {pdr.UrrIds[i]}, which the session does not have", pdr.Id);
        }

        if (pdr.Qfi > 63)
        {
            throw new InvalidRuleException($"PDR {pdr.Id}: QFI {pdr.Qfi} does not fit 6 bits", pdr.Id);
        }

        return new CompiledPdr
        {
            Id = pdr.Id,
            Precedence = pdr.Precedence,
            Uplink = uplink,
            Teid = pdr.LocalTeid ?? 0,
            UeAddress = ue,
            Qfi = pdr.Qfi ?? -1,
            Filters = filters,
            Far = far,
            Qers = pdrQers,
            Urrs = pdrUrrs,
            DownlinkQfi = downlinkQfi,
        };
    }

    private static CompiledFar CompileFar(ForwardingActionRule far)
    {
        var actions = far.Action & (ApplyAction.Drop | ApplyAction.Forward | ApplyAction.Buffer);
        if (actions is not (ApplyAction.Drop or ApplyAction.Forward or ApplyAction.Buffer))
        {
            throw new InvalidRuleException($"FAR {far.Id}: apply action {far.Action} must say exactly one of drop, forward or buffer", far.Id);
        }

        if (far.OuterHeader is not { } outer)
        {
            return new CompiledFar(far.Id, far.Action, false, 0, default);
        }

        if (outer.PeerAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new InvalidRuleException($"FAR {far.Id}: outer header peer {outer.PeerAddress} is not IPv4; this user plane's N3 is IPv4", far.Id);
        }

        return new CompiledFar(far.Id, far.Action, true, outer.Teid, new Ipv4Endpoint(Ipv4Endpoint.ToUInt32(outer.PeerAddress), outer.Port));
    }

    // A bucket whose rate did not change keeps its tokens across Apply.
    private static TokenBucket? Bucket(ulong? kbps, TokenBucket? old) =>
        kbps is null or 0 ? null : old is not null && old.Kbps == kbps ? old : new TokenBucket(kbps.Value);

    private static void Add(Dictionary<uint, List<CompiledPdr>> table, uint key, CompiledPdr pdr, Dictionary<uint, uint> owner)
    {
        if (!table.TryGetValue(key, out var list))
        {
            table[key] = list = [];
            owner[key] = pdr.Id;
        }

        list.Add(pdr);
    }

    private static CompiledPdr[] Sorted(List<CompiledPdr> list)
    {
        var array = list.ToArray();
        // Stable on equal precedence: the order the SMF listed them in.
        var order = new int[array.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => array[a].Precedence != array[b].Precedence ? array[a].Precedence.CompareTo(array[b].Precedence) : a.CompareTo(b));
        var sorted = new CompiledPdr[array.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = array[order[i]];
        }

        return sorted;
    }
}
