using Steward.Rpc.Schema.Thrift;
using static Steward.Rpc.Schema.Tests.Thrift.ThriftTestSupport;

namespace Steward.Rpc.Schema.Tests.Thrift;

/// <summary>
/// Diagnostics the bad-file cross-check cannot cover: the ones where we are deliberately stricter
/// than the Thrift compiler, warnings, and exact positions.
/// </summary>
public class ThriftDiagnosticTests
{
    [Theory]
    [InlineData("service S {\n  oneway i32 f()\n}", ThriftDiagnostics.OnewayNotVoid, "2:14")]
    [InlineData("const i8 X = 128", ThriftDiagnostics.ConstantOutOfRange, "1:14")]
    [InlineData("const i8 X = -129", ThriftDiagnostics.ConstantOutOfRange, "1:14")]
    [InlineData("const i16 X = 32768", ThriftDiagnostics.ConstantOutOfRange, "1:15")]
    [InlineData("const i32 X = -2147483649", ThriftDiagnostics.ConstantOutOfRange, "1:15")]
    [InlineData("struct S { 1: list<i16> l = [1, 70000] }", ThriftDiagnostics.ConstantOutOfRange, "1:33")]
    [InlineData("struct S { 40000: i32 a }", ThriftDiagnostics.FieldIdOutOfRange, "1:12")]
    [InlineData("typedef A B\ntypedef B A", ThriftDiagnostics.TypedefCycle, "1:11")]
    [InlineData("const i32 A = A", ThriftDiagnostics.ConstantCycle, "1:15")]
    [InlineData("service S {}\nstruct X { 1: S s }", ThriftDiagnostics.NotAType, "2:15")]
    [InlineData("const uuid U = \"not-a-uuid\"", ThriftDiagnostics.ConstantTypeMismatch, "1:16")]
    [InlineData("struct S {}\n/* never closed", ThriftDiagnostics.UnterminatedComment, "2:1")]
    [InlineData("struct S { 1: i32 a @ }", ThriftDiagnostics.InvalidCharacter, "1:21")]
    [InlineData("const string s = \"line\\\nnext\"", ThriftDiagnostics.UnterminatedString, "1:18")]
    [InlineData("struct S { 1: i32 a, 2: i32 b = 3.5 }", ThriftDiagnostics.ConstantTypeMismatch, "1:33")]
    [InlineData("const list<i32> L = 1", ThriftDiagnostics.ConstantTypeMismatch, "1:21")]
    [InlineData("const map<i32, i32> M = [1]", ThriftDiagnostics.ConstantTypeMismatch, "1:25")]
    [InlineData("enum E { A, B.C = 1 }", ThriftDiagnostics.SyntaxError, "1:13")]
    [InlineData("struct S {\n  1: i32 a\n  1: i32 b\n}", ThriftDiagnostics.DuplicateFieldId, "3:3")]
    public void Error_is_reported_at_its_position(string source, string code, string position)
    {
        var set = Compile(source);
        Assert.True(set.Diagnostics.Items.Any(d => d.Code == code && d.Severity == DiagnosticSeverity.Error &&
            $"{d.Location.Line}:{d.Location.Column}" == position), $"expected {code} at {position}, got:\n{Dump(set)}");
        Assert.All(set.Diagnostics.Items, d => Assert.Equal("test.thrift", d.Location.File));
    }

