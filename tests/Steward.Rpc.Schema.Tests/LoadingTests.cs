using static Steward.Rpc.Schema.Tests.TestSupport;

namespace Steward.Rpc.Schema.Tests;

public class LoadingTests
{
    private const string P3 = "syntax = \"proto3\";\n";

    [Fact]
    public void Import_cycle_is_reported_at_the_import_that_closes_it()
    {
        var set = Compile(P3 + "import \"b.proto\";\n",
            ("b.proto", P3 + "import \"c.proto\";\n"),
            ("c.proto", P3 + "import \"test.proto\";\n"));
        var diagnostic = Assert.Single(set.Diagnostics.Items);
        Assert.Equal("STW1021", diagnostic.Code);
        Assert.Equal(new SourceLocation("c.proto", 2, 8), diagnostic.Location);
        Assert.Contains("test.proto -> b.proto -> c.proto -> test.proto", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Self_import_is_a_cycle()
    {
        var set = Compile(P3 + "import \"test.proto\";\n");
        Assert.Equal(["STW1021 2:8"], Codes(set));
    }

    [Fact]
    public void Diamond_imports_load_each_file_once()
    {
        var set = Compile(P3 + "import \"b.proto\";\nimport \"c.proto\";\nmessage T { D d = 1; }\n",
            ("b.proto", P3 + "import \"d.proto\";\n"),
            ("c.proto", P3 + "import \"d.proto\";\n"),
            ("d.proto", P3 + "message D {}\n"));
        Assert.Equal(["STW1031 4:13"], Codes(set));
        Assert.Equal(new[] { "d.proto", "b.proto", "c.proto", "test.proto" }, set.Files.Select(f => f.Path));
    }

    [Fact]
    public void Public_imports_are_re_exported_transitively_but_plain_imports_are_not()
    {
        var set = Compile(P3 + "import \"b.proto\";\nmessage T {\n  C c = 1;\n  D d = 2;\n  E e = 3;\n}\n",
            ("b.proto", P3 + "import public \"c.proto\";\nimport \"e.proto\";\n"),
            ("c.proto", P3 + "import public \"d.proto\";\nmessage C {}\n"),
            ("d.proto", P3 + "message D {}\n"),
            ("e.proto", P3 + "message E {}\n"));
        var diagnostic = Assert.Single(set.Diagnostics.Items);
        Assert.Equal("STW1031", diagnostic.Code);
        Assert.Equal(new SourceLocation("test.proto", 6, 3), diagnostic.Location);
        Assert.Contains("\"E\" seems to be defined in \"e.proto\"", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("C", Message(set, "T").Fields[0].Type.Definition!.Name);
        Assert.Equal("D", Message(set, "T").Fields[1].Type.Definition!.Name);
    }

    [Fact]
    public void Missing_root_file_is_reported_and_nothing_throws()
    {
        var set = SchemaCompiler.Compile(["absent.proto"], new InMemoryFileSource());
        Assert.Equal("STW1023", Assert.Single(set.Diagnostics.Items).Code);
        Assert.Empty(set.Files);
    }

    [Fact]
    public void Two_roots_sharing_an_import_share_the_file()
    {
        var source = new InMemoryFileSource()
            .Add("a.proto", P3 + "import \"common.proto\";\nmessage A { Common c = 1; }\n")
            .Add("b.proto", P3 + "import \"common.proto\";\nmessage B { Common c = 1; }\n")
            .Add("common.proto", P3 + "message Common {}\n");
        var set = SchemaCompiler.Compile(["a.proto", "b.proto", "a.proto"], source);
        AssertClean(set);
        Assert.Equal(new[] { "a.proto", "b.proto" }, set.RootFiles.Select(f => f.Path));
        Assert.Equal(3, set.Files.Count);
        Assert.Same(Message(set, "A").Fields[0].Type.Definition, Message(set, "B").Fields[0].Type.Definition);
    }

    [Fact]
    public void Same_type_in_two_files_is_a_duplicate_definition()
    {
        var set = Compile(P3 + "import \"b.proto\";\nmessage M {}\n", ("b.proto", P3 + "message M {}\n"));
        var diagnostic = Assert.Single(set.Diagnostics.Items);
        Assert.Equal("STW1033", diagnostic.Code);
        Assert.Contains("already defined in file \"b.proto\"", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_source_keys_root_files_by_the_import_path_that_contains_them()
    {
        var root = Path.Combine(TestDataDir, "everything", "everything.proto");
        var set = SchemaCompiler.Compile([root], new DirectoryFileSource([TestDataDir]));
        AssertClean(set);
        Assert.Equal("everything/everything.proto", Root(set).Path);
    }

    [Fact]
    public void Directory_source_without_import_paths_uses_the_root_files_directory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "steward-schema-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        try
        {
            File.WriteAllText(Path.Combine(dir, "main.proto"), P3 + "import \"sub/dep.proto\";\nmessage Main { Dep d = 1; }\n");
            File.WriteAllText(Path.Combine(dir, "sub", "dep.proto"), P3 + "message Dep {}\n");
            var set = SchemaCompiler.Compile([Path.Combine(dir, "main.proto")], new DirectoryFileSource());
            AssertClean(set);
            Assert.Equal(new[] { "sub/dep.proto", "main.proto" }, set.Files.Select(f => f.Path));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Directory_source_reports_a_missing_import_at_its_line()
    {
        var dir = Path.Combine(Path.GetTempPath(), "steward-schema-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "main.proto"), P3 + "\nimport \"missing/dep.proto\";\n");
            var set = SchemaCompiler.Compile([Path.Combine(dir, "main.proto")], new DirectoryFileSource([dir]));
            var diagnostic = Assert.Single(set.Diagnostics.Items);
            Assert.Equal("main.proto:3:8: error STW1020: Import \"missing/dep.proto\" was not found or had errors.", diagnostic.ToString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Shipped_well_known_types_are_used_even_without_an_import_path()
    {
        var set = Compile(P3 + "import \"google/protobuf/any.proto\";\nimport \"google/protobuf/struct.proto\";\n" +
            "message M {\n  google.protobuf.Any a = 1;\n  google.protobuf.Struct s = 2;\n}\n");
        AssertClean(set);
        Assert.True(set.Files.Where(f => f.Path.StartsWith("google/", StringComparison.Ordinal)).All(f => f.IsWellKnown));
        Assert.False(Root(set).IsWellKnown);
    }

    [Fact]
    public void Shipped_well_known_types_win_over_a_same_named_file_of_the_source()
    {
        var set = Compile(P3 + "import \"google/protobuf/empty.proto\";\nmessage M { google.protobuf.Empty e = 1; }\n",
            ("google/protobuf/empty.proto", P3 + "package google.protobuf;\nmessage Other {}\n"));
        AssertClean(set);
        Assert.NotNull(set.FindType("google.protobuf.Empty"));
        Assert.Null(set.FindType("google.protobuf.Other"));
    }
}
