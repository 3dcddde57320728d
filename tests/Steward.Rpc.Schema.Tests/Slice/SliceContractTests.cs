using Steward.Rpc.Schema.Slice;
using static Steward.Rpc.Schema.Tests.Slice.SliceTestSupport;

namespace Steward.Rpc.Schema.Tests.Slice;

/// <summary>The Ice interop contract compiles to the model shape the Ice emitter relies on.</summary>
public class SliceContractTests
{
    private static SchemaSet CompileContract()
    {
        var path = ContractPath() ?? throw new InvalidOperationException("StewardTest.ice is in neither testassets/ice nor /work/shared/interop/ice");
        var set = CompileFile(path);
        AssertNoErrors(set);
        Assert.Empty(set.Diagnostics.Items);
        return set;
    }

    [Fact]
    public void The_contract_file_is_one_Slice_file_without_a_package()
    {
        var set = CompileContract();
        var file = Assert.Single(set.RootFiles);
        Assert.Equal(SliceSyntax.Slice, file.Syntax);
        Assert.Equal("", file.Package);
        Assert.IsType<SliceFrontEnd>(FrontEndRegistry.Default.ForPath("a/StewardTest.ice"));
    }

    [Fact]
    public void Slice2py_accepts_the_contract_too()
    {
        Assert.SkipUnless(HasTool("/usr/bin/slice2py"), "slice2py is not installed");
        var work = Directory.CreateTempSubdirectory("stw-slice-");
        try
        {
            var (exit, output) = Run("/usr/bin/slice2py", ["--output-dir", work.FullName, ContractPath()!]);
            Assert.True(exit == 0, output);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public void Structs_enums_and_their_members_map_to_messages_and_enums()
    {
        var set = CompileContract();
        var color = Assert.IsType<EnumDef>(set.FindType("Test.Color"));
        Assert.Equal(["Red:0", "Green:1", "Blue:2"], color.Values.Select(v => $"{v.Name}:{v.Number}"));
        var point = Message(set, "Test.Point");
        Assert.Equal(MessageKind.Struct, point.Kind);
        Assert.Equal(["x:0:Int32", "y:1:Int32"], point.Fields.Select(f => $"{f.Name}:{f.Number}:{f.Type.Scalar}"));
        Assert.All(point.Fields, f => Assert.Same(point, f.Owner));
        var rich = Message(set, "Test.Rich");
        Assert.Equal(
            ["Bool", "Byte", "Int16", "Int32", "Int64", "Float", "Double", "String"],
            rich.Fields.Take(8).Select(f => f.Type.Scalar.ToString()));
        Assert.Same(color, Field(rich, "c").Type.Definition);
        Assert.Same(point, Field(rich, "p").Type.Definition);
        Assert.Equal(Enumerable.Range(0, 10), rich.Fields.Select(f => f.Number));
    }

    [Fact]
    public void Sequences_and_dictionaries_are_typedefs_of_lists_and_maps()
    {
        var set = CompileContract();
        var file = set.RootFiles.Single();
        var typedefs = file.Typedefs.ToDictionary(t => t.FullName);
        Assert.Equal(TypeKind.List, typedefs["Test.ByteSeq"].Target.Kind);
        Assert.True(typedefs["Test.ByteSeq"].Target.Element!.IsScalar(ScalarType.Byte));
        var stringSeqSeq = typedefs["Test.StringSeqSeq"].Target;
        Assert.Equal(TypeKind.List, stringSeqSeq.Element!.Kind);
        Assert.True(stringSeqSeq.Element.Element!.IsScalar(ScalarType.String));
        var nested = typedefs["Test.IntStringSeqDict"].Target;
        Assert.Equal(TypeKind.Map, nested.Kind);
        Assert.True(nested.Key!.IsScalar(ScalarType.Int32));
        Assert.Equal(TypeKind.List, nested.Element!.Kind);
        Assert.Same(typedefs["Test.StringSeq"], set.FindType("Test.StringSeq"));
        var shapes = typedefs["Test.ShapeSeq"].Target.Element!;
        Assert.Equal(TypeKind.Message, shapes.Kind);
        Assert.Equal("Test.Shape", shapes.Definition!.FullName);
    }

    [Fact]
    public void Classes_and_exceptions_link_their_bases()
    {
        var set = CompileContract();
        var shape = Message(set, "Test.Shape");
        var circle = Message(set, "Test.Circle");
        Assert.Equal(MessageKind.Class, circle.Kind);
        Assert.Equal("Shape", circle.BaseName);
        Assert.Same(shape, circle.Base);
        Assert.Null(shape.Base);
        Assert.Null(circle.CompactId);
        var node = Message(set, "Test.Node");
        Assert.Same(node, Field(node, "next").Type.Definition);
        var derived = Message(set, "Test.DerivedError");
        Assert.Equal(MessageKind.Exception, derived.Kind);
        Assert.Same(Message(set, "Test.BaseError"), derived.Base);
        Assert.Equal(["code:0"], derived.Fields.Select(f => $"{f.Name}:{f.Number}"));
    }

    [Fact]
    public void The_interface_maps_to_a_service_of_unary_methods_with_parameters()
    {
        var set = CompileContract();
        var service = set.Services["Test.Operations"];
        Assert.Same(set.RootFiles.Single(), service.File);
        Assert.Empty(service.BaseNames);
        Assert.All(service.Methods, m =>
        {
            Assert.Equal(CallKind.Unary, m.CallKind);
            Assert.Same(service, m.Service);
            Assert.Equal(TypeRef.Void, m.InputType);
            Assert.Equal(TypeRef.Void, m.OutputType);
        });
        var ping = service.Methods.Single(m => m.Name == "ping");
        Assert.Null(ping.ReturnValue);
        Assert.Empty(ping.Parameters);
        var opBool = service.Methods.Single(m => m.Name == "opBool");
        Assert.Equal("Test.Operations.opBool", opBool.FullName);
        Assert.Equal("returnValue", opBool.ReturnValue!.Name);
        Assert.True(opBool.ReturnValue.Type.IsScalar(ScalarType.Bool));
        Assert.Equal(["a:in:0", "b:out:1"], opBool.Parameters.Select(p => $"{p.Name}:{(p.IsOut ? "out" : "in")}:{p.Number}"));
        var opOptional = service.Methods.Single(m => m.Name == "opOptional");
        Assert.True(opOptional.ReturnValue!.IsTagged);
        Assert.Equal(1, opOptional.ReturnValue.Number);
        Assert.Equal(
            ["a:2:in:Int32", "s:3:in:String", "outS:4:out:String"],
            opOptional.Parameters.Select(p => $"{p.Name}:{p.Number}:{(p.IsOut ? "out" : "in")}:{p.Type.Scalar}"));
        Assert.All(opOptional.Parameters, p => Assert.Equal(FieldLabel.Optional, p.Label));
        var throwDerived = service.Methods.Single(m => m.Name == "throwDerived");
        var thrown = Assert.Single(throwDerived.Throws);
        Assert.Same(Message(set, "Test.BaseError"), thrown.Type.Definition);
        Assert.True(service.Methods.Single(m => m.Name == "opIdempotent").IsIdempotent);
        Assert.False(opBool.IsIdempotent);
        var ctx = service.Methods.Single(m => m.Name == "opContext").ReturnValue!.Type;
        Assert.Equal(TypeKind.Map, ctx.Kind);
        Assert.True(ctx.Key!.IsScalar(ScalarType.String) && ctx.Element!.IsScalar(ScalarType.String));
    }
}
