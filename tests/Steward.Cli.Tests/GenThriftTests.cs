namespace Steward.Cli.Tests;

/// <summary><c>steward gen</c> on .thrift files: the same command, the Thrift front-end and generator.</summary>
public class GenThriftTests
{
    [Fact]
    public void Gen_writes_csharp_for_thrift_files_and_their_includes()
    {
        var outDir = Directory.CreateTempSubdirectory("steward-gen-thrift").FullName;

        var (code, stdout, stderr) = StewardCli.Run("gen", "thrift/tally.thrift", "thrift/units.thrift", "-I", "thrift", "--out", outDir);

        Assert.True(code == 0, stderr);
        var files = Directory.GetFiles(outDir, "*.cs");
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.Contains(f, stdout, StringComparison.Ordinal));
        var all = string.Concat(files.Select(File.ReadAllText));
        Assert.Contains("namespace Tally.Units", all, StringComparison.Ordinal);
        Assert.Contains("public enum Unit : int", all, StringComparison.Ordinal);
        Assert.Contains("public sealed partial class Count : global::Steward.Rpc.Thrift.IThriftStruct", all, StringComparison.Ordinal);
        Assert.Contains("public global::Tally.Units.Unit? Unit { get; set; }", all, StringComparison.Ordinal);
        Assert.Contains("public sealed partial class NotCounted : global::System.Exception", all, StringComparison.Ordinal);
        Assert.Contains("public abstract partial class TallyBase", all, StringComparison.Ordinal);
        Assert.Contains("TallyClient", all, StringComparison.Ordinal);
    }

    [Fact]
    public void Gen_reports_thrift_errors_at_file_line_and_column_and_exits_1()
    {
        var outDir = Directory.CreateTempSubdirectory("steward-gen-thrift").FullName;

        var (code, _, stderr) = StewardCli.Run("gen", "thrift/broken.thrift", "--out", outDir);

        Assert.Equal(1, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("broken.thrift:3:", StringComparison.Ordinal) && l.Contains(": error STW2", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("broken.thrift:4:", StringComparison.Ordinal) && l.Contains("Nowhere", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(outDir));
    }
}
