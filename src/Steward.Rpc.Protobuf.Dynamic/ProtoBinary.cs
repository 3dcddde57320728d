using System.Buffers.Binary;
using System.Text;
using Steward.Rpc.Schema;

namespace Steward.Rpc.Protobuf.Dynamic;

/// <summary>
/// Protobuf wire format for <see cref="DynamicMessage"/>. Reading goes through the same bounded
/// <see cref="ProtoReader"/> as generated code (depth limit, every length checked before use, one
/// <see cref="ProtoDecodeException"/> with the byte offset). Writing follows the C++ serializer:
/// fields in number order, packed repeated scalars, map entries with both key and value, unknown
/// fields last — so the bytes match <c>protoc --encode</c>.
/// </summary>
public static class ProtoBinary
{
    /// <summary>Decodes <paramref name="data"/> as a <paramref name="type"/> message; malformed or over-limit input throws <see cref="ProtoDecodeException"/>.</summary>
    public static DynamicMessage Parse(MessageDef type, ReadOnlySpan<byte> data, ProtoReaderOptions? options = null)
    {
        var message = new DynamicMessage(type);
        var reader = new ProtoReader(data, options);
        Merge(message, ref reader);
        return message;
    }

    /// <summary>The message's wire bytes, byte for byte what <c>protoc --encode</c> writes for it.</summary>
    public static byte[] Serialize(DynamicMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var writer = new WireWriter();
        Write(message, writer);
        return writer.ToArray();
    }

    private static void Merge(DynamicMessage message, ref ProtoReader reader)
    {
        uint tag;
        while ((tag = reader.ReadTag()) != 0)
        {
            var field = message.FindFieldByNumber((int)(tag >> 3));
            var wireType = (WireType)(tag & 7);
            if (field is null || !TryReadField(message, field, wireType, ref reader))
            {
                // Unknown numbers and mismatched wire types are kept as unknown fields, as protobuf does.
                var start = reader.LastTagStart;
                reader.SkipField(tag);
                message.AppendUnknown(reader.RawSince(start));
            }
        }
    }

    private static bool TryReadField(DynamicMessage message, FieldDef field, WireType wireType, ref ProtoReader reader)
    {
        var type = field.Type;
        if (type.Kind == TypeKind.Map)
        {
            if (wireType != WireType.LengthDelimited)
            {
                return false;
            }
            ReadMapEntry(message.GetMap(field), type, ref reader);
            return true;
        }
        if (field.Label == FieldLabel.Repeated)
        {
            var list = message.GetRepeated(field);
            if (wireType == WireType.LengthDelimited && IsPackable(type))
            {
                var end = reader.BeginPacked();
                var outer = reader.NarrowTo(end);
                var elementWireType = WireTypeOf(type);
                while (!reader.IsAtEnd)
                {
                    list.Add(ReadValue(type, elementWireType, ref reader));
                }
                reader.RestoreLimit(outer);
                return true;
            }
            if (wireType != WireTypeOf(type))
            {
                return false;
            }
            list.Add(type.Kind == TypeKind.Message ? ReadMessage(new DynamicMessage(DynamicMessage.MessageTypeOf(type)), ref reader) : ReadValue(type, wireType, ref reader));
            return true;
        }
        if (wireType != WireTypeOf(type))
        {
            return false;
        }
        if (type.Kind == TypeKind.Message)
        {
            // A message field seen twice merges, as protobuf specifies.
            ReadMessage(message.GetOrCreateMessage(field), ref reader);
        }
        else
        {
            message.Set(field, ReadValue(type, wireType, ref reader));
        }
        return true;
    }

    private static DynamicMessage ReadMessage(DynamicMessage target, ref ProtoReader reader)
    {
        var outer = reader.BeginMessage();
        Merge(target, ref reader);
        reader.EndMessage(outer);
        return target;
    }