    [Theory]
    [InlineData("union U { 1: required i32 a }", ThriftDiagnostics.UnionRequiredField)]
    [InlineData("service S { async void f() }", ThriftDiagnostics.DeprecatedConstruct)]
    [InlineData("service S { void f(1: optional i32 a) }", ThriftDiagnostics.DeprecatedConstruct)]
    [InlineData("py_module x\nstruct S {}", ThriftDiagnostics.DeprecatedConstruct)]
    [InlineData("struct S { i32 a }", ThriftDiagnostics.ImplicitFieldId)]
    [InlineData("struct S { -1: i32 a }", ThriftDiagnostics.NonPositiveFieldId)]
    [InlineData("const map<i32, string> M = {1: \"a\", 0x1: \"b\"}", ThriftDiagnostics.DuplicateMapKey)]
    [InlineData("enum E { A }\nconst map<E, i32> M = {E.A: 1, E.A: 2}", ThriftDiagnostics.DuplicateMapKey)]
    public void Warning_leaves_the_file_usable(string source, string code)
    {
        var set = Compile(source);
        Assert.False(set.Diagnostics.HasErrors, Dump(set));
        Assert.Contains(set.Diagnostics.Items, d => d.Code == code && d.Severity == DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Syntax_error_recovers_at_the_next_definition()
    {
        var set = Compile("struct A { 1: i32 }\nstruct B { 1: Missing m }\nenum E { X = }\nstruct C { 1: i32 ok }");
        Assert.Equal([ThriftDiagnostics.SyntaxError, ThriftDiagnostics.SyntaxError, ThriftDiagnostics.UnknownType],
            set.Diagnostics.Items.Select(d => d.Code).OrderBy(c => c, StringComparer.Ordinal));
        Assert.NotNull(set.FindType("test.C"));
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_refused_without_exhausting_the_stack()
    {
        var deepType = string.Concat(Enumerable.Repeat("list<", 5000)) + "i32" + new string('>', 5000);
        var deepValue = new string('[', 5000) + new string(']', 5000);
        var set = Compile($"struct S {{ 1: {deepType} a }}\nconst list<i32> L = {deepValue}\nstruct Ok {{}}");
        Assert.Equal(2, set.Diagnostics.Items.Count(d => d.Code == ThriftDiagnostics.NestingTooDeep));
        Assert.NotNull(set.FindType("test.Ok"));
    }

    [Fact]
    public void Constants_resolve_enum_values_and_other_constants()
    {
        var set = Compile("""
            enum E { A = 3, B }
            const i32 N = 7
            const E FAVOURITE = E.B
            const i32 NUMBER_OF_B = E.B
            const i32 COPY = N
            const E COPY_ENUM = FAVOURITE
            const list<E> ALL = [E.A, E.B]
            const map<E, string> NAMES = {E.A: "a"}
            struct P { 1: i32 x, 2: string y = "d" }
            const P POINT = {"x": N, "y": 'q'}
            const double HALF = 0.5
            const bool FLAG = 1
            """);
        AssertNoErrors(set);
        Assert.Equal((ConstantKind.Identifier, "B"), (Const(set, "FAVOURITE").Value.Kind, Const(set, "FAVOURITE").Value.Text));
        Assert.Equal("4", Const(set, "NUMBER_OF_B").Value.Text);
        Assert.Equal(ConstantKind.Integer, Const(set, "COPY").Value.Kind);
        Assert.Equal("7", Const(set, "COPY").Value.Text);
        Assert.Equal("B", Const(set, "COPY_ENUM").Value.Text);
        Assert.Equal(["A", "B"], Const(set, "ALL").Value.Items.Select(i => i.Text));
        Assert.Equal("A", Const(set, "NAMES").Value.Entries.Single().Key.Text);
        var point = Const(set, "POINT").Value;
        Assert.Equal(ConstantKind.Map, point.Kind);
        Assert.Equal(["x", "y"], point.Entries.Select(e => e.Key.Text));
        Assert.Equal(["7", "q"], point.Entries.Select(e => e.Value.Text));
        Assert.Equal(0.5, Const(set, "HALF").Value.FloatValue);
        Assert.Equal(TypeKind.Message, Const(set, "POINT").Type.Kind);
        Assert.Equal("test.N", Const(set, "N").FullName);
    }

    [Fact]
    public void Where_an_enum_is_expected_only_the_part_after_the_last_dot_counts_as_in_thrift()
    {
        var set = Compile("enum E { A, B }\nconst E X = Anything.B\nconst list<E> L = [x.y.A]");
        AssertNoErrors(set);
        Assert.Equal("B", Const(set, "X").Value.Text);
        Assert.Equal("A", Const(set, "L").Value.Items.Single().Text);
    }

    [Fact]
    public void String_escapes_are_decoded()
    {
        var set = Compile("const string S = \"a\\\"b\\\\c\\n\\t\\r\\'d\"\nconst string T = 'x\"y'");
        AssertNoErrors(set);
        Assert.Equal("a\"b\\c\n\t\r'd", Const(set, "S").Value.Text);
        Assert.Equal("x\"y", Const(set, "T").Value.Text);
    }
}
