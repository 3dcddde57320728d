using Steward.Pfcp.Wire;
using Steward.Upf.Rules;
using Ies = Steward.Pfcp.Ies;

namespace Steward.Upf.Control;

/// <summary>
/// A session's rules while a request changes them: Create, Update and Remove IEs are applied here
/// one by one, then the whole set is checked (every id a PDR names exists) and handed to the user
/// plane as one <see cref="SessionRules"/>. Failures are <see cref="RuleRejection"/>s that carry the
/// cause and Offending IE of TS 29.244 §7.5.
/// </summary>
internal sealed class SessionRuleSet
{
    private readonly Dictionary<ushort, PacketDetectionRule> _pdrs = [];
    private readonly Dictionary<uint, ForwardingActionRule> _fars = [];
    private readonly Dictionary<uint, QosEnforcementRule> _qers = [];
    private readonly Dictionary<uint, UsageReportingRule> _urrs = [];
    private readonly Func<Ies.FTeid, uint> _chooseTeid;

    /// <param name="current">The rules the session has now (none for a new session).</param>
    /// <param name="chooseTeid">Gives the local TEID of an F-TEID with CHOOSE set.</param>
    public SessionRuleSet(SessionRules? current, Func<Ies.FTeid, uint> chooseTeid)
    {
        _chooseTeid = chooseTeid;
        if (current is null)
        {
            return;
        }

        foreach (var pdr in current.Pdrs)
        {
            _pdrs[pdr.Id] = pdr;
        }

        foreach (var far in current.Fars)
        {
            _fars[far.Id] = far;
        }

        foreach (var qer in current.Qers)
        {
            _qers[qer.Id] = qer;
        }

        foreach (var urr in current.Urrs)
        {
            _urrs[urr.Id] = urr;
        }
    }

    /// <summary>PDRs created by this request whose F-TEID the UPF chose, with that F-TEID's TEID.</summary>
    public List<(ushort PdrId, uint Teid)> Chosen { get; } = [];

    public bool HasUrr(uint id) => _urrs.ContainsKey(id);

    public SessionRules ToRules(ulong localSeid, ulong remoteSeid)
    {
        foreach (var pdr in _pdrs.Values)
        {
            if (!_fars.ContainsKey(pdr.FarId))
            {
                throw new RuleRejection(PfcpCause.RuleCreationModificationFailure, IeType.CreatePdr, $"PDR {pdr.Id} names FAR {pdr.FarId}, which the session does not have");
            }

            if (pdr.QerIds.Where(id => !_qers.ContainsKey(id)).Select(id => (uint?)id).FirstOrDefault() is { } qer)
            {
                throw new RuleRejection(PfcpCause.RuleCreationModificationFailure, IeType.CreatePdr, $"PDR {pdr.Id} names QER {qer}, which the session does not have");
            }

            if (pdr.UrrIds.Where(id => !_urrs.ContainsKey(id)).Select(id => (uint?)id).FirstOrDefault() is { } urr)
            {
                throw new RuleRejection(PfcpCause.RuleCreationModificationFailure, IeType.CreatePdr, $"PDR {pdr.Id} names URR {urr}, which the session does not have");
            }
        }

        return new SessionRules
        {
            LocalSeid = localSeid,
            RemoteSeid = remoteSeid,
            Pdrs = [.. _pdrs.Values.OrderBy(p => p.Precedence).ThenBy(p => p.Id)],
            Fars = [.. _fars.Values.OrderBy(f => f.Id)],
            Qers = [.. _qers.Values.OrderBy(q => q.Id)],
            Urrs = [.. _urrs.Values.OrderBy(u => u.Id)],
        };
    }

    /// <summary>Which IE kind a rule id the user plane refused belongs to (PDRs first: their ids are what a data path most often refuses).</summary>
    public IeType OffendingIeFor(uint ruleId) =>
        ruleId <= ushort.MaxValue && _pdrs.ContainsKey((ushort)ruleId) ? IeType.CreatePdr
        : _fars.ContainsKey(ruleId) ? IeType.CreateFar
        : _qers.ContainsKey(ruleId) ? IeType.CreateQer
        : _urrs.ContainsKey(ruleId) ? IeType.CreateUrr
        : IeType.CreatePdr;

