using System.Reflection;
using Steward.Rpc.Corba;

namespace Steward.Rpc.CodeGen.Tests.Corba;

/// <summary>OMG IDL beyond the contract, from text through the front-end and the emitter to loaded, working C#.</summary>
public sealed class CorbaIdlTests
{
    private const string Idl = """
        #pragma prefix "steward.example"
        module Outer
        {
            const long Base = 3;
            const long Size = Base * 2 + 1;
            const string Hello = "hi";
            const char Letter = 'x';
            const double Ratio = 1.0 / 4.0;
            enum Shade { Light, Dark };
            const Shade Preferred = Dark;

            typedef short Grid[2][Base];
            typedef sequence<sequence<long, 2> > Nested;
            typedef string<5> Tag;

            module Inner
            {
                struct Cell { Grid g; Nested n; Tag s; wstring w; wchar c; any a; Object o; };
            };

            union ByShade switch (Shade) { case Light: string name; case Dark: long level; };
            union ByChar switch (char) { case 'a': case 'b': long ab; default: Inner::Cell cell; };
            union ByBool switch (boolean) { case TRUE: string yes; };

            exception Failed { sequence<string> reasons; Shade tone; };

            interface Forward;

            interface Base0
            {
                struct Pair { long v; };
                readonly attribute Pair current;
                Forward next() raises (Failed);
            };

            interface Forward : Base0
            {
                oneway void notify(in Inner::Cell cell);
                ByChar swap(inout ByShade s, out ByBool b) raises (Failed);
                attribute Tag label;
            };
        };
        """;

    private static Assembly Compiled => CorbaCompiler.Load("CorbaIdl", () => CorbaModel.FromIdl(Idl));

    [Fact]
    public void Modules_constants_typedefs_unions_forward_declarations_and_nested_types_compile_without_warnings()
    {
        var constants = Compiled.GetType("Outer.Constants", throwOnError: true)!;
        Assert.Equal(7, constants.GetField("Size")!.GetValue(null));
        Assert.Equal("hi", constants.GetField("Hello")!.GetValue(null));
        Assert.Equal('x', constants.GetField("Letter")!.GetValue(null));
        Assert.Equal(0.25, constants.GetField("Ratio")!.GetValue(null));
        Assert.Equal("Dark", constants.GetField("Preferred")!.GetValue(null)!.ToString());
        Assert.NotNull(Compiled.GetType("Outer.Base0.Pair", throwOnError: true));
        Assert.NotNull(Compiled.GetType("Outer.ForwardClient", throwOnError: true));
    }

    [Fact]
    public void Pragma_prefix_repository_ids_reach_the_generated_types_and_operations()
    {
        Assert.Equal("IDL:steward.example/Outer/Inner/Cell:1.0", Compiled.GetType("Outer.Inner.Cell", throwOnError: true)!.GetField("CorbaRepositoryId")!.GetValue(null));
        var holder = Compiled.GetType("Outer.ForwardCorbaMethods", throwOnError: true)!;
        var method = (IMethod)holder.GetField("Swap")!.GetValue(null)!;
        var operation = ((MethodCodecs)method.GetType().GetProperty("Codecs")!.GetValue(method)!).Get<ICorbaOperation>()!;
        Assert.Equal(["IDL:steward.example/Outer/Forward:1.0", "IDL:steward.example/Outer/Base0:1.0", CorbaRepositoryIds.Object], operation.RepositoryIds);
    }

    [Fact]
    public void A_struct_of_typedefs_any_and_object_round_trips()
    {
        dynamic cell = Activator.CreateInstance(Compiled.GetType("Outer.Inner.Cell", throwOnError: true)!)!;
        Assert.Equal(3, ((short[][])cell.G)[1].Length);
        cell.G[1][2] = (short)9;
        cell.N = new[] { new[] { 1, 2 }, Array.Empty<int>() };
        cell.S = "abcde";
        cell.W = "wide";
        cell.C = 'é';
        cell.A = CorbaAny.FromLong(5);
        var output = new CdrOutputStream();
        ((object)cell).GetType().GetMethod("Write")!.Invoke(null, [output, cell]);
        dynamic back = ((object)cell).GetType().GetMethod("Read")!.Invoke(null, [new CdrInputStream(output.ToArray(), true, GiopVersion.V1_2, CodeSets.Native)])!;
        Assert.Equal((object)cell, (object)back);
        Assert.Equal(5, ((CorbaAny)back.A).Get<int>());
        cell.N = new[] { new[] { 1, 2, 3 } };
        var ex = Assert.Throws<TargetInvocationException>(() => ((object)cell).GetType().GetMethod("Write")!.Invoke(null, [new CdrOutputStream(), cell]));
        Assert.Equal("BAD_PARAM", ((CorbaSystemException)ex.InnerException!).Name);
    }
}
