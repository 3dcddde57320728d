using Steward.Rpc.Ice;
using Test;
using M = Test.OperationsIceMethods;

namespace Steward.Rpc.CodeGen.Tests.Ice;

/// <summary>Generated Slice types encode byte for byte as Ice for C++ 3.7 encodes them, and read what it writes.</summary>
public sealed class IceInteropTests
{
    public static TheoryData<IceFormat> Formats => new() { IceFormat.Compact, IceFormat.Sliced };

    private static string Suffix(IceFormat format) => format == IceFormat.Compact ? "-compact" : "-sliced";

    private static void AssertSameBytes(string peerName, byte[] ours) =>
        Assert.Equal(Convert.ToHexString(IcePeer.Encoded(peerName)), Convert.ToHexString(ours));

    [Fact]
    public void Structs_encode_as_ice_for_cpp_encodes_them()
    {
        AssertSameBytes("point", IceWire.Encapsulate(IceFormat.Compact, o => new Point { X = 1, Y = -2 }.IceWrite(o)));
        var rich = new Rich { B = true, Y = 200, S = -3, I = 70000, L = -5000000000L, F = 1.5f, D = -2.25, Str = "héllo", C = Color.Blue, P = new Point { X = 3, Y = 4 } };
        var bytes = IceWire.Encapsulate(IceFormat.Compact, o => rich.IceWrite(o));
        AssertSameBytes("rich", bytes);
        Assert.Equal(rich, IceWire.Decapsulate(IcePeer.Encoded("rich"), Rich.IceRead));
    }

