using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Steward.Rpc.CodeGen;
using DirectoryFileSource = Steward.Rpc.Schema.DirectoryFileSource;
using SchemaCompiler = Steward.Rpc.Schema.SchemaCompiler;

namespace Steward.Rpc.Generator.Tests;

/// <summary><c>&lt;StewardIdl Include="x.thrift" /&gt;</c> through the Roslyn generator, and the same code as <c>steward gen</c>.</summary>
public class ThriftIdlTests
{
    private const string Proj = GeneratorHarness.ProjectDir;

    private const string SharedText = """
        namespace netstd Gen.Shared
        struct Key { 1: required string name, 2: optional i64 version }
        service Store { Key get(1: string name) }
        """;

    private const string ServiceText = """
        namespace netstd Gen.Calc
        include "shared.thrift"
        enum Op { ADD = 1, SUB }
        const list<Op> ALL = [Op.ADD, Op.SUB]
        union Value { 1: i64 whole, 2: double real }
        exception Overflow { 1: string message, 2: Value at }
        struct Step { 1: Op op, 2: Value operand, 3: shared.Key key, 4: map<string, set<binary>> notes }
        service Calc extends shared.Store {
          Value apply(1: list<Step> steps) throws (1: Overflow overflow),
          oneway void clear(),
        }
        """;

    private static readonly IdlFile Shared = new(Proj + "idl/shared.thrift", SharedText);
    private static readonly IdlFile Service = new(Proj + "idl/calc.thrift", ServiceText);

    /// <summary>What generated Thrift code compiles against: the core, Steward.Rpc.Thrift and the framework.</summary>
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(Steward.Rpc.CallOptions).Assembly.Location);
        paths.Add(typeof(Steward.Rpc.Thrift.IThriftStruct).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    });

    private static (GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Run(params IdlFile[] files)
    {
        var compilation = CSharpCompilation.Create(
            "ThriftUser",
            [CSharpSyntaxTree.ParseText("namespace User { public class Marker { } }", CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest))],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = GeneratorHarness.NewDriver(files).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (driver, output, diagnostics);
    }

    [Fact]
    public void Thrift_files_with_includes_and_extends_generate_csharp_that_compiles_without_warnings()
    {
        var (_, output, diagnostics) = Run(Service, Shared);

        Assert.Empty(diagnostics);
        var problems = output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        Assert.NotNull(output.GetTypeByMetadataName("Gen.Calc.Step"));
        Assert.NotNull(output.GetTypeByMetadataName("Gen.Calc.Value"));
        Assert.NotNull(output.GetTypeByMetadataName("Gen.Calc.calcConstants"));
        Assert.Equal("Exception", output.GetTypeByMetadataName("Gen.Calc.Overflow")!.BaseType!.Name);
        Assert.Equal("StoreBase", output.GetTypeByMetadataName("Gen.Calc.Calc+CalcBase")!.BaseType!.Name);
        var client = output.GetTypeByMetadataName("Gen.Calc.Calc+CalcClient")!;
        Assert.Contains(client.GetMembers(), m => m.Name == "GetAsync");
        Assert.NotNull(output.GetTypeByMetadataName("Gen.Shared.Key"));
    }

    [Fact]
    public void A_thrift_error_becomes_a_build_diagnostic_at_its_line_and_column()
    {
        var bad = new IdlFile(Proj + "idl/bad.thrift", "struct S {\n  1: i32 a,\n  2: Missing b,\n}\n");

        var (_, _, diagnostics) = Run(bad);

        var error = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.StartsWith("STW2", error.Id, StringComparison.Ordinal);
        var span = error.Location.GetLineSpan();
        Assert.Equal(Proj + "idl/bad.thrift", span.Path);
        Assert.Equal(3, span.StartLinePosition.Line + 1);
        Assert.Contains("Missing", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Namespace_metadata_overrides_the_thrift_namespace()
    {
        var (driver, _, diagnostics) = Run(Shared with { Namespace = "Other.Place" });

        Assert.Empty(diagnostics);
        var text = driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("namespace Other.Place", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Gen.Shared", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_generator_emits_exactly_what_steward_gen_writes_for_the_same_files()
    {
        // steward gen: the files on disk, compiled through DirectoryFileSource with -I <root>, one CSharpGenerator run per root file.
        var root = Directory.CreateTempSubdirectory("steward-thrift-gen").FullName;
        Directory.CreateDirectory(Path.Combine(root, "idl"));
        File.WriteAllText(Path.Combine(root, "idl", "shared.thrift"), SharedText);
        File.WriteAllText(Path.Combine(root, "idl", "calc.thrift"), ServiceText);
        var set = SchemaCompiler.Compile(
            [Path.Combine(root, "idl", "calc.thrift"), Path.Combine(root, "idl", "shared.thrift")],
            new DirectoryFileSource([root]));
        Assert.False(set.Diagnostics.HasErrors, string.Join("\n", set.Diagnostics.Items));
        var cli = set.RootFiles
            .SelectMany(f => CSharpGenerator.Generate(set, f, new CodeGenOptions()))
            .ToDictionary(g => g.HintName, g => g.Content);

        var (driver, _, diagnostics) = Run(Service, Shared);

        Assert.Empty(diagnostics);
        var build = driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        Assert.Equal(cli.Keys.Order(), build.Keys.Order());
        Assert.All(cli, pair => Assert.Equal(pair.Value, build[pair.Key]));
    }
}
