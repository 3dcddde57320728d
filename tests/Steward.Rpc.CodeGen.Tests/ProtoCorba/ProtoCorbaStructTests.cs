using CodeGenTests.ProtoCorba;
using Steward.Rpc.Corba;
using Steward.Rpc.Protobuf;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Tests.ProtoCorba;

/// <summary>Proto messages generated with Corba="true" are IDL structs: members in field-number order, CDR-aligned, no framing.</summary>
public sealed class ProtoCorbaStructTests
{
    private static byte[] Encode(ICorbaStruct value)
    {
        var output = new CdrOutputStream();
        value.CorbaWrite(output);
        return output.ToArray();
    }

    private static T Decode<T>(byte[] bytes) where T : class, ICorbaStruct, new()
    {
        var input = new CdrInputStream(bytes, true, GiopVersion.V1_2, CodeSets.Native);
        var value = CorbaStructOperation.ReadStruct<T>(input);
        Assert.Equal(0, input.Remaining);
        return value;
    }

    private static CorbaContainers SampleContainers()
    {
        var value = new CorbaContainers { Single = new CorbaLeaf { Name = "s" } };
        value.Numbers.AddRange([1, -2]);
        value.Words.Add("w");
        value.Leaves.Add(new CorbaLeaf { Name = "l" });
        value.Counts["k"] = 9;
        value.ById[3] = new CorbaLeaf { Name = "i" };
        return value;
    }

    [Fact]
    public void A_message_is_written_as_the_equivalent_idl_struct_in_field_number_order_with_cdr_alignment()
    {
        // struct CorbaContainers { LongSeq numbers; StringSeq words; CorbaLeafSeq leaves;
        //   sequence<struct { string key; long long value; }> counts; sequence<struct { long key; CorbaLeaf value; }> byId; CorbaLeaf single; }
        var expected = Convert.FromHexString(
            "02000000" + "01000000" + "FEFFFFFF" +                 // numbers: 2 longs (offset 0)
            "01000000" + "02000000" + "7700" + "0000" +            // words: ["w"], then padding to 4
            "01000000" + "02000000" + "6C00" + "0000" +            // leaves: [{ name "l" }]
            "01000000" + "02000000" + "6B00" + "0000" +
            "0900000000000000" +                                   // counts: { "k": 9LL } (offset 48, aligned on 8)
            "01000000" + "03000000" + "02000000" + "6900" + "0000" + // byId: { 3: { name "i" } }
            "02000000" + "7300");                                  // single: { name "s" }
        Assert.Equal(expected, Encode(SampleContainers()));
    }

    [Fact]
    public void Every_scalar_round_trips_with_its_idl_type()
    {
        var value = new CorbaScalars
        {
            I32 = -5, I64 = long.MinValue, U32 = uint.MaxValue, U64 = ulong.MaxValue, S32 = -1, S64 = 7,
            F32 = 3_000_000_000, F64 = 1, Sf32 = int.MinValue, Sf64 = -9, Flag = true, Text = "héllo",
            Data = ByteString.CopyFrom([1, 2, 3]), Dbl = 0.5, Flt = -1.25f, Shade = Shade.Dark,
        };
        var bytes = Encode(value);
        Assert.Equal(value, Decode<CorbaScalars>(bytes));
        // u32 is an unsigned long after a long and a long long: offset 16.
        Assert.Equal(uint.MaxValue, BitConverter.ToUInt32(bytes, 16));
    }

    [Fact]
    public void Containers_round_trip_and_an_absent_message_field_reads_back_as_the_default_message()
    {
        var value = SampleContainers();
        Assert.Equal(value, Decode<CorbaContainers>(Encode(value)));
        var decoded = Decode<CorbaContainers>(Encode(new CorbaContainers()));
        Assert.Equal(new CorbaLeaf(), decoded.Single);
    }

    [Fact]
    public void Unary_methods_carry_a_corba_operation_and_streaming_methods_none()
    {
        var echo = CorbaEcho.EchoMethod.Codecs.Get<ICorbaOperation>();
        Assert.NotNull(echo);
        Assert.Equal("Echo", echo.Name);
        Assert.Equal("IDL:protocorba/CorbaEcho:1.0", echo.InterfaceRepositoryId);
        Assert.Equal(["IDL:protocorba/CorbaEcho:1.0", CorbaRepositoryIds.Object], echo.RepositoryIds);
        Assert.Null(CorbaEcho.WatchMethod.Codecs.Get<ICorbaOperation>());
    }

    [Fact]
    public void An_enum_value_past_the_last_enumerator_is_a_marshal_error()
    {
        var bytes = Encode(new CorbaScalars { Shade = Shade.Dark });
        // The enum is the last member: an unsigned long at the end.
        BitConverter.GetBytes(3u).CopyTo(bytes, bytes.Length - 4);
        Assert.Equal("MARSHAL", Assert.Throws<CorbaSystemException>(() => Decode<CorbaScalars>(bytes)).Name);
    }

    [Fact]
    public void Every_truncation_and_seeded_mutations_fail_only_with_marshal_errors()
    {
        var sample = Encode(SampleContainers());
        for (var length = 0; length < sample.Length; length++)
        {
            var truncated = sample[..length];
            Assert.Throws<CorbaSystemException>(() => Decode<CorbaContainers>(truncated));
        }
        var random = new Random(12);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = (byte[])sample.Clone();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            try
            {
                CorbaStructOperation.ReadStruct<CorbaContainers>(new CdrInputStream(bytes, true, GiopVersion.V1_2, CodeSets.Native));
            }
            catch (CorbaSystemException ex) when (ex.Name is "MARSHAL" or "DATA_CONVERSION")
            {
            }
        }
    }

    [Fact]
    public void A_field_with_explicit_presence_or_a_gapped_enum_makes_the_generated_code_fail_with_an_error_naming_it()
    {
        const string Proto = "syntax = \"proto3\"; package p; enum E { Z = 0; TWO = 2; } message M { optional int32 maybe = 1; oneof c { string a = 2; } E e = 3; }";
        var set = SchemaCompiler.Compile(["m.proto"], new InMemoryFileSource().Add("m.proto", Proto));
        var code = Assert.Single(CSharpGenerator.Generate(set, set.RootFiles.Single(), new CodeGenOptions { CorbaCodecs = true })).Content;
        Assert.Contains("#error Field 'maybe' of 'p.M' has explicit presence", code, StringComparison.Ordinal);
        Assert.Contains("#error Field 'a' of 'p.M' has explicit presence", code, StringComparison.Ordinal);
        Assert.Contains("#error Field 'e' of 'p.M' has an enum whose values are not 0, 1, 2...", code, StringComparison.Ordinal);
        Assert.DoesNotContain("#error", Assert.Single(CSharpGenerator.Generate(set, set.RootFiles.Single(), new CodeGenOptions())).Content, StringComparison.Ordinal);
    }
}
