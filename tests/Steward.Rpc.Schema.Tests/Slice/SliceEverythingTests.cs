using static Steward.Rpc.Schema.Tests.Slice.SliceTestSupport;

namespace Steward.Rpc.Schema.Tests.Slice;

/// <summary>TestData/everything.ice: every construct the front-end models, and the shape it gets.</summary>
public class SliceEverythingTests
{
    private static SchemaSet Everything()
    {
        var set = CompileFile(Path.Combine(DataDir, "everything.ice"), DataDir, IceSliceDir);
        AssertNoErrors(set);
        return set;
    }

    [Fact]
    public void Slice2py_accepts_the_everything_file_too()
    {
        Assert.SkipUnless(HasTool("/usr/bin/slice2py"), "slice2py is not installed");
        var work = Directory.CreateTempSubdirectory("stw-slice-");
        try
        {
            var (exit, output) = Run("/usr/bin/slice2py", ["-I" + IceSliceDir, "--output-dir", work.FullName, Path.Combine(DataDir, "everything.ice")]);
            Assert.True(exit == 0, output);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public void Includes_load_once_each_before_the_including_file()
    {
        var set = Everything();
        Assert.Equal("everything.ice", set.RootFiles.Single().Path);
        var paths = set.Files.Select(f => f.Path).ToList();
        Assert.Contains("sub/shared.ice", paths);
        Assert.Contains("Ice/Identity.ice", paths);
        Assert.Equal(paths.Count, paths.Distinct().Count());
        Assert.Equal("everything.ice", paths[^1]);
        var imports = set.RootFiles.Single().Imports;
        Assert.Equal(["sub/shared.ice", "Ice/Identity.ice"], imports.Select(i => i.Path));
        Assert.All(imports, i => Assert.NotNull(i.File));
        Assert.All(set.Files, f => Assert.Equal(Steward.Rpc.Schema.Slice.SliceSyntax.Slice, f.Syntax));
    }

    [Fact]
    public void Nested_modules_give_dotted_full_names_and_enums_count_on_from_explicit_values()
    {
        var set = Everything();
        var color = Assert.IsType<EnumDef>(set.FindType("A.B.Color"));
        Assert.Equal(["Red:0", "Green:5", "Blue:6"], color.Values.Select(v => $"{v.Name}:{v.Number}"));
        Assert.Equal("A.B.Color.Blue", color.Values[2].FullName);
        Assert.Equal("The colour of things.\nSecond line.", color.Documentation);
        Assert.Equal("A point shared by other files.", Message(set, "Shared.Pos").Documentation);
    }

    [Fact]
    public void Constants_keep_their_literals()
    {
        var set = Everything();
        var constants = set.RootFiles.Single().Constants.ToDictionary(c => c.Name);
        Assert.Equal("A.B.MaxByte", constants["MaxByte"].FullName);
        Assert.True(constants["MaxByte"].Type.IsScalar(ScalarType.Byte));
        Assert.Equal(ConstantKind.Identifier, constants["Favourite"].Value.Kind);
        Assert.Equal(TypeKind.Enum, constants["Favourite"].Type.Kind);
        Assert.Equal("-32768", constants["MinShort"].Value.Text);
        Assert.Equal(2147483647UL, constants["Hex"].Value.IntegerMagnitude);
        Assert.Equal(15UL, constants["Octal"].Value.IntegerMagnitude);
        Assert.True(constants["MinLong"].Value.TryGetInt64(out var min) && min == long.MinValue);
        Assert.Equal(0.5, constants["Half"].Value.FloatValue);
        Assert.Equal("h\u00e9llo\t\"x\"", constants["Greeting"].Value.Text);
        Assert.True(constants["Yes"].Value.BoolValue);
        Assert.Equal("Hex", constants["Copy"].Value.Text);
    }

    [Fact]
    public void Classes_carry_compact_ids_bases_tags_and_defaults()
    {
        var set = Everything();
        var shape = Message(set, "A.B.Shape");
        Assert.Equal("shape", Field(shape, "name").DefaultValue!.Text);
        var peer = Field(shape, "peer").Type;
        Assert.Equal(TypeKind.Proxy, peer.Kind);
        Assert.Same(set.Services["A.B.Remote"], peer.Service);
        Assert.Same(shape, Field(shape, "next").Type.Definition);
        var circle = Message(set, "A.B.Circle");
        Assert.Equal(3, circle.CompactId);
        Assert.Same(shape, circle.Base);
        Assert.Equal(["radius:0:False", "label:2:True", "tint:7:True", "any:3:False", "also:4:False"],
            circle.Fields.Select(f => $"{f.Name}:{f.Number}:{f.IsTagged}"));
        Assert.Equal(FieldLabel.Optional, Field(circle, "label").Label);
        Assert.Equal("Red", Field(circle, "tint").DefaultValue!.Text);
        Assert.True(Field(circle, "any").Type.IsScalar(ScalarType.AnyClass));
        Assert.True(Field(circle, "also").Type.IsScalar(ScalarType.AnyClass));
        var worse = Message(set, "A.B.Worse");
        Assert.Equal("::A::B::Problem", worse.BaseName);
        Assert.Same(Message(set, "A.B.Problem"), worse.Base);
        Assert.Equal(1UL, Field(Message(set, "A.B.Point"), "x").DefaultValue!.IntegerMagnitude);
    }

    [Fact]
    public void Typedefs_resolve_through_to_lists_maps_and_proxies()
    {
        var set = Everything();
        var typedefs = set.Files.SelectMany(f => f.Typedefs).ToDictionary(t => t.FullName);
        Assert.Equal(TypeKind.Map, typedefs["A.B.Named"].Target.Kind);
        Assert.Equal(TypeKind.List, typedefs["A.B.Named"].Target.Element!.Kind);
        Assert.Equal("A.B.Point", typedefs["A.B.ByPoint"].Target.Key!.Definition!.FullName);
        var remote = typedefs["A.B.Remotes"].Target.Element!;
        Assert.Equal(TypeKind.Proxy, remote.Kind);
        Assert.Same(set.Services["A.B.Remote"], remote.Service);
    }

    [Fact]
    public void Interfaces_link_several_bases_and_operations_keep_their_parameters()
    {
        var set = Everything();
        var ops = set.Services["A.Ops"];
        Assert.Equal(["B::Remote", "::Shared::Base"], ops.BaseNames);
        Assert.Equal(["A.B.Remote", "Shared.Base"], ops.Bases.Select(b => b.FullName));
        Assert.NotNull(ops.FindOption("amd"));
        var paint = ops.Methods.Single(m => m.Name == "paint");
        Assert.True(paint.IsIdempotent);
        Assert.NotNull(paint.FindOption("format:sliced"));
        Assert.Equal(["Problem", "Worse"], paint.Throws.Select(t => t.Name));
        Assert.All(paint.Throws, t => Assert.Equal(MessageKind.Exception, Assert.IsType<MessageDef>(t.Type.Definition).Kind));
        Assert.Equal("A.B.Color", paint.ReturnValue!.Type.Definition!.FullName);
        var find = ops.Methods.Single(m => m.Name == "find");
        Assert.Equal(["key:2:in:True", "module:1:in:False", "count:3:out:True"],
            find.Parameters.Select(p => $"{p.Name}:{p.Number}:{(p.IsOut ? "out" : "in")}:{p.IsTagged}"));
        var any = ops.Methods.Single(m => m.Name == "any");
        Assert.Equal(TypeKind.Proxy, any.ReturnValue!.Type.Kind);
        Assert.Null(any.ReturnValue.Type.Service);
        Assert.Equal("Ice.Identity", any.Parameters[1].Type.Definition!.FullName);
        Assert.DoesNotContain(ops.Methods, m => m.Name == "never");
    }

    [Fact]
    public void Metadata_is_recorded_as_options()
    {
        var set = Everything();
        var file = set.RootFiles.Single();
        Assert.Equal(ConstantKind.String, file.FindOption("python:pkgdir:everything")!.Value.Kind);
        var moduleMetadata = file.FindOption("cs:namespace:Outer")!;
        Assert.Equal(ConstantKind.Identifier, moduleMetadata.Value.Kind);
        Assert.Equal("A", moduleMetadata.Value.Text);
        var helper = set.Services["A.Helper2"];
        Assert.NotNull(helper.FindOption("local"));
    }
}
