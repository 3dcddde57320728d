using Steward.Rpc.Schema.Thrift;
using static Steward.Rpc.Schema.Tests.Thrift.ThriftTestSupport;

namespace Steward.Rpc.Schema.Tests.Thrift;

public class ThriftLoadingTests
{
    [Fact]
    public void Included_types_are_referenced_by_program_name_and_services_extend_across_files()
    {
        var set = CompileData("everything.thrift");
        AssertNoErrors(set);
        var root = set.RootFiles.Single();
        Assert.Equal("everything", root.Package);
        Assert.Equal(["shared.thrift", "sub/nested.thrift"], root.Imports.Select(i => i.Path));
        // sub/nested.thrift includes "../shared.thrift": the same file, loaded once.
        Assert.Equal(3, set.Files.Count);
        Assert.Same(root.Imports[0].File, root.Imports[1].File!.Imports[0].File);
        var qualified = Field(Struct(set, "everything.Everything"), "qualified");
        Assert.Same(set.FindType("shared.SharedStruct"), qualified.Type.Definition);
        var child = set.Services["everything.Nested_child"];
        Assert.Equal("nested.NestedService", child.ExtendsName);
        Assert.Same(set.Services["nested.NestedService"], child.Extends);
        Assert.Same(set.Services["shared.SharedService"], child.Extends!.Extends);
    }

    [Fact]
    public void Include_is_found_next_to_the_including_file_before_the_search_path()
    {
        var source = new InMemoryFileSource()
            .Add("api/main.thrift", "include \"types.thrift\"\nstruct M { 1: types.T t }")
            .Add("api/types.thrift", "struct T { 1: i32 near }")
            .Add("types.thrift", "struct T { 1: i32 far }");
        var set = SchemaCompiler.Compile(["api/main.thrift"], source);
        AssertNoErrors(set);
        var t = Assert.IsType<MessageDef>(Field(Struct(set, "main.M"), "t").Type.Definition);
        Assert.Equal("near", t.Fields.Single().Name);
    }

