using Steward.Rpc.Schema.Slice;
using static Steward.Rpc.Schema.Tests.Slice.SliceTestSupport;

namespace Steward.Rpc.Schema.Tests.Slice;

/// <summary>
/// One case per diagnostic: the source marks with <c>$</c> where the diagnostic must point (the
/// marker is removed before compiling), so code, severity and file:line:col are all checked.
/// </summary>
public class SliceDiagnosticTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { SliceDiagnostics.SyntaxError, "module M { struct S { int a $} }" },
        { SliceDiagnostics.UnterminatedString, "module M { const string S = $\"abc; }" },
        { SliceDiagnostics.UnterminatedComment, "module M { }\n$/* never closed" },
        { SliceDiagnostics.InvalidCharacter, "module M { $@ }" },
        { SliceDiagnostics.InvalidNumber, "module M { const long X = $99999999999999999999; }" },
        { SliceDiagnostics.PreprocessorError, "module M { }\n$#endif" },
        { SliceDiagnostics.IncludeNotFound, "$#include \"nowhere/missing.ice\"\nmodule M { }" },
        { SliceDiagnostics.KeywordAsIdentifier, "module M { struct S { int $module; } }" },
        { SliceDiagnostics.CaseConflict, "module M { struct S { int abc; int $Abc; } }" },
        { SliceDiagnostics.ReservedIdentifier, "module M { struct $SPrx { int a; } }" },
        { SliceDiagnostics.Redefinition, "module M { struct S { int a; } interface $S { } }" },
        { SliceDiagnostics.UndefinedName, "module M { struct S { $Nowhere a; } }" },
        { SliceDiagnostics.DuplicateTag, "module M { class C { optional(1) int a; $optional(1) int b; } }" },
        { SliceDiagnostics.OutOfRange, "module M { class C { optional($2147483648) int a; } }" },
        { SliceDiagnostics.IllegalOptional, "module M { struct S { $optional(1) int a; } }" },
        { SliceDiagnostics.IllegalDictionaryKey, "module M { dictionary<float, int> $D; }" },
        { SliceDiagnostics.ExceptionAsType, "module M { exception E { } struct S { $E e; } }" },
        { SliceDiagnostics.WrongBaseKind, "module M { class A { } interface I extends $A { } }" },
        { SliceDiagnostics.EnumeratorValue, "module M { enum E { A = 1, B = $1 } }" },
        { SliceDiagnostics.EmptyDefinition, "module M { struct $S { } }" },
        { SliceDiagnostics.ConstantType, "module M { const byte B = $256; }" },
        { SliceDiagnostics.DuplicateMember, "module M { interface A { void f(); } interface B extends A { void $f(); } }" },
        { SliceDiagnostics.DuplicateParameter, "module M { interface I { void f(int a, string $a); } }" },
        { SliceDiagnostics.OutBeforeIn, "module M { interface I { void f(out int a, int $b); } }" },
        { SliceDiagnostics.ThrowsNonException, "module M { struct S { int a; } interface I { void f() throws $S; } }" },
        { SliceDiagnostics.DuplicateThrows, "module M { exception E { } interface I { void f() throws E, $E; } }" },
        { SliceDiagnostics.NotAtModuleScope, "$struct S { int a; };" },
        { SliceDiagnostics.DeclaredNotDefined, "module M { class A; class B extends $A { } }" },
        { SliceDiagnostics.DefaultNotAllowed, "module M { sequence<int> Q; struct S { Q q = $1; } }" },
        { SliceDiagnostics.DuplicateCompactId, "module M { class A(1) { } class $B(1) { } }" },
        { SliceDiagnostics.IllegalProxy, "module M { struct S { int a; } struct T { $S* p; } }" },
        { SliceDiagnostics.SelfContainingStruct, "module M { struct S { int a; S $s; } }" },
        { SliceDiagnostics.Deprecated, "module M { class C { } struct S { $C* p; } }" },
        { SliceDiagnostics.LocalInNonLocal, "module M { local interface L { } struct S { $L l; } }" },
        { SliceDiagnostics.WrongEnumerator, "module M { enum E { A } enum F { B } struct S { E e = $B; } }" },
        { SliceDiagnostics.NeverDefined, "module M { class C; struct S { $C c; } }" },
        { SliceDiagnostics.InvalidEscape, "module M { const string S = \"a$\\777\"; }" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_defect_gets_its_code_at_its_place(string code, string marked)
    {
        var marker = marked.IndexOf('$');
        var before = marked.Substring(0, marker);
        var line = before.Count(c => c == '\n') + 1;
        var column = marker - (before.LastIndexOf('\n') + 1) + 1;
        var set = Compile(marked.Remove(marker, 1));

        var found = set.Diagnostics.Items.Where(d => d.Code == code).ToList();
        Assert.True(found.Count > 0, $"no {code}; got:\n{Dump(set)}");
        Assert.Contains(found, d => d.Location == new SourceLocation("test.ice", line, column));
        var warningsOnly = code is SliceDiagnostics.Deprecated or SliceDiagnostics.NeverDefined or SliceDiagnostics.UnterminatedComment;
        Assert.Equal(!warningsOnly, set.Diagnostics.HasErrors);
    }

    [Fact]
    public void Every_code_has_a_case()
    {
        var codes = typeof(SliceDiagnostics).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();
        var covered = Cases().Select(row => row.Data.Item1).ToHashSet();
        covered.UnionWith([SliceDiagnostics.FileNotFound, SliceDiagnostics.LimitExceeded, SliceDiagnostics.InheritanceCycle, SliceDiagnostics.InternalError]);
        Assert.Empty(codes.Except(covered));
    }

    [Fact]
    public void A_missing_root_file_is_reported_at_its_path()
    {
        var set = SchemaCompiler.Compile(["absent.ice"], new InMemoryFileSource());
        var error = Assert.Single(set.Diagnostics.Items);
        Assert.Equal(SliceDiagnostics.FileNotFound, error.Code);
        Assert.Equal("absent.ice", error.Location.File);
    }

    [Fact]
    public void Conditionals_nested_beyond_the_limit_are_refused()
    {
        var depth = 300;
        var text = string.Concat(Enumerable.Repeat("#ifndef X\n", depth)) + "module M { }\n" + string.Concat(Enumerable.Repeat("#endif\n", depth));
        var set = Compile(text);
        var error = Assert.Single(set.Diagnostics.Items, d => d.Code == SliceDiagnostics.LimitExceeded);
        Assert.Equal(257, error.Location.Line);
    }

    [Fact]
    public void Inheritance_cannot_go_round_because_a_base_must_be_defined_first()
    {
        // Slice only lets a class extend a class defined above it, so a cycle is caught as an
        // undefined name; SLICE020 guards the model should files ever see each other out of order.
        var set = Compile("module M { class A extends B { } class B extends A { } }");
        Assert.Equal([SliceDiagnostics.UndefinedName], Errors(set));
        Assert.Null(Message(set, "M.A").Base);
        Assert.Same(Message(set, "M.A"), Message(set, "M.B").Base);
    }

    [Fact]
    public void A_failing_file_source_becomes_an_internal_error_not_an_exception()
    {
        var set = SchemaCompiler.Compile(["boom.ice"], new ThrowingSource());
        var error = Assert.Single(set.Diagnostics.Items);
        Assert.Equal(SliceDiagnostics.InternalError, error.Code);
        Assert.Contains("InvalidOperationException", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Ice_prefix_is_refused_in_root_files_only()
    {
        var included = "#pragma once\nmodule M { struct IceThing { int a; } }\n";
        var set = Compile("#include \"inc.ice\"\nmodule M { struct S { IceThing t; } }", ("inc.ice", included));
        AssertNoErrors(set);
        Assert.Equal([SliceDiagnostics.ReservedIdentifier], Errors(Compile(included)));
        AssertNoErrors(Compile("[[\"ice-prefix\"]]\n" + included));
    }

    [Fact]
    public void Underscores_are_allowed_with_the_underscore_file_metadata_except_at_the_edges()
    {
        Assert.Equal([SliceDiagnostics.ReservedIdentifier], Errors(Compile("module M { struct S { int a_b; } }")));
        AssertNoErrors(Compile("[[\"underscore\"]]\nmodule M { struct S { int a_b; } }"));
        Assert.Equal([SliceDiagnostics.ReservedIdentifier], Errors(Compile("[[\"underscore\"]]\nmodule M { struct S { int a__b; } }")));
    }

    private sealed class ThrowingSource : IFileSource
    {
        public bool TryResolve(string importPath, string? importingFile, out string canonicalPath, out string text) =>
            throw new InvalidOperationException("the disk caught fire");
    }
}
