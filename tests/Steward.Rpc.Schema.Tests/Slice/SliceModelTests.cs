using Steward.Rpc.Schema.Slice;
using static Steward.Rpc.Schema.Tests.Slice.SliceTestSupport;

namespace Steward.Rpc.Schema.Tests.Slice;

/// <summary>Focused model mappings the Ice emitter relies on, beyond the contract and the everything file.</summary>
public class SliceModelTests
{
    [Fact]
    public void An_enumerator_valued_by_a_constant_renumbers_the_implicit_ones_after_it()
    {
        var set = Compile("module M { const int K = 10; enum E { A, B = K, C, D = 2, F } }");
        AssertNoErrors(set);
        var values = Assert.IsType<EnumDef>(set.FindType("M.E")).Values;
        Assert.Equal(["A:0", "B:10", "C:11", "D:2", "F:3"], values.Select(v => $"{v.Name}:{v.Number}"));
    }

    [Fact]
    public void Interfaces_by_value_and_classes_only_declared_become_any_class()
    {
        var set = Compile("""
            module M
            {
                interface I { }
                class Later;
                sequence<I> Is;
                struct S { I byValue; Later declared; Is many; }
            }
            """);
        AssertNoErrors(set);
        var s = Message(set, "M.S");
        Assert.True(Field(s, "byValue").Type.IsScalar(ScalarType.AnyClass));
        Assert.True(Field(s, "declared").Type.IsScalar(ScalarType.AnyClass));
        Assert.True(Field(s, "many").Type.Element!.IsScalar(ScalarType.AnyClass));
        Assert.Equal([SliceDiagnostics.Deprecated, SliceDiagnostics.Deprecated, SliceDiagnostics.NeverDefined],
            set.Diagnostics.Items.Select(d => d.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_class_proxy_is_an_untyped_proxy_and_an_interface_proxy_is_typed()
    {
        var set = Compile("module M { class C { } interface I { } struct S { C* c; I* i; Object* o; } }");
        AssertNoErrors(set);
        var s = Message(set, "M.S");
        Assert.Equal(TypeKind.Proxy, Field(s, "c").Type.Kind);
        Assert.Null(Field(s, "c").Type.Service);
        Assert.Same(set.Services["M.I"], Field(s, "i").Type.Service);
        Assert.Null(Field(s, "o").Type.Service);
        Assert.Null(Field(s, "o").Type.Name);
    }

    [Fact]
    public void Parameters_and_the_return_value_carry_positions_tags_and_direction()
    {
        var set = Compile("module M { interface I { int f(string a, optional(5) int b, out long c, out optional(2) bool d); } }");
        AssertNoErrors(set);
        var method = set.Services["M.I"].Methods.Single();
        Assert.Equal(-1, method.ReturnValue!.Number);
        Assert.False(method.ReturnValue.IsTagged);
        Assert.Equal(["a:0:False:False", "b:5:True:False", "c:2:False:True", "d:2:True:True"],
            method.Parameters.Select(p => $"{p.Name}:{p.Number}:{p.IsTagged}:{p.IsOut}"));
        Assert.All(method.Parameters, p => Assert.Null(p.Owner));
    }

    [Fact]
    public void A_reopened_module_and_relative_names_resolve_from_the_innermost_scope_outwards()
    {
        var set = Compile("""
            module A { module B { struct S { int x; } } }
            module A
            {
                struct S { string y; }
                module C { struct T { B::S inner; S outer; ::A::B::S absolute; } }
            }
            """);
        AssertNoErrors(set);
        var t = Message(set, "A.C.T");
        Assert.Equal("A.B.S", Field(t, "inner").Type.Definition!.FullName);
        Assert.Equal("A.S", Field(t, "outer").Type.Definition!.FullName);
        Assert.Equal("A.B.S", Field(t, "absolute").Type.Definition!.FullName);
    }

    [Fact]
    public void An_escaped_built_in_type_name_is_still_the_built_in_type_as_slice2py_reads_it()
    {
        var set = Compile("module M { struct \\Object { int a; } struct S { \\Object o; \\int i; } }");
        AssertNoErrors(set);
        var s = Message(set, "M.S");
        Assert.True(Field(s, "o").Type.IsScalar(ScalarType.AnyClass));
        Assert.True(Field(s, "i").Type.IsScalar(ScalarType.Int32));
        Assert.Equal([SliceDiagnostics.IllegalProxy], Errors(Compile("module M { struct S { \\Object* o; } }")));
    }

    [Fact]
    public void A_file_sees_only_what_it_includes_even_when_other_roots_define_more()
    {
        var source = new InMemoryFileSource()
            .Add("a.ice", "#pragma once\nmodule M { struct A { int x; } class C; }\n")
            .Add("b.ice", "module M { struct B { A a; } }\n")
            .Add("c.ice", "#include \"a.ice\"\nmodule M { struct Cs { A a; C c; } }\n")
            .Add("d.ice", "#include \"a.ice\"\nmodule M { class C { int y; } }\n");
        var set = SchemaCompiler.Compile(["a.ice", "b.ice", "c.ice", "d.ice"], source);
        var error = Assert.Single(set.Diagnostics.Items, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal((SliceDiagnostics.UndefinedName, "b.ice"), (error.Code, error.Location.File));
        // c.ice sees the declaration of C but not d.ice's definition, as slice2* compiling c.ice would.
        var c = Field(Message(set, "M.Cs"), "c");
        Assert.True(c.Type.IsScalar(ScalarType.AnyClass));
        Assert.Contains(set.Diagnostics.Items, d => d.Code == SliceDiagnostics.NeverDefined && d.Location.File == "c.ice");
        Assert.Equal("M.A", Field(Message(set, "M.Cs"), "a").Type.Definition!.FullName);
    }

    [Fact]
    public void Class_operations_are_reported_as_deprecated_and_not_modelled()
    {
        var set = Compile("module M { class C { int x; void f(); } }");
        AssertNoErrors(set);
        Assert.Equal([SliceDiagnostics.Deprecated], set.Diagnostics.Items.Select(d => d.Code));
        Assert.Equal(["x"], Message(set, "M.C").Fields.Select(f => f.Name));
    }

    [Fact]
    public void Slice_files_live_beside_proto_and_thrift_files_in_one_set()
    {
        var source = new InMemoryFileSource()
            .Add("a.proto", "syntax = \"proto3\";\npackage p;\nmessage A { }\n")
            .Add("b.ice", "module M { struct B { int x; } }\n");
        var set = SchemaCompiler.Compile(["a.proto", "b.ice"], source);
        AssertNoErrors(set);
        Assert.Equal(["a.proto", "b.ice"], set.RootFiles.Select(f => f.Path));
        Assert.Equal(SliceSyntax.Slice, set.RootFiles[1].Syntax);
        Assert.NotNull(set.FindType("p.A"));
        Assert.NotNull(set.FindType("M.B"));
    }
}
