using Thrift;
using Thrift.Protocol;
using Thrift.Protocol.Entities;
using Thrift.Transport.Client;

namespace Steward.Rpc.Thrift.Tests.Protocol;

/// <summary>Writes and reads <see cref="WireNode"/> trees with Apache Thrift 0.25's netstd protocols (the reference).</summary>
public static class ApacheWire
{
    public static TProtocol Protocol(ThriftProtocolKind kind, TMemoryBufferTransport transport, bool strictRead = false) => kind switch
    {
        ThriftProtocolKind.Binary => new TBinaryProtocol(transport, strictRead, true),
        ThriftProtocolKind.Compact => new TCompactProtocol(transport),
        _ => new TJsonProtocol(transport),
    };

    public static async Task<byte[]> WriteAsync(ThriftProtocolKind kind, WireMessage message)
    {
        using var transport = new TMemoryBufferTransport(new TConfiguration());
        var p = Protocol(kind, transport);
        await p.WriteMessageBeginAsync(new TMessage(message.Name, (TMessageType)message.Type, message.SequenceId));
        await WriteAsync(p, message.Body);
        await p.WriteMessageEndAsync();
        await p.Transport.FlushAsync(CancellationToken.None);
        return transport.GetBuffer();
    }

    public static async Task<WireMessage> ReadAsync(ThriftProtocolKind kind, byte[] bytes, WireNode template)
    {
        using var transport = new TMemoryBufferTransport(bytes, new TConfiguration());
        var p = Protocol(kind, transport);
        var header = await p.ReadMessageBeginAsync();
        var body = await ReadAsync(p, template);
        await p.ReadMessageEndAsync();
        return new WireMessage(header.Name, (ThriftMessageType)header.Type, header.SeqID, body);
    }

    private static TType T(WireKind kind) => (TType)WireNode.TypeOf(kind);

    public static async Task WriteAsync(TProtocol p, WireNode node)
    {
        switch (node.Kind)
        {
            case WireKind.Bool: await p.WriteBoolAsync((bool)node.Scalar!); break;
            case WireKind.Byte: await p.WriteByteAsync((sbyte)node.Scalar!); break;
            case WireKind.I16: await p.WriteI16Async((short)node.Scalar!); break;
            case WireKind.I32: await p.WriteI32Async((int)node.Scalar!); break;
            case WireKind.I64: await p.WriteI64Async((long)node.Scalar!); break;
            case WireKind.Double: await p.WriteDoubleAsync((double)node.Scalar!); break;
            case WireKind.String: await p.WriteStringAsync((string)node.Scalar!); break;
            case WireKind.Binary: await p.WriteBinaryAsync((byte[])node.Scalar!); break;
            case WireKind.Uuid: await p.WriteUuidAsync((Guid)node.Scalar!); break;
            case WireKind.Struct:
                await p.WriteStructBeginAsync(new TStruct("S"));
                foreach (var (id, value) in node.Fields)
                {
                    await p.WriteFieldBeginAsync(new TField("f", (TType)value.Type, id));
                    await WriteAsync(p, value);
                    await p.WriteFieldEndAsync();
                }
                await p.WriteFieldStopAsync();
                await p.WriteStructEndAsync();
                break;
            case WireKind.List:
                await p.WriteListBeginAsync(new TList(T(node.ElementKind), node.Elements.Count));
                foreach (var e in node.Elements)
                {
                    await WriteAsync(p, e);
                }
                await p.WriteListEndAsync();
                break;
            case WireKind.Set:
                await p.WriteSetBeginAsync(new TSet(T(node.ElementKind), node.Elements.Count));
                foreach (var e in node.Elements)
                {
                    await WriteAsync(p, e);
                }
                await p.WriteSetEndAsync();
                break;
            case WireKind.Map:
                await p.WriteMapBeginAsync(new TMap(T(node.ElementKind), T(node.ValueKind), node.Entries.Count));
                foreach (var (k, v) in node.Entries)
                {
                    await WriteAsync(p, k);
                    await WriteAsync(p, v);
                }
                await p.WriteMapEndAsync();
                break;
        }
    }

    public static async Task<WireNode> ReadAsync(TProtocol p, WireNode template)
    {
        switch (template.Kind)
        {
            case WireKind.Bool: return WireNode.Of(await p.ReadBoolAsync());
            case WireKind.Byte: return WireNode.Of(await p.ReadByteAsync());
            case WireKind.I16: return WireNode.Of(await p.ReadI16Async());
            case WireKind.I32: return WireNode.Of(await p.ReadI32Async());
            case WireKind.I64: return WireNode.Of(await p.ReadI64Async());
            case WireKind.Double: return WireNode.Of(await p.ReadDoubleAsync());
            case WireKind.String: return WireNode.Of(await p.ReadStringAsync());
            case WireKind.Binary: return WireNode.Of(await p.ReadBinaryAsync());
            case WireKind.Uuid: return WireNode.Of(await p.ReadUuidAsync());
            case WireKind.Struct:
            {
                var fields = new List<(short, WireNode)>();
                await p.ReadStructBeginAsync();
                var i = 0;
                while (true)
                {
                    var field = await p.ReadFieldBeginAsync();
                    if (field.Type == TType.Stop)
                    {
                        break;
                    }
                    var expected = template.Fields[i++];
                    Assert.Equal((TType)expected.Value.Type, field.Type);
                    fields.Add((field.ID, await ReadAsync(p, expected.Value)));
                    await p.ReadFieldEndAsync();
                }
                await p.ReadStructEndAsync();
                return new WireNode { Kind = WireKind.Struct, Fields = fields };
            }
            case WireKind.List:
            case WireKind.Set:
            {
                int count;
                if (template.Kind == WireKind.List)
                {
                    var list = await p.ReadListBeginAsync();
                    Assert.Equal(T(template.ElementKind), list.ElementType);
                    count = list.Count;
                }
                else
                {
                    var set = await p.ReadSetBeginAsync();
                    Assert.Equal(T(template.ElementKind), set.ElementType);
                    count = set.Count;
                }
                Assert.Equal(template.Elements.Count, count);
                var items = new List<WireNode>();
                foreach (var e in template.Elements)
                {
                    items.Add(await ReadAsync(p, e));
                }
                if (template.Kind == WireKind.List)
                {
                    await p.ReadListEndAsync();
                }
                else
                {
                    await p.ReadSetEndAsync();
                }
                return new WireNode { Kind = template.Kind, ElementKind = template.ElementKind, Elements = items };
            }
            default:
            {
                var map = await p.ReadMapBeginAsync();
                Assert.Equal(template.Entries.Count, map.Count);
                var entries = new List<(WireNode, WireNode)>();
                foreach (var (k, v) in template.Entries)
                {
                    entries.Add((await ReadAsync(p, k), await ReadAsync(p, v)));
                }
                await p.ReadMapEndAsync();
                return new WireNode { Kind = WireKind.Map, ElementKind = template.ElementKind, ValueKind = template.ValueKind, Entries = entries };
            }
        }
    }
}
