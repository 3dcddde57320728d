using Google.Protobuf;
using G = global::Compat.Google;
using GBytes = global::Google.Protobuf.ByteString;
using S = global::Compat.Steward;

namespace Steward.Rpc.Protobuf.Compat.Tests;

/// <summary>
/// Steward and Google.Protobuf, generated from the same corpus.proto, must produce the same bytes
/// for the same data, and each must read the other's bytes back to the same value.
/// </summary>
public class ByteCompatibilityTests
{
    private const int RandomInstances = 400;

    private static void AssertSameBytes<TG, TS>(TG google, TS steward, Func<byte[], TS> stewardParse, MessageParser<TG> googleParser, string context)
        where TG : IMessage<TG>
        where TS : IProtoMessage<TS>
    {
        var googleBytes = google.ToByteArray();
        var stewardBytes = ProtoMessage.ToByteArray(steward);
        if (!googleBytes.AsSpan().SequenceEqual(stewardBytes))
        {
            Assert.Fail($"{context}: bytes differ\n google:  {Convert.ToHexString(googleBytes)}\n steward: {Convert.ToHexString(stewardBytes)}");
        }
        Assert.Equal(googleBytes.Length, steward.CalculateSize());

        // Google's bytes → Steward → bytes, and Steward's bytes → Google → bytes.
        var stewardFromGoogle = stewardParse(googleBytes);
        // A singular -0.0 is not written (by either), so it comes back as 0.0: then neither side round-trips to an equal value.
        if (googleParser.ParseFrom(googleBytes).Equals(google))
        {
            Assert.True(steward.Equals(stewardFromGoogle), $"{context}: Steward parse of Google bytes is not equal to the Steward original");
            Assert.Equal(steward.GetHashCode(), stewardFromGoogle.GetHashCode());
        }
        Assert.Equal(googleBytes, ProtoMessage.ToByteArray(stewardFromGoogle));
        var googleFromSteward = googleParser.ParseFrom(stewardBytes);
        Assert.Equal(stewardBytes, googleFromSteward.ToByteArray());
    }

    [Fact]
    public void Random_everything_messages_have_identical_bytes_both_ways()
    {
        for (var seed = 1; seed <= RandomInstances; seed++)
        {
            var (g, s) = Filler.Everything(new Values(seed));
            AssertSameBytes(g, s, b => S.Everything.Parse(b), G.Everything.Parser, $"seed {seed}");
        }
    }

    [Fact]
    public void Random_scalars_repeats_maps_and_oneofs_alone_have_identical_bytes()
    {
        for (var seed = 1000; seed < 1000 + RandomInstances; seed++)
        {
            var v = new Values(seed);
            var (gs, ss) = Filler.Scalars(v);
            AssertSameBytes(gs, ss, b => S.Scalars.Parse(b), G.Scalars.Parser, $"scalars seed {seed}");
            var (go, so) = Filler.Optionals(v);
            AssertSameBytes(go, so, b => S.Optionals.Parse(b), G.Optionals.Parser, $"optionals seed {seed}");
            var (gr, sr) = Filler.Repeats(v);
            AssertSameBytes(gr, sr, b => S.Repeats.Parse(b), G.Repeats.Parser, $"repeats seed {seed}");
            var (gm, sm) = Filler.Maps(v);
            AssertSameBytes(gm, sm, b => S.Maps.Parse(b), G.Maps.Parser, $"maps seed {seed}");
            var (gc, sc) = Filler.Choice(v);
            AssertSameBytes(gc, sc, b => S.Choice.Parse(b), G.Choice.Parser, $"choice seed {seed}");
            var (gt, st) = Filler.Tree(v, 4);
            AssertSameBytes(gt, st, b => S.Tree.Parse(b), G.Tree.Parser, $"tree seed {seed}");
        }
    }

    [Fact]
    public void Every_edge_value_of_every_scalar_alone_matches()
    {
        double[] doubles = [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MinValue, double.MaxValue, double.Epsilon, -1.0];
        float[] floats = [0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MinValue, float.MaxValue, float.Epsilon, -1f];
        int[] ints = [0, -1, 1, int.MinValue, int.MaxValue, 127, 128, 16383, 16384, -64, 63, 64];
        long[] longs = [0, -1, 1, long.MinValue, long.MaxValue, int.MinValue, int.MaxValue, uint.MaxValue];
        uint[] uints = [0, 1, uint.MaxValue, 127, 128];
        ulong[] ulongs = [0, 1, ulong.MaxValue, long.MaxValue, 1UL << 63];
        string[] strings = ["", "a", "ü", "😀", new string('x', 42), new string('€', 42), new string('€', 43), new string('a', 127), new string('a', 128), new string('q', 70000)];

        void Check(Action<G.Scalars> setGoogle, Action<S.Scalars> setSteward, string what)
        {
            G.Scalars g = new();
            S.Scalars s = new();
            setGoogle(g);
            setSteward(s);
            AssertSameBytes(g, s, b => S.Scalars.Parse(b), G.Scalars.Parser, what);
        }

        foreach (var x in doubles)
        {
            Check(g => g.FDouble = x, s => s.FDouble = x, $"double {x}");
        }

        foreach (var x in floats)
        {
            Check(g => g.FFloat = x, s => s.FFloat = x, $"float {x}");
        }

        foreach (var x in longs)
        {
            Check(g => g.FInt64 = x, s => s.FInt64 = x, $"int64 {x}");
            Check(g => g.FSfixed64 = x, s => s.FSfixed64 = x, $"sfixed64 {x}");
            Check(g => g.FSint64 = x, s => s.FSint64 = x, $"sint64 {x}");
        }
        foreach (var x in ulongs)
        {
            Check(g => g.FUint64 = x, s => s.FUint64 = x, $"uint64 {x}");
            Check(g => g.FFixed64 = x, s => s.FFixed64 = x, $"fixed64 {x}");
        }
        foreach (var x in ints)
        {
            Check(g => g.FInt32 = x, s => s.FInt32 = x, $"int32 {x}");
            Check(g => g.FSfixed32 = x, s => s.FSfixed32 = x, $"sfixed32 {x}");
            Check(g => g.FSint32 = x, s => s.FSint32 = x, $"sint32 {x}");
            Check(g => g.FEnum = (G.Signed)x, s => s.FEnum = (S.Signed)x, $"enum {x}");
            Check(g => g.FHigh = x, s => s.FHigh = x, $"field 2047 int32 {x}");
        }
        foreach (var x in uints)
        {
            Check(g => g.FUint32 = x, s => s.FUint32 = x, $"uint32 {x}");
            Check(g => g.FFixed32 = x, s => s.FFixed32 = x, $"fixed32 {x}");
        }
        foreach (var x in strings)
        {
            Check(g => g.FString = x, s => s.FString = x, $"string of {x.Length} chars");
            Check(g => g.FMax = x, s => s.FMax = x, $"field 536870911 string of {x.Length} chars");
            var bytes = System.Text.Encoding.UTF8.GetBytes(x);
            Check(g => g.FBytes = GBytes.CopyFrom(bytes), s => s.FBytes = bytes, $"bytes of {bytes.Length}");
        }
        Check(g => g.FBool = true, s => s.FBool = true, "bool true");
        Check(g => g.FBool = false, s => s.FBool = false, "bool false");
    }

