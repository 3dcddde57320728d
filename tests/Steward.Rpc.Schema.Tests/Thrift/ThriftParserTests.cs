using Steward.Rpc.Schema.Thrift;
using static Steward.Rpc.Schema.Tests.Thrift.ThriftTestSupport;

namespace Steward.Rpc.Schema.Tests.Thrift;

public class ThriftParserTests
{
    [Fact]
    public void File_level_model_uses_the_program_name_as_package_and_keeps_namespaces()
    {
        var set = Compile("""
            namespace * a.b
            namespace netstd A.B (x = "y")
            namespace py.twisted tw
            cpp_include "<map>"
            struct S { 1: i32 a }
            """);
        AssertNoErrors(set);
        var file = set.RootFiles.Single();
        Assert.Equal(IdlSyntax.Thrift, file.Syntax);
        Assert.Equal("test", file.Package);
        Assert.Equal("a.b", file.Namespaces["*"]);
        Assert.Equal("A.B", file.Namespaces["netstd"]);
        Assert.Equal("tw", file.Namespaces["py.twisted"]);
        Assert.Equal("test.S", Struct(set, "test.S").FullName);
    }

    [Fact]
    public void Legacy_namespace_declarations_are_read_with_a_warning()
    {
        var set = Compile("cpp_namespace foo\npy_module bar\nsmalltalk_category baz\nphp_namespace qux\nstruct S {}");
        AssertNoErrors(set);
        var file = set.RootFiles.Single();
        Assert.Equal("foo", file.Namespaces["cpp"]);
        Assert.Equal("bar", file.Namespaces["py"]);
        Assert.Equal("baz", file.Namespaces["st"]);
        Assert.Equal("qux", file.Namespaces["php"]);
        Assert.Equal(4, set.Diagnostics.Items.Count(d => d.Code == ThriftDiagnostics.DeprecatedConstruct));
    }

    [Fact]
    public void Struct_union_and_exception_map_to_message_kinds_with_requiredness()
    {
        var set = Compile("""
            struct S { 1: required i32 a, 2: optional string b, 3: i64 c }
            union U { 1: i32 x; 2: string y }
            exception E { 1: string message }
            """);
        AssertNoErrors(set);
        var s = Struct(set, "test.S");
        Assert.Equal(MessageKind.Struct, s.Kind);
        Assert.Equal(FieldLabel.Required, Field(s, "a").Label);
        Assert.Equal(FieldLabel.Optional, Field(s, "b").Label);
        Assert.Equal(FieldLabel.Singular, Field(s, "c").Label);
        Assert.Equal(MessageKind.Union, Struct(set, "test.U").Kind);
        // Union members are optional whatever they say, as in the Thrift compiler.
        Assert.All(Struct(set, "test.U").Fields, f => Assert.Equal(FieldLabel.Optional, f.Label));
        Assert.Equal(MessageKind.Exception, Struct(set, "test.E").Kind);
        Assert.Same(s, Field(s, "a").Owner);
        Assert.Equal("test.S.a", Field(s, "a").FullName);
    }

    [Fact]
    public void Fields_without_ids_get_negative_ids_in_order_with_the_thrift_warning()
    {
        var set = Compile("struct S { 1: i32 a, i32 b, 2: i32 c, i32 d, 0: i32 e, -7: i32 f }");
        AssertNoErrors(set);
        var s = Struct(set, "test.S");
        Assert.Equal([1, -1, 2, -2, -3, -4], s.Fields.Select(f => f.Number));
        Assert.Equal([false, true, false, true, true, true], s.Fields.Select(f => f.IsImplicitNumber));
        // The Thrift compiler warns twice for a nonpositive id: once for the value, once for the missing key.
        Assert.Equal(4, set.Diagnostics.Items.Count(d => d.Code == ThriftDiagnostics.ImplicitFieldId && d.Severity == DiagnosticSeverity.Warning));
        Assert.Equal(2, set.Diagnostics.Items.Count(d => d.Code == ThriftDiagnostics.NonPositiveFieldId));
        Assert.Contains("No field key specified for b", Dump(set));
    }

    [Fact]
    public void Scalars_and_containers_map_to_type_refs()
    {
        var set = Compile("""
            struct S {
              1: bool a, 2: byte b, 3: i8 c, 4: i16 d, 5: i32 e, 6: i64 f, 7: double g, 8: string h, 9: binary i, 10: uuid j,
              11: list<map<string, set<i32>>> k,
              12: map<i32, list<binary>> (cpp.template = "x") l,
            }
            """);
        AssertNoErrors(set);
        var s = Struct(set, "test.S");
        ScalarType[] expected = [ScalarType.Bool, ScalarType.Int8, ScalarType.Int8, ScalarType.Int16, ScalarType.Int32, ScalarType.Int64,
            ScalarType.Double, ScalarType.String, ScalarType.Bytes, ScalarType.Uuid];
        Assert.Equal(expected, s.Fields.Take(10).Select(f => f.Type.Scalar));
        var k = Field(s, "k").Type;
        Assert.Equal(TypeKind.List, k.Kind);
        Assert.Equal(TypeKind.Map, k.Element!.Kind);
        Assert.True(k.Element.Key!.IsScalar(ScalarType.String));
        Assert.Equal(TypeKind.Set, k.Element.Element!.Kind);
        Assert.True(k.Element.Element.Element!.IsScalar(ScalarType.Int32));
        Assert.Equal("map<int32, list<bytes>>", Field(s, "l").Type.ToString());
    }

