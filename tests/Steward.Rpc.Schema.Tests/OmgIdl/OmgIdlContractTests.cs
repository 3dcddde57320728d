using Steward.Rpc.Schema.OmgIdl;
using static Steward.Rpc.Schema.Tests.OmgIdl.OmgIdlTestSupport;

namespace Steward.Rpc.Schema.Tests.OmgIdl;

/// <summary>The CORBA interop contract compiles to the model shape the CORBA emitter relies on.</summary>
public class OmgIdlContractTests
{
    private static SchemaSet CompileContract()
    {
        var path = ContractPath() ?? throw new InvalidOperationException("StewardTest.idl is in neither testassets/corba nor ../shared/interop/corba");
        var set = CompileFile(path);
        AssertNoErrors(set);
        Assert.Empty(set.Diagnostics.Items);
        return set;
    }

    [Fact]
    public void The_contract_is_one_OMG_IDL_file_compiled_by_the_registered_front_end()
    {
        var set = CompileContract();
        var file = Assert.Single(set.RootFiles);
        Assert.Equal(OmgIdlSyntax.OmgIdl, file.Syntax);
        Assert.Equal("", file.Package);
        Assert.Equal("StewardTest.idl", file.Path);
        Assert.IsType<OmgIdlFrontEnd>(FrontEndRegistry.Default.ForPath("a/StewardTest.idl"));
    }

