namespace Steward.Cli.Tests;

public class GenCommandTests
{
    [Fact]
    public void Gen_writes_csharp_for_files_importing_across_import_roots()
    {
        var outDir = Directory.CreateTempSubdirectory("steward-gen").FullName;

        var (code, stdout, stderr) = StewardCli.Run("gen", "drawing.proto", "lib/shapes/point.proto", "-I", "lib", "-I", ".", "--out", outDir);

        Assert.True(code == 0, stderr);
        var files = Directory.GetFiles(outDir, "*.cs");
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.Contains(f, stdout, StringComparison.Ordinal));
        var all = string.Concat(files.Select(File.ReadAllText));
        Assert.Contains("namespace Shapes.V1", all, StringComparison.Ordinal);
        Assert.Contains("class Polygon", all, StringComparison.Ordinal);
        Assert.Contains("class Point", all, StringComparison.Ordinal);
        Assert.Contains("Canvas", all, StringComparison.Ordinal);
    }

    [Fact]
    public void Gen_namespace_option_overrides_the_package()
    {
        var outDir = Directory.CreateTempSubdirectory("steward-gen").FullName;

        var (code, _, stderr) = StewardCli.Run("gen", "lib/shapes/point.proto", "-I", "lib", "--out", outDir, "--namespace", "Custom.Space");

        Assert.True(code == 0, stderr);
        var text = File.ReadAllText(Directory.GetFiles(outDir, "*.cs").Single());
        Assert.Contains("namespace Custom.Space", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Shapes.V1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Gen_reports_every_error_like_a_compiler_and_exits_1()
    {
        var outDir = Directory.CreateTempSubdirectory("steward-gen").FullName;

        var (code, _, stderr) = StewardCli.Run("gen", "broken.proto", "--out", outDir);

        Assert.Equal(1, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("broken.proto:4:3: error STW1030: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("broken.proto:5:13: error STW1035: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("broken.proto:6:7: error STW1040: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("broken.proto:9:21: error STW1041: ", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(outDir));
    }

    [Fact]
    public void Gen_reports_a_missing_import_at_the_import_statement()
    {
        var outDir = Directory.CreateTempSubdirectory("steward-gen").FullName;

        // Without -I lib, "shapes/point.proto" cannot be found.
        var (code, _, stderr) = StewardCli.Run("gen", "drawing.proto", "--out", outDir);

        Assert.Equal(1, code);
        Assert.Contains("drawing.proto:5:8: error STW1020: ", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gen --out x")]
    [InlineData("gen drawing.proto")]
    [InlineData("gen drawing.proto --out x --services Some")]
    public void Gen_usage_errors_exit_2(string commandLine)
    {
        var (code, _, stderr) = StewardCli.Run(commandLine.Split(' '));

        Assert.Equal(2, code);
        Assert.Contains("steward:", stderr, StringComparison.Ordinal);
    }
}
