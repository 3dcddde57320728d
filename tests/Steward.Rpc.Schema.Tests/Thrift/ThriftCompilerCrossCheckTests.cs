using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using static Steward.Rpc.Schema.Tests.Thrift.ThriftTestSupport;

namespace Steward.Rpc.Schema.Tests.Thrift;

/// <summary>
/// Differential tests against Debian's Thrift compiler: `thrift --gen json` prints the parsed
/// program, which is compared, definition by definition, with our model (types, field ids including
/// implicit negatives, requiredness, defaults, enum values, constants, services, throws, oneway,
/// extends); and bad files must be rejected by both.
/// </summary>
public class ThriftCompilerCrossCheckTests
{
    private static string? ThriftCompiler()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            var candidate = Path.Combine(dir, "thrift");
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private static string RepoRoot => Path.GetFullPath(Path.Combine(DataDir, "..", "..", "..", ".."));

    /// <summary>The corpus: our own files plus Apache's cross-test IDL once the repository has it.</summary>
    public static TheoryData<string> GoodFiles()
    {
        var data = new TheoryData<string>
        {
            Path.Combine(DataDir, "everything.thrift"),
            Path.Combine(DataDir, "shared.thrift"),
            Path.Combine(DataDir, "sub", "nested.thrift"),
            Path.Combine(DataDir, "ordering.thrift"),
            Path.Combine(DataDir, "oddities.thrift"),
        };
        var thriftTest = Path.Combine(RepoRoot, "testassets", "thrift", "ThriftTest.thrift");
        data.Add(thriftTest);
        return data;
    }

