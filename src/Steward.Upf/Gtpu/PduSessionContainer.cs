namespace Steward.Upf.Gtpu;

/// <summary>The PDU Type of a PDU Session Container (TS 38.415 §5.5.3.1).</summary>
public enum PduSessionPduType : byte
{
    /// <summary>DL PDU SESSION INFORMATION: from the UPF toward the gNB.</summary>
    Downlink = 0,
    /// <summary>UL PDU SESSION INFORMATION: from the gNB toward the UPF.</summary>
    Uplink = 1,
}

/// <summary>
/// The fields of a PDU Session Container extension header (type 0x85) this UPF uses: the QoS Flow
/// Identifier and, downlink, the Paging Policy Presence with its indicator and the Reflective QoS
/// Indicator (TS 38.415 §5.5.2). Optional timing and sequence fields are skipped when read and never written.
/// </summary>
/// <param name="PduType">Downlink (0) or Uplink (1).</param>
/// <param name="Qfi">The QoS Flow Identifier, 0-63.</param>
/// <param name="Rqi">Reflective QoS Indicator (downlink only).</param>
/// <param name="Ppp">Paging Policy Presence: <paramref name="Ppi"/> follows (downlink only).</param>
/// <param name="Ppi">Paging Policy Indicator, 0-7 (downlink only).</param>
public readonly record struct PduSessionContainer(PduSessionPduType PduType, byte Qfi, bool Rqi = false, bool Ppp = false, byte Ppi = 0)
{
    /// <summary>A DL PDU SESSION INFORMATION carrying <paramref name="qfi"/>.</summary>
    public static PduSessionContainer Downlink(byte qfi) => new(PduSessionPduType.Downlink, qfi);

    /// <summary>An UL PDU SESSION INFORMATION carrying <paramref name="qfi"/>.</summary>
    public static PduSessionContainer Uplink(byte qfi) => new(PduSessionPduType.Uplink, qfi);

    // The extension header's content (between its length octet and its next-type octet):
    // octet 1: PDU type (bits 8-5) and flags; octet 2: PPP, RQI (DL) or N3/N9 delay, new IE (UL), and the QFI (bits 6-1).
    // With PPP, octet 3 carries the PPI in bits 8-6; the header is padded to a multiple of 4 octets.
    internal int EncodedLength => Ppp && PduType == PduSessionPduType.Downlink ? 8 : 4;

    internal void Write(Span<byte> destination, GtpuExtensionType next)
    {
        var length = EncodedLength;
        destination[..length].Clear();
        destination[0] = (byte)(length / 4);
        destination[1] = (byte)((byte)PduType << 4);
        var octet2 = (byte)(Qfi & 0x3f);
        if (PduType == PduSessionPduType.Downlink)
        {
            octet2 |= (byte)((Ppp ? 0x80 : 0) | (Rqi ? 0x40 : 0));
            if (Ppp)
            {
                destination[3] = (byte)((Ppi & 0x07) << 5);
            }
        }

        destination[2] = octet2;
        destination[length - 1] = (byte)next;
    }

    // content: the octets between the length octet and the next-type octet.
    internal static bool TryRead(ReadOnlySpan<byte> content, out PduSessionContainer container)
    {
        container = default;
        if (content.Length < 2)
        {
            return false;
        }

        var type = content[0] >> 4;
        var qfi = (byte)(content[1] & 0x3f);
        switch (type)
        {
            case 0:
                var ppp = (content[1] & 0x80) != 0;
                if (ppp && content.Length < 3)
                {
                    return false;
                }

                container = new PduSessionContainer(PduSessionPduType.Downlink, qfi, (content[1] & 0x40) != 0, ppp, ppp ? (byte)(content[2] >> 5) : (byte)0);
                return true;
            case 1:
                container = new PduSessionContainer(PduSessionPduType.Uplink, qfi);
                return true;
            default:
                return false;
        }
    }
}