    public void Create(Ies.CreatePdr create)
    {
        if (_pdrs.ContainsKey(create.PdrId))
        {
            throw new RuleRejection(PfcpCause.RuleCreationModificationFailure, IeType.CreatePdr, $"PDR {create.PdrId} exists already");
        }

        var farId = create.FarId ?? throw new RuleRejection(PfcpCause.ConditionalIeMissing, IeType.FarId, $"PDR {create.PdrId} names no FAR");
        var pdr = new PacketDetectionRule
        {
            Id = create.PdrId,
            Precedence = create.Precedence,
            SourceInterface = Source(create.Pdi.SourceInterface),
            FarId = farId,
            RemoveOuterHeader = OuterHeaderRemoved(create.OuterHeaderRemoval),
            QerIds = create.QerIds,
            UrrIds = create.UrrIds,
        };
        _pdrs[create.PdrId] = WithPdi(pdr, create.Pdi);
    }

    public void Update(Ies.UpdatePdr update)
    {
        if (!_pdrs.TryGetValue(update.PdrId, out var pdr))
        {
            throw new RuleRejection(PfcpCause.RuleCreationModificationFailure, IeType.UpdatePdr, $"there is no PDR {update.PdrId} to update");
        }

        pdr = pdr with
        {
            Precedence = update.Precedence ?? pdr.Precedence,
            FarId = update.FarId ?? pdr.FarId,
            RemoveOuterHeader = update.OuterHeaderRemoval is null ? pdr.RemoveOuterHeader : OuterHeaderRemoved(update.OuterHeaderRemoval),
            QerIds = update.QerIds.Count > 0 ? update.QerIds : pdr.QerIds,
            UrrIds = update.UrrIds.Count > 0 ? update.UrrIds : pdr.UrrIds,
        };
        if (update.Pdi is { } pdi)
        {
            pdr = WithPdi(pdr with { SourceInterface = Source(pdi.SourceInterface), LocalTeid = null, UeAddress = null, SdfFilters = [], Qfi = null }, pdi);
        }

        _pdrs[update.PdrId] = pdr;
    }

    public void Remove(Ies.RemovePdr remove)
    {
        if (!_pdrs.Remove(remove.PdrId))
        {
            throw new RuleRejection(PfcpCause.RuleCreationModificationFailure, IeType.RemovePdr, $"there is no PDR {remove.PdrId} to remove");
        }
    }

    public void Create(Ies.CreateFar create)
    {
        if (_fars.ContainsKey(create.FarId))
        {
            throw new RuleRejection(PfcpCause.RuleCreationModificationFailure, IeType.CreateFar, $"FAR {create.FarId} exists already");
        }

        var far = new ForwardingActionRule { Id = create.FarId, Action = Action(create.ApplyAction) };
        if (create.ForwardingParameters is { } forwarding)
        {
            far = far with
            {
                DestinationInterface = Destination(forwarding.DestinationInterface),
                NetworkInstance = forwarding.NetworkInstance,
                OuterHeader = OuterHeader(forwarding.OuterHeaderCreation),
            };
        }
        else if (far.Action.HasFlag(Rules.ApplyAction.Forward))
        {
            throw new RuleRejection(PfcpCause.ConditionalIeMissing, IeType.ForwardingParameters, $"FAR {create.FarId} forwards but says not where");
        }

        _fars[create.FarId] = far;
    }

    public void Update(Ies.UpdateFar update)
    {
        if (!_fars.TryGetValue(update.FarId, out var far))
        {
            throw new RuleRejection(PfcpCause.RuleCreationModificationFailure, IeType.UpdateFar, $"there is no FAR {update.FarId} to update");
        }

        if (update.ApplyAction is { } action)
        {
            far = far with { Action = Action(action) };
        }

        if (update.UpdateForwardingParameters is { } forwarding)
        {
            far = far with
            {
                DestinationInterface = forwarding.DestinationInterface is { } destination ? Destination(destination) : far.DestinationInterface,
                NetworkInstance = forwarding.NetworkInstance ?? far.NetworkInstance,
                OuterHeader = forwarding.OuterHeaderCreation is { } outer ? OuterHeader(outer) : far.OuterHeader,
            };
        }

        _fars[update.FarId] = far;
    }

    public void Remove(Ies.RemoveFar remove)
    {
        if (!_fars.Remove(remove.FarId))
        {
            throw new RuleRejection(PfcpCause.RuleCreationModificationFailure, IeType.RemoveFar, $"there is no FAR {remove.FarId} to remove");
        }
    }

