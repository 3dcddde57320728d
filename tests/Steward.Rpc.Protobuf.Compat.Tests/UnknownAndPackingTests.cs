using Google.Protobuf;
using G = global::Compat.Google;
using GBytes = global::Google.Protobuf.ByteString;
using S = global::Compat.Steward;

namespace Steward.Rpc.Protobuf.Compat.Tests;

public class UnknownAndPackingTests
{
    private static G.ScalarsV2 RandomV2(Values v)
    {
        var g = new G.ScalarsV2();
        if (v.Chance())
        {
            g.FDouble = v.Double();
        }

        if (v.Chance())
        {
            g.FString = v.String();
        }

        if (v.Chance())
        {
            g.ExtraVarint = v.Int32();
        }

        if (v.Chance())
        {
            g.ExtraFixed64 = v.UInt64();
        }

        if (v.Chance())
        {
            g.ExtraFixed32 = v.UInt32();
        }

        if (v.Chance())
        {
            g.ExtraString = v.String();
        }

        if (v.Chance())
        {
            g.ExtraMessage = Filler.Scalars(v, 40).Item1;
        }

        for (var i = v.Count(); i > 0; i--)
        {
            g.ExtraPacked.Add(v.Int32());
        }

        return g;
    }

    [Fact]
    public void Unknown_fields_survive_a_round_trip_through_the_older_schema_like_google()
    {
        for (var seed = 1; seed <= 300; seed++)
        {
            var newer = RandomV2(new Values(seed));
            var bytes = newer.ToByteArray();

            var steward = S.Scalars.Parse(bytes);
            var google = G.Scalars.Parser.ParseFrom(bytes);
            var stewardBytes = steward.ToByteArray();
            Assert.Equal(google.ToByteArray(), stewardBytes);
            Assert.Equal(G.ScalarsV2.Parser.ParseFrom(bytes), G.ScalarsV2.Parser.ParseFrom(stewardBytes));
            Assert.Equal(steward, steward.Clone());
        }
    }

    [Fact]
    public void Unknown_fields_before_known_ones_are_written_after_them_like_google()
    {
        var unknown = new G.ScalarsV2 { ExtraVarint = 300, ExtraString = "later" }.ToByteArray();
        var known = new G.ScalarsV2 { FDouble = 1.5, FString = "known" }.ToByteArray();
        var input = unknown.Concat(known).ToArray();

        var steward = S.Scalars.Parse(input);
        Assert.Equal("known", steward.FString);
        Assert.Equal(unknown.Length, steward.UnknownFields!.Length);
        Assert.Equal(G.Scalars.Parser.ParseFrom(input).ToByteArray(), steward.ToByteArray());
    }

    [Fact]
    public void Messages_differing_only_in_unknown_fields_are_not_equal()
    {
        var plain = S.Scalars.Parse(new G.ScalarsV2 { FString = "x" }.ToByteArray());
        var withExtra = S.Scalars.Parse(new G.ScalarsV2 { FString = "x", ExtraVarint = 1 }.ToByteArray());
        Assert.NotEqual(plain, withExtra);
        Assert.Equal(plain, new S.Scalars { FString = "x" });
    }

    [Fact]
    public void Packed_fields_sent_unpacked_and_unpacked_fields_sent_packed_are_both_read()
    {
        for (var seed = 1; seed <= 100; seed++)
        {
            var v = new Values(seed);
            var values = Enumerable.Range(0, 1 + v.Count(6)).Select(_ => v.Int32()).ToArray();
            var doubles = values.Select(x => x / 3.0).ToArray();

            // r_int32 (5) is packed in the schema, u_int32 (18) is not: write each the other way.
            var writer = new ArrayBufferWriter();
            foreach (var x in values)
            {
                writer.Tag(5, 0).Varint((ulong)(long)x);
            }
            writer.Tag(18, 2).Packed(values.Select(x => (ulong)(long)x));
            writer.Tag(20, 2).PackedFixed64(doubles.Select(BitConverter.DoubleToUInt64Bits));
            var input = writer.ToArray();

            var google = G.Repeats.Parser.ParseFrom(input);
            var steward = S.Repeats.Parse(input);
            Assert.Equal(values, steward.RInt32);
            Assert.Equal(values, steward.UInt32);
            Assert.Equal(doubles, steward.UDouble);
            Assert.Equal(google.ToByteArray(), steward.ToByteArray());
        }
    }

    [Fact]
    public void Repeated_message_and_map_fields_split_across_the_input_are_merged()
    {
        var first = new G.Everything { Repeats = new G.Repeats { RInt32 = { 1, 2 } }, Maps = new G.Maps { StringString = { ["a"] = "1" } } };
        var second = new G.Everything { Repeats = new G.Repeats { RInt32 = { 3 } }, Maps = new G.Maps { StringString = { ["a"] = "2", ["b"] = "3" } } };
        var input = first.ToByteArray().Concat(second.ToByteArray()).ToArray();
        var steward = S.Everything.Parse(input);
        Assert.Equal([1, 2, 3], steward.Repeats!.RInt32);
        Assert.Equal("2", steward.Maps!.StringString["a"]);
        Assert.Equal(G.Everything.Parser.ParseFrom(input).ToByteArray(), steward.ToByteArray());
        _ = GBytes.Empty;
    }

    /// <summary>Hand-encodes wire format, independent of both libraries under test.</summary>
    private sealed class ArrayBufferWriter
    {
        private readonly List<byte> _bytes = [];

        public ArrayBufferWriter Tag(int field, int wireType) => Varint(((ulong)field << 3) | (uint)wireType);

        public ArrayBufferWriter Varint(ulong value)
        {
            while (value >= 0x80)
            {
                _bytes.Add((byte)(value | 0x80));
                value >>= 7;
            }
            _bytes.Add((byte)value);
            return this;
        }

        public ArrayBufferWriter Packed(IEnumerable<ulong> values)
        {
            var body = new ArrayBufferWriter();
            foreach (var v in values)
            {
                body.Varint(v);
            }
            Varint((ulong)body._bytes.Count);
            _bytes.AddRange(body._bytes);
            return this;
        }

        public ArrayBufferWriter PackedFixed64(IEnumerable<ulong> values)
        {
            var list = values.ToList();
            Varint((ulong)list.Count * 8);
            foreach (var v in list)
            {
                _bytes.AddRange(BitConverter.GetBytes(v));
            }
            return this;
        }

        public byte[] ToArray() => _bytes.ToArray();
    }
}
