namespace Steward.Upf.DataPath;

/// <summary>A snapshot of the user plane's packet counters, by direction and by the reason a packet was not forwarded.</summary>
public readonly record struct DataPathCounters
{
    /// <summary>G-PDUs decapsulated and written to N6.</summary>
    public long UplinkForwarded { get; init; }
    /// <summary>Octets of the inner packets of <see cref="UplinkForwarded"/>.</summary>
    public long UplinkBytes { get; init; }
    /// <summary>N6 packets encapsulated and sent to N3.</summary>
    public long DownlinkForwarded { get; init; }
    /// <summary>Octets of the inner packets of <see cref="DownlinkForwarded"/>.</summary>
    public long DownlinkBytes { get; init; }
    /// <summary>Datagrams on N3 that are not GTP-U version 1 messages this UPF can decode.</summary>
    public long Malformed { get; init; }
    /// <summary>GTP-U messages of a type a UPF does not take (a Create PDP Context on the user plane, say).</summary>
    public long UnknownMessageType { get; init; }
    /// <summary>G-PDUs whose TEID no session holds (each answered with an Error Indication).</summary>
    public long UnknownTeid { get; init; }
    /// <summary>N6 packets for an address no session holds.</summary>
    public long UnknownUe { get; init; }
    /// <summary>Inner packets that are not IPv4.</summary>
    public long NotIpv4 { get; init; }
    /// <summary>Packets of a known session that no PDR matched.</summary>
    public long NoMatchingPdr { get; init; }
    /// <summary>Packets whose FAR said drop (or could not forward: no outer header, buffering uplink).</summary>
    public long DroppedByFar { get; init; }
    /// <summary>Packets a closed QER gate dropped.</summary>
    public long DroppedByGate { get; init; }
    /// <summary>Packets beyond a QER's MBR.</summary>
    public long DroppedByMbr { get; init; }
    /// <summary>Downlink packets buffered.</summary>
    public long Buffered { get; init; }
    /// <summary>Downlink packets dropped because the session's buffer was full.</summary>
    public long BufferOverflow { get; init; }
    /// <summary>Echo Requests answered.</summary>
    public long EchoRequests { get; init; }
    /// <summary>Echo Responses received.</summary>
    public long EchoResponses { get; init; }
    /// <summary>Error Indications received from peers.</summary>
    public long ErrorIndicationsReceived { get; init; }
    /// <summary>End Markers received.</summary>
    public long EndMarkers { get; init; }
    /// <summary>Supported Extension Headers Notifications received.</summary>
    public long ExtensionHeaderNotifications { get; init; }
    /// <summary>G-PDUs with an extension header this UPF must but cannot understand.</summary>
    public long UnsupportedExtensionHeader { get; init; }
    /// <summary>Packets the N6 device or the N3 socket refused.</summary>
    public long SendFailures { get; init; }
}
