using CodeGenTests.ProtoIce;
using Steward.Rpc.Ice;
using Steward.Rpc.Protobuf;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Tests.ProtoIce;

/// <summary>Proto messages generated with Ice="true" are Ice structs: members in field-number order, no framing.</summary>
public sealed class ProtoIceStructTests
{
    private static byte[] Encode(IIceStruct value)
    {
        var output = new IceOutputStream();
        value.IceWrite(output);
        return output.ToArray();
    }

    private static T Decode<T>(byte[] bytes) where T : class, IIceStruct, new()
    {
        var input = new IceInputStream(bytes);
        var value = IceStructOperation.ReadStruct<T>(input);
        Assert.Equal(0, input.Remaining);
        return value;
    }

    private static IceContainers SampleContainers()
    {
        var value = new IceContainers { Single = new IceLeaf { Name = "s" } };
        value.Numbers.AddRange([1, -2]);
        value.Words.Add("w");
        value.Leaves.Add(new IceLeaf { Name = "l" });
        value.Counts["k"] = 9;
        value.ById[3] = new IceLeaf { Name = "i" };
        return value;
    }

    [Fact]
    public void A_message_is_written_as_the_equivalent_slice_struct_in_field_number_order()
    {
        // struct IceContainers { IntSeq numbers; StringSeq words; IceLeafSeq leaves; StringLongDict counts;
        //                        IntIceLeafDict byId; IceLeaf single; }
        var expected = Convert.FromHexString(
            "02" + "01000000" + "FEFFFFFF" +       // numbers: 2 ints
            "01" + "0177" +                        // words: ["w"]
            "01" + "016C" +                        // leaves: [{ name "l" }]
            "01" + "016B" + "0900000000000000" +   // counts: { "k": 9L }
            "01" + "03000000" + "0169" +           // byId: { 3: { name "i" } }
            "0173");                               // single: { name "s" }
        Assert.Equal(expected, Encode(SampleContainers()));
    }

    [Fact]
    public void Every_scalar_round_trips_and_unsigned_values_keep_their_bits()
    {
        var value = new IceScalars
        {
            I32 = -5, I64 = long.MinValue, U32 = uint.MaxValue, U64 = ulong.MaxValue, S32 = -1, S64 = 7,
            F32 = 3_000_000_000, F64 = 1, Sf32 = int.MinValue, Sf64 = -9, Flag = true, Text = "héllo",
            Data = ByteString.CopyFrom([1, 2, 3]), Dbl = 0.5, Flt = -1.25f, Shade = Shade.Dark,
        };
        var bytes = Encode(value);
        Assert.Equal(value, Decode<IceScalars>(bytes));
        // u32 is the third member, after an int and a long: Slice int with the same bits.
        Assert.Equal(-1, BitConverter.ToInt32(bytes, 4 + 8));
    }

    [Fact]
    public void Containers_round_trip_and_an_absent_message_field_reads_back_as_the_default_message()
    {
        var value = SampleContainers();
        Assert.Equal(value, Decode<IceContainers>(Encode(value)));
        var empty = new IceContainers();
        var decoded = Decode<IceContainers>(Encode(empty));
        Assert.Equal(new IceLeaf(), decoded.Single);
    }

    [Fact]
    public void Unary_methods_carry_an_ice_operation_and_streaming_methods_none()
    {
        var echo = IceEcho.EchoMethod.Codecs.Get<IIceOperation>();
        Assert.NotNull(echo);
        Assert.Equal("Echo", echo.Name);
        Assert.Equal("::protoice::IceEcho", echo.InterfaceTypeId);
        Assert.Equal(["::Ice::Object", "::protoice::IceEcho"], echo.InterfaceTypeIds);
        Assert.Null(IceEcho.WatchMethod.Codecs.Get<IIceOperation>());
    }

    [Fact]
    public void Every_truncation_and_seeded_mutations_fail_only_with_marshal_errors()
    {
        var sample = Encode(SampleContainers());
        for (var length = 0; length < sample.Length; length++)
        {
            var truncated = sample[..length];
            Assert.Throws<IceMarshalException>(() => Decode<IceContainers>(truncated));
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
                // Bytes left over are not the struct's concern (the encapsulation around it refuses them).
                IceStructOperation.ReadStruct<IceContainers>(new IceInputStream(bytes));
            }
            catch (IceMarshalException)
            {
            }
        }
    }

    [Fact]
    public void A_field_with_explicit_presence_makes_the_generated_code_fail_with_an_error_naming_it()
    {
        const string Proto = "syntax = \"proto3\"; package p; message M { optional int32 maybe = 1; oneof c { string a = 2; } }";
        var set = SchemaCompiler.Compile(["m.proto"], new InMemoryFileSource().Add("m.proto", Proto));
        var code = Assert.Single(CSharpGenerator.Generate(set, set.RootFiles.Single(), new CodeGenOptions { IceCodecs = true })).Content;
        Assert.Contains("#error Field 'maybe' of 'p.M' has explicit presence", code, StringComparison.Ordinal);
        Assert.Contains("#error Field 'a' of 'p.M' has explicit presence", code, StringComparison.Ordinal);
        Assert.DoesNotContain("#error", Assert.Single(CSharpGenerator.Generate(set, set.RootFiles.Single(), new CodeGenOptions())).Content, StringComparison.Ordinal);
    }
}
