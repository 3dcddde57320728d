using Steward.Rpc.Schema.OmgIdl;
using static Steward.Rpc.Schema.Tests.OmgIdl.OmgIdlTestSupport;

namespace Steward.Rpc.Schema.Tests.OmgIdl;

/// <summary>How each OMG IDL construct lands in the neutral model.</summary>
public class OmgIdlModelTests
{
    [Fact]
    public void Unions_keep_their_discriminator_and_labels_of_every_kind()
    {
        var set = Compile("""
            module M {
              enum Kind { A, B, C };
              typedef Kind Alias;
              union OnEnum switch (Alias) { case A: case B: long ab; case C: string other; };
              union OnChar switch (char) { case 'x': long x; default: short other; };
              union OnBool switch (boolean) { case TRUE: long yes; };
              const short Base = 10;
              union OnShort switch (short) { case Base + 1: long eleven; case -2: long minus; default: octet d; };
            };
            """);
        AssertNoErrors(set);
        var onEnum = Message(set, "M.OnEnum");
        Assert.Equal(TypeKind.Enum, onEnum.Discriminator!.Kind);
        Assert.Equal("Alias", onEnum.Discriminator.Alias!.Name);
        Assert.Equal(["A", "B"], Field(onEnum, "ab").CaseLabels.Select(l => l.Text));
        Assert.All(Field(onEnum, "ab").CaseLabels, l => Assert.Equal(ConstantKind.Identifier, l.Kind));
        var onChar = Message(set, "M.OnChar");
        Assert.Equal("x", Assert.Single(Field(onChar, "x").CaseLabels).Text);
        Assert.True(Field(onChar, "other").IsDefaultCase);
        Assert.Empty(Field(onChar, "other").CaseLabels);
        Assert.True(Assert.Single(Field(Message(set, "M.OnBool"), "yes").CaseLabels).BoolValue);
        var onShort = Message(set, "M.OnShort");
        Assert.Equal("11", Assert.Single(Field(onShort, "eleven").CaseLabels).Text);
        Assert.True(Assert.Single(Field(onShort, "minus").CaseLabels).IsNegative);
    }

    [Fact]
    public void Constants_hold_their_evaluated_values_checked_against_their_types()
    {
        var set = Compile("""
            module M {
              const long A = (1 << 4) | 3;
              const unsigned long long Big = 0xFFFFFFFFFFFFFFFF;
              const long long Min = -9223372036854775807;
              const short Neg = -(A % 7) * 2;
              const double D = 1.5e3 / 2.0;
              const float F = -0.25;
              const char C = '\x41';
              const wchar W = L'\u00e9';
              const string S = "ab" "cd";
              const wstring WS = L"wide";
              const boolean T = TRUE;
              const octet O = 0377;
              enum E { X, Y };
              const E Which = Y;
              const long FromOther = A * 2 + ~(-2);
            };
            """);
        AssertNoErrors(set);
        var constants = set.Files.Single().Constants.ToDictionary(c => c.Name, c => c.Value);
        Assert.Equal("19", constants["A"].Text);
        Assert.Equal(ulong.MaxValue, constants["Big"].IntegerMagnitude);
        Assert.True(constants["Min"].TryGetInt64(out var min) && min == -long.MaxValue);
        Assert.Equal("-10", constants["Neg"].Text);
        Assert.Equal(750.0, constants["D"].FloatValue);
        Assert.Equal(-0.25, constants["F"].FloatValue);
        Assert.Equal("A", constants["C"].Text);
        Assert.Equal("é", constants["W"].Text);
        Assert.Equal("abcd", constants["S"].Text);
        Assert.Equal("wide", constants["WS"].Text);
        Assert.True(constants["T"].BoolValue);
        Assert.Equal("255", constants["O"].Text);
        Assert.Equal("Y", constants["Which"].Text);
        Assert.Equal("39", constants["FromOther"].Text);
        Assert.Equal("M.Which", set.Files.Single().Constants.Single(c => c.Name == "Which").FullName);
    }

    [Fact]
    public void Typedefs_arrays_bounds_and_aliases_resolve_through()
    {
        var set = Compile("""
            module M {
              typedef long Matrix[2][3], Row[3];
              typedef Matrix Again;
              typedef sequence<string<5>, 10> Names;
              typedef wstring<7> Brief;
              struct S { Again m; Names n; Brief w; Object any_object; sequence<S> children; };
            };
            """);
        AssertNoErrors(set);
        var matrix = Assert.IsType<TypedefDef>(set.FindType("M.Matrix")).Target;
        Assert.Equal((2, 3), (matrix.ArrayLength, matrix.Element!.ArrayLength));
        Assert.True(matrix.Element.Element!.IsScalar(ScalarType.Int32));
        Assert.Equal(3, Assert.IsType<TypedefDef>(set.FindType("M.Row")).Target.ArrayLength);
        var s = Message(set, "M.S");
        var m = Field(s, "m").Type;
        Assert.Equal("Again", m.Alias!.Name);
        Assert.Equal(TypeKind.Array, m.Kind);
        var names = Field(s, "n").Type;
        Assert.Equal((TypeKind.List, 10), (names.Kind, names.Bound!.Value));
        Assert.Equal(5, names.Element!.Bound);
        Assert.True(names.Element.IsScalar(ScalarType.String));
        Assert.Equal(7, Field(s, "w").Type.Bound);
        Assert.True(Field(s, "w").Type.IsScalar(ScalarType.WString));
        Assert.Equal(TypeKind.Proxy, Field(s, "any_object").Type.Kind);
        Assert.Null(Field(s, "any_object").Type.Service);
        Assert.Same(s, Field(s, "children").Type.Element!.Definition);
    }

