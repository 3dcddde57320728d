namespace Steward.Rpc.Corba.Tests.Any;

public class CorbaAnyTests
{
    public static TheoryData<string> Names => [.. TestTypes.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void An_any_reads_back_equal_in_both_byte_orders(string name)
    {
        var any = TestTypes.Make(name);

        Assert.Equal(any, TestTypes.Decode(TestTypes.Encode(any)));
        Assert.Equal(any, TestTypes.Decode(TestTypes.Encode(any, littleEndian: false), littleEndian: false));
    }

    public static TheoryData<CorbaAny> Basics => new()
    {
        CorbaAny.FromShort(-2), CorbaAny.FromUShort(65535), CorbaAny.FromULong(uint.MaxValue), CorbaAny.FromLongLong(long.MinValue),
        CorbaAny.FromULongLong(ulong.MaxValue), CorbaAny.FromFloat(1.5f), CorbaAny.FromBoolean(true), CorbaAny.FromChar('x'),
        CorbaAny.FromWChar('\u20ac'), CorbaAny.FromOctet(200), CorbaAny.FromWString("h\u00e9\u20ac"), CorbaAny.Empty,
        CorbaAny.FromObject(CorbaObjectReference.Nil), CorbaAny.FromAny(CorbaAny.FromAny(CorbaAny.FromString("deep"))),
        new CorbaAny(TypeCode.CreateSequence(TypeCode.Octet), new byte[] { 1, 2, 3 }),
        new CorbaAny(TypeCode.CreateSequence(TypeCode.String, 3), new[] { "a", "b" }),
        new CorbaAny(TestTypes.Value, new CorbaUnionValue(TestTypes.Value, 9, true)),
        CorbaAny.FromStruct(TestTypes.Rich, true, (byte)1, (short)2, (ushort)3, 4, 5u, 6L, 7UL, 8f, 9d, 'c', "str", new CorbaEnumValue(TestTypes.Color, 1), new CorbaStructValue(TestTypes.Point, 1, 2)),
    };

    [Theory]
    [MemberData(nameof(Basics))]
    public void Every_kind_of_value_reads_back_equal(CorbaAny any)
    {
        Assert.Equal(any, TestTypes.Decode(TestTypes.Encode(any)));
    }

    [Fact]
    public void A_union_discriminator_without_a_case_or_default_carries_no_member()
    {
        var union = TypeCode.CreateUnion("IDL:U:1.0", "U", TypeCode.Short, -1, ((short)1, "a", TypeCode.Long));
        var any = new CorbaAny(union, new CorbaUnionValue(union, (short)7, null));

        var bytes = TestTypes.Encode(any);
        var read = TestTypes.Decode(bytes);

        Assert.Equal(-1, read.Get<CorbaUnionValue>().MemberIndex);
        Assert.Equal(any, read);
    }

    [Theory]
    [InlineData("long", "a string")]
    [InlineData("point", "a struct of one member")]
    [InlineData("longseq", "a string[] for a sequence<long>")]
    [InlineData("array", "three elements for a long[4]")]
    [InlineData("bounded", "a string over its bound")]
    public void A_value_that_does_not_fit_its_TypeCode_is_a_bad_param(string kind, string why)
    {
        var any = kind switch
        {
            "long" => new CorbaAny(TypeCode.Long, "5"),
            "point" => new CorbaAny(TestTypes.Point, new CorbaStructValue(TypeCode.CreateStruct("", "", ("x", TypeCode.Long)), 1)),
            "longseq" => new CorbaAny(TestTypes.LongSeq, new[] { "1" }),
            "array" => new CorbaAny(TestTypes.LongArray, new[] { 1, 2, 3 }),
            _ => new CorbaAny(TypeCode.CreateString(2), "abc"),
        };

        var error = Assert.Throws<CorbaSystemException>(() => TestTypes.Encode(any));

        Assert.True(error.Name == "BAD_PARAM", why);
    }

    [Fact]
    public void Extracting_the_wrong_type_is_a_bad_param()
    {
        Assert.Equal(-5, CorbaAny.FromLong(-5).Get<int>());
        Assert.Equal("BAD_PARAM", Assert.Throws<CorbaSystemException>(() => CorbaAny.FromLong(-5).Get<string>()).Name);
    }

    [Fact]
    public void Anys_nested_deeper_than_the_limit_are_a_marshal_error()
    {
        var any = CorbaAny.FromLong(1);
        for (var i = 0; i < 20; i++)
        {
            any = CorbaAny.FromAny(any);
        }
        var bytes = TestTypes.Encode(any);

        Assert.Equal("MARSHAL", Assert.Throws<CorbaSystemException>(() => TestTypes.Decode(bytes, limits: new CdrLimits { MaxDepth = 10 })).Name);
        Assert.Equal(any, TestTypes.Decode(bytes, limits: new CdrLimits { MaxDepth = 25 }));
    }

    [Theory]
    [InlineData("an array longer than the message", "1400000010000000010000000300000000ca9a3b")]
    [InlineData("an enum value past its enumerators", "1100000020000000010000000100000000000000010000000200000041000000ffff0000")]
    [InlineData("a string longer than its bound", "120000000200000004000000616263000000")]
    [InlineData("a sequence longer than its bound", "130000000c000000010000000a0000000100000002000000aabb")]
    [InlineData("a boolean of 2", "0800000002")]
    [InlineData("a value of a kind Steward cannot hold (fixed)", "1c000000050002000000")]
    public void A_value_that_contradicts_its_TypeCode_is_a_marshal_error(string what, string hex)
    {
        var error = Assert.Throws<CorbaSystemException>(() => TestTypes.Decode(Convert.FromHexString(hex)));

        Assert.True(error.Name == "MARSHAL", $"{what}: {error.Name} {error.Message}");
    }

    [Fact]
    public void Arrays_of_empty_values_are_bounded_by_the_value_budget_not_by_bytes()
    {
        // long[1000][1000][1000] of tk_null: a few bytes of TypeCode, a billion values.
        var type = TypeCode.CreateArray(TypeCode.CreateArray(TypeCode.CreateArray(TypeCode.Null, 1000), 1000), 1000);
        var output = new CdrOutputStream();
        TypeCode.Write(output, type);

        var error = Assert.Throws<CorbaSystemException>(() => TestTypes.Decode(output.ToArray(), limits: new CdrLimits { MaxSequenceLength = 100_000 }));

        Assert.Equal("MARSHAL", error.Name);
    }

    [Fact]
    public void Wide_characters_in_an_any_follow_the_GIOP_version_of_the_stream()
    {
        var any = CorbaAny.FromStruct(TypeCode.CreateStruct("IDL:W:1.0", "W", ("c", TypeCode.WChar), ("s", TypeCode.WString)), '\u20ac', "w\u00e9");

        foreach (var version in new[] { GiopVersion.V1_1, GiopVersion.V1_2 })
        {
            var output = new CdrOutputStream(version, CodeSets.Native);
            CorbaAny.Write(output, any);

            Assert.Equal(any, CorbaAny.Read(new CdrInputStream(output.ToArray(), true, version, CodeSets.Native)));
        }
    }

    [Fact]
    public void A_value_of_a_recursive_type_nested_deeper_than_the_limit_is_a_marshal_error()
    {
        var node = TypeCode.Read(new CdrInputStream(TypeCodeTests.RecursiveNode(), true, GiopVersion.V1_2, CodeSets.Native));
        var value = new CorbaStructValue(node, Array.Empty<object?>(), 0);
        for (var i = 0; i < 20; i++)
        {
            value = new CorbaStructValue(node, new object?[] { value }, i);
        }
        var bytes = TestTypes.Encode(new CorbaAny(node, value));

        Assert.Equal("MARSHAL", Assert.Throws<CorbaSystemException>(() => TestTypes.Decode(bytes, limits: new CdrLimits { MaxDepth = 30 })).Name);
        Assert.Equal(new CorbaAny(node, value), TestTypes.Decode(bytes, limits: new CdrLimits { MaxDepth = 64 }));
    }
}
