using System.Reflection;
using Steward.Rpc.Corba;

namespace Steward.Rpc.CodeGen.Tests.Corba;

/// <summary>
/// The CORBA emitter on the contract (through the OMG IDL front-end) and on a hand-built model of what the contract
/// lacks (independent of the front-end): the generated code compiles
/// without warnings, and its types round-trip through CDR in both byte orders with the IDL's bounds enforced.
/// </summary>
public sealed class CorbaModelTests
{
    private static Assembly Contract => CorbaCompiler.Load("CorbaContract", CorbaModel.Contract);

    private static Assembly Extra => CorbaCompiler.Load("CorbaExtra", CorbaModel.Extra);

    private static Type Type(Assembly assembly, string name) => assembly.GetType(name, throwOnError: true)!;

    private static dynamic New(Assembly assembly, string name) => Activator.CreateInstance(Type(assembly, name))!;

    /// <summary>Writes with the type's static Write in one byte order, reads it back with its static Read.</summary>
    private static dynamic RoundTrip(object value, bool littleEndian = true, string method = "Write")
    {
        var type = value.GetType();
        var output = new CdrOutputStream(GiopVersion.V1_2, CodeSets.Native, littleEndian: littleEndian);
        output.WriteOctet(1); // misaligns what follows, so alignment is exercised
        Invoke(type, method, output, value);
        var input = new CdrInputStream(output.ToArray(), littleEndian, GiopVersion.V1_2, CodeSets.Native);
        input.ReadOctet();
        var back = Invoke(type, method == "Write" ? "Read" : "ReadMembers", input)!;
        Assert.Equal(0, input.Remaining);
        return back;
    }

    private static object? Invoke(Type type, string method, params object?[] args)
    {
        try
        {
            return type.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException != null)
        {
            throw ex.InnerException;
        }
    }

    private static CorbaSystemException WriteFails(object value)
    {
        var output = new CdrOutputStream();
        return Assert.Throws<CorbaSystemException>(() => Invoke(value.GetType(), "Write", output, value));
    }

