using System.Buffers.Binary;

namespace Steward.Upf.Gtpu;

/// <summary>Reads the IEs of GTP-U signalling messages (TS 29.281 §8): TV types have fixed lengths, types 128 and up are TLV.</summary>
public static class GtpuInformationElements
{
    /// <summary>
    /// Reads the next IE off <paramref name="ies"/> and advances past it; false when the IEs are
    /// used up or the next one is malformed (a TV type whose length is not known, or a length past the end).
    /// </summary>
    public static bool TryReadNext(ref ReadOnlySpan<byte> ies, out byte type, out ReadOnlySpan<byte> value)
    {
        type = 0;
        value = default;
        if (ies.IsEmpty)
        {
            return false;
        }

        type = ies[0];
        int headerLength, valueLength;
        if (type >= 128)
        {
            if (ies.Length < 3)
            {
                return false;
            }

            headerLength = 3;
            valueLength = BinaryPrimitives.ReadUInt16BigEndian(ies[1..]);
        }
        else
        {
            headerLength = 1;
            valueLength = type switch
            {
                (byte)GtpuIeType.Recovery => 1,
                (byte)GtpuIeType.TeidDataI => 4,
                _ => -1,
            };
            if (valueLength < 0)
            {
                return false;
            }
        }

        if (headerLength + valueLength > ies.Length)
        {
            return false;
        }

        value = ies.Slice(headerLength, valueLength);
        ies = ies[(headerLength + valueLength)..];
        return true;
    }

    /// <summary>
    /// Reads an Error Indication's IEs: the TEID the peer did not know and the address it was sent
    /// to (IPv4 as a number; 0 when the peer gave an IPv6 address). False when either IE is missing or malformed.
    /// </summary>
    public static bool TryReadErrorIndication(ReadOnlySpan<byte> ies, out uint teid, out uint peerAddress)
    {
        teid = 0;
        peerAddress = 0;
        bool haveTeid = false, havePeer = false;
        while (TryReadNext(ref ies, out var type, out var value))
        {
            if (type == (byte)GtpuIeType.TeidDataI)
            {
                teid = BinaryPrimitives.ReadUInt32BigEndian(value);
                haveTeid = true;
            }
            else if (type == (byte)GtpuIeType.GtpuPeerAddress && value.Length is 4 or 16)
            {
                peerAddress = value.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(value) : 0;
                havePeer = true;
            }
        }

        return haveTeid && havePeer && ies.IsEmpty;
    }

    /// <summary>Reads an Echo Response's Recovery IE (its restart counter); false when it is missing.</summary>
    public static bool TryReadRecovery(ReadOnlySpan<byte> ies, out byte restartCounter)
    {
        restartCounter = 0;
        while (TryReadNext(ref ies, out var type, out var value))
        {
            if (type == (byte)GtpuIeType.Recovery)
            {
                restartCounter = value[0];
                return true;
            }
        }

        return false;
    }
}
