using System.Buffers.Binary;

namespace Steward.Upf.Gtpu;

/// <summary>
/// A decoded GTP-U header (TS 29.281 §5.1): the flags, message type, TEID, the optional sequence
/// number and N-PDU number, the PDU Session Container if one was present, and where the payload
/// (a G-PDU's T-PDU, or a signalling message's IEs) lies in the datagram. A plain struct: decoding
/// allocates nothing and never reads past the datagram or the Length field.
/// </summary>
public readonly struct GtpuPacket
{
    /// <summary>The most extension headers <see cref="TryDecode"/> follows before giving up on a chain.</summary>
    public const int MaxExtensionHeaders = 8;

    /// <summary>The mandatory part of the header.</summary>
    public const int MandatoryHeaderLength = 8;

    /// <summary>The message type (not necessarily one of <see cref="GtpuMessageType"/>'s names).</summary>
    public GtpuMessageType MessageType { get; init; }

    /// <summary>The Tunnel Endpoint Identifier.</summary>
    public uint Teid { get; init; }

    /// <summary>S: the sequence number is meaningful.</summary>
    public bool HasSequenceNumber { get; init; }

    /// <summary>The sequence number (0 when S is clear).</summary>
    public ushort SequenceNumber { get; init; }

    /// <summary>PN: the N-PDU number is meaningful.</summary>
    public bool HasNPduNumber { get; init; }

    /// <summary>The N-PDU number (0 when PN is clear).</summary>
    public byte NPduNumber { get; init; }

    /// <summary>How many extension headers the chain had.</summary>
    public int ExtensionHeaderCount { get; init; }

    /// <summary>Whether a PDU Session Container was present.</summary>
    public bool HasPduSessionContainer { get; init; }

    /// <summary>The PDU Session Container (meaningful when <see cref="HasPduSessionContainer"/>).</summary>
    public PduSessionContainer PduSessionContainer { get; init; }

    /// <summary>Where the payload starts in the datagram (after every extension header).</summary>
    public int PayloadOffset { get; init; }

    /// <summary>The payload's length, as the Length field bounds it.</summary>
    public int PayloadLength { get; init; }

    /// <summary>The first unknown extension header type that demanded comprehension (with <see cref="GtpuDecodeError.UnsupportedExtensionHeader"/>).</summary>
    public byte UnsupportedExtensionType { get; init; }

    /// <summary>
    /// Decodes the GTP-U header at the start of <paramref name="datagram"/>. Octets after the end
    /// the Length field gives are ignored (they are not part of the message); a Length beyond the
    /// datagram, a broken or overlong extension header chain, or an unknown extension header marked
    /// comprehension-required is an error, with <paramref name="packet"/> holding what was read so far.
    /// </summary>
    public static GtpuDecodeError TryDecode(ReadOnlySpan<byte> datagram, out GtpuPacket packet)
    {
        packet = default;
        if (datagram.Length < MandatoryHeaderLength)
        {
            return GtpuDecodeError.TooShort;
        }

        var flags = datagram[0];
        if (flags >> 5 != 1)
        {
            return GtpuDecodeError.NotVersion1;
        }

        if ((flags & 0x10) == 0)
        {
            return GtpuDecodeError.NotGtp;
        }

        var type = (GtpuMessageType)datagram[1];
        var length = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        var teid = BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]);
        var end = MandatoryHeaderLength + length;
        if (end > datagram.Length)
        {
            return GtpuDecodeError.BadLength;
        }

        packet = new GtpuPacket { MessageType = type, Teid = teid };
        var offset = MandatoryHeaderLength;
        if ((flags & 0x07) == 0)
        {
            packet = packet with { PayloadOffset = offset, PayloadLength = end - offset };
            return GtpuDecodeError.None;
        }

        if (length < 4)
        {
            return GtpuDecodeError.BadLength;
        }

        var hasSequence = (flags & 0x02) != 0;
        var hasNPdu = (flags & 0x01) != 0;
        packet = packet with
        {
            HasSequenceNumber = hasSequence,
            SequenceNumber = hasSequence ? BinaryPrimitives.ReadUInt16BigEndian(datagram[8..]) : (ushort)0,
            HasNPduNumber = hasNPdu,
            NPduNumber = hasNPdu ? datagram[10] : (byte)0,
        };

        // The next-extension-type octet is meaningful only when E is set.
        var next = (flags & 0x04) != 0 ? datagram[11] : (byte)0;
        offset = 12;
        var count = 0;
        var hasContainer = false;
        PduSessionContainer container = default;
        while (next != 0)
        {
            if (count == MaxExtensionHeaders)
            {
                packet = packet with { ExtensionHeaderCount = count };
                return GtpuDecodeError.TooManyExtensionHeaders;
            }

            if (offset >= end)
            {
                return GtpuDecodeError.BadExtensionHeader;
            }

            var words = datagram[offset];
            var size = words * 4;
            if (words == 0 || size > end - offset)
            {
                return GtpuDecodeError.BadExtensionHeader;
            }

            var content = datagram.Slice(offset + 1, size - 2);
            if (next == (byte)GtpuExtensionType.PduSessionContainer)
            {
                if (!PduSessionContainer.TryRead(content, out container))
                {
                    return GtpuDecodeError.BadPduSessionContainer;
                }

                hasContainer = true;
            }
            else if (next != (byte)GtpuExtensionType.UdpPort && (next & 0x80) != 0)
            {
                // Bit 8 set: the receiving endpoint must understand it (§5.2.1); we do not.
                packet = packet with { UnsupportedExtensionType = next, ExtensionHeaderCount = count };
                return GtpuDecodeError.UnsupportedExtensionHeader;
            }

            count++;
            next = datagram[offset + size - 1];
            offset += size;
        }

        packet = packet with
        {
            ExtensionHeaderCount = count,
            HasPduSessionContainer = hasContainer,
            PduSessionContainer = container,
            PayloadOffset = offset,
            PayloadLength = end - offset,
        };
        return GtpuDecodeError.None;
    }
}
