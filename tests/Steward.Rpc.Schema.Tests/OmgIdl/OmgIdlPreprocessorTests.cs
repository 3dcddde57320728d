using Steward.Rpc.Schema.OmgIdl;
using static Steward.Rpc.Schema.Tests.OmgIdl.OmgIdlTestSupport;

namespace Steward.Rpc.Schema.Tests.OmgIdl;

/// <summary>The preprocessor as IDL compilers run it: includes, object-like macros, conditionals and pragmas.</summary>
public class OmgIdlPreprocessorTests
{
    [Fact]
    public void Quoted_includes_are_found_next_to_the_includer_and_their_definitions_belong_to_their_file()
    {
        var source = new InMemoryFileSource()
            .Add("dir/main.idl", "#include \"types.idl\"\nmodule App { struct Uses { Lib::Point p; }; };\n")
            .Add("dir/types.idl", "module Lib { struct Point { long x; }; };\n");
        var set = SchemaCompiler.Compile(["dir/main.idl"], source);
        AssertNoErrors(set);
        var root = Assert.Single(set.RootFiles);
        Assert.Equal("dir/main.idl", root.Path);
        Assert.Equal(["dir/types.idl", "dir/main.idl"], set.Files.Select(f => f.Path));
        var point = Message(set, "Lib.Point");
        Assert.Equal("dir/types.idl", point.File!.Path);
        Assert.Same(point, Field(Message(set, "App.Uses"), "p").Type.Definition);
        var import = Assert.Single(root.Imports);
        Assert.Equal("types.idl", import.Path);
        Assert.Same(point.File, import.File);
    }

    [Fact]
    public void Angled_includes_are_searched_only_under_the_include_roots()
    {
        var source = new InMemoryFileSource()
            .Add("main.idl", "#include <inc/lib.idl>\ntypedef Lib::T U;\n")
            .Add("inc/lib.idl", "module Lib { typedef long T; };\n");
        AssertNoErrors(SchemaCompiler.Compile(["main.idl"], source));
        var missing = Compile("#include <nowhere.idl>\n");
        var error = AssertError(missing, OmgIdlDiagnostics.IncludeNotFound);
        Assert.Equal("Cannot open include file \"nowhere.idl\".", error.Message);
        Assert.Equal(1, error.Location.Line);
    }

    [Fact]
    public void Pragma_once_and_include_guards_keep_a_file_included_twice_from_being_redefined()
    {
        var onceSet = Compile("#include \"a.idl\"\n#include \"a.idl\"\n", ("a.idl", "#pragma once\nstruct A { long x; };\n"));
        AssertNoErrors(onceSet);
        var guardSet = Compile("#include \"b.idl\"\n#include \"b.idl\"\n", ("b.idl", "#ifndef B_IDL\n#define B_IDL\nstruct B { long x; };\n#endif\n"));
        AssertNoErrors(guardSet);
        var twice = Compile("#include \"c.idl\"\n#include \"c.idl\"\n", ("c.idl", "struct C { long x; };\n"));
        AssertError(twice, OmgIdlDiagnostics.Redefinition);
        var cycle = Compile("#include \"test.idl\"\nstruct D { long x; };\n");
        AssertError(cycle, OmgIdlDiagnostics.LimitExceeded);
    }

