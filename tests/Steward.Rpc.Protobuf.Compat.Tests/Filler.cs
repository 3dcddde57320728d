using G = global::Compat.Google;
using GBytes = global::Google.Protobuf.ByteString;
using S = global::Compat.Steward;

namespace Steward.Rpc.Protobuf.Compat.Tests;

/// <summary>Fills a Google.Protobuf message and its Steward twin with the same random data, field by field.</summary>
internal static class Filler
{
    public static (G.Scalars, S.Scalars) Scalars(Values v, int percent = 50)
    {
        G.Scalars g = new();
        S.Scalars s = new();
        if (v.Chance(percent)) { var x = v.Double(); g.FDouble = x; s.FDouble = x; }
        if (v.Chance(percent)) { var x = v.Float(); g.FFloat = x; s.FFloat = x; }
        if (v.Chance(percent)) { var x = v.Int64(); g.FInt64 = x; s.FInt64 = x; }
        if (v.Chance(percent)) { var x = v.UInt64(); g.FUint64 = x; s.FUint64 = x; }
        if (v.Chance(percent)) { var x = v.Int32(); g.FInt32 = x; s.FInt32 = x; }
        if (v.Chance(percent)) { var x = v.UInt64(); g.FFixed64 = x; s.FFixed64 = x; }
        if (v.Chance(percent)) { var x = v.UInt32(); g.FFixed32 = x; s.FFixed32 = x; }
        if (v.Chance(percent)) { var x = v.Bool(); g.FBool = x; s.FBool = x; }
        if (v.Chance(percent)) { var x = v.String(); g.FString = x; s.FString = x; }
        if (v.Chance(percent)) { var x = v.Bytes(); g.FBytes = GBytes.CopyFrom(x); s.FBytes = x; }
        if (v.Chance(percent)) { var x = v.UInt32(); g.FUint32 = x; s.FUint32 = x; }
        if (v.Chance(percent)) { var x = v.Int32(); g.FSfixed32 = x; s.FSfixed32 = x; }
        if (v.Chance(percent)) { var x = v.Int64(); g.FSfixed64 = x; s.FSfixed64 = x; }
        if (v.Chance(percent)) { var x = v.Int32(); g.FSint32 = x; s.FSint32 = x; }
        if (v.Chance(percent)) { var x = v.Int64(); g.FSint64 = x; s.FSint64 = x; }
        if (v.Chance(percent)) { var x = v.Enum(); g.FEnum = (G.Signed)x; s.FEnum = (S.Signed)x; }
        if (v.Chance(percent)) { var x = v.Int32(); g.FHigh = x; s.FHigh = x; }
        if (v.Chance(percent)) { var x = v.String(); g.FMax = x; s.FMax = x; }
        return (g, s);
    }

    public static (G.Optionals, S.Optionals) Optionals(Values v)
    {
        G.Optionals g = new();
        S.Optionals s = new();
        if (v.Chance()) { var x = v.Double(); g.ODouble = x; s.ODouble = x; }
        if (v.Chance()) { var x = v.Float(); g.OFloat = x; s.OFloat = x; }
        if (v.Chance()) { var x = v.Int64(); g.OInt64 = x; s.OInt64 = x; }
        if (v.Chance()) { var x = v.UInt64(); g.OUint64 = x; s.OUint64 = x; }
        if (v.Chance()) { var x = v.Int32(); g.OInt32 = x; s.OInt32 = x; }
        if (v.Chance()) { var x = v.UInt64(); g.OFixed64 = x; s.OFixed64 = x; }
        if (v.Chance()) { var x = v.UInt32(); g.OFixed32 = x; s.OFixed32 = x; }
        if (v.Chance()) { var x = v.Bool(); g.OBool = x; s.OBool = x; }
        if (v.Chance()) { var x = v.String(); g.OString = x; s.OString = x; }
        if (v.Chance()) { var x = v.Bytes(); g.OBytes = GBytes.CopyFrom(x); s.OBytes = x; }
        if (v.Chance()) { var x = v.UInt32(); g.OUint32 = x; s.OUint32 = x; }
        if (v.Chance()) { var x = v.Int32(); g.OSfixed32 = x; s.OSfixed32 = x; }
        if (v.Chance()) { var x = v.Int64(); g.OSfixed64 = x; s.OSfixed64 = x; }
        if (v.Chance()) { var x = v.Int32(); g.OSint32 = x; s.OSint32 = x; }
        if (v.Chance()) { var x = v.Int64(); g.OSint64 = x; s.OSint64 = x; }
        if (v.Chance()) { var x = v.Enum(); g.OEnum = (G.Signed)x; s.OEnum = (S.Signed)x; }
        if (v.Chance()) { (g.OMessage, s.OMessage) = Scalars(v, 30); }
        return (g, s);
    }

