namespace Steward.Pfcp.Ies;

/// <summary>Measurement Method (§8.2.40): what a URR measures.</summary>
[Flags]
public enum MeasurementMethod : byte
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>DURAT: duration.</summary>
    Duration = 1 << 0,
    /// <summary>VOLUM: volume.</summary>
    Volume = 1 << 1,
    /// <summary>EVENT: events.</summary>
    Event = 1 << 2,
}

/// <summary>Reporting Triggers (§8.2.19): when a URR reports. Octet 5 is the low byte, then octets 6 and 7.</summary>
[Flags]
public enum ReportingTriggers : uint
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>PERIO: periodic reporting.</summary>
    PeriodicReporting = 1 << 0,
    /// <summary>VOLTH: volume threshold.</summary>
    VolumeThreshold = 1 << 1,
    /// <summary>TIMTH: time threshold.</summary>
    TimeThreshold = 1 << 2,
    /// <summary>QUHTI: quota holding time.</summary>
    QuotaHoldingTime = 1 << 3,
    /// <summary>START: start of traffic.</summary>
    StartOfTraffic = 1 << 4,
    /// <summary>STOPT: stop of traffic.</summary>
    StopOfTraffic = 1 << 5,
    /// <summary>DROTH: dropped downlink traffic threshold.</summary>
    DroppedDlTrafficThreshold = 1 << 6,
    /// <summary>LIUSA: linked usage reporting.</summary>
    LinkedUsageReporting = 1 << 7,
    /// <summary>VOLQU: volume quota.</summary>
    VolumeQuota = 1 << 8,
    /// <summary>TIMQU: time quota.</summary>
    TimeQuota = 1 << 9,
    /// <summary>ENVCL: envelope closure.</summary>
    EnvelopeClosure = 1 << 10,
    /// <summary>MACAR: MAC addresses reporting.</summary>
    MacAddressesReporting = 1 << 11,
    /// <summary>EVETH: event threshold.</summary>
    EventThreshold = 1 << 12,
    /// <summary>EVEQU: event quota.</summary>
    EventQuota = 1 << 13,
    /// <summary>IPMJL: IP multicast join/leave.</summary>
    IPMulticastJoinLeave = 1 << 14,
    /// <summary>QUVTI: quota validity time.</summary>
    QuotaValidityTime = 1 << 15,
    /// <summary>REEMR: report the end marker reception.</summary>
    EndMarkerReception = 1 << 16,
    /// <summary>UPINT: user plane inactivity timer.</summary>
    UserPlaneInactivityTimer = 1 << 17,
}

/// <summary>Usage Report Trigger (§8.2.41): why a usage report was sent. Octet 5 is the low byte, then octets 6 and 7.</summary>
[Flags]
public enum UsageReportTrigger : uint
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>PERIO: periodic reporting.</summary>
    PeriodicReporting = 1 << 0,
    /// <summary>VOLTH: the volume threshold was reached.</summary>
    VolumeThreshold = 1 << 1,
    /// <summary>TIMTH: the time threshold was reached.</summary>
    TimeThreshold = 1 << 2,
    /// <summary>QUHTI: quota holding time.</summary>
    QuotaHoldingTime = 1 << 3,
    /// <summary>START: start of traffic.</summary>
    StartOfTraffic = 1 << 4,
    /// <summary>STOPT: stop of traffic.</summary>
    StopOfTraffic = 1 << 5,
    /// <summary>DROTH: dropped downlink traffic threshold.</summary>
    DroppedDlTrafficThreshold = 1 << 6,
    /// <summary>IMMER: immediate report (asked by a Query URR).</summary>
    ImmediateReport = 1 << 7,
    /// <summary>VOLQU: volume quota.</summary>
    VolumeQuota = 1 << 8,
    /// <summary>TIMQU: time quota.</summary>
    TimeQuota = 1 << 9,
    /// <summary>LIUSA: linked usage reporting.</summary>
    LinkedUsageReporting = 1 << 10,
    /// <summary>TERMR: termination report (the URR or the session was removed).</summary>
    TerminationReport = 1 << 11,
    /// <summary>MONIT: monitoring time.</summary>
    MonitoringTime = 1 << 12,
    /// <summary>ENVCL: envelope closure.</summary>
    EnvelopeClosure = 1 << 13,
    /// <summary>MACAR: MAC addresses reporting.</summary>
    MacAddressesReporting = 1 << 14,
    /// <summary>EVETH: event threshold.</summary>
    EventThreshold = 1 << 15,
    /// <summary>EVEQU: event quota.</summary>
    EventQuota = 1 << 16,
    /// <summary>TEBUR: termination by UP function report.</summary>
    TerminationByUpFunction = 1 << 17,
    /// <summary>IPMJL: IP multicast join/leave.</summary>
    IPMulticastJoinLeave = 1 << 18,
    /// <summary>QUVTI: quota validity time.</summary>
    QuotaValidityTime = 1 << 19,
    /// <summary>EMRRE: end marker reception report.</summary>
    EndMarkerReception = 1 << 20,
    /// <summary>UPINT: user plane inactivity timer.</summary>
    UserPlaneInactivityTimer = 1 << 21,
}

