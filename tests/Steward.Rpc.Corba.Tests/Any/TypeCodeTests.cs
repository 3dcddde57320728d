namespace Steward.Rpc.Corba.Tests.Any;

public class TypeCodeTests
{
    private static TypeCode RoundTrip(TypeCode type, bool littleEndian = true)
    {
        var output = new CdrOutputStream(GiopVersion.V1_2, CodeSets.Native, littleEndian: littleEndian);
        TypeCode.Write(output, type);
        var input = new CdrInputStream(output.ToArray(), littleEndian, GiopVersion.V1_2, CodeSets.Native);
        var read = TypeCode.Read(input);
        Assert.Equal(0, input.Remaining);
        return read;
    }

    public static TheoryData<string> Kinds => ["long", "bounded string", "wstring", "objref", "struct", "union", "enum", "sequence", "array", "alias", "except", "fixed", "rich"];

    private static TypeCode Sample(string name) => name switch
    {
        "long" => TypeCode.Long,
        "bounded string" => TypeCode.CreateString(10),
        "wstring" => TypeCode.CreateWString(3),
        "objref" => TypeCode.CreateInterface("IDL:Test/Operations:1.0", "Operations"),
        "struct" => TestTypes.Point,
        "union" => TestTypes.Value,
        "enum" => TestTypes.Color,
        "sequence" => TypeCode.CreateSequence(TypeCode.CreateSequence(TypeCode.String), 5),
        "array" => TypeCode.CreateArray(TypeCode.CreateArray(TypeCode.Octet, 2), 3),
        "alias" => TestTypes.LongSeq,
        "except" => TypeCode.CreateException("IDL:Test/OtherError:1.0", "OtherError", ("code", TypeCode.Long), ("reason", TypeCode.String)),
        "fixed" => TypeCode.CreateFixed(10, 2),
        _ => TestTypes.Rich,
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_TypeCode_reads_back_equal_in_both_byte_orders(string name)
    {
        var type = Sample(name);

        Assert.True(RoundTrip(type).Equal(type));
        Assert.True(RoundTrip(type, littleEndian: false).Equal(type));
    }

    [Fact]
    public void A_union_with_an_enum_discriminator_keeps_its_labels_as_enumerator_indexes()
    {
        var union = TypeCode.CreateUnion("IDL:U:1.0", "U", TestTypes.Color, -1, (new CorbaEnumValue(TestTypes.Color, 1), "g", TypeCode.Long), (2u, "b", TypeCode.String));

        var read = RoundTrip(union);

        Assert.Equal(new object?[] { 1u, 2u }, read.MemberLabels);
        Assert.Equal(-1, read.DefaultIndex);
    }

    [Fact]
    public void Equivalent_ignores_aliases_and_names_but_equal_does_not()
    {
        var renamed = TypeCode.CreateStruct("IDL:Test/Point:1.0", "", ("", TypeCode.Long), ("", TypeCode.Long));
        var anonymous = TypeCode.CreateStruct("", "P", ("a", TypeCode.Long), ("b", TypeCode.Long));
        var aliased = TypeCode.CreateAlias("IDL:Test/P2:1.0", "P2", TestTypes.Point);

        Assert.True(renamed.Equivalent(TestTypes.Point));
        Assert.False(renamed.Equal(TestTypes.Point));
        Assert.True(anonymous.Equivalent(TestTypes.Point));
        Assert.True(aliased.Equivalent(TestTypes.Point));
        Assert.False(aliased.Equal(TestTypes.Point));
        Assert.False(anonymous.Equivalent(TypeCode.CreateStruct("", "P", ("a", TypeCode.Long), ("b", TypeCode.Short))));
    }

    // struct Node { sequence<Node> kids; long v; } with the sequence's element an indirection back to the struct.
    internal static byte[] RecursiveNode(int offsetAdjust = 0)
    {
        var output = new CdrOutputStream();
        output.WriteULong((uint)TCKind.Struct);
        output.BeginEncapsulation();
        output.WriteString("IDL:Node:1.0");
        output.WriteString("Node");
        output.WriteULong(2);
        output.WriteString("kids");
        output.WriteULong((uint)TCKind.Sequence);
        output.BeginEncapsulation();
        output.WriteULong(0xffffffff);
        output.WriteLong(-output.Position + offsetAdjust);
        output.WriteULong(0);
        output.EndEncapsulation();
        output.WriteString("v");
        output.WriteULong((uint)TCKind.Long);
        output.EndEncapsulation();
        return output.ToArray();
    }

    [Fact]
    public void An_indirection_makes_a_recursive_TypeCode_that_is_written_back_byte_for_byte()
    {
        var bytes = RecursiveNode();

        var node = TypeCode.Read(new CdrInputStream(bytes, true, GiopVersion.V1_2, CodeSets.Native));

        Assert.Same(node, node.MemberTypes[0].ContentType);
        Assert.True(node.Equal(node.MemberTypes[0].ContentType!));
        var output = new CdrOutputStream();
        TypeCode.Write(output, node);
        Assert.Equal(Convert.ToHexString(bytes), Convert.ToHexString(output.ToArray()));
    }

    [Fact]
    public void A_value_of_a_recursive_type_round_trips()
    {
        var node = TypeCode.Read(new CdrInputStream(RecursiveNode(), true, GiopVersion.V1_2, CodeSets.Native));
        var leaf = new CorbaStructValue(node, Array.Empty<object?>(), 2);
        var any = new CorbaAny(node, new CorbaStructValue(node, new object?[] { leaf }, 1));

        var read = TestTypes.Decode(TestTypes.Encode(any));

        Assert.Equal(any, read);
    }

    [Theory]
    [InlineData(4, "points past the offset itself")]
    [InlineData(-4, "points four bytes before the struct")]
    [InlineData(8, "points into the struct's encapsulation, at no TypeCode")]
    public void An_indirection_that_does_not_reach_an_enclosing_kind_is_a_marshal_error(int adjust, string why)
    {
        var bytes = RecursiveNode(adjust);

        var error = Assert.Throws<CorbaSystemException>(() => TypeCode.Read(new CdrInputStream(bytes, true, GiopVersion.V1_2, CodeSets.Native)));

        Assert.True(error.Name == "MARSHAL", why);
    }

    [Theory]
    [InlineData("37000000", "kind 55 is not a TCKind")]
    [InlineData("ffffffff00000000", "a top-level indirection has nothing to point to")]
    [InlineData("0f000000ff000000", "a struct's encapsulation longer than the message")]
    [InlineData("1300000000000000", "an empty encapsulation (no byte-order octet)")]
    [InlineData("13000000080000000205000000000000", "a byte-order octet of 2")]
    public void Malformed_TypeCodes_are_marshal_errors(string hex, string why)
    {
        var input = new CdrInputStream(Convert.FromHexString(hex), true, GiopVersion.V1_2, CodeSets.Native);

        var error = Assert.Throws<CorbaSystemException>(() => TypeCode.Read(input));

        Assert.True(error.Name == "MARSHAL", why);
    }

    [Fact]
    public void A_union_whose_default_index_is_not_a_member_is_a_marshal_error()
    {
        var output = new CdrOutputStream();
        output.WriteULong((uint)TCKind.Union);
        output.BeginEncapsulation();
        output.WriteString("IDL:U:1.0");
        output.WriteString("U");
        output.WriteULong((uint)TCKind.Long);
        output.WriteLong(5);
        output.WriteULong(1);
        output.WriteLong(1);
        output.WriteString("a");
        output.WriteULong((uint)TCKind.Long);
        output.EndEncapsulation();

        var error = Assert.Throws<CorbaSystemException>(() => TypeCode.Read(new CdrInputStream(output.ToArray(), true, GiopVersion.V1_2, CodeSets.Native)));

        Assert.Equal("MARSHAL", error.Name);
        Assert.Contains("default index 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TypeCodes_nested_deeper_than_the_limit_are_a_marshal_error()
    {
        var type = TypeCode.Long;
        for (var i = 0; i < 20; i++)
        {
            type = TypeCode.CreateSequence(type);
        }
        var output = new CdrOutputStream();
        TypeCode.Write(output, type);

        var shallow = new CdrInputStream(output.ToArray(), true, GiopVersion.V1_2, CodeSets.Native, new CdrLimits { MaxDepth = 10 });
        var deep = new CdrInputStream(output.ToArray(), true, GiopVersion.V1_2, CodeSets.Native, new CdrLimits { MaxDepth = 30 });

        Assert.Equal("MARSHAL", Assert.Throws<CorbaSystemException>(() => TypeCode.Read(shallow)).Name);
        Assert.True(TypeCode.Read(deep).Equal(type));
    }

    [Fact]
    public void Only_parameterless_kinds_come_from_FromKind()
    {
        Assert.Same(TypeCode.Double, TypeCode.FromKind(TCKind.Double));
        Assert.Equal("BAD_PARAM", Assert.Throws<CorbaSystemException>(() => TypeCode.FromKind(TCKind.Struct)).Name);
    }
}