    public void Create(Ies.CreateQer create)
    {
        if (_qers.ContainsKey(create.QerId))
        {
            throw new RuleRejection(PfcpCause.RuleCreationModificationFailure, IeType.CreateQer, $"QER {create.QerId} exists already");
        }

        _qers[create.QerId] = new QosEnforcementRule
        {
            Id = create.QerId,
            UplinkOpen = create.GateStatus.Uplink == Ies.GateState.Open,
            DownlinkOpen = create.GateStatus.Downlink == Ies.GateState.Open,
            UplinkMbrKbps = create.Mbr?.UplinkKbps,
            DownlinkMbrKbps = create.Mbr?.DownlinkKbps,
            Qfi = create.Qfi,
        };
    }

    public void Update(Ies.UpdateQer update)
    {
        if (!_qers.TryGetValue(update.QerId, out var qer))
        {
            throw new RuleRejection(PfcpCause.RuleCreationModificationFailure, IeType.UpdateQer, $"there is no QER {update.QerId} to update");
        }

        _qers[update.QerId] = qer with
        {
            UplinkOpen = update.GateStatus is { } gates ? gates.Uplink == Ies.GateState.Open : qer.UplinkOpen,
            DownlinkOpen = update.GateStatus is { } gates2 ? gates2.Downlink == Ies.GateState.Open : qer.DownlinkOpen,
            UplinkMbrKbps = update.Mbr?.UplinkKbps ?? qer.UplinkMbrKbps,
            DownlinkMbrKbps = update.Mbr?.DownlinkKbps ?? qer.DownlinkMbrKbps,
            Qfi = update.Qfi ?? qer.Qfi,
        };
    }

    public void Remove(Ies.RemoveQer remove)
    {
        if (!_qers.Remove(remove.QerId))
        {
            throw new RuleRejection(PfcpCause.RuleCreationModificationFailure, IeType.RemoveQer, $"there is no QER {remove.QerId} to remove");
        }
    }

    public void Create(Ies.CreateUrr create)
    {
        if (_urrs.ContainsKey(create.UrrId))
        {
            throw new RuleRejection(PfcpCause.RuleCreationModificationFailure, IeType.CreateUrr, $"URR {create.UrrId} exists already");
        }

        _urrs[create.UrrId] = new UsageReportingRule
        {
            Id = create.UrrId,
            MeasureVolume = create.MeasurementMethod.HasFlag(Ies.MeasurementMethod.Volume),
            Triggers = Triggers(create.ReportingTriggers),
            VolumeThresholdTotal = create.VolumeThreshold?.Total,
            VolumeThresholdUplink = create.VolumeThreshold?.Uplink,
            VolumeThresholdDownlink = create.VolumeThreshold?.Downlink,
        };
    }

    public void Update(Ies.UpdateUrr update)
    {
        if (!_urrs.TryGetValue(update.UrrId, out var urr))
        {
            throw new RuleRejection(PfcpCause.RuleCreationModificationFailure, IeType.UpdateUrr, $"there is no URR {update.UrrId} to update");
        }

        _urrs[update.UrrId] = urr with
        {
            MeasureVolume = update.MeasurementMethod is { } method ? method.HasFlag(Ies.MeasurementMethod.Volume) : urr.MeasureVolume,
            Triggers = update.ReportingTriggers is { } triggers ? Triggers(triggers) : urr.Triggers,
            VolumeThresholdTotal = update.VolumeThreshold is { } v1 ? v1.Total : urr.VolumeThresholdTotal,
            VolumeThresholdUplink = update.VolumeThreshold is { } v2 ? v2.Uplink : urr.VolumeThresholdUplink,
            VolumeThresholdDownlink = update.VolumeThreshold is { } v3 ? v3.Downlink : urr.VolumeThresholdDownlink,
        };
    }

    public void Remove(Ies.RemoveUrr remove)
    {
        if (!_urrs.Remove(remove.UrrId))
        {
            throw new RuleRejection(PfcpCause.RuleCreationModificationFailure, IeType.RemoveUrr, $"there is no URR {remove.UrrId} to remove");
        }
    }

