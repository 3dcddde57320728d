using System.Buffers;
using Steward.Rpc.Thrift;

namespace Steward.Rpc.CodeGen.Tests.Thrift;

/// <summary>Generated structs through Steward's real protocol readers and writers.</summary>
internal static class ThriftWire
{
    /// <summary>Every protocol the generated code must round-trip through.</summary>
    public static TheoryData<ThriftProtocolKind> Protocols => new(ThriftProtocolKind.Binary, ThriftProtocolKind.Compact, ThriftProtocolKind.Json);

    public static ThriftWriter Writer(ThriftProtocolKind kind) => ThriftProtocols.CreateWriter(kind);

    public static ThriftReader Reader(ThriftProtocolKind kind) => ThriftProtocols.CreateReader(kind);

    public static byte[] Write(IThriftStruct value, ThriftProtocolKind kind)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = Writer(kind);
        writer.Reset(output);
        value.Write(writer);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    public static T Read<T>(byte[] bytes, ThriftProtocolKind kind) where T : IThriftStruct, new()
    {
        var reader = Reader(kind);
        reader.Reset(new ReadOnlySequence<byte>(bytes));
        var value = new T();
        value.Read(reader);
        Assert.Equal(bytes.Length, reader.Consumed);
        return value;
    }

    public static T RoundTrip<T>(T value, ThriftProtocolKind kind) where T : IThriftStruct, new() => Read<T>(Write(value, kind), kind);

    /// <summary>The ids of the top-level fields on the wire, as a peer without the schema sees them.</summary>
    public static List<short> FieldIds(IThriftStruct value, ThriftProtocolKind kind)
    {
        var reader = Reader(kind);
        reader.Reset(new ReadOnlySequence<byte>(Write(value, kind)));
        var ids = new List<short>();
        reader.ReadStructBegin();
        while (true)
        {
            var field = reader.ReadFieldBegin();
            if (field.Type == ThriftType.Stop)
            {
                break;
            }
            ids.Add(field.Id);
            reader.Skip(field.Type);
            reader.ReadFieldEnd();
        }
        reader.ReadStructEnd();
        return ids;
    }
}