    [Fact]
    public void Include_falls_back_to_the_include_paths_of_the_file_source()
    {
        var root = Directory.CreateTempSubdirectory("stw-thrift-inc-");
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "src"));
            Directory.CreateDirectory(Path.Combine(root.FullName, "lib"));
            File.WriteAllText(Path.Combine(root.FullName, "src", "main.thrift"), "include \"common.thrift\"\nstruct M { 1: common.C c }");
            File.WriteAllText(Path.Combine(root.FullName, "lib", "common.thrift"), "struct C { 1: i32 x }");
            var source = new DirectoryFileSource([Path.Combine(root.FullName, "lib")]);
            var set = SchemaCompiler.Compile([Path.Combine(root.FullName, "src", "main.thrift")], source);
            AssertNoErrors(set);
            Assert.Same(set.FindType("common.C"), Field(Struct(set, "main.M"), "c").Type.Definition);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void Missing_include_and_missing_root_are_errors_at_their_location()
    {
        var set = Compile("namespace * x\ninclude \"nowhere.thrift\"\nstruct S {}");
        var d = Assert.Single(set.Diagnostics.Items, i => i.Severity == DiagnosticSeverity.Error);
        Assert.Equal(ThriftDiagnostics.IncludeNotFound, d.Code);
        Assert.Equal("test.thrift:2:1", d.Location.ToString());

        var missing = SchemaCompiler.Compile(["absent.thrift"], new InMemoryFileSource());
        Assert.Equal([ThriftDiagnostics.FileNotFound], Errors(missing));
    }

    [Fact]
    public void Include_cycle_is_reported_with_the_chain()
    {
        var set = Compile("include \"a.thrift\"\nstruct S {}",
            ("a.thrift", "include \"b.thrift\""),
            ("b.thrift", "include \"test.thrift\""));
        var d = Assert.Single(set.Diagnostics.Items);
        Assert.Equal(ThriftDiagnostics.IncludeCycle, d.Code);
        Assert.Contains("test.thrift -> a.thrift -> b.thrift -> test.thrift", d.Message);
    }

    [Fact]
    public void A_program_prefix_that_is_not_included_is_an_unknown_type()
    {
        var set = Compile("include \"a.thrift\"\nstruct S { 1: b.Thing t }",
            ("a.thrift", "struct Thing {}"),
            ("b.thrift", "struct Thing {}"));
        var d = Assert.Single(set.Diagnostics.Items);
        Assert.Equal(ThriftDiagnostics.UnknownType, d.Code);
        Assert.Contains("no included file has the program name \"b\"", d.Message);
    }

    [Fact]
    public void Two_files_with_the_same_program_name_are_an_error()
    {
        var set = Compile("include \"a/common.thrift\"\ninclude \"b/common.thrift\"\nstruct S {}",
            ("a/common.thrift", "struct C {}"),
            ("b/common.thrift", "struct C {}"));
        var d = Assert.Single(set.Diagnostics.Items);
        Assert.Equal(ThriftDiagnostics.DuplicateInclude, d.Code);
        Assert.Equal("b/common.thrift:1:1", d.Location.ToString());
    }

    [Fact]
    public void A_thrift_type_clashing_with_a_proto_type_of_the_same_full_name_is_an_error()
    {
        var source = new InMemoryFileSource()
            .Add("a.proto", "syntax = \"proto3\";\npackage b;\nmessage Thing {}")
            .Add("b.thrift", "struct Thing {}");
        var set = SchemaCompiler.Compile(["a.proto", "b.thrift"], source);
        Assert.Equal([ThriftDiagnostics.DuplicateDefinition], Errors(set));
    }

    [Fact]
    public void Include_chains_and_file_sizes_are_bounded()
    {
        var source = new InMemoryFileSource();
        for (var i = 0; i <= ThriftCompiler.MaxFiles + 5; i++)
        {
            source.Add($"f{i}.thrift", $"include \"f{i + 1}.thrift\"");
        }
        var chain = SchemaCompiler.Compile(["f0.thrift"], source);
        Assert.Equal([ThriftDiagnostics.TooManyFiles], Errors(chain));

        source.Add("big.thrift", "struct S {}\n" + new string(' ', ThriftCompiler.MaxFileChars));
        var big = SchemaCompiler.Compile(["big.thrift"], source);
        Assert.Equal([ThriftDiagnostics.FileTooLarge], Errors(big));
    }

    [Fact]
    public void A_mixed_set_compiles_proto_and_thrift_files_into_one_result()
    {
        var source = new InMemoryFileSource()
            .Add("a.proto", "syntax = \"proto3\";\npackage p;\nmessage Req { string name = 1; }")
            .Add("b.thrift", "struct Thing { 1: string name }\nservice Svc { Thing get(1: string name) }");
        var set = SchemaCompiler.Compile(["a.proto", "b.thrift"], source);
        Assert.False(set.Diagnostics.HasErrors, Dump(set));
        Assert.Equal([IdlSyntax.Proto3, IdlSyntax.Thrift], set.RootFiles.Select(f => f.Syntax));
        Assert.NotNull(set.FindType("p.Req"));
        Assert.NotNull(set.FindType("b.Thing"));
        Assert.True(set.Services.ContainsKey("b.Svc"));
    }

    [Fact]
    public void Apache_cross_test_idl_parses_with_uuid_members()
    {
        var path = Path.GetFullPath(Path.Combine(DataDir, "..", "..", "..", "..", "testassets", "thrift", "ThriftTest.thrift"));
        Assert.True(File.Exists(path), path + " is missing");
        var set = SchemaCompiler.Compile([path], new DirectoryFileSource());
        // Not even a warning: generated projects build with warnings as errors.
        Assert.True(set.Diagnostics.Items.Count == 0, Dump(set));
        var service = set.Services["ThriftTest.ThriftTest"];
        var testUuid = service.Methods.Single(m => m.Name == "testUuid");
        Assert.True(testUuid.OutputType.IsScalar(ScalarType.Uuid));
        Assert.True(testUuid.Parameters.Single().Type.IsScalar(ScalarType.Uuid));
        var oneway = service.Methods.Single(m => m.Name == "testOneway");
        Assert.True(oneway.IsOneway);
        var multi = service.Methods.Single(m => m.Name == "testMultiException");
        Assert.Equal(["err1", "err2"], multi.Throws.Select(t => t.Name));
        var insanity = service.Methods.Single(m => m.Name == "testInsanity").OutputType;
        Assert.Equal(TypeKind.Map, insanity.Kind);
        Assert.True(insanity.Key!.IsScalar(ScalarType.Int64));
        Assert.Equal(TypeKind.Enum, insanity.Element!.Key!.Kind);
        Assert.Equal("Numberz", insanity.Element.Key.Definition!.Name);
    }
}