    public static (G.Repeats, S.Repeats) Repeats(Values v)
    {
        G.Repeats g = new();
        S.Repeats s = new();
        for (var i = v.Count(); i > 0; i--) { var x = v.Double(); g.RDouble.Add(x); s.RDouble.Add(x); }
        for (var i = v.Count(); i > 0; i--) { var x = v.Float(); g.RFloat.Add(x); s.RFloat.Add(x); }
        for (var i = v.Count(); i > 0; i--) { var x = v.Int64(); g.RInt64.Add(x); s.RInt64.Add(x); }
        for (var i = v.Count(); i > 0; i--) { var x = v.UInt64(); g.RUint64.Add(x); s.RUint64.Add(x); }
        for (var i = v.Count(); i > 0; i--) { var x = v.Int32(); g.RInt32.Add(x); s.RInt32.Add(x); }
        for (var i = v.Count(); i > 0; i--) { var x = v.UInt64(); g.RFixed64.Add(x); s.RFixed64.Add(x); }
        for (var i = v.Count(); i > 0; i--) { var x = v.UInt32(); g.RFixed32.Add(x); s.RFixed32.Add(x); }
        for (var i = v.Count(); i > 0; i--) { var x = v.Bool(); g.RBool.Add(x); s.RBool.Add(x); }
        for (var i = v.Count(); i > 0; i--) { var x = v.String(); g.RString.Add(x); s.RString.Add(x); }
        for (var i = v.Count(); i > 0; i--) { var x = v.Bytes(); g.RBytes.Add(GBytes.CopyFrom(x)); s.RBytes.Add(x); }
        for (var i = v.Count(); i > 0; i--) { var x = v.UInt32(); g.RUint32.Add(x); s.RUint32.Add(x); }
        for (var i = v.Count(); i > 0; i--) { var x = v.Int32(); g.RSfixed32.Add(x); s.RSfixed32.Add(x); }
        for (var i = v.Count(); i > 0; i--) { var x = v.Int64(); g.RSfixed64.Add(x); s.RSfixed64.Add(x); }
        for (var i = v.Count(); i > 0; i--) { var x = v.Int32(); g.RSint32.Add(x); s.RSint32.Add(x); }
        for (var i = v.Count(); i > 0; i--) { var x = v.Int64(); g.RSint64.Add(x); s.RSint64.Add(x); }
        for (var i = v.Count(); i > 0; i--) { var x = v.Enum(); g.REnum.Add((G.Signed)x); s.REnum.Add((S.Signed)x); }
        for (var i = v.Count(3); i > 0; i--) { var (gm, sm) = Scalars(v, 30); g.RMessage.Add(gm); s.RMessage.Add(sm); }
        for (var i = v.Count(); i > 0; i--) { var x = v.Int32(); g.UInt32.Add(x); s.UInt32.Add(x); }
        for (var i = v.Count(); i > 0; i--) { var x = v.Int64(); g.USint64.Add(x); s.USint64.Add(x); }
        for (var i = v.Count(); i > 0; i--) { var x = v.Double(); g.UDouble.Add(x); s.UDouble.Add(x); }
        for (var i = v.Count(); i > 0; i--) { var x = v.UInt32(); g.UFixed32.Add(x); s.UFixed32.Add(x); }
        for (var i = v.Count(); i > 0; i--) { var x = v.Enum(); g.UEnum.Add((G.Signed)x); s.UEnum.Add((S.Signed)x); }
        for (var i = v.Count(); i > 0; i--) { var x = v.Bool(); g.UBool.Add(x); s.UBool.Add(x); }
        return (g, s);
    }

    public static (G.Maps, S.Maps) Maps(Values v)
    {
        G.Maps g = new();
        S.Maps s = new();
        for (var i = v.Count(); i > 0; i--) { var k = v.String(); var x = v.String(); g.StringString[k] = x; s.StringString[k] = x; }
        for (var i = v.Count(); i > 0; i--) { var k = v.Int32(); var x = v.Int64(); g.Int32Int64[k] = x; s.Int32Int64[k] = x; }
        for (var i = v.Count(3); i > 0; i--) { var k = v.Int64(); var (gm, sm) = Scalars(v, 30); g.Int64Message[k] = gm; s.Int64Message[k] = sm; }
        for (var i = v.Count(); i > 0; i--) { var k = v.UInt32(); var x = v.Bytes(); g.Uint32Bytes[k] = GBytes.CopyFrom(x); s.Uint32Bytes[k] = x; }
        for (var i = v.Count(); i > 0; i--) { var k = v.UInt64(); var x = v.Double(); g.Uint64Double[k] = x; s.Uint64Double[k] = x; }
        for (var i = v.Count(); i > 0; i--) { var k = v.Int32(); var x = v.Enum(); g.Sint32Enum[k] = (G.Signed)x; s.Sint32Enum[k] = (S.Signed)x; }
        for (var i = v.Count(); i > 0; i--) { var k = v.Int64(); var x = v.Float(); g.Sint64Float[k] = x; s.Sint64Float[k] = x; }
        for (var i = v.Count(); i > 0; i--) { var k = v.UInt32(); var x = v.Bool(); g.Fixed32Bool[k] = x; s.Fixed32Bool[k] = x; }
        for (var i = v.Count(); i > 0; i--) { var k = v.UInt64(); var x = v.Int32(); g.Fixed64Sfixed32[k] = x; s.Fixed64Sfixed32[k] = x; }
        for (var i = v.Count(); i > 0; i--) { var k = v.Int32(); var x = v.Int64(); g.Sfixed32Sfixed64[k] = x; s.Sfixed32Sfixed64[k] = x; }
        for (var i = v.Count(); i > 0; i--) { var k = v.Int64(); var x = v.UInt32(); g.Sfixed64Uint32[k] = x; s.Sfixed64Uint32[k] = x; }
        for (var i = v.Count(2); i > 0; i--) { var k = v.Bool(); var x = v.String(); g.BoolString[k] = x; s.BoolString[k] = x; }
        for (var i = v.Count(3); i > 0; i--) { var k = v.String(); var (gm, sm) = Scalars(v, 30); g.StringMessage[k] = gm; s.StringMessage[k] = sm; }
        return (g, s);
    }

