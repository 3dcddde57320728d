using System.Buffers;
using CodeGenTests.ProtoThrift;
using Steward.Rpc.Protobuf.WellKnownTypes;
using Steward.Rpc.Thrift;

namespace Steward.Rpc.CodeGen.Tests.ProtoThrift;

/// <summary>Bad bytes reaching a proto message's generated Thrift Read end in a protocol error, never another exception.</summary>
public class ProtoThriftHostileInputTests
{
    private static byte[] Sample(ThriftProtocolKind kind)
    {
        var value = new Containers
        {
            Single = new Inner { Name = "one" },
            Nested = new Inner { Name = "n" },
            At = new Timestamp { Seconds = 12, Nanos = 3 },
            Deep = new Containers.Types.Deep { Level = 1, Children = { new Containers.Types.Deep { Level = 2 } } },
        };
        value.Numbers.AddRange([1, 2, 3]);
        value.Words.Add("w");
        value.Counts["k"] = 9;
        value.ById[1] = new Inner { Name = "i" };
        value.ByUnsigned[7] = "u";
        return ThriftCodec.Encode(value, kind);
    }

    private static void ReadOrProtocolError(byte[] bytes, ThriftProtocolKind kind)
    {
        var reader = ThriftProtocols.CreateReader(kind, new ThriftLimits { MaxContainerSize = 1000, MaxStringSize = 10_000 });
        reader.Reset(new ReadOnlySequence<byte>(bytes));
        try
        {
            ((IThriftStruct)new Containers()).Read(reader);
        }
        catch (ThriftProtocolException)
        {
        }
    }

    [Theory]
    [InlineData(ThriftProtocolKind.Binary)]
    [InlineData(ThriftProtocolKind.Compact)]
    public void Every_truncation_and_seeded_mutations_fail_only_with_protocol_errors(ThriftProtocolKind kind)
    {
        var sample = Sample(kind);
        for (var length = 0; length < sample.Length; length++)
        {
            ReadOrProtocolError(sample[..length], kind);
        }
        var random = new Random(20261127);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = (byte[])sample.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            ReadOrProtocolError(bytes, kind);
        }
    }

    [Fact]
    public void Bad_protobuf_bytes_in_a_well_known_field_are_a_protocol_error()
    {
        // Containers.at is a google.protobuf.Timestamp: binary holding its protobuf encoding. 0x0A 0x05 claims 5 bytes that are not there.
        var bytes = ThriftCodec.Encode(w => ThriftCodec.Struct(w,
            f => ThriftCodec.Field(f, ThriftType.String, 10, v => v.WriteBinary([0x0A, 0x05]))), ThriftProtocolKind.Binary);

        var error = Assert.Throws<ThriftProtocolException>(() => ThriftCodec.Decode<Containers>(bytes, ThriftProtocolKind.Binary));

        Assert.Contains("at", error.Message, StringComparison.Ordinal);
    }
}
