using CodeGenTests.ProtoThrift;
using Steward.Rpc.Protobuf;
using Steward.Rpc.Protobuf.WellKnownTypes;
using Steward.Rpc.Thrift;
using static Steward.Rpc.CodeGen.Tests.ProtoThrift.ThriftCodec;

namespace Steward.Rpc.CodeGen.Tests.ProtoThrift;

public class ProtoThriftStructTests
{
    public static TheoryData<ThriftProtocolKind> Kinds => new() { ThriftProtocolKind.Binary, ThriftProtocolKind.Compact };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_scalar_type_round_trips_at_its_extremes(ThriftProtocolKind kind)
    {
        var value = new Scalars
        {
            I32 = int.MinValue, I64 = long.MinValue, U32 = uint.MaxValue, U64 = ulong.MaxValue,
            S32 = -7, S64 = long.MaxValue, F32 = 4_000_000_000u, F64 = 1UL << 63,
            Sf32 = int.MaxValue, Sf64 = -1, Flag = true, Text = "héllo ✓", Data = new byte[] { 0, 255, 7 },
            Dbl = double.NegativeInfinity, Flt = 3.25f, Color = Color.Green, Maybe = 0,
        };

        var decoded = Decode<Scalars>(Encode(value, kind), kind);

        Assert.Equal(value, decoded);
        Assert.True(decoded.HasMaybe);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Lists_maps_oneofs_nested_and_well_known_messages_round_trip(ThriftProtocolKind kind)
    {
        var value = new Containers
        {
            Single = new Inner { Name = "one" },
            Nested = new Inner { Name = "chosen" },
            At = new Timestamp { Seconds = 1_700_000_000, Nanos = 5 },
            Deep = new Containers.Types.Deep { Level = 1, Children = { new Containers.Types.Deep { Level = 2 } } },
        };
        value.Numbers.AddRange([1, -2, int.MaxValue]);
        value.Words.AddRange(["a", ""]);
        value.Inners.AddRange([new Inner { Name = "x" }, new Inner()]);
        value.Counts["k"] = -5;
        value.ById[3] = new Inner { Name = "three" };
        value.Colors.AddRange([Color.Red, (Color)42]);
        value.ByUnsigned[uint.MaxValue] = "max";

        var decoded = Decode<Containers>(Encode(value, kind), kind);

        Assert.Equal(value, decoded);
        Assert.Equal(Containers.ChoiceOneofCase.Nested, decoded.ChoiceCase);
    }

    [Fact]
    public void Proto_types_map_to_the_documented_thrift_types_and_unset_optionals_stay_off_the_wire()
    {
        var fields = FieldsOf(Encode(new Scalars(), ThriftProtocolKind.Binary), ThriftProtocolKind.Binary);

        // Implicit-presence fields are written even at their default, so a Thrift peer reads a value, not "unset".
        Assert.Equal(
            [
                (1, ThriftType.I32), (2, ThriftType.I64), (3, ThriftType.I64), (4, ThriftType.I64),
                (5, ThriftType.I32), (6, ThriftType.I64), (7, ThriftType.I64), (8, ThriftType.I64),
                (9, ThriftType.I32), (10, ThriftType.I64), (11, ThriftType.Bool), (12, ThriftType.String),
                (13, ThriftType.String), (14, ThriftType.Double), (15, ThriftType.Double), (16, ThriftType.I32),
            ],
            fields.Select(f => ((int)f.Id, f.Type)).ToArray());
    }

    [Fact]
    public void A_message_is_written_exactly_as_the_binary_protocol_spells_a_struct()
    {
        // field header (type 11 string, id 1), i32 length, UTF-8 bytes, then the stop byte.
        Assert.Equal(
            Convert.FromHexString("0B0001" + "00000002" + "6162" + "00"),
            Encode(new Inner { Name = "ab" }, ThriftProtocolKind.Binary));
        // compact: (delta 1 << 4 | 8 binary), varint length, bytes, stop; field 32767 needs the long form.
        Assert.Equal(
            Convert.FromHexString("28" + "01" + "61" + "05" + "FEFF03" + "02" + "00"),
            Encode(new Sparse { A = "a", Z = 1 }, ThriftProtocolKind.Compact));
    }

    [Fact]
    public void A_uint64_above_the_i64_range_travels_as_the_same_64_bits()
    {
        var bytes = Encode(new Scalars { U64 = ulong.MaxValue }, ThriftProtocolKind.Binary);
        var reader = ThriftProtocols.CreateReader(ThriftProtocolKind.Binary);
        reader.Reset(new System.Buffers.ReadOnlySequence<byte>(bytes));
        reader.ReadStructBegin();
        long seen = 0;
        for (var field = reader.ReadFieldBegin(); field.Type != ThriftType.Stop; field = reader.ReadFieldBegin())
        {
            if (field.Id == 4)
            {
                seen = reader.ReadI64();
            }
            else
            {
                reader.Skip(field.Type);
            }
        }
        Assert.Equal(-1L, seen);
    }

    [Fact]
    public void A_uint32_out_of_range_from_a_peer_is_rejected_with_a_protocol_error()
    {
        var bytes = Encode(w => Struct(w, f => Field(f, ThriftType.I64, 3, v => v.WriteI64(1L << 32))), ThriftProtocolKind.Compact);

        var error = Assert.Throws<ThriftProtocolException>(() => Decode<Scalars>(bytes, ThriftProtocolKind.Compact));

        Assert.Equal(ThriftProtocolError.InvalidData, error.Error);
        Assert.Contains("u32", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Unknown_ids_and_fields_or_elements_of_another_type_are_skipped(ThriftProtocolKind kind)
    {
        var bytes = Encode(w => Struct(w,
            f => Field(f, ThriftType.Struct, 99, v => Struct(v, g => Field(g, ThriftType.String, 1, x => x.WriteString("ignored")))),
            f => Field(f, ThriftType.List, 1, v => { v.WriteListBegin(new(ThriftType.String, 2)); v.WriteString("no"); v.WriteString("pe"); v.WriteListEnd(); }),
            f => Field(f, ThriftType.I32, 6, v => v.WriteI32(5)),
            f => Field(f, ThriftType.Map, 4, v => { v.WriteMapBegin(new(ThriftType.I32, ThriftType.I64, 1)); v.WriteI32(1); v.WriteI64(2); v.WriteMapEnd(); }),
            f => Field(f, ThriftType.List, 2, v => { v.WriteListBegin(new(ThriftType.String, 1)); v.WriteString("kept"); v.WriteListEnd(); })), kind);

        var decoded = Decode<Containers>(bytes, kind);

        Assert.Empty(decoded.Numbers);
        Assert.Null(decoded.Single);
        Assert.Empty(decoded.Counts);
        Assert.Equal(["kept"], decoded.Words);
    }

    [Fact]
    public void The_last_oneof_member_on_the_wire_wins()
    {
        var bytes = Encode(w => Struct(w,
            f => Field(f, ThriftType.String, 7, v => v.WriteString("label")),
            f => Field(f, ThriftType.I32, 9, v => v.WriteI32(12))), ThriftProtocolKind.Binary);

        var decoded = Decode<Containers>(bytes, ThriftProtocolKind.Binary);

        Assert.Equal(Containers.ChoiceOneofCase.Code, decoded.ChoiceCase);
        Assert.Equal(12, decoded.Code);
        Assert.Equal("", decoded.Label);
    }

    [Fact]
    public void Nesting_deeper_than_the_reader_limit_is_refused_not_overflowed()
    {
        var deep = new Containers.Types.Deep();
        for (var i = 0; i < 200; i++)
        {
            deep = new Containers.Types.Deep { Level = i, Children = { deep } };
        }
        var bytes = Encode(deep, ThriftProtocolKind.Compact);

        var error = Assert.Throws<ThriftProtocolException>(() => Decode<Containers.Types.Deep>(bytes, ThriftProtocolKind.Compact));

        Assert.Equal(ThriftProtocolError.DepthLimit, error.Error);
    }

    [Fact]
    public void Unary_methods_carry_the_wrapping_codec_while_streaming_and_well_known_ones_stay_grpc_only()
    {
        var codec = Carrier.EchoMethod.Codecs.Get<ThriftMethodCodec<Containers, Containers>>();
        Assert.NotNull(codec);
        Assert.Null(Carrier.WatchMethod.Codecs.Get<ThriftMethodCodec<Inner, Inner>>());
        Assert.Null(Carrier.PingMethod.Codecs.Get<ThriftMethodCodec<Empty, Inner>>());

        var request = new Containers { Label = "req" };
        var args = Encode(w => codec.WriteArgs(w, request), ThriftProtocolKind.Binary);
        Assert.Equal([(1, ThriftType.Struct)], FieldsOf(args, ThriftProtocolKind.Binary).Select(f => ((int)f.Id, f.Type)).ToArray());
        var reader = ThriftProtocols.CreateReader(ThriftProtocolKind.Binary);
        reader.Reset(new System.Buffers.ReadOnlySequence<byte>(args));
        Assert.Equal(request, codec.ReadArgs(reader));
    }

    [Fact]
    public void Bytes_fields_read_from_the_wire_are_not_shared_with_the_next_message()
    {
        var bytes = Encode(new Scalars { Data = new byte[] { 1, 2, 3 } }, ThriftProtocolKind.Binary);
        var first = Decode<Scalars>(bytes, ThriftProtocolKind.Binary);
        bytes.AsSpan().Clear();
        Assert.Equal(ByteString.CopyFrom([1, 2, 3]), first.Data);
    }
}
