using System.Net;

namespace Steward.Pfcp.Smf;

/// <summary>
/// What an SMF asks of a UPF for one PDU session: the UE's address, the gNB's downlink tunnel, the
/// QoS flow, its bit rates and a volume threshold for usage reports. The SMF side turns it into PDRs,
/// FARs, a QER and a URR (see <see cref="SmfN4Client.EstablishSessionAsync"/>).
/// </summary>
public sealed record PduSessionRequest
{
    /// <summary>The UE's address: the source of uplink packets, the destination of downlink ones.</summary>
    public required IPAddress UeAddress { get; init; }

    /// <summary>The gNB's N3 address, where downlink GTP-U goes.</summary>
    public required IPAddress GnbAddress { get; init; }

    /// <summary>The gNB's TEID for the downlink tunnel.</summary>
    public required uint GnbTeid { get; init; }

    /// <summary>The QoS flow (QFI, 6 bits) the UPF marks downlink packets with.</summary>
    public byte Qfi { get; init; } = 9;

    /// <summary>Match only uplink packets whose PDU Session Container carries <see cref="Qfi"/>.</summary>
    public bool MatchUplinkQfi { get; init; }

    /// <summary>Uplink MBR, kbit/s; null: not policed.</summary>
    public ulong? UplinkMbrKbps { get; init; }

    /// <summary>Downlink MBR, kbit/s; null: not policed.</summary>
    public ulong? DownlinkMbrKbps { get; init; }

    /// <summary>Octets (both ways) after which the UPF sends a usage report; null: no threshold.</summary>
    public ulong? VolumeThresholdBytes { get; init; }

    /// <summary>The Network Instance (DNN) on the core side.</summary>
    public string? NetworkInstance { get; init; } = "internet";
}
