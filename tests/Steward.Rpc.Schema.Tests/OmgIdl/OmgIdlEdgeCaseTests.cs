using System.Collections.Concurrent;
using static Steward.Rpc.Schema.Tests.OmgIdl.OmgIdlTestSupport;

namespace Steward.Rpc.Schema.Tests.OmgIdl;

/// <summary>
/// Corner cases of IDL's rules, each with omniidl 4.2's verdict (accepted or rejected) recorded: the
/// front-end must agree. They include omniidl's own ways: duplicate exceptions in a raises clause are
/// accepted, floating-point constants are not range-checked, integer expressions are evaluated in 32
/// or 64 bits with <c>~</c> as the unsigned complement and the most negative value out of reach.
/// When omniidl is installed, one test re-checks every recorded verdict against it.
/// </summary>
public class OmgIdlEdgeCaseTests
{
    public static TheoryData<bool, string> Cases() => new()
    {
        { true, "interface A { void f(); }; interface B : A { void g(); }; interface C : A { void h(); }; interface D : B, C {};" },
        { true, "interface A { typedef long T; }; interface B : A { typedef short T; };" },
        { true, "interface A { const long X = 1; }; interface B : A { const long Y = X + 1; };" },
        { true, "module M { interface A; }; module M { interface A { }; };" },
        { false, "module M { interface A; }; module N { interface B : ::M::A {}; };" },
        { false, "struct S { long a; }; module M { typedef S T; struct S { long b; }; };" },
        { false, "module M { typedef long T; }; module N { typedef M::T U; typedef T V; };" },
        { true, "enum E { a, b }; const E c = a; union U switch (E) { case a: long x; case ::b: short y; };" },
        { true, "union U switch (long) { case 1: case 2: long x; default: short y; }; typedef sequence<U> US;" },
        { true, "struct S { sequence<S> children; sequence<S, 2> few; };" },
        { true, "union U switch (long) { case 1: sequence<U> kids; };" },
        { true, "struct S; struct S { long a; }; struct S;" },
        { true, "interface I { attribute long a; void _get_a(); };" },
        { false, "interface I { void f(in long a, out long b, inout long c); void g(in long a) raises (E); };" },
        { true, "exception E { long a; }; interface I { void f() raises (E, E); };" },
        { false, "const long X = 0x7fffffff + 1;" },
        { false, "const unsigned long X = 0xffffffff + 1;" },
        { false, "const long long X = 0x7fffffffffffffff + 1;" },
        { true, "const unsigned long long X = 0xffffffffffffffff;" },
        { true, "const short X = -32768;" },
        { true, "const long X = 10 % 3 * -1;" },
        { true, "const float F = 3.4e38; const double D = 1e308;" },
        { true, "const float F = 3.5e38;" },
        { true, "const string S = \"\";" },
        { false, "const char C = '';" },
        { true, "const char C = '\\0';" },
        { false, "const string S = \"a\\0b\";" },
        { false, "typedef string<0> S;" },
        { false, "typedef sequence<long, 1 - 2> S;" },
        { true, "typedef long A[2], B[1][2][3];" },
        { false, "struct S { long a[0]; };" },
        { true, "interface I { oneway void f(in long a); }; interface J : I { oneway void g(); };" },
        { true, "module M { module N { typedef long T; }; typedef N::T U; };" },
        { true, "module M { typedef long T; }; typedef M::T T;" },
        { false, "module M { typedef long T; }; module M { module M { typedef T U; }; };" },
        { false, "typedef long T; module M { typedef T T; };" },
        { true, "typedef long T; module M { typedef ::T T2; typedef short T; };" },
        { true, "interface I { typedef long L; void f(in L x); }; interface J : I { L g(); };" },
        { true, "module CORBA { interface Foo {}; };" },
        { false, "interface Object {};" },
        { true, "typedef Object O; interface I { O get(); };" },
        { true, "typedef any A; struct S { any a; Object o; };" },
        { false, "union U switch (char) { case 'a': long x; case 'a': long y; };" },
        { true, "union U switch (boolean) { case TRUE: long x; default: long y; };" },
        { false, "enum E { a }; enum F { a };" },
        { true, "module M { enum E { a }; }; module N { enum E { a }; };" },
        { true, "interface I { void f(in long i); };" },
        { true, "interface I { void f(in long I); };" },
        { false, "struct S { long s; };" },
        { false, "struct S { struct T { long a; } t; T u; };" },
        { false, "union U switch (long) { case 1: struct T { long a; } t; };" },
        { true, "typedef struct S { long a; } T;" },
        { true, "typedef enum E { x, y } EE;" },
        { true, "interface I { readonly attribute long a, b; };" },
        { true, "interface I { exception E {}; void f() raises (E); }; interface J : I { void g() raises (E); };" },
        { false, "const long X = Y;" },
        { true, "const long X = 1; const long Y = X;" },
        { false, "const boolean B = TRUE | FALSE;" },
        { false, "const long L = 'a';" },
        { false, "const char C = 'a' + 1;" },
        { false, "const string S = \"a\" + \"b\";" },
        { true, "const wstring W = L\"a\" L\"b\";" },
        { false, "const wstring W = \"narrow\";" },
        { false, "const double D = 1.0 % 2.0;" },
        { false, "const double D = -1.0 / 0.0;" },
        { false, "const octet O = -1;" },
        { false, "const long L = 1 >> 64;" },
        { true, "const long L = -1 << 1;" },
        { true, "const unsigned long U = ~0;" },
        { false, "const long L = ~0;" },
        { false, "const short S = ~0x7fff;" },
        { true, "const unsigned short U = 0x10000 - 1;" },
        { false, "const long long LL = -0x8000000000000000;" },
        { false, "interface local {};" },
        { true, "interface _local {};" },
        { true, "struct _S { long _a; };" },
        { true, "typedef long _T; typedef T U;" },
        { false, "module M {};" },
        { false, "module M { struct S { long a; }; }; struct M { long a; };" },
        { false, "interface I; struct S { I i; };" },
        { true, "interface I; interface I;" },
        { false, "const long X = -2147483648;" },
        { false, "const long X = -2147483647 - 1;" },
        { false, "const long long X = -9223372036854775807 - 1;" },
        { false, "const unsigned long X = 0x100000000 - 1;" },
        { true, "const short S = 70000 - 69999;" },
        { true, "const long X = ~(-1);" },
        { true, "const unsigned long long X = ~0;" },
        { false, "const long long X = ~0;" },
        { false, "const octet O = ~0;" },
        { false, "const unsigned short U = ~0;" },
        { true, "const unsigned long X = -1 + 2;" },
        { false, "const long X = 0xffffffff;" },
        { true, "const long X = 0xffffffff - 0xffffffff;" },
        { false, "const long long X = 0xffffffffffffffff - 1;" },
        { true, "union U switch(unsigned long) { case ~0: long a; };" },
        { false, "union U switch(long) { case ~0: long a; };" },
        { true, "const float F = 1e39;" },
        { true, "const double D = 1e309;" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_front_end_judges_the_case_as_omniidl_does(bool omniidlAccepts, string text)
    {
        var set = Compile(text);
        Assert.True(omniidlAccepts != set.Diagnostics.HasErrors,
            $"omniidl {(omniidlAccepts ? "accepts" : "rejects")} it; Steward says:\n{Dump(set)}");
    }

    [Fact]
    public void The_recorded_verdicts_are_omniidls()
    {
        Assert.SkipUnless(HasTool(Omniidl), "omniidl is not installed (omniidl package)");
        var work = Directory.CreateTempSubdirectory("stw-idl-edge-");
        try
        {
            var wrong = new ConcurrentBag<string>();
            var cases = Cases().Select(row => row.Data).ToList();
            Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
            {
                var path = Path.Combine(work.FullName, $"case{i}.idl");
                File.WriteAllText(path, cases[i].Item2 + "\n");
                var (exit, output) = Run(Omniidl, [path], work.FullName);
                if ((exit == 0) != cases[i].Item1)
                {
                    wrong.Add($"{cases[i].Item2}: recorded {cases[i].Item1}, omniidl says\n{output}");
                }
            });
            Assert.Empty(wrong);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
