using System.Buffers.Binary;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Codec;

/// <summary>The single-value IEs of usage reporting (§8.2.13, §8.2.19, §8.2.41, §8.2.44): writers of whole IEs, readers of values.</summary>
internal static class UsageLeafIes
{
    public static void WriteVolume(ref IeWriter w, IeType type, Volume volume)
    {
        var at = w.Begin(type);
        w.U8((byte)((volume.Total is null ? 0 : 1) | (volume.Uplink is null ? 0 : 2) | (volume.Downlink is null ? 0 : 4)));
        WriteIfSet(ref w, volume.Total);
        WriteIfSet(ref w, volume.Uplink);
        WriteIfSet(ref w, volume.Downlink);
        w.End(at);
    }

    public static Volume? ReadVolume(ReadOnlySpan<byte> v)
    {
        if (v.IsEmpty)
        {
            return null;
        }

        var at = 1;
        var flags = v[0];
        if (!TryReadIfSet(v, flags, 0, ref at, out var total) || !TryReadIfSet(v, flags, 1, ref at, out var uplink)
            || !TryReadIfSet(v, flags, 2, ref at, out var downlink))
        {
            return null;
        }

        return new Volume(total, uplink, downlink);
    }

    public static void WriteVolumeMeasurement(ref IeWriter w, VolumeMeasurement m)
    {
        var at = w.Begin(IeType.VolumeMeasurement);
        w.U8((byte)((m.TotalVolume is null ? 0 : 0x01) | (m.UplinkVolume is null ? 0 : 0x02) | (m.DownlinkVolume is null ? 0 : 0x04)
            | (m.TotalPackets is null ? 0 : 0x08) | (m.UplinkPackets is null ? 0 : 0x10) | (m.DownlinkPackets is null ? 0 : 0x20)));
        WriteIfSet(ref w, m.TotalVolume);
        WriteIfSet(ref w, m.UplinkVolume);
        WriteIfSet(ref w, m.DownlinkVolume);
        WriteIfSet(ref w, m.TotalPackets);
        WriteIfSet(ref w, m.UplinkPackets);
        WriteIfSet(ref w, m.DownlinkPackets);
        w.End(at);
    }

    public static VolumeMeasurement? ReadVolumeMeasurement(ReadOnlySpan<byte> v)
    {
        if (v.IsEmpty)
        {
            return null;
        }

        var at = 1;
        var flags = v[0];
        if (!TryReadIfSet(v, flags, 0, ref at, out var totalVolume) || !TryReadIfSet(v, flags, 1, ref at, out var uplinkVolume)
            || !TryReadIfSet(v, flags, 2, ref at, out var downlinkVolume) || !TryReadIfSet(v, flags, 3, ref at, out var totalPackets)
            || !TryReadIfSet(v, flags, 4, ref at, out var uplinkPackets) || !TryReadIfSet(v, flags, 5, ref at, out var downlinkPackets))
        {
            return null;
        }

        return new VolumeMeasurement
        {
            TotalVolume = totalVolume,
            UplinkVolume = uplinkVolume,
            DownlinkVolume = downlinkVolume,
            TotalPackets = totalPackets,
            UplinkPackets = uplinkPackets,
            DownlinkPackets = downlinkPackets,
        };
    }

    /// <summary>Reporting Triggers and Usage Report Trigger: three flag octets (Release 16).</summary>
    public static void WriteTriggers(ref IeWriter w, IeType type, uint triggers)
    {
        var at = w.Begin(type);
        w.FlagOctets(triggers, 3);
        w.End(at);
    }

    public static uint? ReadTriggers(ReadOnlySpan<byte> v) => v.IsEmpty ? null : (uint)Fields.FlagOctets(v, 3);

    private static void WriteIfSet(ref IeWriter w, ulong? value)
    {
        if (value is { } set)
        {
            w.U64(set);
        }
    }

    private static bool TryReadIfSet(ReadOnlySpan<byte> v, byte flags, int bit, ref int at, out ulong? value)
    {
        value = null;
        if ((flags & (1 << bit)) == 0)
        {
            return true;
        }

        if (v.Length < at + 8)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt64BigEndian(v[at..]);
        at += 8;
        return true;
    }
}