    [Fact]
    public void Structs_enums_and_their_members_map_to_messages_and_enums_with_repository_ids()
    {
        var set = CompileContract();
        var color = Assert.IsType<EnumDef>(set.FindType("Test.Color"));
        Assert.Equal(["Red:0", "Green:1", "Blue:2"], color.Values.Select(v => $"{v.Name}:{v.Number}"));
        Assert.Equal("IDL:Test/Color:1.0", color.RepositoryId);
        var point = Message(set, "Test.Point");
        Assert.Equal(MessageKind.Struct, point.Kind);
        Assert.Equal("IDL:Test/Point:1.0", point.RepositoryId);
        Assert.Equal(["x:0:Int32", "y:1:Int32"], point.Fields.Select(f => $"{f.Name}:{f.Number}:{f.Type.Scalar}"));
        var rich = Message(set, "Test.Rich");
        Assert.Equal(
            ["Bool", "Byte", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64", "Float", "Double", "Char", "String"],
            rich.Fields.Take(12).Select(f => f.Type.Scalar.ToString()));
        Assert.Same(color, Field(rich, "col").Type.Definition);
        Assert.Same(point, Field(rich, "p").Type.Definition);
        Assert.All(rich.Fields, f => Assert.Same(rich, f.Owner));
    }

    [Fact]
    public void Typedefs_keep_their_alias_and_resolve_to_sequences_and_arrays()
    {
        var set = CompileContract();
        var octets = Assert.IsType<TypedefDef>(set.FindType("Test.OctetSeq"));
        Assert.Equal(TypeKind.List, octets.Target.Kind);
        Assert.True(octets.Target.Element!.IsScalar(ScalarType.Byte));
        Assert.Null(octets.Target.Bound);
        Assert.Equal("IDL:Test/OctetSeq:1.0", octets.RepositoryId);
        var nested = Assert.IsType<TypedefDef>(set.FindType("Test.StringSeqSeq"));
        Assert.Equal(TypeKind.List, nested.Target.Element!.Kind);
        Assert.Equal("StringSeq", nested.Target.Element.Alias!.Name);
        var array = Assert.IsType<TypedefDef>(set.FindType("Test.LongArray"));
        Assert.Equal(TypeKind.Array, array.Target.Kind);
        Assert.Equal(4, array.Target.ArrayLength);
        var operations = set.Services["Test.Operations"];
        var opArray = Method(operations, "opArray");
        Assert.Same(array, opArray.ReturnValue!.Type.Alias);
        Assert.Equal(TypeKind.Array, opArray.ReturnValue.Type.Kind);
        Assert.Equal(4, opArray.Parameters[0].Type.ArrayLength);
    }

    [Fact]
    public void The_union_has_a_long_discriminator_case_labels_and_a_default()
    {
        var set = CompileContract();
        var value = Message(set, "Test.Value");
        Assert.Equal(MessageKind.Union, value.Kind);
        Assert.True(value.Discriminator!.IsScalar(ScalarType.Int32));
        Assert.Equal(["l:1", "s:2", "p:3", "b:default"],
            value.Fields.Select(f => f.Name + ":" + (f.IsDefaultCase ? "default" : string.Join(",", f.CaseLabels.Select(l => l.Text)))));
        Assert.All(value.Fields.Take(3), f => Assert.Equal(ConstantKind.Integer, Assert.Single(f.CaseLabels).Kind));
        Assert.Equal("IDL:Test/Value:1.0", value.RepositoryId);
    }

    [Fact]
    public void Exceptions_are_exception_messages_raised_by_operations()
    {
        var set = CompileContract();
        var baseError = Message(set, "Test.BaseError");
        Assert.Equal(MessageKind.Exception, baseError.Kind);
        Assert.Equal("IDL:Test/BaseError:1.0", baseError.RepositoryId);
        var operations = set.Services["Test.Operations"];
        var throwOther = Method(operations, "throwOther");
        Assert.Equal(["Test.BaseError", "Test.OtherError"], throwOther.Throws.Select(t => t.Type.Definition!.FullName));
        Assert.Empty(Method(operations, "throwSystem").Throws);
    }

    [Fact]
    public void Operations_have_parameters_in_order_with_out_and_inout_and_a_return_value()
    {
        var set = CompileContract();
        var operations = set.Services["Test.Operations"];
        Assert.Equal("IDL:Test/Operations:1.0", operations.RepositoryId);
        Assert.Equal("Test.Operations", operations.FullName);
        var opShort = Method(operations, "opShort");
        Assert.Equal(["a:in", "b:in", "diff:out"], opShort.Parameters.Select(p => p.Name + ":" + (p.IsOut ? "out" : p.IsInOut ? "inout" : "in")));
        Assert.Equal("returnValue", opShort.ReturnValue!.Name);
        Assert.True(opShort.ReturnValue.Type.IsScalar(ScalarType.Int16));
        Assert.Equal(TypeRef.Void, opShort.InputType);
        Assert.Equal(TypeRef.Void, opShort.OutputType);
        var inOut = Method(operations, "opInOut");
        Assert.All(inOut.Parameters, p => Assert.True(p.IsInOut && !p.IsOut));
        Assert.Null(inOut.ReturnValue);
        var ping = Method(operations, "ping");
        Assert.Empty(ping.Parameters);
        Assert.Null(ping.ReturnValue);
        var setValue = Method(operations, "setValue");
        Assert.True(setValue.IsOneway);
        Assert.True(Method(operations, "opAny").ReturnValue!.Type.IsScalar(ScalarType.Any));
        Assert.All(operations.Methods, m => Assert.Same(operations, m.Service));
        Assert.All(operations.Methods, m => Assert.Equal("Test.Operations." + m.Name, m.FullName));
    }

    [Fact]
    public void Attributes_become_get_and_set_accessors_named_as_on_the_wire()
    {
        var set = CompileContract();
        var operations = set.Services["Test.Operations"];
        var getCounter = Method(operations, "_get_counter");
        Assert.Equal(AttributeAccessor.Get, getCounter.Accessor);
        Assert.Equal("counter", getCounter.AttributeName);
        Assert.True(getCounter.ReturnValue!.Type.IsScalar(ScalarType.Int32));
        Assert.Empty(getCounter.Parameters);
        var setCounter = Method(operations, "_set_counter");
        Assert.Equal(AttributeAccessor.Set, setCounter.Accessor);
        Assert.Null(setCounter.ReturnValue);
        var value = Assert.Single(setCounter.Parameters);
        Assert.Equal("value", value.Name);
        Assert.False(value.IsOut || value.IsInOut);
        Assert.Contains(operations.Methods, m => m.Name == "_get_name");
        Assert.DoesNotContain(operations.Methods, m => m.Name == "_set_name");
    }

    [Fact]
    public void An_interface_used_as_a_type_is_a_proxy_to_its_service()
    {
        var set = CompileContract();
        var operations = set.Services["Test.Operations"];
        var self = Method(operations, "self").ReturnValue!.Type;
        Assert.Equal(TypeKind.Proxy, self.Kind);
        Assert.Same(operations, self.Service);
    }
}