    [Fact]
    public void The_contract_and_the_extra_model_compile_without_warnings()
    {
        Assert.NotNull(Contract);
        Assert.NotNull(Extra);
        Assert.Contains("CorbaOperation<", CorbaCompiler.Generate(CorbaModel.Contract()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_struct_of_every_scalar_round_trips_and_compares_by_value(bool littleEndian)
    {
        var rich = New(Contract, "Test.Rich");
        rich.B = true;
        rich.O = (byte)200;
        rich.S = (short)-3;
        rich.Us = (ushort)65000;
        rich.L = -70000;
        rich.Ul = 4000000000u;
        rich.Ll = long.MinValue;
        rich.Ull = ulong.MaxValue;
        rich.F = 1.5f;
        rich.D = -2.25;
        rich.C = 'q';
        rich.Str = "héllo";
        rich.Col = (dynamic)Enum.ToObject(Type(Contract, "Test.Color"), 2u);
        rich.P.X = 7;
        rich.P.Y = -8;
        var back = RoundTrip(rich, littleEndian);
        Assert.Equal((object)rich, (object)back);
        Assert.Equal("Blue", back.Col.ToString());
        Assert.Equal(-8, (int)back.P.Y);
        back.P.Y = 9;
        Assert.NotEqual((object)rich, (object)back);
    }

    [Fact]
    public void An_enum_is_a_uint_enum_numbered_by_position_and_an_unknown_value_is_a_marshal()
    {
        var color = Type(Contract, "Test.Color");
        Assert.Equal(typeof(uint), Enum.GetUnderlyingType(color));
        Assert.Equal(["Red", "Green", "Blue"], Enum.GetNames(color));
        // A union on Shade (three enumerators) whose discriminator arrives as 3.
        var ex = Assert.Throws<CorbaSystemException>(() => Invoke(Type(Extra, "Extra.ByShade"), "Read", new CdrInputStream(new byte[] { 3, 0, 0, 0 }, true, GiopVersion.V1_2, CodeSets.Native)));
        Assert.Equal("MARSHAL", ex.Name);
    }

    [Fact]
    public void A_union_writes_its_discriminator_then_the_selected_member()
    {
        var value = New(Contract, "Test.Value");
        value.S = "abc";
        Assert.Equal(2, (int)value.Discriminator);
        var output = new CdrOutputStream();
        Invoke(value.GetType(), "Write", output, value);
        Assert.Equal(new byte[] { 2, 0, 0, 0, 4, 0, 0, 0, (byte)'a', (byte)'b', (byte)'c', 0 }, output.ToArray());
        var back = RoundTrip(value, littleEndian: false);
        Assert.Equal("abc", (string)back.S);
        Assert.Equal((object)value, (object)back);
    }

    [Fact]
    public void Each_union_case_round_trips_and_reading_another_member_throws()
    {
        var l = New(Contract, "Test.Value");
        l.L = 41;
        Assert.Equal(41, (int)RoundTrip(l).L);
        var p = New(Contract, "Test.Value");
        var point = New(Contract, "Test.Point");
        point.X = 3;
        p.P = point;
        Assert.Equal(3, (int)RoundTrip(p).P.X);
        Assert.Equal(3, (int)p.Discriminator);
        Assert.Throws<InvalidOperationException>(() => (int)p.L);
    }

    [Fact]
    public void A_union_s_default_member_uses_a_discriminator_no_label_uses_and_any_such_discriminator_selects_it()
    {
        var value = New(Contract, "Test.Value");
        Assert.Equal(0, (int)value.Discriminator); // a new union holds its default member
        value.B = true;
        Assert.Equal(0, (int)value.Discriminator);
        value.SetB(true, 99);
        var back = RoundTrip(value);
        Assert.Equal(99, (int)back.Discriminator);
        Assert.True((bool)back.B);
        Assert.Throws<ArgumentException>(() => { value.SetB(false, 2); });
    }

    [Fact]
    public void A_union_without_default_whose_labels_leave_values_free_may_select_no_member()
    {
        var sparse = New(Extra, "Extra.Sparse");
        Assert.Equal(0, (short)sparse.Discriminator); // a new one selects nothing
        var output = new CdrOutputStream();
        Invoke(sparse.GetType(), "Write", output, sparse);
        Assert.Equal(new byte[] { 0, 0 }, output.ToArray()); // the discriminator alone
        sparse.SetOne((short)5, (short)-1);
        Assert.Equal(-1, (short)RoundTrip(sparse).Discriminator);
        sparse.SetDefault((short)7);
        var back = RoundTrip(sparse);
        Assert.Equal(7, (short)back.Discriminator);
        Assert.Throws<InvalidOperationException>(() => (short)back.One);
        Assert.Throws<ArgumentException>(() => { sparse.SetDefault((short)1); });
    }

    [Fact]
    public void Unions_on_enum_char_and_boolean_discriminators_round_trip()
    {
        var byShade = New(Extra, "Extra.ByShade");
        byShade.Dark = 5;
        Assert.Equal("Dark", RoundTrip(byShade).Discriminator.ToString());
        byShade.SetDefault((dynamic)Enum.ToObject(Type(Extra, "Extra.Shade"), 2u));
        Assert.Equal("Unknown", RoundTrip(byShade).Discriminator.ToString());

        var byChar = New(Extra, "Extra.ByChar");
        byChar.SetA(1, 'b');
        Assert.Equal('b', (char)RoundTrip(byChar).Discriminator);
        byChar.Other = New(Extra, "Extra.Pair");
        Assert.Equal('\0', (char)RoundTrip(byChar).Discriminator);

        var byBool = New(Extra, "Extra.ByBool");
        byBool.No = new[] { 1, 2 };
        Assert.Equal(new[] { 1, 2 }, (int[])RoundTrip(byBool, littleEndian: false).No);
        byBool.Yes = "y";
        Assert.Equal("y", (string)RoundTrip(byBool).Yes);
    }

    [Fact]
    public void Bounds_and_arrays_round_trip_when_kept()
    {
        var pair = New(Extra, "Extra.Pair");
        pair.Name = "four";
        pair.Values = new[] { 1, 2, 3 };
        pair.Grid[1][2] = (short)-6;
        pair.Tags = new[] { "a", "b" };
        pair.Blob = new byte[] { 9, 8 };
        pair.Wide = "wïde";
        pair.W = 'Ω';
        pair.Class = 1;
        var back = RoundTrip(pair, littleEndian: false);
        Assert.Equal((object)pair, (object)back);
        Assert.Equal(-6, (short)back.Grid[1][2]);
        Assert.Equal(3, ((short[][])back.Grid)[0].Length);
        Assert.True(((CorbaObjectReference)back.Obj).IsNil);
    }

    [Fact]
    public void Writing_a_value_over_its_bound_or_an_array_of_the_wrong_length_is_a_bad_param()
    {
        var pair = New(Extra, "Extra.Pair");
        pair.Name = "fives";
        Assert.Equal("BAD_PARAM", WriteFails(pair).Name);
        pair = New(Extra, "Extra.Pair");
        pair.Values = new[] { 1, 2, 3, 4 };
        Assert.Equal("BAD_PARAM", WriteFails(pair).Name);
        pair = New(Extra, "Extra.Pair");
        pair.Blob = new byte[3];
        Assert.Equal("BAD_PARAM", WriteFails(pair).Name);
        pair = New(Extra, "Extra.Pair");
        pair.Tags = new[] { "only one" };
        Assert.Equal("BAD_PARAM", WriteFails(pair).Name);
        pair = New(Extra, "Extra.Pair");
        pair.Grid[0] = new short[2];
        Assert.Equal("BAD_PARAM", WriteFails(pair).Name);
    }

    [Fact]
    public void Reading_a_value_over_its_bound_is_a_marshal()
    {
        // Pair with name "fives": write the string by hand, then the rest of an initial Pair.
        var valid = New(Extra, "Extra.Pair");
        var output = new CdrOutputStream();
        output.WriteString("fives");
        var rest = new CdrOutputStream();
        Invoke(valid.GetType(), "Write", rest, valid);
        var tail = rest.ToArray()[5..]; // the initial name is "": its length (4 octets) and the NUL
        output.WriteOctets(tail);
        var ex = Assert.Throws<CorbaSystemException>(() => Invoke(valid.GetType(), "Read", new CdrInputStream(output.ToArray(), true, GiopVersion.V1_2, CodeSets.Native)));
        Assert.Equal("MARSHAL", ex.Name);
    }

    [Fact]
    public void An_exception_carries_its_repository_id_and_round_trips_its_members()
    {
        var type = Type(Contract, "Test.OtherError");
        var error = (CorbaUserException)Activator.CreateInstance(type, 7, "why")!;
        Assert.Equal("IDL:Test/OtherError:1.0", error.RepositoryId);
        var output = new CdrOutputStream();
        error.WriteMembers(output);
        var back = (dynamic)Invoke(type, "ReadMembers", new CdrInputStream(output.ToArray(), true, GiopVersion.V1_2, CodeSets.Native))!;
        Assert.Equal(7, (int)back.Code);
        Assert.Equal("why", (string)back.Reason);
        var fault = Type(Extra, "Extra.Fault");
        Assert.NotNull(fault.GetProperty("Message_"));
        Assert.NotNull(fault.GetProperty("Data_"));
    }

    [Fact]
    public void Constants_are_fields_of_the_module_s_constants_class()
    {
        var constants = Type(Extra, "Extra.Constants");
        object? Get(string name) => constants.GetField(name)!.GetValue(null);
        Assert.Equal(42, Get("Answer"));
        Assert.Equal(ulong.MaxValue, Get("Big"));
        Assert.Equal(long.MinValue, Get("Min"));
        Assert.Equal("hi\n", Get("Greeting"));
        Assert.Equal('\'', Get("Letter"));
        Assert.Equal(0.5, Get("Ratio"));
        Assert.Equal("Dark", Get("Default")!.ToString());
    }
}