/// <summary>Report Type (§8.2.21): what a Session Report Request reports.</summary>
[Flags]
public enum ReportType : byte
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>DLDR: a downlink data report (a packet was buffered).</summary>
    DownlinkData = 1 << 0,
    /// <summary>USAR: usage reports.</summary>
    Usage = 1 << 1,
    /// <summary>ERIR: an error indication report.</summary>
    ErrorIndication = 1 << 2,
    /// <summary>UPIR: a user plane inactivity report.</summary>
    UserPlaneInactivity = 1 << 3,
    /// <summary>TMIR: a TSC management information report.</summary>
    TscManagementInformation = 1 << 4,
    /// <summary>SESR: a session report.</summary>
    Session = 1 << 5,
    /// <summary>UISR: a UP-initiated session request.</summary>
    UpInitiatedSessionRequest = 1 << 6,
}

/// <summary>Volume Threshold (§8.2.13): octets after which a URR reports; each total is optional.</summary>
/// <param name="Total">TOVOL: uplink and downlink together.</param>
/// <param name="Uplink">ULVOL.</param>
/// <param name="Downlink">DLVOL.</param>
public sealed record Volume(ulong? Total = null, ulong? Uplink = null, ulong? Downlink = null);

/// <summary>Volume Measurement (§8.2.44): octets (and, with MNOP, packets) a URR counted.</summary>
public sealed record VolumeMeasurement
{
    /// <summary>TOVOL: octets both ways.</summary>
    public ulong? TotalVolume { get; init; }

    /// <summary>ULVOL: uplink octets.</summary>
    public ulong? UplinkVolume { get; init; }

    /// <summary>DLVOL: downlink octets.</summary>
    public ulong? DownlinkVolume { get; init; }

    /// <summary>TONOP: packets both ways.</summary>
    public ulong? TotalPackets { get; init; }

    /// <summary>ULNOP: uplink packets.</summary>
    public ulong? UplinkPackets { get; init; }

    /// <summary>DLNOP: downlink packets.</summary>
    public ulong? DownlinkPackets { get; init; }
}

/// <summary>Create URR (§7.5.2.4, grouped): a usage reporting rule.</summary>
public sealed record CreateUrr
{
    /// <summary>The rule's id in the session (mandatory).</summary>
    public required uint UrrId { get; init; }

    /// <summary>What to measure (mandatory).</summary>
    public required MeasurementMethod MeasurementMethod { get; init; }

    /// <summary>When to report (mandatory).</summary>
    public required ReportingTriggers ReportingTriggers { get; init; }

    /// <summary>The volume that triggers a report, with <see cref="ReportingTriggers.VolumeThreshold"/>.</summary>
    public Volume? VolumeThreshold { get; init; }

    /// <summary>Seconds between reports, with <see cref="ReportingTriggers.PeriodicReporting"/> (Measurement Period, §8.2.42).</summary>
    public uint? MeasurementPeriod { get; init; }
}

/// <summary>Update URR (§7.5.4.4, grouped): absent members stay as they were.</summary>
public sealed record UpdateUrr
{
    /// <summary>The rule to change (mandatory).</summary>
    public required uint UrrId { get; init; }

    /// <summary>A new measurement method.</summary>
    public MeasurementMethod? MeasurementMethod { get; init; }

    /// <summary>New reporting triggers.</summary>
    public ReportingTriggers? ReportingTriggers { get; init; }

    /// <summary>A new volume threshold.</summary>
    public Volume? VolumeThreshold { get; init; }

    /// <summary>A new measurement period, in seconds.</summary>
    public uint? MeasurementPeriod { get; init; }
}

/// <summary>Remove URR (§7.5.4.8, grouped).</summary>
/// <param name="UrrId">The rule to remove.</param>
public sealed record RemoveUrr(uint UrrId);

/// <summary>Query URR (§7.5.4.10, grouped): asks for an immediate usage report.</summary>
/// <param name="UrrId">The rule to report.</param>
public sealed record QueryUrr(uint UrrId);

/// <summary>
/// Usage Report (§7.5.5.2, §7.5.7.2, §7.5.8.3, grouped): what a URR counted. The same shape goes in
/// Session Modification Response, Session Deletion Response and Session Report Request, under three IE types.
/// </summary>
public sealed record UsageReport
{
    /// <summary>The rule reporting (mandatory).</summary>
    public required uint UrrId { get; init; }

    /// <summary>UR-SEQN: this URR's report number, counting from 0 (mandatory).</summary>
    public required uint UrSeqn { get; init; }

    /// <summary>Why it reports (mandatory).</summary>
    public required UsageReportTrigger UsageReportTrigger { get; init; }

    /// <summary>When the measurement began.</summary>
    public NtpTime? StartTime { get; init; }

    /// <summary>When the measurement ended.</summary>
    public NtpTime? EndTime { get; init; }

    /// <summary>The counts.</summary>
    public VolumeMeasurement? VolumeMeasurement { get; init; }

    /// <summary>Seconds of traffic measured (Duration Measurement, §8.2.45), with <see cref="MeasurementMethod.Duration"/>.</summary>
    public uint? DurationMeasurement { get; init; }
}

/// <summary>Downlink Data Report (§7.5.8.2, grouped): the PDRs that buffered a downlink packet.</summary>
public sealed record DownlinkDataReport
{
    /// <summary>One or more PDRs.</summary>
    public required IReadOnlyList<ushort> PdrIds { get; init; }
}

/// <summary>Error Indication Report (§7.5.8.4, grouped): the remote F-TEIDs a GTP-U Error Indication named (report type ERIR).</summary>
public sealed record ErrorIndicationReport
{
    /// <summary>One or more F-TEIDs of the peer that no longer knows the tunnel.</summary>
    public required IReadOnlyList<FTeid> RemoteFTeids { get; init; }
}