    private PacketDetectionRule WithPdi(PacketDetectionRule pdr, Ies.Pdi pdi)
    {
        uint? teid = null;
        if (pdi.LocalFTeid is { } fteid)
        {
            if (fteid.Choose)
            {
                teid = _chooseTeid(fteid);
                Chosen.Add((pdr.Id, teid.Value));
            }
            else
            {
                teid = fteid.Teid;
            }
        }

        if (pdi.Qfis.Count > 1)
        {
            throw new RuleRejection(PfcpCause.RuleCreationModificationFailure, IeType.Pdi, $"PDR {pdr.Id} matches {pdi.Qfis.Count} QFIs; this UPF matches one");
        }

        return pdr with
        {
            LocalTeid = teid,
            UeAddress = pdi.UeIpAddress?.IPv4 ?? pdi.UeIpAddress?.IPv6,
            SdfFilters = [.. pdi.SdfFilters.Where(f => f.FlowDescription is not null).Select(f => new Rules.SdfFilter(f.FlowDescription!))],
            Qfi = pdi.Qfis.Count == 1 ? pdi.Qfis[0] : null,
        };
    }

    private static InterfaceKind Source(Ies.SourceInterface source) => source switch
    {
        Ies.SourceInterface.Access => InterfaceKind.Access,
        Ies.SourceInterface.Core => InterfaceKind.Core,
        Ies.SourceInterface.SgiLanN6Lan => InterfaceKind.SgiLanN6Lan,
        Ies.SourceInterface.CpFunction => InterfaceKind.CpFunction,
        Ies.SourceInterface.FiveGVnInternal => InterfaceKind.FiveGVnInternal,
        _ => throw new RuleRejection(PfcpCause.MandatoryIeIncorrect, IeType.SourceInterface, $"source interface {(byte)source} is not defined"),
    };

    private static InterfaceKind Destination(Ies.DestinationInterface destination) => destination switch
    {
        Ies.DestinationInterface.Access => InterfaceKind.Access,
        Ies.DestinationInterface.Core => InterfaceKind.Core,
        Ies.DestinationInterface.SgiLanN6Lan => InterfaceKind.SgiLanN6Lan,
        Ies.DestinationInterface.CpFunction => InterfaceKind.CpFunction,
        Ies.DestinationInterface.FiveGVnInternal => InterfaceKind.FiveGVnInternal,
        _ => throw new RuleRejection(PfcpCause.RuleCreationModificationFailure, IeType.DestinationInterface, $"this UPF does not forward to destination interface {destination}"),
    };

    // Bits 1-5 of Apply Action mean the same in PFCP and in the user plane's model.
    private static Rules.ApplyAction Action(Ies.ApplyAction action)
    {
        var known = (Rules.ApplyAction)((ushort)action & 0x1F);
        if ((known & (Rules.ApplyAction.Drop | Rules.ApplyAction.Forward | Rules.ApplyAction.Buffer)) == 0)
        {
            throw new RuleRejection(PfcpCause.MandatoryIeIncorrect, IeType.ApplyAction, $"apply action {action} neither drops, forwards nor buffers");
        }

        return known;
    }

    // PERIO and VOLTH are the first two bits in both models.
    private static Rules.ReportingTriggers Triggers(Ies.ReportingTriggers triggers) =>
        (Rules.ReportingTriggers)((uint)triggers & 0x3);

    private static bool OuterHeaderRemoved(Ies.OuterHeaderRemoval? removal) => removal?.Description switch
    {
        null => false,
        Ies.OuterHeaderRemovalDescription.GtpuUdpIPv4 or Ies.OuterHeaderRemovalDescription.GtpuUdpIPv6 or Ies.OuterHeaderRemovalDescription.GtpuUdpIP => true,
        var other => throw new RuleRejection(PfcpCause.RuleCreationModificationFailure, IeType.OuterHeaderRemoval, $"this UPF removes GTP-U headers only, not {other}"),
    };

    private static Rules.OuterHeaderCreation? OuterHeader(Ies.OuterHeaderCreation? creation)
    {
        if (creation is null)
        {
            return null;
        }

        if (creation.Description.HasFlag(Ies.OuterHeaderCreationDescription.GtpuUdpIPv4) && creation is { Teid: { } teid, IPv4: { } v4 })
        {
            return new Rules.OuterHeaderCreation(teid, v4, creation.Port ?? 2152);
        }

        if (creation.Description.HasFlag(Ies.OuterHeaderCreationDescription.GtpuUdpIPv6) && creation is { Teid: { } teid6, IPv6: { } v6 })
        {
            return new Rules.OuterHeaderCreation(teid6, v6, creation.Port ?? 2152);
        }

        throw new RuleRejection(PfcpCause.RuleCreationModificationFailure, IeType.OuterHeaderCreation, $"this UPF creates GTP-U/UDP/IP headers only, not {creation.Description}");
    }
}