    public static TheoryData<string> BadFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(DataDir, "bad"), "*.thrift").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(GoodFiles))]
    public void Model_matches_the_thrift_compilers_json_for(string path)
    {
        var thrift = ThriftCompiler() ?? throw SkipException("the thrift compiler is not installed (apt-get install thrift-compiler)");
        Assert.True(File.Exists(path), $"{path} is missing");
        var work = Directory.CreateTempSubdirectory("stw-thrift-");
        try
        {
            // Thrift 0.17 predates uuid: both sides read a copy where uuid is a string.
            var text = File.ReadAllText(path);
            var input = path;
            if (Regex.IsMatch(text, @"\buuid\b"))
            {
                input = Path.Combine(work.FullName, Path.GetFileName(path));
                File.WriteAllText(input, Regex.Replace(text, @"\buuid\b", "string"));
            }
            var (exit, output) = Run(thrift, "--gen", "json", "-out", work.FullName, "-I", Path.GetDirectoryName(path)!, input);
            Assert.True(exit == 0, $"thrift rejected {path}:\n{output}");
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(work.FullName, Path.GetFileNameWithoutExtension(path) + ".json")));

            var set = SchemaCompiler.Compile([Path.GetFileName(input)], new DirectoryFileSource([Path.GetDirectoryName(input)!, Path.GetDirectoryName(path)!]));
            AssertNoErrors(set);
            var file = set.RootFiles.Single();

            Assert.Equal(ThriftJsonDump.FromJson(json.RootElement), ThriftJsonDump.FromModel(file));
            AssertSameImplicitKeyWarnings(output, input, set, file);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The "No field key specified" warnings name the same fields. Thrift prints each twice (two passes)
    /// and at the line of the token after the field, so lines may be one further down than ours.
    /// </summary>
    private static void AssertSameImplicitKeyWarnings(string thriftOutput, string thriftInput, SchemaSet set, SchemaFile file)
    {
        var pattern = new Regex(@"\[WARNING:[^\]]*?:(\d+)\] No field key specified for (\w+)");
        var rootOnly = new Regex(@"\[WARNING:" + Regex.Escape(Path.GetFullPath(thriftInput)) + @":(\d+)\] No field key specified for (\w+)");
        var theirs = rootOnly.Matches(thriftOutput).Select(m => (Line: int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Name: m.Groups[2].Value))
            .Distinct().OrderBy(w => w.Line).ThenBy(w => w.Name, StringComparer.Ordinal).ToList();
        var ours = set.Diagnostics.Items
            .Where(d => d.Code == Steward.Rpc.Schema.Thrift.ThriftDiagnostics.ImplicitFieldId && d.Location.File == file.Path)
            .Select(d => (d.Location.Line, Name: pattern.Match($"[WARNING:x:{d.Location.Line}] {d.Message}").Groups[2].Value))
            .OrderBy(w => w.Line).ThenBy(w => w.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(theirs.Select(w => w.Name).Order(StringComparer.Ordinal), ours.Select(w => w.Name).Order(StringComparer.Ordinal));
        foreach (var (line, name) in theirs)
        {
            Assert.Contains(ours, w => w.Name == name && (w.Line == line || w.Line == line - 1));
        }
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Bad_file_is_rejected_by_both_compilers(string name)
    {
        var thrift = ThriftCompiler() ?? throw SkipException("the thrift compiler is not installed (apt-get install thrift-compiler)");
        var path = Path.Combine(DataDir, "bad", name);
        var work = Directory.CreateTempSubdirectory("stw-thrift-");
        try
        {
            var (exit, output) = Run(thrift, "--gen", "json", "-out", work.FullName, path);
            Assert.True(exit != 0, $"thrift accepted {name}:\n{output}");
            var set = SchemaCompiler.Compile([name], new DirectoryFileSource([Path.Combine(DataDir, "bad")]));
            Assert.True(set.Diagnostics.HasErrors, $"we accepted {name}");
            // The first line of a bad file names the diagnostic we must give: "# expect STW20xx".
            var expected = File.ReadLines(path).First().Replace("# expect ", "").Trim();
            Assert.Contains(set.Diagnostics.Items, d => d.Code == expected && d.Severity == DiagnosticSeverity.Error && d.Location.Line > 0);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static readonly string[] MutationVocabulary =
    [
        "{", "}", "(", ")", "[", "]", "<", ">", ",", ";", ":", "=", "*", ".", "-", "+", "\"", "'", "\n", " ",
        "struct ", "union ", "exception ", "enum ", "service ", "extends ", "throws ", "oneway ", "void ", "typedef ", "const ",
        "required ", "optional ", "map<", "list<", "set<", "i8 ", "i32 ", "binary ", "double ", "0", "1:", "-1:", "0x", "true", "false",
        "shared.SharedStruct ", "Color.RED", "ANSWER", "xsd_all ", "(a = \"b\")", "Point ", "MyInteger ", "x",
    ];

    /// <summary>
    /// Seeded small mutations of the corpus, each judged by both compilers: accept/reject must agree.
    /// Mutations stay clear of the few places where we are stricter on purpose (integer ranges, oneway
    /// results, missing includes, a list/map constant whose value is not a list/map — thrift 0.17 takes
    /// <c>const list&lt;i32&gt; L = 1</c> —, dotted enum value names), and a file thrift hangs on (it
    /// spins on an unclosed comment) is skipped.
    /// </summary>
    [Fact]
    public void Seeded_mutants_of_the_corpus_are_accepted_or_rejected_as_thrift_does()
    {
        var thrift = ThriftCompiler() ?? throw SkipException("the thrift compiler is not installed (apt-get install thrift-compiler)");
        // Deleted only on success: the mutants stay on disk for a look at a disagreement (the path is in the message).
        var work = Directory.CreateTempSubdirectory("stw-thrift-mut-");
        Directory.CreateDirectory(Path.Combine(work.FullName, "sub"));
        Directory.CreateDirectory(Path.Combine(work.FullName, "out"));
        File.Copy(Path.Combine(DataDir, "shared.thrift"), Path.Combine(work.FullName, "shared.thrift"));
        File.Copy(Path.Combine(DataDir, "sub", "nested.thrift"), Path.Combine(work.FullName, "sub", "nested.thrift"));
        string[] corpus = ["everything.thrift", "ordering.thrift", "oddities.thrift"];
        var texts = corpus.Select(c => File.ReadAllText(Path.Combine(DataDir, c))).ToArray();
        var random = new Random(20261127);
        var source = new DirectoryFileSource([work.FullName]);
        var disagreements = new List<string>();
        var accepted = 0;
        for (var i = 0; i < 80; i++)
        {
            var text = texts[random.Next(texts.Length)];
            for (var edits = random.Next(1, 3); edits > 0; edits--)
            {
                var at = random.Next(text.Length + 1);
                var from = random.Next(text.Length);
                text = random.Next(3) switch
                {
                    0 => text.Insert(at, MutationVocabulary[random.Next(MutationVocabulary.Length)]),
                    1 => text.Remove(at, Math.Min(random.Next(1, 16), text.Length - at)),
                    _ => text.Insert(at, text.Substring(from, Math.Min(random.Next(1, 31), text.Length - from))),
                };
            }
            // thrift 0.17 spins forever on an unclosed block comment: such a mutant is not worth a timeout.
            if (text.LastIndexOf("/*", StringComparison.Ordinal) > text.LastIndexOf("*/", StringComparison.Ordinal))
            {
                continue;
            }
            var name = $"m{i:D3}.thrift";
            File.WriteAllText(Path.Combine(work.FullName, name), text);
            var (exit, _) = Run(thrift, "--gen", "json", "-out", Path.Combine(work.FullName, "out"), Path.Combine(work.FullName, name));
            if (exit == -1)
            {
                continue;
            }
            var set = SchemaCompiler.Compile([name], source);
            accepted += exit == 0 ? 1 : 0;
            if ((exit == 0) == set.Diagnostics.HasErrors)
            {
                disagreements.Add($"{name}: thrift {(exit == 0 ? "accepts" : "rejects")}, we {(set.Diagnostics.HasErrors ? "reject" : "accept")}: " +
                    (set.Diagnostics.Items.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error)?.ToString() ?? ""));
            }
        }
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements) + $"\n(kept in {work.FullName})");
        // Both verdicts must occur, or the test compares nothing interesting.
        Assert.InRange(accepted, 5, 75);
        work.Delete(recursive: true);
    }

    private static Exception SkipException(string reason)
    {
        Assert.Skip(reason);
        return new InvalidOperationException("unreachable");
    }

    private static (int Exit, string Output) Run(string exe, params string[] args)
    {
        var start = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        // thrift 0.17 spins forever on some inputs (an unterminated comment); a hung peer must fail, not hang the run.
        if (!process.WaitForExit(20_000))
        {
            process.Kill();
            return (-1, "thrift did not finish within 20 seconds");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
