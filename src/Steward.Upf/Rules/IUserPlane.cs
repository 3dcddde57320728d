namespace Steward.Upf.Rules;

/// <summary>
/// The forwarding path as the UPF's PFCP side sees it. Thread-safe: Apply and Remove come from the
/// control thread while packets flow; a packet sees either the old rules of a session or the new,
/// never a mix.
/// </summary>
public interface IUserPlane
{
    /// <summary>
    /// Installs a session or replaces its rules whole. Counters of URRs whose id is kept carry on;
    /// packets buffered for a FAR that now forwards are sent; a rule the data path cannot honour
    /// (an SDF filter it cannot parse, a FAR id no PDR's FarId names) throws <see cref="InvalidRuleException"/>
    /// and leaves the session as it was.
    /// </summary>
    void Apply(SessionRules rules);

    /// <summary>Removes a session; returns the final usage of each of its URRs (reason Termination), or null when the SEID is unknown.</summary>
    IReadOnlyList<UsageReport>? Remove(ulong localSeid);

    /// <summary>The usage of a session's URRs now (reason Immediate), without resetting them; null when the SEID is unknown.</summary>
    IReadOnlyList<UsageReport>? QueryUsage(ulong localSeid);

    /// <summary>A URR crossed its threshold: report it to the SMF (Session Report Request, report type USAR).</summary>
    event Action<ulong, UsageReport>? UsageThresholdReached;

    /// <summary>The first downlink packet was buffered for a PDR whose FAR says Buffer + NotifyControlPlane (report type DLDR).</summary>
    event Action<ulong, ushort>? DownlinkDataBuffered;
}

/// <summary>A rule the data path cannot install; the PFCP side answers with a cause and the offending IE.</summary>
public sealed class InvalidRuleException(string message, uint ruleId) : Exception(message)
{
    /// <summary>The PDR, FAR, QER or URR id at fault.</summary>
    public uint RuleId { get; } = ruleId;
}