    [Fact]
    public void Default_values_are_omitted_and_presence_fields_set_to_default_are_written()
    {
        var s = new S.Scalars { FDouble = 0, FFloat = 0, FInt32 = 0, FString = "", FBytes = ByteString.Empty.ToByteArray(), FBool = false, FEnum = S.Signed.Zero };
        Assert.Empty(s.ToByteArray());

        var g = new G.Optionals { OInt32 = 0, OString = "", ODouble = 0, OEnum = G.Signed.Zero, OBytes = GBytes.Empty, OMessage = new G.Scalars() };
        var so = new S.Optionals { OInt32 = 0, OString = "", ODouble = 0, OEnum = S.Signed.Zero, OBytes = Array.Empty<byte>(), OMessage = new S.Scalars() };
        Assert.NotEmpty(g.ToByteArray());
        AssertSameBytes(g, so, b => S.Optionals.Parse(b), G.Optionals.Parser, "optionals at default");
        var parsed = S.Optionals.Parse(so.ToByteArray());
        Assert.True(parsed.HasOInt32 && parsed.HasOString && parsed.HasODouble && parsed.HasOEnum && parsed.HasOBytes);
        Assert.False(parsed.HasOFloat);
    }

    [Fact]
    public void Each_oneof_member_set_to_its_default_value_is_written()
    {
        var cases = new (Action<G.Choice>, Action<S.Choice>)[]
        {
            (g => g.PInt32 = 0, s => s.PInt32 = 0),
            (g => g.PString = "", s => s.PString = ""),
            (g => g.PBytes = GBytes.Empty, s => s.PBytes = ByteString.Empty.ToByteArray()),
            (g => g.PMessage = new G.Scalars(), s => s.PMessage = new S.Scalars()),
            (g => g.PDouble = 0, s => s.PDouble = 0),
            (g => g.PEnum = G.Signed.Zero, s => s.PEnum = S.Signed.Zero),
            (g => g.PSint64 = 0, s => s.PSint64 = 0),
            (g => g.PBool = false, s => s.PBool = false),
            (g => g.PFixed32 = 0, s => s.PFixed32 = 0),
            (g => g.SString = "", s => s.SString = ""),
            (g => g.SUint64 = 0, s => s.SUint64 = 0),
        };
        foreach (var (setGoogle, setSteward) in cases)
        {
            G.Choice g = new();
            S.Choice s = new();
            setGoogle(g);
            setSteward(s);
            Assert.NotEmpty(g.ToByteArray());
            AssertSameBytes(g, s, b => S.Choice.Parse(b), G.Choice.Parser, $"oneof {g.PickCase}/{g.SecondCase}");
            Assert.Equal((int)g.PickCase, (int)S.Choice.Parse(g.ToByteArray()).PickCase);
        }
    }

    [Fact]
    public void Setting_another_oneof_member_clears_the_previous_one_like_google()
    {
        G.Choice g = new() { PString = "first" };
        S.Choice s = new() { PString = "first" };
        g.PInt32 = 5;
        s.PInt32 = 5;
        Assert.Equal("", s.PString);
        Assert.Equal(S.Choice.PickOneofCase.PInt32, s.PickCase);
        AssertSameBytes(g, s, b => S.Choice.Parse(b), G.Choice.Parser, "oneof switched");
        s.ClearPick();
        Assert.Equal(S.Choice.PickOneofCase.None, s.PickCase);
        Assert.Empty(s.ToByteArray());
    }

    [Fact]
    public void Map_entries_with_default_keys_and_values_match()
    {
        G.Maps g = new();
        S.Maps s = new();
        g.StringString[""] = ""; s.StringString[""] = "";
        g.Int32Int64[0] = 0; s.Int32Int64[0] = 0;
        g.Int64Message[0] = new G.Scalars(); s.Int64Message[0] = new S.Scalars();
        g.BoolString[false] = "x"; s.BoolString[false] = "x";
        g.Uint64Double[0] = -0.0; s.Uint64Double[0] = -0.0;
        AssertSameBytes(g, s, b => S.Maps.Parse(b), G.Maps.Parser, "default map entries");
    }
}