    [Fact]
    public void Interfaces_inherit_declare_forward_and_nest_types()
    {
        var set = Compile("""
            module M {
              interface Later;
              abstract interface Abstracted { void a(); };
              local interface Nearby { void l(); };
              interface Base { exception Failed { string why; }; struct Info { long n; }; Info details() raises (Failed); };
              interface Other { attribute long x, y; readonly attribute Later next; };
              interface Derived : Base, Other, Abstracted { Base::Info again(in Later next_one, inout Info i); };
              interface Later { oneway void go(in string where) context("a", "b*"); };
            };
            """);
        AssertNoErrors(set);
        var derived = set.Services["M.Derived"];
        Assert.Equal(["Base", "Other", "Abstracted"], derived.BaseNames);
        Assert.Equal(["M.Base", "M.Other", "M.Abstracted"], derived.Bases.Select(b => b.FullName));
        Assert.Equal(["again"], derived.Methods.Select(m => m.Name));
        var again = Method(derived, "again");
        var later = set.Services["M.Later"];
        Assert.Same(later, again.Parameters[0].Type.Service);
        Assert.Same(set.FindType("M.Base.Info"), again.Parameters[1].Type.Definition);
        Assert.True(again.Parameters[1].IsInOut);
        Assert.Equal("IDL:M/Base/Failed:1.0", set.FindType("M.Base.Failed")!.RepositoryId);
        Assert.Equal(["M.Base.Failed"], Method(set.Services["M.Base"], "details").Throws.Select(t => t.Name));
        var other = set.Services["M.Other"];
        Assert.Equal(["_get_x", "_set_x", "_get_y", "_set_y", "_get_next"], other.Methods.Select(m => m.Name));
        Assert.Same(later, Method(other, "_get_next").ReturnValue!.Type.Service);
        Assert.Contains("M.Nearby", set.Services.Keys);
        var warning = Assert.Single(set.Diagnostics.Items);
        Assert.Equal(OmgIdlDiagnostics.Ignored, warning.Code);
        Assert.True(Method(later, "go").IsOneway);
    }

    [Theory]
    [InlineData("valuetype V { public long a; };", "valuetypes")]
    [InlineData("abstract valuetype V { };", "valuetypes")]
    [InlineData("custom valuetype V { };", "valuetypes")]
    [InlineData("eventtype E { };", "eventtypes")]
    [InlineData("component C { };", "CORBA components")]
    [InlineData("typedef fixed<5, 2> F;", "the fixed type")]
    [InlineData("typedef long double LD;", "long double")]
    [InlineData("native N;", "native types")]
    [InlineData("typedef CORBA::TypeCode TC;", "CORBA::TypeCode")]
    [InlineData("interface I { attribute long a setraises (E); };", "exceptions on attributes")]
    [InlineData("typeid I \"IDL:x:1.0\";", "use #pragma ID")]
    public void Constructs_Steward_does_not_support_are_refused_by_name(string text, string what)
    {
        var error = AssertError(Compile(text), OmgIdlDiagnostics.Unsupported);
        Assert.Contains("Steward does not support", error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Location.Line);
    }

    [Fact]
    public void Diagnostics_carry_file_line_and_column()
    {
        var set = Compile("module M {\n  struct S {\n    Missing m;\n  };\n};\n");
        var error = AssertError(set, OmgIdlDiagnostics.UndefinedName);
        Assert.Equal("test.idl:3:5: error IDL012: 'Missing' is not defined.", error.ToString());
    }

    [Fact]
    public void An_interface_declared_forward_and_never_defined_is_a_warning_and_still_a_proxy_type()
    {
        var set = Compile("module M { interface Remote; struct Holder { Remote r; }; };\n");
        AssertNoErrors(set);
        var warning = Assert.Single(set.Diagnostics.Items);
        Assert.Equal(OmgIdlDiagnostics.Incomplete, warning.Code);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal("Forward declared interface '::M::Remote' was never fully defined.", warning.Message);
        var type = Field(Message(set, "M.Holder"), "r").Type;
        Assert.Equal(TypeKind.Proxy, type.Kind);
        Assert.Equal("M.Remote", type.Service!.FullName);
        Assert.DoesNotContain("M.Remote", set.Services.Keys);
    }
}
