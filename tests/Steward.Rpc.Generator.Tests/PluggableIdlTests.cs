using Microsoft.CodeAnalysis;
using Steward.Rpc.CodeGen;
using Steward.Rpc.Generator.Tests.Toy;
using FrontEndRegistry = Steward.Rpc.Schema.FrontEndRegistry;
using SchemaDiagnostics = Steward.Rpc.Schema.SchemaDiagnostics;

namespace Steward.Rpc.Generator.Tests;

/// <summary>A new IDL is a front-end and an emitter in registries: the source generator runs it unchanged.</summary>
public class PluggableIdlTests
{
    private const string Proj = GeneratorHarness.ProjectDir;

    private static IdlSourceGenerator WithToy() =>
        new(FrontEndRegistry.Default.With(new ToyFrontEnd()), EmitterRegistry.Default.With(new ToyEmitter()));

    [Fact]
    public void A_registered_toy_idl_generates_csharp_with_the_shared_preamble()
    {
        var shapes = new IdlFile(Proj + "models/shapes.toy", "record Circle\n\nrecord Square\n");
        var point = new IdlFile(Proj + "point.proto", "syntax = \"proto3\";\npackage geo;\nmessage Point { int32 x = 1; }\n");

        var (driver, output, diagnostics) = GeneratorHarness.Run([shapes, point], generator: WithToy());

        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.NotNull(output.GetTypeByMetadataName("Toy.Circle"));
        Assert.NotNull(output.GetTypeByMetadataName("Toy.Square"));
        Assert.NotNull(output.GetTypeByMetadataName("Geo.Point"));
        var toy = driver.GetRunResult().GeneratedTrees.Single(t => t.FilePath.EndsWith("shapes.g.cs", StringComparison.Ordinal)).ToString();
        Assert.StartsWith(CSharpGenerator.Preamble("models/shapes.toy") + "namespace Toy", toy, StringComparison.Ordinal);
    }

    [Fact]
    public void A_toy_idl_error_becomes_a_build_diagnostic_at_its_line_and_column()
    {
        var bad = new IdlFile(Proj + "bad.toy", "record Fine\n\n   shape Oops\n");

        var (driver, _, diagnostics) = GeneratorHarness.Run([bad], generator: WithToy());

        var error = Assert.Single(diagnostics);
        Assert.Equal(ToyFrontEnd.BadLine, error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("shape Oops", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var span = error.Location.GetLineSpan();
        Assert.Equal(Proj + "bad.toy", span.Path);
        Assert.Equal((2, 3), (span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.Empty(driver.GetRunResult().GeneratedTrees);
    }

    [Fact]
    public void Without_its_front_end_a_toy_file_is_reported_as_an_unknown_file_type()
    {
        var shapes = new IdlFile(Proj + "shapes.toy", "record Circle\n");

        var (_, _, diagnostics) = GeneratorHarness.Run([shapes]);

        var error = Assert.Single(diagnostics);
        Assert.Equal(SchemaDiagnostics.UnknownFileType, error.Id);
        Assert.Contains(".proto", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains(".thrift", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
