using System.Buffers.Binary;
using System.Net;
using System.Text;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Codec;

/// <summary>Raised inside the decoder only; <see cref="PfcpCodec.Decode"/> turns it into a <see cref="PfcpDecodeError"/>.</summary>
internal sealed class PfcpDecodeException(PfcpCause cause, IeType? offendingIe, string reason) : Exception(reason)
{
    public PfcpCause Cause { get; } = cause;

    public IeType? OffendingIe { get; } = offendingIe;
}

/// <summary>The per-message budget: IEs seen and grouped-IE depth, against <see cref="PfcpLimits"/>.</summary>
internal sealed class DecodeContext(PfcpLimits limits)
{
    private int _iesSeen;

    public PfcpLimits Limits { get; } = limits;

    public int Depth { get; private set; }

    public void CountIe(ushort type)
    {
        if (++_iesSeen > Limits.MaxIesPerMessage)
        {
            throw new PfcpDecodeException(PfcpCause.RequestRejected, (IeType)type, $"more than {Limits.MaxIesPerMessage} IEs in one message");
        }
    }

    /// <summary>Opens a grouped IE's content; dispose the reader's scope with <see cref="Leave"/>.</summary>
    public IeReader Enter(IeType group, ReadOnlySpan<byte> content)
    {
        if (++Depth > Limits.MaxDepth)
        {
            throw new PfcpDecodeException(PfcpCause.RequestRejected, group, $"grouped IEs nested more than {Limits.MaxDepth} deep");
        }

        return new IeReader(content, this);
    }

    public void Leave() => Depth--;

    public void Add<T>(ref List<T>? list, T item, IeType type)
    {
        list ??= [];
        if (list.Count >= Limits.MaxRepeatedIes)
        {
            throw new PfcpDecodeException(PfcpCause.RequestRejected, type, $"more than {Limits.MaxRepeatedIes} {type} IEs in one container");
        }

        list.Add(item);
    }

    public static PfcpDecodeException Missing(IeType type) => new(PfcpCause.MandatoryIeMissing, type, $"mandatory IE {type} is missing");

    public static PfcpDecodeException Incorrect(IeType type) => new(PfcpCause.MandatoryIeIncorrect, type, $"mandatory IE {type} is malformed");
}

/// <summary>
/// Walks the IEs of a message body or of a grouped IE. Every length is checked against what remains;
/// vendor-specific IEs (type 32768 and up, §8.1.1) are skipped here, so callers see 3GPP IEs only.
/// </summary>
internal ref struct IeReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly DecodeContext _context;
    private int _position;

    public IeReader(ReadOnlySpan<byte> data, DecodeContext context)
    {
        _data = data;
        _context = context;
    }

    public bool Next(out IeType type, out ReadOnlySpan<byte> value)
    {
        while (true)
        {
            var remaining = _data.Length - _position;
            if (remaining == 0)
            {
                type = default;
                value = default;
                return false;
            }

            if (remaining < 4)
            {
                throw new PfcpDecodeException(PfcpCause.InvalidLength, null, $"{remaining} octets left where an IE header needs 4");
            }

            var rawType = BinaryPrimitives.ReadUInt16BigEndian(_data[_position..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(_data[(_position + 2)..]);
            if (length > remaining - 4)
            {
                throw new PfcpDecodeException(PfcpCause.InvalidLength, IeTypes.IsVendorSpecific(rawType) ? null : (IeType)rawType,
                    $"IE type {rawType} claims {length} octets where {remaining - 4} remain");
            }

            _context.CountIe(rawType);
            var content = _data.Slice(_position + 4, length);
            _position += 4 + length;
            if (IeTypes.IsVendorSpecific(rawType))
            {
                continue;
            }

            type = (IeType)rawType;
            value = content;
            return true;
        }
    }
}

/// <summary>Field readers for IE values: each returns null when the value is too short or carries a value the spec forbids.</summary>
internal static class Fields
{
    public static uint U24(ReadOnlySpan<byte> s) => (uint)((s[0] << 16) | (s[1] << 8) | s[2]);

    public static ulong U40(ReadOnlySpan<byte> s) => ((ulong)s[0] << 32) | BinaryPrimitives.ReadUInt32BigEndian(s[1..]);

    /// <summary>Up to <paramref name="max"/> flag octets, octet 5 lowest; octets beyond the value are 0.</summary>
    public static ulong FlagOctets(ReadOnlySpan<byte> s, int max)
    {
        ulong value = 0;
        for (var i = 0; i < s.Length && i < max; i++)
        {
            value |= (ulong)s[i] << (8 * i);
        }

        return value;
    }

    public static IPAddress Address(ReadOnlySpan<byte> s) => new(s);

    /// <summary>
    /// A name as length-prefixed labels, dotted; if the octets are not well-formed labels, they are
    /// taken as plain text (some peers write a Network Instance that way).
    /// </summary>
    public static string LabelsOrText(ReadOnlySpan<byte> s)
    {
        if (LooksLikeLabels(s))
        {
            var builder = new StringBuilder(s.Length);
            var at = 0;
            while (at < s.Length)
            {
                var length = s[at];
                if (builder.Length > 0)
                {
                    builder.Append('.');
                }

                builder.Append(Encoding.UTF8.GetString(s.Slice(at + 1, length)));
                at += 1 + length;
            }

            return builder.ToString();
        }

        return Encoding.UTF8.GetString(s);
    }

    private static bool LooksLikeLabels(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        var at = 0;
        while (at < s.Length)
        {
            var length = s[at];
            if (length is 0 or > 63 || at + 1 + length > s.Length)
            {
                return false;
            }

            at += 1 + length;
        }

        return true;
    }
}
