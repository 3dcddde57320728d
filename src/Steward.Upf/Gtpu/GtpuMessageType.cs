namespace Steward.Upf.Gtpu;

/// <summary>GTP-U message types this UPF sends or understands (3GPP TS 29.281 §6.1).</summary>
public enum GtpuMessageType : byte
{
    /// <summary>Echo Request: path keep-alive, answered with an Echo Response.</summary>
    EchoRequest = 1,
    /// <summary>Echo Response, carrying the Recovery IE.</summary>
    EchoResponse = 2,
    /// <summary>Error Indication: the receiver has no context for the TEID of a G-PDU it got.</summary>
    ErrorIndication = 26,
    /// <summary>Supported Extension Headers Notification: the reply to a G-PDU with an extension header the receiver must but cannot understand.</summary>
    SupportedExtensionHeadersNotification = 31,
    /// <summary>End Marker: the last packet on a tunnel before a path switch.</summary>
    EndMarker = 254,
    /// <summary>G-PDU: a user packet (T-PDU) in a tunnel.</summary>
    GPdu = 255,
}

/// <summary>GTP-U extension header types (TS 29.281 §5.2.1).</summary>
public enum GtpuExtensionType : byte
{
    /// <summary>No more extension headers.</summary>
    None = 0x00,
    /// <summary>UDP Port: the source port of the G-PDU that caused an Error Indication.</summary>
    UdpPort = 0x40,
    /// <summary>PDU Session Container (TS 38.415): the QFI of a 5G packet.</summary>
    PduSessionContainer = 0x85,
}

/// <summary>GTP-U information element types (TS 29.281 §8.1).</summary>
public enum GtpuIeType : byte
{
    /// <summary>Recovery (TV, 1 octet, always 0 in GTP-U).</summary>
    Recovery = 14,
    /// <summary>Tunnel Endpoint Identifier Data I (TV, 4 octets).</summary>
    TeidDataI = 16,
    /// <summary>GTP-U Peer Address (TLV, 4 or 16 octets).</summary>
    GtpuPeerAddress = 133,
    /// <summary>Extension Header Type List (TLV).</summary>
    ExtensionHeaderTypeList = 141,
    /// <summary>Private Extension (TLV).</summary>
    PrivateExtension = 255,
}

/// <summary>Why a datagram is not a GTP-U message this UPF can take; the data path drops it and counts the reason.</summary>
public enum GtpuDecodeError
{
    /// <summary>It decoded.</summary>
    None,
    /// <summary>Shorter than the mandatory header (8 octets, 12 when E, S or PN is set).</summary>
    TooShort,
    /// <summary>The version is not 1.</summary>
    NotVersion1,
    /// <summary>PT is 0: GTP' (charging), not GTP.</summary>
    NotGtp,
    /// <summary>The Length field claims more octets than the datagram has, or fewer than the optional fields need.</summary>
    BadLength,
    /// <summary>An extension header has length 0 or runs past the end of the message.</summary>
    BadExtensionHeader,
    /// <summary>More extension headers than the decoder follows (<see cref="GtpuPacket.MaxExtensionHeaders"/>).</summary>
    TooManyExtensionHeaders,
    /// <summary>An extension header the receiver must understand (type bit 8 set) is not one this decoder knows.</summary>
    UnsupportedExtensionHeader,
    /// <summary>A PDU Session Container too short for its PDU type or of an unknown PDU type.</summary>
    BadPduSessionContainer,
}