    [Fact]
    public void Object_like_macros_expand_in_the_text_and_undef_removes_them()
    {
        var set = Compile("#define SIZE 4\n#define TWICE (SIZE * 2)\ntypedef long A[TWICE];\n#undef SIZE\n#ifdef SIZE\n#error still defined\n#endif\n");
        AssertNoErrors(set);
        Assert.Equal(8, Assert.IsType<TypedefDef>(set.FindType("A")).Target.ArrayLength);
        var function = Compile("#define MAX(a, b) a\n");
        var error = AssertError(function, OmgIdlDiagnostics.Unsupported);
        Assert.Contains("object-like macros only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conditionals_take_one_branch_with_defined_and_integer_expressions()
    {
        var set = Compile("""
            #define LEVEL 3
            #if defined(LEVEL) && LEVEL > 2 && !defined UNDEFINED
            typedef long Taken;
            #elif 1
            typedef long NotTaken1;
            #else
            typedef long NotTaken2;
            #endif
            #if (1 << 3) % 5 == 3 ? UNDEFINED_IS_ZERO : 1
            typedef long NotTaken3;
            #elif 0
            #else
            typedef long Else;
            #endif
            #ifndef LEVEL
            typedef long NotTaken4;
            #endif
            #ifdef __OMNIIDL__
            typedef long OmniidlDefinesIt;
            #endif
            """);
        AssertNoErrors(set);
        Assert.Equal(["Else", "OmniidlDefinesIt", "Taken"], set.Types.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Unbalanced_conditionals_and_error_directives_are_reported_where_they_are()
    {
        Assert.Equal(2, AssertError(Compile("typedef long A;\n#endif\n"), OmgIdlDiagnostics.PreprocessorError).Location.Line);
        Assert.Equal(1, AssertError(Compile("#if 1\ntypedef long A;\n"), OmgIdlDiagnostics.PreprocessorError).Location.Line);
        var error = AssertError(Compile("#error stop here\n"), OmgIdlDiagnostics.PreprocessorError);
        Assert.Equal("#error stop here", error.Message);
        AssertError(Compile("#frobnicate\n"), OmgIdlDiagnostics.PreprocessorError);
        // A skipped branch may hold text that is no IDL at all.
        AssertNoErrors(Compile("#if 0\nit's not IDL \"\n#endif\ntypedef long A;\n"));
    }

    [Fact]
    public void Unknown_pragmas_are_ignored_as_omniidl_does()
    {
        var set = Compile("#pragma javaPackage \"org.example\"\n#pragma hh #include \"x.h\"\ntypedef long A;\n");
        AssertNoErrors(set);
        Assert.Empty(set.Diagnostics.Items);
    }

    [Fact]
    public void Pragma_prefix_is_scoped_to_its_file_and_the_enclosing_definition()
    {
        var set = Compile(
            "#pragma prefix \"outer.org\"\n#include \"lib.idl\"\nmodule M {\n  struct A { long x; };\n  module N {\n#pragma prefix \"inner.org\"\n    struct B { long y; };\n  };\n  struct C { long z; };\n};\n",
            ("lib.idl", "module L { struct D { long w; }; };\n"));
        AssertNoErrors(set);
        Assert.Equal("IDL:outer.org/M/A:1.0", set.FindType("M.A")!.RepositoryId);
        Assert.Equal("IDL:inner.org/B:1.0", set.FindType("M.N.B")!.RepositoryId);
        Assert.Equal("IDL:outer.org/M/C:1.0", set.FindType("M.C")!.RepositoryId);
        // The includer's prefix does not reach into the included file.
        Assert.Equal("IDL:L/D:1.0", set.FindType("L.D")!.RepositoryId);
    }

    [Fact]
    public void Pragma_ID_and_version_override_and_contradictions_are_reported()
    {
        var set = Compile("struct A { long x; };\n#pragma ID A \"LOCAL:a\"\ninterface I { };\n#pragma version I 2.7\n");
        AssertNoErrors(set);
        Assert.Equal("LOCAL:a", set.FindType("A")!.RepositoryId);
        Assert.Equal("IDL:I:2.7", set.Services["I"].RepositoryId);
        AssertError(Compile("struct A { long x; };\n#pragma ID A \"IDL:a:1.0\"\n#pragma ID A \"IDL:b:1.0\"\n"), OmgIdlDiagnostics.RepositoryId);
        AssertError(Compile("struct A { long x; };\n#pragma version A 1\n"), OmgIdlDiagnostics.RepositoryId);
        AssertError(Compile("#pragma ID Nowhere \"IDL:x:1.0\"\n"), OmgIdlDiagnostics.UndefinedName);
    }

    [Fact]
    public void Several_roots_sharing_an_include_define_its_types_once()
    {
        var source = new InMemoryFileSource()
            .Add("a.idl", "#include \"common.idl\"\nstruct A { Common::T t; };\n")
            .Add("b.idl", "#include \"common.idl\"\nstruct B { Common::T t; };\n")
            .Add("common.idl", "#define COMMON_SIZE 3\nmodule Common { typedef long T[COMMON_SIZE]; };\n");
        var set = SchemaCompiler.Compile(["a.idl", "b.idl"], source);
        AssertNoErrors(set);
        Assert.Equal(["common.idl", "a.idl", "b.idl"], set.Files.Select(f => f.Path));
        Assert.Equal(["a.idl", "b.idl"], set.RootFiles.Select(f => f.Path));
        var common = set.FindType("Common.T");
        Assert.Same(common, Field(Message(set, "A"), "t").Type.Alias);
        Assert.Same(common, Field(Message(set, "B"), "t").Type.Alias);
        Assert.Single(set.Files.Single(f => f.Path == "common.idl").Typedefs);
    }
}
