using CodeGenTests.Thrift;
using CodeGenTests.Thrift.Shared;
using Steward.Rpc.Thrift;
using TT = global::ThriftTest;

namespace Steward.Rpc.CodeGen.Tests.Thrift;

/// <summary>Structs generated from .thrift files, through every protocol.</summary>
public class ThriftStructTests
{
    public static TheoryData<ThriftProtocolKind> Protocols => ThriftWire.Protocols;

    private static TT.Insanity Insanity() => new()
    {
        UserMap = new() { [TT.Numberz.Five] = 5, [TT.Numberz.Eight] = -8 },
        Xtructs = [new TT.Xtruct { StringThing = "Goodbye4", ByteThing = -4, I32Thing = int.MinValue, I64Thing = long.MaxValue }],
    };

    private static Nested NestedValue(string deepest = "deep") => new()
    {
        Deep = new() { ["a"] = [[1, 2], []], [deepest] = [[3]] },
        ByPoint = [new() { [new Point { X = 1, Y = 2 }] = "one-two" }],
        Blobs = [[1, 2, 3], []],
        Choices = new() { [-1] = new Choice { Point = new Point { X = 9 } }, [long.MaxValue] = new Choice { Names = ["n"] } },
        Ids = [Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), Guid.Empty],
        Numbers = [0.5, -1e300, double.Epsilon],
        Flags = [true, false, true],
        ByColor = new() { [Color.Blue] = [new Point { X = -1, Y = int.MaxValue }] },
        Small = [sbyte.MinValue, 0, sbyte.MaxValue],
        BlobMap = new() { [short.MinValue] = [0xFF] },
        Shared = new SharedStruct { Key = 7, Value = "v" },
    };

    [Theory]
    [MemberData(nameof(Protocols))]
    public void ThriftTest_structs_round_trip_with_nested_containers(ThriftProtocolKind kind)
    {
        var insanity = Insanity();
        Assert.Equal(insanity, ThriftWire.RoundTrip(insanity, kind));

        var crazy = new TT.CrazyNesting
        {
            StringField = "s",
            SetField = [insanity],
            ListField = [new() { [[1, 2]] = new() { [3] = [[new() { [insanity] = "deep" }]] } }],
            BinaryField = [0, 255],
            UuidField = Guid.Parse("01234567-89ab-cdef-0123-456789abcdef"),
        };
        var back = ThriftWire.RoundTrip(crazy, kind);
        Assert.Equal(crazy, back);
        Assert.Equal(crazy.GetHashCode(), back.GetHashCode());
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Every_container_and_scalar_shape_round_trips(ThriftProtocolKind kind)
    {
        var nested = NestedValue();
        var back = ThriftWire.RoundTrip(nested, kind);
        Assert.Equal(nested, back);
        Assert.Equal(new byte[] { 1, 2, 3 }, back.Blobs!.Single(b => b.Length == 3));
        Assert.Equal(new Guid("00112233-4455-6677-8899-aabbccddeeff"), back.Ids![0]);
    }

    [Fact]
    public void Equality_and_hash_look_inside_containers_and_binary()
    {
        Assert.Equal(NestedValue(), NestedValue());
        Assert.Equal(NestedValue().GetHashCode(), NestedValue().GetHashCode());
        Assert.NotEqual(NestedValue(), NestedValue("other"));
        var a = NestedValue();
        a.Blobs!.Single(b => b.Length == 3)[0] = 42;
        Assert.NotEqual(NestedValue(), a);
        Assert.NotEqual(new Point { X = 1 }, new Point { X = 1, Y = 0 });
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Defaults_from_the_idl_are_set_by_the_constructor_and_written(ThriftProtocolKind kind)
    {
        var d = new Defaults();
        Assert.Equal(42, d.Number);
        Assert.Equal("default", d.Text);
        Assert.Equal(new[] { 1, 2, 3 }, d.Items);
        Assert.Equal(Color.Red, d.Colors!["r"]);
        Assert.Equal(Color.Blue, d.Color);
        Assert.True(d.Flag);
        Assert.Equal(new Point { X = 1, Y = 2 }, d.Origin);
        Assert.Equal(0.5, d.Ratio);
        Assert.Equal((sbyte)-8, d.Tiny);
        Assert.Equal((short)300, d.Small);
        Assert.Equal("abc"u8.ToArray(), d.Blob);
        Assert.Equal(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), d.Id);
        Assert.Equal(new[] { "x" }, d.Tags!);
        Assert.Equal(-5000000000L, d.Big);
        Assert.Null(d.NoDefault);

        Assert.Equal(Enumerable.Range(1, 14).Select(i => (short)i), ThriftWire.FieldIds(d, kind));
        Assert.Equal(d, ThriftWire.RoundTrip(d, kind));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Optional_and_default_fields_are_written_only_when_set_and_required_ones_always(ThriftProtocolKind kind)
    {
        var minimal = new Requiredness { ReqInt = 0, ReqText = "" };
        Assert.Equal(new short[] { 1, 2 }, ThriftWire.FieldIds(minimal, kind));
        var back = ThriftWire.RoundTrip(minimal, kind);
        Assert.Equal(minimal, back);
        Assert.Null(back.OptInt);
        Assert.Null(back.DefText);

        var full = new Requiredness { ReqInt = 1, ReqText = "r", OptInt = 0, OptText = "", DefInt = 0, DefText = "" };
        Assert.Equal(new short[] { 1, 2, 3, 4, 5, 6 }, ThriftWire.FieldIds(full, kind));
        Assert.Equal(full, ThriftWire.RoundTrip(full, kind));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void A_missing_required_field_is_an_error_naming_struct_and_field(ThriftProtocolKind kind)
    {
        var ex = Assert.Throws<ThriftProtocolException>(() => ThriftWire.Read<TT.StructA>(ThriftWire.Write(new TT.EmptyStruct(), kind), kind));
        Assert.Equal(ThriftProtocolError.InvalidData, ex.Error);
        Assert.Contains("'s'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("StructA", ex.Message, StringComparison.Ordinal);

        // Field 1 arrives (an i32, as Requiredness.req_int), field 2 does not.
        ex = Assert.Throws<ThriftProtocolException>(() => ThriftWire.Read<Requiredness>(ThriftWire.Write(new Point { X = 1 }, kind), kind));
        Assert.Contains("'req_text'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Requiredness", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_an_unset_required_field_throws()
    {
        var ex = Assert.Throws<ThriftProtocolException>(() => ThriftWire.Write(new Requiredness { ReqInt = 1 }, ThriftProtocolKind.Binary));
        Assert.Equal(ThriftProtocolError.InvalidData, ex.Error);
        Assert.Contains("'req_text'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ThriftProtocolException>(() => ThriftWire.Write(new TT.StructB { Aa = new TT.StructA { S = "a" } }, ThriftProtocolKind.Compact));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Unknown_fields_and_fields_of_another_type_are_skipped(ThriftProtocolKind kind)
    {
        var v2 = new TT.VersioningTestV2
        {
            BeginInBoth = 1, Newint = 2, Newbyte = 3, Newshort = 4, Newlong = 5, Newdouble = 6.5,
            Newstruct = new TT.Bonk { Message = "m", Type = 7 }, Newlist = [8], Newset = [9], Newmap = new() { [10] = 11 },
            Newstring = "s", EndInBoth = 12,
        };
        var v1 = ThriftWire.Read<TT.VersioningTestV1>(ThriftWire.Write(v2, kind), kind);
        Assert.Equal(1, v1.BeginInBoth);
        Assert.Equal(12, v1.EndInBoth);
        // Field 3 is a string in V1 and an i8 in V2: skipped, not misread.
        Assert.Null(v1.OldString);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void A_container_of_another_element_type_is_a_clear_error(ThriftProtocolKind kind)
    {
        var bytes = ThriftWire.Write(new TT.ListTypeVersioningV2 { Strings = ["a"], Hello = "h" }, kind);
        var ex = Assert.Throws<ThriftProtocolException>(() => ThriftWire.Read<TT.ListTypeVersioningV1>(bytes, kind));
        Assert.Equal(ThriftProtocolError.InvalidData, ex.Error);
        Assert.Contains("ListTypeVersioningV1.myints", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Unions_carry_exactly_one_field(ThriftProtocolKind kind)
    {
        foreach (var choice in new[] { new Choice { Number = 0 }, new Choice { Text = "t" }, new Choice { Point = new Point() }, new Choice { Names = [] } })
        {
            Assert.Equal(choice, ThriftWire.RoundTrip(choice, kind));
        }
        Assert.Throws<ThriftProtocolException>(() => ThriftWire.Write(new Choice(), kind));
        Assert.Throws<ThriftProtocolException>(() => ThriftWire.Write(new Choice { Number = 1, Text = "x" }, kind));

        Assert.Equal("x", ThriftWire.Read<Choice>(ThriftWire.Write(new ChoiceLike { Text = "x" }, kind), kind).Text);
        var two = ThriftWire.Write(new ChoiceLike { Number = 1, Text = "x" }, kind);
        var ex = Assert.Throws<ThriftProtocolException>(() => ThriftWire.Read<Choice>(two, kind));
        Assert.Equal(ThriftProtocolError.InvalidData, ex.Error);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Exceptions_are_exceptions_that_round_trip(ThriftProtocolKind kind)
    {
        var notFound = new NotFound { Message_ = "gone", Code = 404 };
        Exception asException = notFound;
        Assert.Equal("gone", asException.Message);
        Assert.Equal(notFound, ThriftWire.RoundTrip(notFound, kind));

        var broken = new Broken { Code = 2, Where = new Point { X = 3 } };
        Assert.Equal(broken, ThriftWire.RoundTrip(broken, kind));
        Assert.Equal("Broken(Code: 2, Where: Point(X: 3))", broken.Message);

        var xception = new TT.Xception { ErrorCode = 1001, Message_ = "This is an Xception" };
        Assert.Equal(xception, ThriftWire.RoundTrip(xception, kind));
        Assert.Equal("This is an Xception", ((Exception)xception).Message);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Nesting_deeper_than_the_limit_is_refused_on_read(ThriftProtocolKind kind)
    {
        var shallow = new Node { Value = 0 };
        for (var i = 1; i < 10; i++)
        {
            shallow = new Node { Value = i, Tail = shallow };
        }
        Assert.Equal(shallow, ThriftWire.RoundTrip(shallow, kind));

        var deep = new Node { Value = 0 };
        for (var i = 1; i < 200; i++)
        {
            deep = new Node { Value = i, Tail = deep };
        }
        var ex = Assert.Throws<ThriftProtocolException>(() => ThriftWire.Read<Node>(ThriftWire.Write(deep, kind), kind));
        Assert.Equal(ThriftProtocolError.DepthLimit, ex.Error);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Implicit_field_ids_are_the_negative_ones_the_front_end_assigned(ThriftProtocolKind kind)
    {
        var value = new Implicit { First = 1, Second = "2", Fifth = 5 };
        Assert.Equal(new short[] { -1, -2, 5 }, ThriftWire.FieldIds(value, kind));
        Assert.Equal(value, ThriftWire.RoundTrip(value, kind));
    }

    [Fact]
    public void Names_that_collide_in_CSharp_are_renamed_and_wire_names_kept()
    {
        // Tricky: a field named like its struct, like the IThriftStruct and object members, and two that PascalCase alike.
        var tricky = new Tricky { Tricky_ = 1, Write_ = 2, Read_ = 3, FooBar = "a", FooBar_ = "b", Equals_ = 4, Describe_ = 5, GetHashCode_ = 6 };
        Assert.Equal(tricky, ThriftWire.RoundTrip(tricky, ThriftProtocolKind.Binary));
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (short)i), ThriftWire.FieldIds(tricky, ThriftProtocolKind.Compact));
        var trickier = new Trickier { Message_ = "m", Data_ = "d", Source_ = "s", StackTrace_ = 1 };
        Assert.Equal(trickier, ThriftWire.RoundTrip(trickier, ThriftProtocolKind.Compact));
        Assert.Equal(0, (int)Shout.AllCapsName);
        Assert.Equal(1, (int)Shout.CamelCaseName);
        Assert.Equal(2, (int)Shout.Value);
        Assert.Equal(10, (int)Color.Blue);
        Assert.Equal(2, (int)Color.Green);
    }

    [Fact]
    public void Constants_are_typed_static_fields_including_container_and_struct_literals()
    {
        Assert.Equal(100, corpusConstants.MaxItems);
        Assert.Equal(long.MaxValue, corpusConstants.Big);
        Assert.Equal(0.25, corpusConstants.Ratio);
        Assert.True(corpusConstants.Enabled);
        Assert.Equal("hello \"world\"", corpusConstants.Greeting);
        Assert.Equal(new[] { 2, 3, 5, 7 }, corpusConstants.Primes);
        Assert.Equal(new[] { "a", "b" }, corpusConstants.Words.Order());
        Assert.Equal(2, corpusConstants.Counts["two"]);
        Assert.Equal(Color.Green, corpusConstants.Favourite);
        Assert.Equal(new Point { X = 0, Y = -1 }, corpusConstants.Origin);
        Assert.Equal(new Point { X = 1, Y = 2 }, corpusConstants.Layout[Color.Red].Single());
        Assert.Equal(100, corpusConstants.LimitCopy);
        Assert.Equal(7, sharedConstants.SharedLimit);
        Assert.Equal(TT.Numberz.One, TT.ThriftTestConstants.MyNumberz);
    }

    [Fact]
    public void ToString_lists_the_fields_that_are_set()
    {
        Assert.Equal("Point(X: 1, Y: 2)", new Point { X = 1, Y = 2 }.ToString());
        Assert.Equal("Point()", new Point().ToString());
        Assert.Equal("Insanity(UserMap: {Five: 5, Eight: -8}, Xtructs: [Xtruct(StringThing: Goodbye4, ByteThing: -4, I32Thing: -2147483648, I64Thing: 9223372036854775807)])", Insanity().ToString());
        Assert.Equal("OptionalBinary(BinSet: [], BinMap: {})", new TT.OptionalBinary().ToString());
    }
}