    private static void ReadMapEntry(Dictionary<object, object> map, TypeRef mapType, ref ProtoReader reader)
    {
        var keyType = mapType.Key!;
        var valueType = mapType.Element!;
        object? key = null;
        object? value = null;
        var outer = reader.BeginMessage();
        uint tag;
        while ((tag = reader.ReadTag()) != 0)
        {
            var wireType = (WireType)(tag & 7);
            if (tag >> 3 == 1 && wireType == WireTypeOf(keyType))
            {
                key = ReadValue(keyType, wireType, ref reader);
            }
            else if (tag >> 3 == 2 && wireType == WireTypeOf(valueType))
            {
                value = valueType.Kind == TypeKind.Message
                    ? ReadMessage(value as DynamicMessage ?? new DynamicMessage(DynamicMessage.MessageTypeOf(valueType)), ref reader)
                    : ReadValue(valueType, wireType, ref reader);
            }
            else
            {
                reader.SkipField(tag);
            }
        }
        reader.EndMessage(outer);
        key ??= DynamicMessage.DefaultValue(keyType)!;
        value ??= valueType.Kind == TypeKind.Message ? new DynamicMessage(DynamicMessage.MessageTypeOf(valueType)) : DynamicMessage.DefaultValue(valueType)!;
        map[key] = value;
    }

    private static object ReadValue(TypeRef type, WireType wireType, ref ProtoReader reader)
    {
        if (type.Kind == TypeKind.Enum)
        {
            return reader.ReadEnum();
        }
        return type.Scalar switch
        {
            ScalarType.Double => reader.ReadDouble(),
            ScalarType.Float => reader.ReadFloat(),
            ScalarType.Int64 => reader.ReadInt64(),
            ScalarType.UInt64 => reader.ReadUInt64(),
            ScalarType.Int32 => reader.ReadInt32(),
            ScalarType.Fixed64 => reader.ReadFixed64(),
            ScalarType.Fixed32 => reader.ReadFixed32(),
            ScalarType.Bool => reader.ReadBool(),
            ScalarType.String => reader.ReadString(),
            ScalarType.Bytes => reader.ReadBytes().ToByteArray(),
            ScalarType.UInt32 => reader.ReadUInt32(),
            ScalarType.SFixed32 => reader.ReadSFixed32(),
            ScalarType.SFixed64 => reader.ReadSFixed64(),
            ScalarType.SInt32 => reader.ReadSInt32(),
            ScalarType.SInt64 => reader.ReadSInt64(),
            _ => throw new ProtoDecodeException(reader.Position, $"type {type} cannot be read as protobuf (wire type {(int)wireType})"),
        };
    }

    internal static bool IsPackable(TypeRef type) =>
        type.Kind == TypeKind.Enum || type.Kind == TypeKind.Scalar && type.Scalar is not (ScalarType.String or ScalarType.Bytes);

    internal static WireType WireTypeOf(TypeRef type)
    {
        if (type.Kind == TypeKind.Enum)
        {
            return WireType.Varint;
        }
        if (type.Kind != TypeKind.Scalar)
        {
            return WireType.LengthDelimited;
        }
        return type.Scalar switch
        {
            ScalarType.Double or ScalarType.Fixed64 or ScalarType.SFixed64 => WireType.Fixed64,
            ScalarType.Float or ScalarType.Fixed32 or ScalarType.SFixed32 => WireType.Fixed32,
            ScalarType.String or ScalarType.Bytes => WireType.LengthDelimited,
            _ => WireType.Varint,
        };
    }

    private static void Write(DynamicMessage message, WireWriter writer)
    {
        foreach (var field in message.FieldsByNumber)
        {
            if (!message.IsPopulated(field))
            {
                continue;
            }
            var value = message.Get(field)!;
            var type = field.Type;
            if (type.Kind == TypeKind.Map)
            {
                foreach (var entry in (Dictionary<object, object>)value)
                {
                    var entryWriter = new WireWriter();
                    WriteTagged(1, type.Key!, entry.Key, entryWriter);
                    WriteTagged(2, type.Element!, entry.Value, entryWriter);
                    writer.WriteTag(field.Number, WireType.LengthDelimited);
                    writer.WriteLengthPrefixed(entryWriter);
                }
            }
            else if (field.Label == FieldLabel.Repeated)
            {
                var list = (List<object>)value;
                if (field.IsPacked && IsPackable(type))
                {
                    var packed = new WireWriter();
                    foreach (var item in list)
                    {
                        WriteValue(type, item, packed);
                    }
                    writer.WriteTag(field.Number, WireType.LengthDelimited);
                    writer.WriteLengthPrefixed(packed);
                }
                else
                {
                    foreach (var item in list)
                    {
                        WriteTagged(field.Number, type, item, writer);
                    }
                }
            }
            else
            {
                WriteTagged(field.Number, type, value, writer);
            }
        }
        writer.WriteRaw(message.UnknownFields);
    }

