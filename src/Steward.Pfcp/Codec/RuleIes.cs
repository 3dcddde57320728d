using System.Buffers.Binary;
using System.Net;
using System.Text;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Codec;

/// <summary>The single-value IEs inside PDRs, FARs, QERs and URRs (§8.2): writers of whole IEs, readers of values.</summary>
internal static class RuleIes
{
    public static void WriteFTeid(ref IeWriter w, FTeid fteid)
    {
        var at = w.Begin(IeType.FTeid);
        if (fteid.Choose)
        {
            w.U8((byte)((fteid.ChooseIPv4 ? 0b0001 : 0) | (fteid.ChooseIPv6 ? 0b0010 : 0) | 0b0100 | (fteid.ChooseId is null ? 0 : 0b1000)));
            if (fteid.ChooseId is { } chooseId)
            {
                w.U8(chooseId);
            }
        }
        else
        {
            if (fteid.IPv4 is null && fteid.IPv6 is null)
            {
                throw new ArgumentException("an F-TEID needs an IPv4 or an IPv6 address, or CHOOSE");
            }

            w.U8((byte)((fteid.IPv4 is null ? 0 : 0b0001) | (fteid.IPv6 is null ? 0 : 0b0010)));
            w.U32(fteid.Teid);
            if (fteid.IPv4 is { } v4)
            {
                w.IPv4(v4);
            }

            if (fteid.IPv6 is { } v6)
            {
                w.IPv6(v6);
            }
        }

        w.End(at);
    }

    public static FTeid? ReadFTeid(ReadOnlySpan<byte> v)
    {
        if (v.IsEmpty)
        {
            return null;
        }

        var flags = v[0];
        bool v4 = (flags & 0b0001) != 0, v6 = (flags & 0b0010) != 0, choose = (flags & 0b0100) != 0, hasChooseId = (flags & 0b1000) != 0;
        if (choose)
        {
            if (hasChooseId && v.Length < 2)
            {
                return null;
            }

            return new FTeid { Choose = true, ChooseIPv4 = v4, ChooseIPv6 = v6, ChooseId = hasChooseId ? v[1] : null };
        }

        if ((!v4 && !v6) || v.Length < 5 + (v4 ? 4 : 0) + (v6 ? 16 : 0))
        {
            return null;
        }

        var at = 5;
        var ipv4 = v4 ? Fields.Address(v.Slice(at, 4)) : null;
        at += v4 ? 4 : 0;
        var ipv6 = v6 ? Fields.Address(v.Slice(at, 16)) : null;
        return new FTeid { Teid = BinaryPrimitives.ReadUInt32BigEndian(v[1..]), IPv4 = ipv4, IPv6 = ipv6 };
    }

    public static void WriteUeIpAddress(ref IeWriter w, UeIpAddress ue)
    {
        var at = w.Begin(IeType.UeIpAddress);
        w.U8((byte)((ue.IPv6 is null ? 0 : 0x01) | (ue.IPv4 is null ? 0 : 0x02) | (ue.IsDestination ? 0x04 : 0)
            | (ue.IPv6PrefixDelegationBits is null ? 0 : 0x08) | (ue.ChooseIPv4 ? 0x10 : 0) | (ue.ChooseIPv6 ? 0x20 : 0)
            | (ue.IPv6PrefixLength is null ? 0 : 0x40)));
        if (ue.IPv4 is { } v4)
        {
            w.IPv4(v4);
        }

        if (ue.IPv6 is { } v6)
        {
            w.IPv6(v6);
        }

        if (ue.IPv6PrefixDelegationBits is { } bits)
        {
            w.U8(bits);
        }

        if (ue.IPv6PrefixLength is { } prefix)
        {
            w.U8(prefix);
        }

        w.End(at);
    }

    public static UeIpAddress? ReadUeIpAddress(ReadOnlySpan<byte> v)
    {
        if (v.IsEmpty)
        {
            return null;
        }

        var flags = v[0];
        bool v6 = (flags & 0x01) != 0, v4 = (flags & 0x02) != 0, delegation = (flags & 0x08) != 0, prefixLength = (flags & 0x40) != 0;
        if (v.Length < 1 + (v4 ? 4 : 0) + (v6 ? 16 : 0) + (delegation ? 1 : 0) + (prefixLength ? 1 : 0))
        {
            return null;
        }

        var at = 1;
        IPAddress? ipv4 = null, ipv6 = null;
        if (v4)
        {
            ipv4 = Fields.Address(v.Slice(at, 4));
            at += 4;
        }

        if (v6)
        {
            ipv6 = Fields.Address(v.Slice(at, 16));
            at += 16;
        }

        byte? bits = delegation ? v[at++] : null;
        byte? prefix = prefixLength ? v[at] : null;
        return new UeIpAddress
        {
            IPv4 = ipv4,
            IPv6 = ipv6,
            IsDestination = (flags & 0x04) != 0,
            IPv6PrefixDelegationBits = bits,
            ChooseIPv4 = (flags & 0x10) != 0,
            ChooseIPv6 = (flags & 0x20) != 0,
            IPv6PrefixLength = prefix,
        };
    }

