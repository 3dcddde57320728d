using System.Buffers;
using Steward.Rpc.Thrift;

namespace Steward.Rpc.CodeGen.Tests.ProtoThrift;

/// <summary>Encodes and decodes structs with Steward's real protocol readers and writers.</summary>
internal static class ThriftCodec
{
    public static byte[] Encode(IThriftStruct value, ThriftProtocolKind kind) => Encode(w => value.Write(w), kind);

    public static byte[] Encode(Action<ThriftWriter> write, ThriftProtocolKind kind)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = ThriftProtocols.CreateWriter(kind);
        writer.Reset(output);
        write(writer);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    public static T Decode<T>(byte[] bytes, ThriftProtocolKind kind) where T : IThriftStruct, new()
    {
        var reader = ThriftProtocols.CreateReader(kind);
        reader.Reset(new ReadOnlySequence<byte>(bytes));
        var value = new T();
        value.Read(reader);
        Assert.Equal(bytes.Length, reader.Consumed);
        return value;
    }

    /// <summary>The top-level fields of an encoded struct, as a Thrift peer that knows no schema sees them.</summary>
    public static List<(short Id, ThriftType Type)> FieldsOf(byte[] bytes, ThriftProtocolKind kind)
    {
        var reader = ThriftProtocols.CreateReader(kind);
        reader.Reset(new ReadOnlySequence<byte>(bytes));
        var fields = new List<(short, ThriftType)>();
        reader.ReadStructBegin();
        while (true)
        {
            var field = reader.ReadFieldBegin();
            if (field.Type == ThriftType.Stop)
            {
                break;
            }
            fields.Add((field.Id, field.Type));
            reader.Skip(field.Type);
            reader.ReadFieldEnd();
        }
        reader.ReadStructEnd();
        return fields;
    }

    public static void Field(ThriftWriter w, ThriftType type, short id, Action<ThriftWriter> value)
    {
        w.WriteFieldBegin("f", type, id);
        value(w);
        w.WriteFieldEnd();
    }

    public static void Struct(ThriftWriter w, params Action<ThriftWriter>[] fields)
    {
        w.WriteStructBegin("s");
        foreach (var field in fields)
        {
            field(w);
        }
        w.WriteFieldStop();
        w.WriteStructEnd();
    }
}
