using Microsoft.CodeAnalysis;

namespace Steward.Rpc.Generator.Tests;

public class IdlSourceGeneratorTests
{
    private const string Proj = GeneratorHarness.ProjectDir;

    private static readonly IdlFile Point = new(Proj + "shared/geo/point.proto", """
        syntax = "proto3";
        package geo;
        option csharp_namespace = "Geo.V1";
        message Point { int32 x = 1; int32 y = 2; }
        enum Unit { UNIT_UNSPECIFIED = 0; METRE = 1; }
        """);

    private static readonly IdlFile Route = new(Proj + "protos/route.proto", """
        syntax = "proto3";
        package route;
        import "geo/point.proto";
        import "route/leg.proto";
        message Route {
          string name = 1;
          repeated geo.Point points = 2;
          map<string, Leg> legs = 3;
          geo.Unit unit = 4;
          oneof extra { string note = 5; int64 id = 6; }
          optional bool scenic = 7;
        }
        service Planner {
          rpc Plan (Route) returns (Route);
          rpc Follow (Route) returns (stream geo.Point);
          rpc Record (stream geo.Point) returns (Route);
          rpc Chat (stream Route) returns (stream Route);
        }
        """);

    private static readonly IdlFile Leg = new(Proj + "protos/route/leg.proto", """
        syntax = "proto3";
        package route;
        message Leg { double km = 1; bytes polyline = 2; }
        """);

    [Fact]
    public void Protos_importing_across_files_and_import_roots_generate_csharp_that_compiles()
    {
        var (_, output, generatorDiagnostics) = GeneratorHarness.Run(new[] { Route, Leg, Point }, importPaths: "shared;protos");

        Assert.Empty(generatorDiagnostics);
        var generated = output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".cs", StringComparison.Ordinal) && t.FilePath.Contains("Steward", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(generated);
        var errors = output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
        Assert.NotNull(output.GetTypeByMetadataName("Route.Route"));
        Assert.NotNull(output.GetTypeByMetadataName("Route.Leg"));
        Assert.NotNull(output.GetTypeByMetadataName("Route.Planner+PlannerBase"));
        Assert.NotNull(output.GetTypeByMetadataName("Route.Planner+PlannerClient"));
    }