    public static void WriteSdfFilter(ref IeWriter w, SdfFilter filter)
    {
        var at = w.Begin(IeType.SdfFilter);
        w.U8((byte)((filter.FlowDescription is null ? 0 : 0x01) | (filter.TosTrafficClass is null ? 0 : 0x02)
            | (filter.SecurityParameterIndex is null ? 0 : 0x04) | (filter.FlowLabel is null ? 0 : 0x08) | (filter.SdfFilterId is null ? 0 : 0x10)));
        w.U8(0);
        if (filter.FlowDescription is { } description)
        {
            var length = Encoding.UTF8.GetByteCount(description);
            if (length > ushort.MaxValue)
            {
                throw new ArgumentException("a flow description is at most 65535 octets");
            }

            w.U16((ushort)length);
            w.Utf8(description);
        }

        if (filter.TosTrafficClass is { } tos)
        {
            w.U16(tos);
        }

        if (filter.SecurityParameterIndex is { } spi)
        {
            w.U32(spi);
        }

        if (filter.FlowLabel is { } label)
        {
            w.U24(label);
        }

        if (filter.SdfFilterId is { } id)
        {
            w.U32(id);
        }

        w.End(at);
    }

    public static SdfFilter? ReadSdfFilter(ReadOnlySpan<byte> v)
    {
        if (v.Length < 2)
        {
            return null;
        }

        var flags = v[0];
        var at = 2;
        string? description = null;
        ushort? tos = null;
        uint? spi = null, label = null, id = null;
        if ((flags & 0x01) != 0)
        {
            if (v.Length < at + 2 || BinaryPrimitives.ReadUInt16BigEndian(v[at..]) is var length && v.Length < at + 2 + length)
            {
                return null;
            }

            description = Encoding.UTF8.GetString(v.Slice(at + 2, length));
            at += 2 + length;
        }

        if ((flags & 0x02) != 0)
        {
            if (v.Length < at + 2)
            {
                return null;
            }

            tos = BinaryPrimitives.ReadUInt16BigEndian(v[at..]);
            at += 2;
        }

        if ((flags & 0x04) != 0)
        {
            if (v.Length < at + 4)
            {
                return null;
            }

            spi = BinaryPrimitives.ReadUInt32BigEndian(v[at..]);
            at += 4;
        }

        if ((flags & 0x08) != 0)
        {
            if (v.Length < at + 3)
            {
                return null;
            }

            label = Fields.U24(v[at..]);
            at += 3;
        }

        if ((flags & 0x10) != 0)
        {
            if (v.Length < at + 4)
            {
                return null;
            }

            id = BinaryPrimitives.ReadUInt32BigEndian(v[at..]);
        }

        return new SdfFilter { FlowDescription = description, TosTrafficClass = tos, SecurityParameterIndex = spi, FlowLabel = label, SdfFilterId = id };
    }

    public static SourceInterface? ReadSourceInterface(ReadOnlySpan<byte> v) =>
        v.Length >= 1 && (v[0] & 0x0F) <= (int)SourceInterface.FiveGVnInternal ? (SourceInterface)(v[0] & 0x0F) : null;

    public static DestinationInterface? ReadDestinationInterface(ReadOnlySpan<byte> v) =>
        v.Length >= 1 && (v[0] & 0x0F) <= (int)DestinationInterface.FiveGVnInternal ? (DestinationInterface)(v[0] & 0x0F) : null;

    public static void WriteOuterHeaderRemoval(ref IeWriter w, OuterHeaderRemoval removal)
    {
        var at = w.Begin(IeType.OuterHeaderRemoval);
        w.U8((byte)removal.Description);
        if (removal.GtpuExtensionHeaderDeletion is { } deletion)
        {
            w.U8(deletion);
        }

        w.End(at);
    }

    public static OuterHeaderRemoval? ReadOuterHeaderRemoval(ReadOnlySpan<byte> v) =>
        v.Length >= 1 && v[0] <= (byte)OuterHeaderRemovalDescription.STagAndCTag
            ? new OuterHeaderRemoval((OuterHeaderRemovalDescription)v[0], v.Length >= 2 ? v[1] : null)
            : null;

    private const OuterHeaderCreationDescription WithTeid = OuterHeaderCreationDescription.GtpuUdpIPv4 | OuterHeaderCreationDescription.GtpuUdpIPv6;
    private const OuterHeaderCreationDescription WithIPv4 = OuterHeaderCreationDescription.GtpuUdpIPv4 | OuterHeaderCreationDescription.UdpIPv4 | OuterHeaderCreationDescription.IPv4;
    private const OuterHeaderCreationDescription WithIPv6 = OuterHeaderCreationDescription.GtpuUdpIPv6 | OuterHeaderCreationDescription.UdpIPv6 | OuterHeaderCreationDescription.IPv6;
    private const OuterHeaderCreationDescription WithPort = OuterHeaderCreationDescription.UdpIPv4 | OuterHeaderCreationDescription.UdpIPv6;

