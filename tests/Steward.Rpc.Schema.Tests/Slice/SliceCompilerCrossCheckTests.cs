using System.Globalization;
using System.Text;
using static Steward.Rpc.Schema.Tests.Slice.SliceTestSupport;

namespace Steward.Rpc.Schema.Tests.Slice;

/// <summary>
/// Differential test against ZeroC's compilers: seeded random Slice files, valid ones and ones with
/// one defect each, go through slice2py (and slice2cpp for a subset) and through the Slice front-end;
/// both must accept or both reject every file. The seed is printed; set STEWARD_SLICE_SEED to replay.
/// </summary>
public class SliceCompilerCrossCheckTests(ITestOutputHelper output)
{
    private const string Slice2Py = "/usr/bin/slice2py";
    private const string Slice2Cpp = "/usr/bin/slice2cpp";
    private const int ValidFiles = 80;
    private const int RoundsOfDefects = 1;

    private static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("STEWARD_SLICE_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : 20261207;

    /// <summary>The generated corpus: (name, text) pairs, valid files first, then every defect at least once.</summary>
    private static List<(string Name, string Text)> Corpus(int seed)
    {
        var random = new Random(seed);
        var files = new List<(string, string)>();
        for (var i = 0; i < ValidFiles; i++)
        {
            var generator = new SliceFileGenerator(random);
            var usesIce = i % 8 == 0;
            var prologue = usesIce ? "#include <Ice/BuiltinSequences.ice>\n#include <Ice/Identity.ice>" : null;
            if (i % 4 == 1)
            {
                // A second generated file, included and used by absolute and module-relative names.
                var library = new SliceFileGenerator(random);
                files.Add(($"lib{i}", "#pragma once\n" + library.Generate(2 + random.Next(6))));
                generator.Import(library);
                prologue = $"#include \"lib{i}.ice\"";
            }
            var text = generator.Generate(3 + random.Next(10),
                usesIce ? "    struct UsesIce { ::Ice::StringSeq names; Ice::Identity id; };" : null,
                prologue);
            files.Add(($"valid{i}", text));
        }
        for (var round = 0; round < RoundsOfDefects; round++)
        {
            foreach (var (name, _) in SliceDefects.All)
            {
                var generator = new SliceFileGenerator(random);
                var text = generator.Generate(3 + random.Next(8));
                files.Add(($"defect{files.Count} ({name})", SliceDefects.Apply(name, text, generator)));
            }
        }
        return files;
    }

    [Fact]
    public void Slice2py_and_the_front_end_accept_and_reject_the_same_generated_files()
    {
        Assert.SkipUnless(HasTool(Slice2Py), "slice2py is not installed (zeroc-ice-compilers)");
        var seed = Seed();
        output.WriteLine($"seed {seed} (set STEWARD_SLICE_SEED to replay)");
        var corpus = Corpus(seed);
        Assert.True(corpus.Count >= 150, $"only {corpus.Count} files");
        if (Environment.GetEnvironmentVariable("STEWARD_SLICE_DUMP") is { Length: > 0 } dump)
        {
            // For replaying a disagreement by hand: every generated file, named as in the report.
            Directory.CreateDirectory(dump);
            foreach (var (name, text) in corpus)
            {
                File.WriteAllText(Path.Combine(dump, name.Split(' ')[0] + ".ice"), text);
            }
        }
        var disagreements = CrossCheck(corpus, Slice2Py, _ => true, out var zerocAccepted);
        Assert.True(disagreements.Length == 0, $"seed {seed}: {disagreements}");
        // The generator's files are valid by construction, and most defects are defects: both sides saw both.
        var valid = corpus.Where(f => f.Name.StartsWith("valid", StringComparison.Ordinal) || f.Name.StartsWith("lib", StringComparison.Ordinal)).Select(f => f.Name).ToList();
        Assert.Equal(ValidFiles + ValidFiles / 4, valid.Count);
        Assert.True(zerocAccepted.IsSupersetOf(valid), $"seed {seed}: slice2py rejected a generated valid file");
        Assert.True(corpus.Count - zerocAccepted.Count >= SliceDefects.All.Length / 2, $"seed {seed}: only {corpus.Count - zerocAccepted.Count} files rejected");
    }

    [Fact]
    public void Slice2cpp_and_the_front_end_agree_on_a_subset()
    {
        Assert.SkipUnless(HasTool(Slice2Cpp), "slice2cpp is not installed (zeroc-ice-compilers)");
        var seed = Seed();
        output.WriteLine($"seed {seed} (set STEWARD_SLICE_SEED to replay)");
        var corpus = Corpus(seed);
        // Bytes that are not UTF-8 are a mapping's call: C++ keeps them, Python (like C#) needs text, so
        // slice2py's verdict is the one Steward follows and slice2cpp is not asked.
        var disagreements = CrossCheck(corpus, Slice2Cpp, i => i % 5 == 0 && !corpus[i].Name.Contains("not UTF-8", StringComparison.Ordinal), out _);
        Assert.True(disagreements.Length == 0, $"seed {seed}: {disagreements}");
    }

    private string CrossCheck(List<(string Name, string Text)> corpus, string compiler, Func<int, bool> include, out HashSet<string> zerocAccepted)
    {
        zerocAccepted = new HashSet<string>(StringComparer.Ordinal);
        var work = Directory.CreateTempSubdirectory("stw-slice-");
        var report = new StringBuilder();
        var crashes = new StringBuilder();
        var accepted = 0;
        var checkedFiles = 0;
        try
        {
            for (var i = 0; i < corpus.Count; i++)
            {
                if (!include(i))
                {
                    continue;
                }
                checkedFiles++;
                var (name, text) = corpus[i];
                var dir = Directory.CreateDirectory(Path.Combine(work.FullName, i.ToString(CultureInfo.InvariantCulture)));
                var path = Path.Combine(dir.FullName, "gen.ice");
                File.WriteAllText(path, text);
                if (i > 0 && corpus[i - 1].Name.StartsWith("lib", StringComparison.Ordinal))
                {
                    File.WriteAllText(Path.Combine(dir.FullName, corpus[i - 1].Name + ".ice"), corpus[i - 1].Text);
                }
                var (exit, zeroc) = Run(compiler, ["-I" + IceSliceDir, "--output-dir", dir.FullName, path]);
                if (exit != 0 && zeroc.Contains(compiler + ": error:", StringComparison.Ordinal) && !zeroc.Contains("gen.ice", StringComparison.Ordinal)
                    && !zeroc.Contains("IllegalConversionException", StringComparison.Ordinal))
                {
                    // The compiler itself failed (slice2cpp throws NullHandleException on some valid files): no verdict.
                    // A string that is not UTF-8 is slice2py's way of refusing it, so that one counts.
                    crashes.Append(' ').Append(name);
                    continue;
                }
                var set = SchemaCompiler.Compile([path], new DirectoryFileSource([dir.FullName, IceSliceDir]));
                var ours = !set.Diagnostics.HasErrors;
                accepted += ours ? 1 : 0;
                if (exit == 0)
                {
                    zerocAccepted.Add(name);
                }
                if ((exit == 0) != ours)
                {
                    report.Append("\n--- ").Append(name).Append(": ").Append(Path.GetFileName(compiler)).Append(exit == 0 ? " accepts" : " rejects")
                        .Append(", Steward ").Append(ours ? "accepts" : "rejects").Append('\n')
                        .Append(zeroc.Replace(path, "gen.ice")).Append('\n')
                        .Append(Dump(set).Replace(path, "gen.ice")).Append('\n')
                        .Append(text);
                }
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
        output.WriteLine($"{checkedFiles} files checked with {Path.GetFileName(compiler)}, {accepted} accepted by both or by Steward");
        output.WriteLine(report.Length == 0 ? "no disagreement" : report.ToString());
        if (crashes.Length > 0)
        {
            output.WriteLine($"{Path.GetFileName(compiler)} crashed (no verdict) on:{crashes}");
        }
        return report.ToString();
    }
}
