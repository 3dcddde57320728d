using Mapping;
using Steward.Rpc.Ice;

namespace Steward.Rpc.CodeGen.Tests.Ice;

/// <summary>How Slice maps to C#: defaults, constants, nested and renamed modules, interface inheritance, formats.</summary>
public sealed class IceMappingTests
{
    [Fact]
    public void Struct_members_start_at_their_slice_defaults()
    {
        var d = new Defaults();
        Assert.Equal((5, "x\ty", Test.Color.Green, true, 2.5, -9000000000L, (byte)255), (d.N, d.S, d.C, d.B, d.D, d.Big, d.Small));
    }

    [Fact]
    public void Constants_are_fields_of_the_module_s_constants_class()
    {
        Assert.Equal(42, Constants.Answer);
        Assert.Equal("hi", Constants.Greeting);
        Assert.Equal(Test.Color.Blue, Constants.Favourite);
    }

    [Fact]
    public void Nested_modules_nest_namespaces_and_cs_namespace_prefixes_them()
    {
        Assert.Equal("Mapping.Inner", typeof(Mapping.Inner.Box).Namespace);
        Assert.Equal("Steward.Samples.Renamed", typeof(Steward.Samples.Renamed.Q).Namespace);
    }

    [Fact]
    public void A_struct_holding_classes_round_trips_them_with_their_sharing()
    {
        var circle = new Test.Circle { Name = "c" };
        var holder = new Mapping.Inner.Box { Shape = circle, Node = new Test.Node { Value = 1 }, Shapes = [circle] };
        var back = IceWire.Decapsulate(IceWire.Encapsulate(IceFormat.Sliced, holder.IceWrite), Mapping.Inner.Box.IceRead);
        Assert.Same(back.Shape, back.Shapes[0]);
        Assert.Equal(1, back.Node!.Value);
        Assert.Equal("c", back.Shape!.Name);
    }

    [Fact]
    public void A_derived_interface_serves_its_bases_operations_and_lists_their_type_ids()
    {
        var methods = new DerivedServant().BindService().Methods.Select(m => m.Method.Name).Order().ToArray();
        Assert.Equal(["baseOp", "compactOp", "slicedOp"], methods);
        var op = DerivedIceMethods.BaseOp.Codecs.Get<IceOperation<IceVoid, IceVoid>>()!;
        Assert.Equal(["::Ice::Object", "::Mapping::Base", "::Mapping::Derived"], op.InterfaceTypeIds);
        Assert.Equal("::Mapping::Derived", op.InterfaceTypeId);
        Assert.Equal("Mapping.Derived", DerivedIceMethods.BaseOp.ServiceName);
    }

    [Fact]
    public void The_format_metadata_of_an_interface_applies_unless_the_operation_overrides_it()
    {
        Assert.Equal(IceFormat.Sliced, DerivedIceMethods.SlicedOp.Codecs.Get<IceOperation<DerivedIceMethods.SlicedOpArgs, DerivedIceMethods.SlicedOpReply>>()!.Format);
        Assert.Equal(IceFormat.Compact, DerivedIceMethods.CompactOp.Codecs.Get<IceOperation<IceVoid, IceVoid>>()!.Format);
    }

    [Fact]
    public void A_cs_generic_list_sequence_maps_to_a_list_and_others_stay_arrays()
    {
        Assert.Equal(typeof(List<int>), typeof(Lists).GetProperty(nameof(Lists.A))!.PropertyType);
        Assert.Equal(typeof(int[]), typeof(Lists).GetProperty(nameof(Lists.B))!.PropertyType);
        var circle = new Test.Circle { Name = "o" };
        var lists = new Lists { A = [1, 2], B = [3], Shapes = [circle, null, circle] };
        var back = IceWire.Decapsulate(IceWire.Encapsulate(IceFormat.Compact, lists.IceWrite), Lists.IceRead);
        Assert.Equal([1, 2], back.A);
        Assert.Equal([3], back.B);
        Assert.Equal(3, back.Shapes.Count);
        Assert.Same(back.Shapes[0], back.Shapes[2]);
        Assert.Null(back.Shapes[1]);
    }

    private sealed class DerivedServant : DerivedBase
    {
        public override Task BaseOpAsync(ServerCallContext context) => Task.CompletedTask;
        public override Task CompactOpAsync(ServerCallContext context) => Task.CompletedTask;
        public override Task<Test.Shape?> SlicedOpAsync(Test.Shape? s, int context_, string options, ServerCallContext context) => Task.FromResult(s);
    }
}