    private static void WriteTagged(int number, TypeRef type, object value, WireWriter writer)
    {
        writer.WriteTag(number, WireTypeOf(type));
        WriteValue(type, value, writer);
    }

    private static void WriteValue(TypeRef type, object value, WireWriter writer)
    {
        if (type.Kind == TypeKind.Message)
        {
            var nested = new WireWriter();
            Write((DynamicMessage)value, nested);
            writer.WriteLengthPrefixed(nested);
            return;
        }
        if (type.Kind == TypeKind.Enum)
        {
            writer.WriteVarint((ulong)(long)(int)value);
            return;
        }
        switch (type.Scalar)
        {
            case ScalarType.Double:
                writer.WriteFixed64(BitConverter.DoubleToUInt64Bits((double)value));
                break;
            case ScalarType.Float:
                writer.WriteFixed32(BitConverter.SingleToUInt32Bits((float)value));
                break;
            case ScalarType.Int64:
                writer.WriteVarint((ulong)(long)value);
                break;
            case ScalarType.UInt64:
                writer.WriteVarint((ulong)value);
                break;
            case ScalarType.Int32:
                // Negative int32 values are sign-extended to ten bytes on the wire.
                writer.WriteVarint((ulong)(long)(int)value);
                break;
            case ScalarType.Fixed64:
                writer.WriteFixed64((ulong)value);
                break;
            case ScalarType.Fixed32:
                writer.WriteFixed32((uint)value);
                break;
            case ScalarType.Bool:
                writer.WriteVarint((bool)value ? 1UL : 0UL);
                break;
            case ScalarType.String:
                writer.WriteBytes(Encoding.UTF8.GetBytes((string)value));
                break;
            case ScalarType.Bytes:
                writer.WriteBytes((byte[])value);
                break;
            case ScalarType.UInt32:
                writer.WriteVarint((uint)value);
                break;
            case ScalarType.SFixed32:
                writer.WriteFixed32((uint)(int)value);
                break;
            case ScalarType.SFixed64:
                writer.WriteFixed64((ulong)(long)value);
                break;
            case ScalarType.SInt32:
                writer.WriteVarint(WireFormat.EncodeZigZag32((int)value));
                break;
            case ScalarType.SInt64:
                writer.WriteVarint(WireFormat.EncodeZigZag64((long)value));
                break;
            default:
                throw new InvalidOperationException($"Type {type} has no protobuf encoding.");
        }
    }

    /// <summary>A growable buffer; nested messages are written to their own and copied in behind their length.</summary>
    private sealed class WireWriter
    {
        private byte[] _buffer = new byte[64];
        private int _length;

        public void WriteTag(int number, WireType wireType) => WriteVarint(WireFormat.MakeTag(number, wireType));

        public void WriteVarint(ulong value)
        {
            Ensure(10);
            while (value >= 0x80)
            {
                _buffer[_length++] = (byte)(value | 0x80);
                value >>= 7;
            }
            _buffer[_length++] = (byte)value;
        }

        public void WriteFixed32(uint value)
        {
            Ensure(4);
            BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_length), value);
            _length += 4;
        }

        public void WriteFixed64(ulong value)
        {
            Ensure(8);
            BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(_length), value);
            _length += 8;
        }

        public void WriteBytes(ReadOnlySpan<byte> bytes)
        {
            WriteVarint((ulong)bytes.Length);
            WriteRaw(bytes);
        }

        public void WriteLengthPrefixed(WireWriter inner) => WriteBytes(inner._buffer.AsSpan(0, inner._length));

        public void WriteRaw(ReadOnlySpan<byte> bytes)
        {
            Ensure(bytes.Length);
            bytes.CopyTo(_buffer.AsSpan(_length));
            _length += bytes.Length;
        }

        public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

        private void Ensure(int extra)
        {
            if (_buffer.Length - _length >= extra)
            {
                return;
            }
            var size = Math.Max(_buffer.Length * 2, _length + extra);
            Array.Resize(ref _buffer, size);
        }
    }
}
