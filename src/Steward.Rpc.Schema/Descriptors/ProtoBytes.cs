using System.Collections.Generic;
using System.Text;

namespace Steward.Rpc.Schema.Descriptors;

/// <summary>
/// A minimal protobuf encoder for building descriptors inside the compiler (netstandard2.0, no runtime
/// dependency). Nested messages are built in their own instance and embedded whole.
/// </summary>
internal sealed class ProtoBytes
{
    private readonly List<byte> _bytes = new();

    public int Length => _bytes.Count;
    public bool IsEmpty => _bytes.Count == 0;

    public byte[] ToArray() => _bytes.ToArray();

    public void Tag(int number, int wireType) => Varint(((ulong)(uint)number << 3) | (uint)wireType);

    public void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }
        _bytes.Add((byte)value);
    }

    public void Fixed32(uint value)
    {
        for (var i = 0; i < 4; i++)
        {
            _bytes.Add((byte)(value >> (8 * i)));
        }
    }

    public void Fixed64(ulong value)
    {
        for (var i = 0; i < 8; i++)
        {
            _bytes.Add((byte)(value >> (8 * i)));
        }
    }

    public void Raw(byte[] bytes) => _bytes.AddRange(bytes);

    public void Raw(ProtoBytes other) => _bytes.AddRange(other._bytes);

    /// <summary>int32 fields: negative values are sign-extended to ten bytes, as protobuf requires.</summary>
    public void Int32Field(int number, int value)
    {
        Tag(number, 0);
        Varint(unchecked((ulong)(long)value));
    }

    public void BoolField(int number, bool value)
    {
        Tag(number, 0);
        Varint(value ? 1UL : 0UL);
    }

    public void StringField(int number, string value) => BytesField(number, Encoding.UTF8.GetBytes(value));

    public void BytesField(int number, byte[] value)
    {
        Tag(number, 2);
        Varint((ulong)value.Length);
        _bytes.AddRange(value);
    }

    public void MessageField(int number, ProtoBytes message)
    {
        Tag(number, 2);
        Varint((ulong)message.Length);
        _bytes.AddRange(message._bytes);
    }
}
