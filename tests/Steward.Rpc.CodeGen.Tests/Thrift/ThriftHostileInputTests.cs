using System.Buffers;
using CodeGenTests.Thrift;
using CodeGenTests.Thrift.Shared;
using Steward.Rpc.Thrift;
using TT = global::ThriftTest;

namespace Steward.Rpc.CodeGen.Tests.Thrift;

/// <summary>Generated Read methods on bytes a peer should never send: every failure is a ThriftProtocolException.</summary>
public class ThriftHostileInputTests
{
    public static TheoryData<ThriftProtocolKind> Protocols => ThriftWire.Protocols;

    private static readonly Nested Sample = new()
    {
        Deep = new() { ["a"] = [[1, 2], []] },
        ByPoint = [new() { [new Point { X = 1, Y = 2 }] = "p" }],
        Blobs = [[1, 2, 3]],
        Choices = new() { [5] = new Choice { Names = ["n", "m"] } },
        Ids = [Guid.Parse("00112233-4455-6677-8899-aabbccddeeff")],
        Numbers = [0.5],
        Flags = [true, false],
        ByColor = new() { [Color.Green] = [new Point { X = 3 }] },
        Small = [-1],
        BlobMap = new() { [7] = [9] },
        Shared = new SharedStruct { Key = 1, Value = "v" },
    };

    private static Exception? TryRead<T>(byte[] bytes, ThriftProtocolKind kind) where T : IThriftStruct, new()
    {
        var reader = ThriftWire.Reader(kind);
        reader.Reset(new ReadOnlySequence<byte>(bytes));
        try
        {
            new T().Read(reader);
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Every_truncation_of_a_valid_struct_is_a_protocol_error(ThriftProtocolKind kind)
    {
        var bytes = ThriftWire.Write(Sample, kind);
        for (var length = 0; length < bytes.Length; length++)
        {
            var error = TryRead<Nested>(bytes.AsSpan(0, length).ToArray(), kind);
            Assert.True(error is ThriftProtocolException, $"prefix of {length}/{bytes.Length} bytes: {error?.GetType().Name ?? "no error"} {error?.Message}");
        }
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Mutated_bytes_decode_or_fail_with_a_protocol_error(ThriftProtocolKind kind)
    {
        var valid = ThriftWire.Write(Sample, kind);
        var random = new Random(4242);
        for (var round = 0; round < 2000; round++)
        {
            var bytes = (byte[])valid.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            var error = TryRead<Nested>(bytes, kind);
            Assert.True(error is null or ThriftProtocolException, $"round {round}: {error?.GetType().Name}: {error?.Message}\n{Convert.ToHexString(bytes)}");
        }
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void A_container_claiming_more_elements_than_arrive_fails_without_allocating_them(ThriftProtocolKind kind)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = ThriftWire.Writer(kind);
        writer.Reset(output);
        writer.WriteStructBegin("ListTypeVersioningV1");
        writer.WriteFieldBegin("myints", ThriftType.List, 1);
        writer.WriteListBegin(new ThriftListHeader(ThriftType.I32, 5_000_000));
        writer.WriteI32(1);
        writer.Flush();

        var error = TryRead<TT.ListTypeVersioningV1>(output.WrittenSpan.ToArray(), kind);

        Assert.IsAssignableFrom<ThriftProtocolException>(error);
    }
}