    [Fact]
    public void Enums_take_explicit_values_and_continue_from_the_previous_one()
    {
        var set = Compile("enum E { A, B = 5, C; D = -2, E (x = \"y\"), F = 0x10 }");
        AssertNoErrors(set);
        var e = Assert.IsType<EnumDef>(set.FindType("test.E"));
        Assert.Equal(["A", "B", "C", "D", "E", "F"], e.Values.Select(v => v.Name));
        Assert.Equal([0, 5, 6, -2, -1, 16], e.Values.Select(v => v.Number));
        Assert.Equal("y", e.Values[4].FindOption("x")!.Value.Text);
        Assert.Same(e, e.Values[0].Owner);
    }

    [Fact]
    public void Typedefs_resolve_through_to_their_targets()
    {
        var set = Compile("""
            typedef i32 Id
            typedef Id Again
            typedef list<Point> Points (a = "b")
            struct Point { 1: Again x }
            struct Path { 1: Points points, 2: Id id }
            """);
        AssertNoErrors(set);
        var typedef = Assert.IsType<TypedefDef>(set.FindType("test.Points"));
        Assert.Equal("b", typedef.FindOption("a")!.Value.Text);
        Assert.True(Field(Struct(set, "test.Point"), "x").Type.IsScalar(ScalarType.Int32));
        var points = Field(Struct(set, "test.Path"), "points").Type;
        Assert.Equal(TypeKind.List, points.Kind);
        Assert.Same(set.FindType("test.Point"), points.Element!.Definition);
        Assert.Equal(2, set.RootFiles.Single().Typedefs.Count(t => t.Name != "Points"));
    }

    [Fact]
    public void Services_have_methods_with_synthesized_args_throws_oneway_and_extends()
    {
        var set = Compile("""
            exception Oops { 1: string why }
            service Base { void ping() }
            /** The calculator. */
            service Calc extends Base {
              /** Adds. */
              i32 add(1: i32 a, i32 b) throws (1: Oops oops) (m = "n"),
              oneway void fire(1: string what);
            } (s = "t")
            """);
        AssertNoErrors(set);
        var calc = set.Services["test.Calc"];
        Assert.Equal("Base", calc.ExtendsName);
        Assert.Same(set.Services["test.Base"], calc.Extends);
        Assert.Equal("The calculator.", calc.Documentation);
        Assert.Equal("t", calc.FindOption("s")!.Value.Text);
        var add = calc.Methods[0];
        Assert.Equal("test.Calc.add", add.FullName);
        Assert.Equal(CallKind.Unary, add.CallKind);
        Assert.Equal("Adds.", add.Documentation);
        Assert.Equal("n", add.FindOption("m")!.Value.Text);
        Assert.True(add.OutputType.IsScalar(ScalarType.Int32));
        Assert.Equal([1, -1], add.Parameters.Select(p => p.Number));
        var args = Assert.IsType<MessageDef>(add.InputType.Definition);
        Assert.Equal("add_args", args.Name);
        Assert.Equal("test.Calc.add_args", args.FullName);
        Assert.Equal(MessageKind.Struct, args.Kind);
        Assert.Equal(add.Parameters, args.Fields);
        Assert.Null(set.FindType("test.Calc.add_args"));
        Assert.DoesNotContain(args, set.RootFiles.Single().Messages);
        var oops = Assert.Single(add.Throws);
        Assert.Same(set.FindType("test.Oops"), oops.Type.Definition);
        var fire = calc.Methods[1];
        Assert.True(fire.IsOneway);
        Assert.Same(TypeRef.Void, fire.OutputType);
        Assert.Same(calc, fire.Service);
    }

    [Fact]
    public void Doc_comments_become_documentation_and_plain_comments_do_not()
    {
        var set = Compile("""
            // not documentation
            # neither
            /* nor this */
            struct A { 1: i32 x }
            /**
             * Documented struct.
             * Second line.
             */
            struct B {
              /** the field */
              1: i32 y
            }
            """);
        AssertNoErrors(set);
        Assert.Null(Struct(set, "test.A").Documentation);
        Assert.Equal("Documented struct.\nSecond line.", Struct(set, "test.B").Documentation);
        Assert.Equal("the field", Field(Struct(set, "test.B"), "y").Documentation);
    }

    [Fact]
    public void Annotations_are_kept_as_string_options_and_a_bare_key_means_one()
    {
        var set = Compile("struct S { 1: i32 a (x.y = \"z\", flag; other = 'w') } (t = \"u\")");
        AssertNoErrors(set);
        var a = Field(Struct(set, "test.S"), "a");
        Assert.Equal(["x.y", "flag", "other"], a.Options.Select(o => o.Name));
        Assert.Equal(["z", "1", "w"], a.Options.Select(o => o.Value.Text));
        Assert.All(a.Options, o => Assert.Equal(ConstantKind.String, o.Value.Kind));
        Assert.Equal("u", Struct(set, "test.S").FindOption("t")!.Value.Text);
    }
}
