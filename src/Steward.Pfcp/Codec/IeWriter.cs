using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Codec;

/// <summary>
/// Writes IEs into a span, or only counts their octets (the same code measures a message and then
/// writes it, so the two cannot disagree). A grouped IE's length is patched when it ends.
/// </summary>
internal ref struct IeWriter
{
    private readonly Span<byte> _buffer;
    private readonly bool _measuring;
    private int _position;

    private IeWriter(Span<byte> buffer, bool measuring)
    {
        _buffer = buffer;
        _measuring = measuring;
    }

    public static IeWriter Into(Span<byte> buffer) => new(buffer, measuring: false);

    public static IeWriter Measure() => new(default, measuring: true);

    public readonly int Position => _position;

    /// <summary>Starts an IE; returns where it starts, for <see cref="End"/>.</summary>
    public int Begin(IeType type)
    {
        var start = _position;
        U16((ushort)type);
        U16(0);
        return start;
    }

    public void End(int start)
    {
        var length = _position - start - 4;
        if (length > ushort.MaxValue)
        {
            throw new ArgumentException($"IE {(IeType)BinaryPrimitives.ReadUInt16BigEndian(_buffer[start..])} would be longer than 65535 octets");
        }

        if (!_measuring)
        {
            BinaryPrimitives.WriteUInt16BigEndian(_buffer[(start + 2)..], (ushort)length);
        }
    }

    public void U8(byte value)
    {
        if (Reserve(1))
        {
            _buffer[_position] = value;
        }

        _position += 1;
    }

    public void U16(ushort value)
    {
        if (Reserve(2))
        {
            BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], value);
        }

        _position += 2;
    }

    public void U24(uint value)
    {
        if (value > 0xFF_FFFF)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "the field has 24 bits");
        }

        if (Reserve(3))
        {
            _buffer[_position] = (byte)(value >> 16);
            _buffer[_position + 1] = (byte)(value >> 8);
            _buffer[_position + 2] = (byte)value;
        }

        _position += 3;
    }

    public void U32(uint value)
    {
        if (Reserve(4))
        {
            BinaryPrimitives.WriteUInt32BigEndian(_buffer[_position..], value);
        }

        _position += 4;
    }

    public void U40(ulong value)
    {
        if (value >= 1UL << 40)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "the field has 40 bits");
        }

        if (Reserve(5))
        {
            _buffer[_position] = (byte)(value >> 32);
            BinaryPrimitives.WriteUInt32BigEndian(_buffer[(_position + 1)..], (uint)value);
        }

        _position += 5;
    }

    public void U64(ulong value)
    {
        if (Reserve(8))
        {
            BinaryPrimitives.WriteUInt64BigEndian(_buffer[_position..], value);
        }

        _position += 8;
    }

    /// <summary>The low <paramref name="octets"/> octets of <paramref name="value"/>, lowest first: how PFCP lays out flag octets 5, 6, 7….</summary>
    public void FlagOctets(ulong value, int octets)
    {
        for (var i = 0; i < octets; i++)
        {
            U8((byte)(value >> (8 * i)));
        }
    }

    public void IPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"{address} is not an IPv4 address");
        }

        if (Reserve(4))
        {
            address.TryWriteBytes(_buffer.Slice(_position, 4), out _);
        }

        _position += 4;
    }

    public void IPv6(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException($"{address} is not an IPv6 address");
        }

        if (Reserve(16))
        {
            address.TryWriteBytes(_buffer.Slice(_position, 16), out _);
        }

        _position += 16;
    }

    public void Utf8(string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        if (Reserve(length))
        {
            Encoding.UTF8.GetBytes(text, _buffer.Slice(_position, length));
        }

        _position += length;
    }

    /// <summary>
    /// A dotted name as length-prefixed labels, without a root label (RFC 1035 §3.1, as 29.244 writes FQDNs
    /// and APNs). A name that labels cannot carry (an empty label, one over 63 octets) goes as plain octets,
    /// which is how the decoder reads octets that are not labels, so whatever was read can be written back.
    /// </summary>
    public void Labels(string name)
    {
        if (!FitsLabels(name))
        {
            Utf8(name);
            return;
        }

        foreach (var range in name.AsSpan().Split('.'))
        {
            var label = name.AsSpan()[range];
            var length = Encoding.UTF8.GetByteCount(label);
            U8((byte)length);
            if (Reserve(length))
            {
                Encoding.UTF8.GetBytes(label, _buffer.Slice(_position, length));
            }

            _position += length;
        }
    }

    /// <summary>Octets <see cref="Labels"/> writes for <paramref name="name"/>.</summary>
    public static int LabelsLength(string name)
    {
        var measure = Measure();
        measure.Labels(name);
        return measure._position;
    }

    private static bool FitsLabels(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var range in name.AsSpan().Split('.'))
        {
            if (Encoding.UTF8.GetByteCount(name.AsSpan()[range]) is 0 or > 63)
            {
                return false;
            }
        }

        return true;
    }

    private readonly bool Reserve(int octets)
    {
        if (_measuring)
        {
            return false;
        }

        if (_position + octets > _buffer.Length)
        {
            throw new ArgumentException($"the destination has {_buffer.Length} octets; the message needs more");
        }

        return true;
    }
}