    public static void WriteOuterHeaderCreation(ref IeWriter w, OuterHeaderCreation creation)
    {
        var d = creation.Description;
        var at = w.Begin(IeType.OuterHeaderCreation);
        w.FlagOctets((ulong)d, 2);
        if ((d & WithTeid) != 0)
        {
            w.U32(creation.Teid ?? throw new ArgumentException($"outer header creation {d} needs a TEID"));
        }

        if ((d & WithIPv4) != 0)
        {
            w.IPv4(creation.IPv4 ?? throw new ArgumentException($"outer header creation {d} needs an IPv4 address"));
        }

        if ((d & WithIPv6) != 0)
        {
            w.IPv6(creation.IPv6 ?? throw new ArgumentException($"outer header creation {d} needs an IPv6 address"));
        }

        if ((d & WithPort) != 0)
        {
            w.U16(creation.Port ?? throw new ArgumentException($"outer header creation {d} needs a port"));
        }

        if ((d & OuterHeaderCreationDescription.CTag) != 0)
        {
            w.U24(creation.CTag ?? throw new ArgumentException("outer header creation with a C-TAG needs its value"));
        }

        if ((d & OuterHeaderCreationDescription.STag) != 0)
        {
            w.U24(creation.STag ?? throw new ArgumentException("outer header creation with an S-TAG needs its value"));
        }

        w.End(at);
    }

    public static OuterHeaderCreation? ReadOuterHeaderCreation(ReadOnlySpan<byte> v)
    {
        if (v.Length < 2)
        {
            return null;
        }

        var d = (OuterHeaderCreationDescription)Fields.FlagOctets(v, 2);
        var needed = 2 + ((d & WithTeid) != 0 ? 4 : 0) + ((d & WithIPv4) != 0 ? 4 : 0) + ((d & WithIPv6) != 0 ? 16 : 0)
            + ((d & WithPort) != 0 ? 2 : 0) + ((d & OuterHeaderCreationDescription.CTag) != 0 ? 3 : 0) + ((d & OuterHeaderCreationDescription.STag) != 0 ? 3 : 0);
        if (v.Length < needed)
        {
            return null;
        }

        var at = 2;
        uint? teid = null, ctag = null, stag = null;
        IPAddress? v4 = null, v6 = null;
        ushort? port = null;
        if ((d & WithTeid) != 0)
        {
            teid = BinaryPrimitives.ReadUInt32BigEndian(v[at..]);
            at += 4;
        }

        if ((d & WithIPv4) != 0)
        {
            v4 = Fields.Address(v.Slice(at, 4));
            at += 4;
        }

        if ((d & WithIPv6) != 0)
        {
            v6 = Fields.Address(v.Slice(at, 16));
            at += 16;
        }

        if ((d & WithPort) != 0)
        {
            port = BinaryPrimitives.ReadUInt16BigEndian(v[at..]);
            at += 2;
        }

        if ((d & OuterHeaderCreationDescription.CTag) != 0)
        {
            ctag = Fields.U24(v[at..]);
            at += 3;
        }

        if ((d & OuterHeaderCreationDescription.STag) != 0)
        {
            stag = Fields.U24(v[at..]);
        }

        return new OuterHeaderCreation { Description = d, Teid = teid, IPv4 = v4, IPv6 = v6, Port = port, CTag = ctag, STag = stag };
    }

    public static void WriteApplyAction(ref IeWriter w, ApplyAction action)
    {
        var at = w.Begin(IeType.ApplyAction);
        w.FlagOctets((ulong)action, Math.Max(1, LeafIes.OctetsNeeded((ulong)action)));
        w.End(at);
    }

    public static ApplyAction? ReadApplyAction(ReadOnlySpan<byte> v) => v.IsEmpty ? null : (ApplyAction)Fields.FlagOctets(v, 2);

    public static void WriteGateStatus(ref IeWriter w, GateStatus gates) =>
        LeafIes.WriteU8(ref w, IeType.GateStatus, (byte)((((int)gates.Uplink & 0b11) << 2) | ((int)gates.Downlink & 0b11)));

    public static GateStatus? ReadGateStatus(ReadOnlySpan<byte> v) =>
        v.IsEmpty ? null : new GateStatus(((v[0] >> 2) & 0b11) == 0 ? GateState.Open : GateState.Closed, (v[0] & 0b11) == 0 ? GateState.Open : GateState.Closed);

    public static void WriteMbr(ref IeWriter w, Mbr mbr)
    {
        var at = w.Begin(IeType.Mbr);
        w.U40(mbr.UplinkKbps);
        w.U40(mbr.DownlinkKbps);
        w.End(at);
    }

    public static Mbr? ReadMbr(ReadOnlySpan<byte> v) => v.Length >= 10 ? new Mbr(Fields.U40(v), Fields.U40(v[5..])) : null;

    public static void WriteQfi(ref IeWriter w, byte qfi)
    {
        if (qfi > 63)
        {
            throw new ArgumentOutOfRangeException(nameof(qfi), qfi, "a QFI has 6 bits");
        }

        LeafIes.WriteU8(ref w, IeType.Qfi, qfi);
    }

    public static byte? ReadQfi(ReadOnlySpan<byte> v) => v.IsEmpty ? null : (byte)(v[0] & 0x3F);
}
