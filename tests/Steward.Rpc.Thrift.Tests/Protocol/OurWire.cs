using System.Buffers;

namespace Steward.Rpc.Thrift.Tests.Protocol;

/// <summary>Writes and reads <see cref="WireNode"/> trees with Steward's protocols.</summary>
public static class OurWire
{
    public static byte[] Write(ThriftProtocolKind kind, WireMessage message)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = ThriftProtocols.CreateWriter(kind);
        writer.Reset(output);
        writer.WriteMessageBegin(new ThriftMessageHeader(message.Name, message.Type, message.SequenceId));
        Write(writer, message.Body);
        writer.WriteMessageEnd();
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    public static WireMessage Read(ThriftProtocolKind kind, ReadOnlySequence<byte> bytes, WireNode template, ThriftLimits? limits = null)
    {
        var reader = ThriftProtocols.CreateReader(kind, limits);
        reader.Reset(bytes);
        var header = reader.ReadMessageBegin();
        var body = Read(reader, template);
        reader.ReadMessageEnd();
        Assert.Equal(bytes.Length, reader.Consumed);
        return new WireMessage(header.Name, header.Type, header.SequenceId, body);
    }

    public static void Write(ThriftWriter w, WireNode node)
    {
        switch (node.Kind)
        {
            case WireKind.Bool: w.WriteBool((bool)node.Scalar!); break;
            case WireKind.Byte: w.WriteByte((sbyte)node.Scalar!); break;
            case WireKind.I16: w.WriteI16((short)node.Scalar!); break;
            case WireKind.I32: w.WriteI32((int)node.Scalar!); break;
            case WireKind.I64: w.WriteI64((long)node.Scalar!); break;
            case WireKind.Double: w.WriteDouble((double)node.Scalar!); break;
            case WireKind.String: w.WriteString((string)node.Scalar!); break;
            case WireKind.Binary: w.WriteBinary((byte[])node.Scalar!); break;
            case WireKind.Uuid: w.WriteUuid((Guid)node.Scalar!); break;
            case WireKind.Struct:
                w.WriteStructBegin("S");
                foreach (var (id, value) in node.Fields)
                {
                    w.WriteFieldBegin("f", value.Type, id);
                    Write(w, value);
                    w.WriteFieldEnd();
                }
                w.WriteFieldStop();
                w.WriteStructEnd();
                break;
            case WireKind.List:
                w.WriteListBegin(new ThriftListHeader(WireNode.TypeOf(node.ElementKind), node.Elements.Count));
                node.Elements.ForEach(e => Write(w, e));
                w.WriteListEnd();
                break;
            case WireKind.Set:
                w.WriteSetBegin(new ThriftListHeader(WireNode.TypeOf(node.ElementKind), node.Elements.Count));
                node.Elements.ForEach(e => Write(w, e));
                w.WriteSetEnd();
                break;
            case WireKind.Map:
                w.WriteMapBegin(new ThriftMapHeader(WireNode.TypeOf(node.ElementKind), WireNode.TypeOf(node.ValueKind), node.Entries.Count));
                foreach (var (k, v) in node.Entries)
                {
                    Write(w, k);
                    Write(w, v);
                }
                w.WriteMapEnd();
                break;
        }
    }

    /// <summary>Reads a value shaped like <paramref name="template"/> (which says string or binary, and element shapes).</summary>
    public static WireNode Read(ThriftReader r, WireNode template)
    {
        switch (template.Kind)
        {
            case WireKind.Bool: return WireNode.Of(r.ReadBool());
            case WireKind.Byte: return WireNode.Of(r.ReadByte());
            case WireKind.I16: return WireNode.Of(r.ReadI16());
            case WireKind.I32: return WireNode.Of(r.ReadI32());
            case WireKind.I64: return WireNode.Of(r.ReadI64());
            case WireKind.Double: return WireNode.Of(r.ReadDouble());
            case WireKind.String: return WireNode.Of(r.ReadString());
            case WireKind.Binary: return WireNode.Of(r.ReadBinary());
            case WireKind.Uuid: return WireNode.Of(r.ReadUuid());
            case WireKind.Struct:
            {
                var fields = new List<(short, WireNode)>();
                r.ReadStructBegin();
                var i = 0;
                while (true)
                {
                    var field = r.ReadFieldBegin();
                    if (field.Type == ThriftType.Stop)
                    {
                        break;
                    }
                    Assert.True(i < template.Fields.Count, "more fields than written");
                    var expected = template.Fields[i++];
                    Assert.Equal(expected.Value.Type, field.Type);
                    fields.Add((field.Id, Read(r, expected.Value)));
                    r.ReadFieldEnd();
                }
                r.ReadStructEnd();
                return new WireNode { Kind = WireKind.Struct, Fields = fields };
            }
            case WireKind.List:
            case WireKind.Set:
            {
                var header = template.Kind == WireKind.List ? r.ReadListBegin() : r.ReadSetBegin();
                Assert.Equal(template.Elements.Count, header.Count);
                Assert.Equal(WireNode.TypeOf(template.ElementKind), header.ElementType);
                var items = template.Elements.Select(e => Read(r, e)).ToList();
                if (template.Kind == WireKind.List)
                {
                    r.ReadListEnd();
                }
                else
                {
                    r.ReadSetEnd();
                }
                return new WireNode { Kind = template.Kind, ElementKind = template.ElementKind, Elements = items };
            }
            default:
            {
                var header = r.ReadMapBegin();
                Assert.Equal(template.Entries.Count, header.Count);
                if (header.Count > 0)
                {
                    Assert.Equal(WireNode.TypeOf(template.ElementKind), header.KeyType);
                    Assert.Equal(WireNode.TypeOf(template.ValueKind), header.ValueType);
                }
                var entries = template.Entries.Select(e => (Read(r, e.Key), Read(r, e.Value))).ToList();
                r.ReadMapEnd();
                return new WireNode { Kind = WireKind.Map, ElementKind = template.ElementKind, ValueKind = template.ValueKind, Entries = entries };
            }
        }
    }

    /// <summary>Reads a whole message with nothing but Skip (what a server does with an unknown body).</summary>
    public static long SkipMessage(ThriftReader reader, ReadOnlySequence<byte> bytes)
    {
        reader.Reset(bytes);
        reader.ReadMessageBegin();
        reader.Skip(ThriftType.Struct);
        reader.ReadMessageEnd();
        return reader.Consumed;
    }
}