    [Fact]
    public void Import_only_files_are_not_generated()
    {
        // route.proto imports geo/point.proto, which is available for import only (its types would come from another assembly).
        var (driver, _, diagnostics) = GeneratorHarness.Run(new[] { Route, Leg, Point with { Kind = "Import" } }, importPaths: "shared;protos");

        var sources = driver.GetRunResult().Results.Single().GeneratedSources;

        Assert.Empty(diagnostics);
        Assert.Contains(sources, s => s.SourceText.ToString().Contains("class Route", StringComparison.Ordinal));
        Assert.Contains(sources, s => s.SourceText.ToString().Contains("global::Geo.V1.Point", StringComparison.Ordinal));
        Assert.DoesNotContain(sources, s => s.SourceText.ToString().Contains("class Point", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_idl_error_becomes_a_build_diagnostic_at_the_proto_files_line_and_column()
    {
        var bad = new IdlFile(Proj + "protos/bad.proto", """
            syntax = "proto3";
            message Bad {
              Missing a = 1;
              int32 b = 1;
            }
            enum E { FIRST = 1; }
            """);

        var (_, _, diagnostics) = GeneratorHarness.Run(new[] { bad });

        var found = diagnostics.Select(d =>
        {
            var span = d.Location.GetLineSpan();
            return (d.Id, d.Severity, span.Path, Line: span.StartLinePosition.Line + 1, Column: span.StartLinePosition.Character + 1);
        }).ToList();
        Assert.Contains(("STW1030", DiagnosticSeverity.Error, Proj + "protos/bad.proto", 3, 3), found);
        Assert.Contains(("STW1035", DiagnosticSeverity.Error, Proj + "protos/bad.proto", 4, 13), found);
        Assert.Contains(found, d => d.Id == "STW1041" && d.Line == 6);
        Assert.All(diagnostics, d => Assert.False(string.IsNullOrEmpty(d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void An_error_in_an_imported_file_points_at_that_file_on_disk()
    {
        var brokenImport = new IdlFile(Proj + "protos/route/leg.proto", "syntax = \"proto3\";\npackage route;\nmessage Leg { dooble km = 1; }\n");

        var (_, _, diagnostics) = GeneratorHarness.Run(new[] { Route, brokenImport, Point }, importPaths: "shared;protos");

        var error = Assert.Single(diagnostics, d => d.Id == "STW1030");
        var span = error.Location.GetLineSpan();
        Assert.Equal(Proj + "protos/route/leg.proto", span.Path);
        Assert.Equal((3, 15), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
    }

    [Fact]
    public void A_missing_import_is_reported_at_the_import_statement()
    {
        // Only the root that holds geo/ is missing; route/leg.proto still resolves through "protos".
        var (_, _, diagnostics) = GeneratorHarness.Run(new[] { Route, Leg }, importPaths: "protos");

        var error = Assert.Single(diagnostics, d => d.Id == "STW1020");
        Assert.Contains("geo/point.proto", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(Proj + "protos/route.proto", error.Location.GetLineSpan().Path);
        Assert.Equal(2, error.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Unchanged_inputs_are_served_from_the_incremental_cache()
    {
        var driver = GeneratorHarness.NewDriver(new[] { Route, Leg, Point }, "shared;protos");
        driver = driver.RunGenerators(GeneratorHarness.NewCompilation("class A { }"), TestContext.Current.CancellationToken);

        // A C# edit elsewhere in the project must not recompile the IDL.
        driver = driver.RunGenerators(GeneratorHarness.NewCompilation("class A { int x; }"), TestContext.Current.CancellationToken);

        var steps = driver.GetRunResult().Results.Single().TrackedSteps;
        var generation = steps[IdlSourceGenerator.TrackingNames.Generation];
        Assert.All(generation.SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
        Assert.All(steps[IdlSourceGenerator.TrackingNames.Inputs].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void Editing_a_proto_regenerates()
    {
        var original = new GeneratorHarness.InMemoryText(Leg);
        var driver = GeneratorHarness.NewDriver(new AdditionalText[] { original }).RunGenerators(GeneratorHarness.NewCompilation("class A { }"), TestContext.Current.CancellationToken);
        var edited = Leg with { Text = Leg.Text.Replace("bytes polyline = 2;", "bytes polyline = 2; string travel_mode = 3;", StringComparison.Ordinal) };

        driver = driver.ReplaceAdditionalText(original, new GeneratorHarness.InMemoryText(edited)).RunGenerators(GeneratorHarness.NewCompilation("class A { }"), TestContext.Current.CancellationToken);

        var result = driver.GetRunResult().Results.Single();
        Assert.Contains(result.TrackedSteps[IdlSourceGenerator.TrackingNames.Generation].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("TravelMode", StringComparison.Ordinal));
    }

    [Fact]
    public void Namespace_metadata_overrides_the_package()
    {
        var (driver, output, _) = GeneratorHarness.Run(new[] { Leg with { Namespace = "Custom.Legs" } });

        Assert.NotNull(output.GetTypeByMetadataName("Custom.Legs.Leg"));
        Assert.Null(output.GetTypeByMetadataName("Route.Leg"));
        Assert.Empty(driver.GetRunResult().Diagnostics);
    }

    [Theory]
    [InlineData("Client", false, true)]
    [InlineData("Server", true, false)]
    [InlineData("None", false, false)]
    [InlineData("Both", true, true)]
    public void Services_metadata_selects_client_and_server_code(string services, bool expectServer, bool expectClient)
    {
        var (_, output, _) = GeneratorHarness.Run(new[] { Route with { Services = services }, Leg, Point }, importPaths: "shared;protos");

        Assert.Equal(expectServer, output.GetTypeByMetadataName("Route.Planner+PlannerBase") != null);
        Assert.Equal(expectClient, output.GetTypeByMetadataName("Route.Planner+PlannerClient") != null);
        Assert.Empty(output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Access_internal_makes_the_generated_types_internal()
    {
        var (_, output, _) = GeneratorHarness.Run(new[] { Leg with { Access = "Internal" } });

        var type = output.GetTypeByMetadataName("Route.Leg");
        Assert.NotNull(type);
        Assert.Equal(Accessibility.Internal, type.DeclaredAccessibility);
        Assert.Empty(output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Additional_files_without_StewardIdl_metadata_are_ignored()
    {
        var (driver, _, diagnostics) = GeneratorHarness.Run(new[] { new IdlFile(Proj + "notes.proto", "this is not a proto", Kind: "") });

        Assert.Empty(diagnostics);
        Assert.Empty(driver.GetRunResult().Results.Single().GeneratedSources);
    }
}
