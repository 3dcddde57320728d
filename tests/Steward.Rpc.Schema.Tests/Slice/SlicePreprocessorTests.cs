using Steward.Rpc.Schema.Slice;
using static Steward.Rpc.Schema.Tests.Slice.SliceTestSupport;

namespace Steward.Rpc.Schema.Tests.Slice;

/// <summary>What slice2* get from mcpp: includes, conditionals, definitions, comments and doc comments.</summary>
public class SlicePreprocessorTests
{
    [Fact]
    public void A_quoted_include_is_found_next_to_the_including_file_first()
    {
        var source = new InMemoryFileSource()
            .Add("dir/main.ice", "#include \"common.ice\"\nmodule M { struct S { Near n; } }")
            .Add("dir/common.ice", "#pragma once\nmodule M { struct Near { int a; } }")
            .Add("common.ice", "#pragma once\nmodule M { struct Far { int a; } }");
        var set = SchemaCompiler.Compile(["dir/main.ice"], source);
        AssertNoErrors(set);
        Assert.Equal(["dir/common.ice", "dir/main.ice"], set.Files.Select(f => f.Path));
    }

    [Fact]
    public void An_angled_include_is_searched_only_under_the_import_roots()
    {
        var source = new InMemoryFileSource()
            .Add("dir/main.ice", "#include <common.ice>\nmodule M { struct S { Far n; } }")
            .Add("dir/common.ice", "#pragma once\nmodule M { struct Near { int a; } }")
            .Add("common.ice", "#pragma once\nmodule M { struct Far { int a; } }");
        var set = SchemaCompiler.Compile(["dir/main.ice"], source);
        AssertNoErrors(set);
        Assert.Equal(["common.ice", "dir/main.ice"], set.Files.Select(f => f.Path));
    }

    [Fact]
    public void A_file_included_twice_or_in_a_cycle_is_loaded_once()
    {
        var set = Compile(
            "#include \"a.ice\"\n#include \"b.ice\"\nmodule M { struct S { A a; B b; } }",
            ("a.ice", "#pragma once\n#include \"b.ice\"\nmodule M { struct A { int x; } }"),
            ("b.ice", "#ifndef B_ICE\n#define B_ICE\n#include \"a.ice\"\nmodule M { struct B { int y; } }\n#endif"));
        AssertNoErrors(set);
        Assert.Equal(["b.ice", "a.ice", "test.ice"], set.Files.Select(f => f.Path));
    }

    [Fact]
    public void Without_pragma_once_or_a_guard_a_cycle_or_a_second_inclusion_is_an_error_as_with_mcpp()
    {
        var cycle = Compile("#include \"test.ice\"\nmodule M { }");
        Assert.Equal([SliceDiagnostics.LimitExceeded], Errors(cycle));
        var twice = Compile("#include \"a.ice\"\n#include \"a.ice\"\nmodule M { }", ("a.ice", "module M { struct A { int x; } }"));
        Assert.Equal([SliceDiagnostics.Redefinition], Errors(twice));
        Assert.Equal(2, twice.Diagnostics.Items.Single().Location.Line);
        AssertNoErrors(Compile("#include \"a.ice\"\n#include \"a.ice\"\nmodule M { }", ("a.ice", "module M { }")));
    }

    [Fact]
    public void Only_pragma_once_is_understood_and_unknown_directives_are_errors()
    {
        Assert.Equal([SliceDiagnostics.SyntaxError], Errors(Compile("#pragma pack(1)\nmodule M { }")));
        Assert.Equal([SliceDiagnostics.PreprocessorError], Errors(Compile("#warning careful\nmodule M { }")));
        AssertNoErrors(Compile("#line 7\n#if 1 ? 0 : 1\nmodule M { garbage }\n#endif"));
    }

    [Fact]
    public void Conditionals_choose_the_text_and_skip_the_rest_unread()
    {
        var set = Compile("""
            #define LEVEL 3
            #if defined(LEVEL) && LEVEL > 2 && !defined(NOPE)
            module Yes { struct A { int a; } }
            #elif 1
            module No1 { garbage ( }
            #else
            module No2 { garbage ( }
            #endif
            #ifdef NOPE
            #error never reached
            #elif (LEVEL * 2 == 6) || 0
            module Elif { struct B { int b; } }
            #endif
            #ifndef __SLICE2CS__
            module No3 { }
            #endif
            #undef LEVEL
            #ifdef LEVEL
            module No4 { }
            #endif
            """);
        AssertNoErrors(set);
        Assert.Equal(["Elif.B", "Yes.A"], set.Types.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_error_directive_and_a_malformed_condition_are_reported()
    {
        var set = Compile("#if (1 +\n#endif\n#error stop here\nmodule M { }");
        Assert.Equal([SliceDiagnostics.PreprocessorError], Errors(set));
        Assert.Equal([1, 3], set.Diagnostics.Items.Select(d => d.Location.Line));
        Assert.Contains(set.Diagnostics.Items, d => d.Message == "#error stop here");
    }

    [Fact]
    public void An_unterminated_conditional_is_reported_where_it_opens()
    {
        var set = Compile("module M { }\n#ifdef X\nmodule N { }\n");
        var error = Assert.Single(set.Diagnostics.Items);
        Assert.Equal((SliceDiagnostics.PreprocessorError, 2), (error.Code, error.Location.Line));
    }

    [Fact]
    public void Doc_comments_attach_to_the_next_definition_and_plain_comments_do_not()
    {
        var set = Compile("""
            module M
            {
                /**
                 * A point.
                 *
                 * With a second paragraph.
                 */
                struct P { /// The x.
                    int x;
                    // not documentation
                    int y; }
                /* plain */
                interface I { /// Says hello.
                    /// Twice.
                    void hello(); }
            }
            """);
        AssertNoErrors(set);
        var point = Message(set, "M.P");
        Assert.Equal("A point.\n\nWith a second paragraph.", point.Documentation);
        Assert.Equal("The x.", Field(point, "x").Documentation);
        Assert.Null(Field(point, "y").Documentation);
        Assert.Null(set.Services["M.I"].Documentation);
        Assert.Equal("Says hello.\nTwice.", set.Services["M.I"].Methods.Single().Documentation);
    }

    [Fact]
    public void Line_and_column_count_from_one_past_comments_and_directives()
    {
        var set = Compile("// comment\n#pragma once\n/* a\n b */ module M { struct S { Nope n; } }");
        var error = Assert.Single(set.Diagnostics.Items);
        Assert.Equal(new SourceLocation("test.ice", 4, 29), error.Location);
    }
}