    public static (G.Choice, S.Choice) Choice(Values v)
    {
        G.Choice g = new();
        S.Choice s = new();
        switch (v.Count(9))
        {
            case 1: { var x = v.Int32(); g.PInt32 = x; s.PInt32 = x; break; }
            case 2: { var x = v.String(); g.PString = x; s.PString = x; break; }
            case 3: { var x = v.Bytes(); g.PBytes = GBytes.CopyFrom(x); s.PBytes = x; break; }
            case 4: { (g.PMessage, s.PMessage) = Scalars(v, 20); break; }
            case 5: { var x = v.Double(); g.PDouble = x; s.PDouble = x; break; }
            case 6: { var x = v.Enum(); g.PEnum = (G.Signed)x; s.PEnum = (S.Signed)x; break; }
            case 7: { var x = v.Int64(); g.PSint64 = x; s.PSint64 = x; break; }
            case 8: { var x = v.Bool(); g.PBool = x; s.PBool = x; break; }
            case 9: { var x = v.UInt32(); g.PFixed32 = x; s.PFixed32 = x; break; }
        }
        switch (v.Count(2))
        {
            case 1: { var x = v.String(); g.SString = x; s.SString = x; break; }
            case 2: { var x = v.UInt64(); g.SUint64 = x; s.SUint64 = x; break; }
        }
        if (v.Chance()) { var x = v.Int32(); g.After = x; s.After = x; }
        return (g, s);
    }

    public static (G.Tree, S.Tree) Tree(Values v, int depth)
    {
        G.Tree g = new();
        S.Tree s = new();
        if (v.Chance()) { var x = v.String(); g.Name = x; s.Name = x; }
        if (depth > 0 && v.Chance(40)) { (g.Left, s.Left) = Tree(v, depth - 1); }
        if (depth > 0 && v.Chance(40)) { (g.Right, s.Right) = Tree(v, depth - 1); }
        for (var i = depth > 0 ? v.Count(2) : 0; i > 0; i--) { var (gt, st) = Tree(v, depth - 1); g.Children.Add(gt); s.Children.Add(st); }
        if (v.Chance())
        {
            g.Nested = new G.Tree.Types.Nested();
            s.Nested = new S.Tree.Types.Nested();
            if (v.Chance()) { var x = v.Int32(); g.Nested.Id = x; s.Nested.Id = x; }
            if (v.Chance()) { (g.Nested.Inner, s.Nested.Inner) = Inner(v, 2); }
        }
        if (v.Chance(30)) { (g.Inner, s.Inner) = Inner(v, 1); }
        return (g, s);
    }

    private static (G.Tree.Types.Nested.Types.Inner, S.Tree.Types.Nested.Types.Inner) Inner(Values v, int depth)
    {
        G.Tree.Types.Nested.Types.Inner g = new();
        S.Tree.Types.Nested.Types.Inner s = new();
        if (v.Chance()) { var x = v.String(); g.Label = x; s.Label = x; }
        if (v.Chance()) { var x = v.Pick(0, 1, -5, 3); g.Kind = (G.Tree.Types.Nested.Types.Kind)x; s.Kind = (S.Tree.Types.Nested.Types.Kind)x; }
        for (var i = depth > 0 ? v.Count(2) : 0; i > 0; i--) { var (gi, si) = Inner(v, depth - 1); g.More.Add(gi); s.More.Add(si); }
        return (g, s);
    }

    public static (G.Everything, S.Everything) Everything(Values v)
    {
        G.Everything g = new();
        S.Everything s = new();
        if (v.Chance(70)) { (g.Scalars, s.Scalars) = Scalars(v); }
        if (v.Chance(70)) { (g.Optionals, s.Optionals) = Optionals(v); }
        if (v.Chance(70)) { (g.Repeats, s.Repeats) = Repeats(v); }
        if (v.Chance(70)) { (g.Maps, s.Maps) = Maps(v); }
        if (v.Chance(70)) { (g.Choice, s.Choice) = Choice(v); }
        if (v.Chance(70)) { (g.Tree, s.Tree) = Tree(v, 3); }
        for (var i = v.Count(3); i > 0; i--) { var (gc, sc) = Choice(v); g.Choices.Add(gc); s.Choices.Add(sc); }
        return (g, s);
    }
}