    [Fact]
    public void A_dictionary_of_sequences_encodes_as_ice_for_cpp_encodes_it()
    {
        // std::map writes its keys in order; the C# dictionary is filled in that order.
        var args = new M.OpNestedDictArgs { InD = new() { [-7] = [], [1] = ["a", "b"] } };
        AssertSameBytes("dict", IceWire.Encapsulate(IceFormat.Compact, o => M.OpNestedDictArgs.Write(o, args)));
        var back = IceWire.Decapsulate(IcePeer.Encoded("dict"), M.OpNestedDictArgs.Read);
        Assert.Equal(["a", "b"], back.InD[1]);
        Assert.Empty(back.InD[-7]);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Derived_classes_shared_through_a_base_typed_sequence_encode_as_ice_for_cpp_encodes_them(IceFormat format)
    {
        var circle = new Circle { Name = "c", Radius = 2.5 };
        var args = new M.OpShapeSeqArgs { InS = [circle, new Square { Name = "s", Side = 4 }, circle, null] };
        AssertSameBytes("shapes" + Suffix(format), IceWire.Encapsulate(format, o => M.OpShapeSeqArgs.Write(o, args)));

        var back = IceWire.Decapsulate(IcePeer.Encoded("shapes" + Suffix(format)), M.OpShapeSeqArgs.Read).InS;
        Assert.Equal(4, back.Length);
        var c = Assert.IsType<Circle>(back[0]);
        Assert.Equal(("c", 2.5), (c.Name, c.Radius));
        Assert.Equal(4.0, Assert.IsType<Square>(back[1]).Side);
        Assert.Same(back[0], back[2]);
        Assert.Null(back[3]);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_cycle_encodes_as_ice_for_cpp_encodes_it_and_comes_back_as_a_cycle(IceFormat format)
    {
        var n1 = new Node { Value = 1 };
        var n2 = new Node { Value = 2 };
        n1.Next = n2;
        n2.Next = new Node { Value = 3, Next = n1 };
        AssertSameBytes("cycle" + Suffix(format), IceWire.Encapsulate(format, o => M.OpCycleReply.Write(o, new M.OpCycleReply { ReturnValue = n1 })));

        var back = IceWire.Decapsulate(IcePeer.Encoded("cycle" + Suffix(format)), M.OpCycleReply.Read).ReturnValue!;
        Assert.Equal([1, 2, 3], new[] { back.Value, back.Next!.Value, back.Next.Next!.Value });
        Assert.Same(back, back.Next.Next.Next);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_derived_exception_encodes_as_ice_for_cpp_encodes_it(IceFormat format)
    {
        AssertSameBytes("derived" + Suffix(format), IceWire.Encapsulate(format, o => o.WriteException(new DerivedError("bad", 7))));
        var back = Assert.IsType<DerivedError>(IceWire.Decapsulate(IcePeer.Encoded("derived" + Suffix(format)), i => i.ReadException()));
        Assert.Equal(("bad", 7), (back.Reason, back.Code));
    }

    [Fact]
    public void An_exception_of_an_unknown_type_is_read_as_its_known_base_in_the_sliced_format()
    {
        var back = Assert.IsType<DerivedError>(IceWire.Decapsulate(IcePeer.Encoded("unseen-sliced"), i => i.ReadException()));
        Assert.Equal(("odd", 9), (back.Reason, back.Code));
    }

    [Fact]
    public void An_exception_of_an_unknown_type_in_the_compact_format_is_an_unknown_user_exception()
    {
        var error = Assert.Throws<IceUnknownUserExceptionException>(() => IceWire.Decapsulate(IcePeer.Encoded("unseen-compact"), i => i.ReadException()));
        Assert.Equal("::Extra::Unseen", error.TypeId);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Optional_members_set_and_unset_encode_as_ice_for_cpp_encodes_them(IceFormat format)
    {
        var full = new Extra.Opt { A = 1, B = 2, S = "two", P = new Point { X = 5, Y = 6 }, Seq = [7, 8, 9], Big = 40 };
        var empty = new Extra.Opt { A = -1 };
        AssertSameBytes("opt" + Suffix(format), IceWire.Encapsulate(format, o =>
        {
            o.WriteValue(full);
            o.WriteValue(empty);
        }));

        var (a, b) = IceWire.Decapsulate(IcePeer.Encoded("opt" + Suffix(format)), i => (IceWire.ReadOne(i), IceWire.ReadOne(i)));
        var fullBack = Assert.IsType<Extra.Opt>(a);
        Assert.Equal((1, 2, "two", 5, 40L), (fullBack.A, fullBack.B, fullBack.S, fullBack.P!.X, fullBack.Big));
        Assert.Equal([7, 8, 9], fullBack.Seq!);
        var emptyBack = Assert.IsType<Extra.Opt>(b);
        Assert.Equal(-1, emptyBack.A);
        Assert.Null(emptyBack.B);
        Assert.Null(emptyBack.S);
        Assert.Null(emptyBack.P);
        Assert.Null(emptyBack.Seq);
        Assert.Null(emptyBack.Big);
    }

    [Fact]
    public void Optional_parameters_encode_after_the_required_ones_in_tag_order_as_ice_for_cpp_encodes_them()
    {
        AssertSameBytes("params", IceWire.Encapsulate(IceFormat.Compact, o => M.OpOptionalArgs.Write(o, new M.OpOptionalArgs { InA = 5, InS = "hi" })));
        AssertSameBytes("params-unset", IceWire.Encapsulate(IceFormat.Compact, o => M.OpOptionalArgs.Write(o, new M.OpOptionalArgs { InS = "x" })));
        var back = IceWire.Decapsulate(IcePeer.Encoded("params-unset"), M.OpOptionalArgs.Read);
        Assert.Null(back.InA);
        Assert.Equal("x", back.InS);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Classes_with_compact_ids_read_as_ice_for_cpp_writes_them(IceFormat format)
    {
        var (a, b) = IceWire.Decapsulate(IcePeer.Encoded("tiny" + Suffix(format)), i => (IceWire.ReadOne(i), IceWire.ReadOne(i)));
        var tinier = Assert.IsType<Extra.Tinier>(a);
        Assert.Equal(("t", 3), (tinier.Label, tinier.N));
        Assert.Equal("u", Assert.IsType<Extra.Tiny>(b).Label);

        // Steward writes the compact ids Slice declares; they read back as the same types.
        var ours = IceWire.Encapsulate(format, o =>
        {
            o.WriteValue(tinier);
            o.WriteValue(b);
        });
        var (c, d) = IceWire.Decapsulate(ours, i => (IceWire.ReadOne(i), IceWire.ReadOne(i)));
        Assert.Equal(3, Assert.IsType<Extra.Tinier>(c).N);
        Assert.Equal("u", Assert.IsType<Extra.Tiny>(d).Label);
    }

    [Fact]
    public void An_unknown_derived_class_is_sliced_to_its_preserving_base_and_written_back_unchanged()
    {
        var bytes = IcePeer.Encoded("hidden-sliced");
        var (a, b) = IceWire.Decapsulate(bytes, i => (IceWire.ReadOne(i), IceWire.ReadOne(i)));
        var keeper = Assert.IsType<Extra.Keeper>(a);
        Assert.Equal(10, keeper.X);
        var slice = Assert.Single(keeper.IceSlicedData!.Slices);
        Assert.Equal("::Extra::Hidden", slice.TypeId);
        Assert.Same(b, Assert.Single(slice.Instances));
        Assert.Equal("in", Assert.IsType<Circle>(b).Name);

        AssertSameBytes("hidden-sliced", IceWire.Encapsulate(IceFormat.Sliced, o =>
        {
            o.WriteValue(keeper);
            o.WriteValue(b);
        }));
    }

    [Fact]
    public void An_unknown_class_in_the_compact_format_is_a_marshal_exception()
    {
        var error = Assert.Throws<IceMarshalException>(() => IceWire.Decapsulate(IcePeer.Encoded("hidden-compact"), i => (IceWire.ReadOne(i), IceWire.ReadOne(i))));
        Assert.Contains("::Extra::Hidden", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void An_exception_holding_shared_class_instances_encodes_as_ice_for_cpp_encodes_it(IceFormat format)
    {
        var circle = new Circle { Name = "w", Radius = 0.5 };
        var error = new Extra.WithClass(circle, [circle, new Square { Name = "q", Side = 1 }]);
        AssertSameBytes("withclass" + Suffix(format), IceWire.Encapsulate(format, o => o.WriteException(error)));

        var back = Assert.IsType<Extra.WithClass>(IceWire.Decapsulate(IcePeer.Encoded("withclass" + Suffix(format)), i => i.ReadException()));
        Assert.Same(back.Shape, back.More[0]);
        Assert.Equal("q", Assert.IsType<Square>(back.More[1]).Name);
    }
}
