using System.Text;
using Steward.Rpc.Schema.Thrift;
using static Steward.Rpc.Schema.Tests.Thrift.ThriftTestSupport;

namespace Steward.Rpc.Schema.Tests.Thrift;

/// <summary>
/// Seeded mutations of the corpus: the Thrift front-end must only ever answer with diagnostics —
/// no exception, no internal-error catch-all — and every diagnostic must point inside its file.
/// </summary>
public class ThriftFuzzTests
{
    private static readonly string[] Vocabulary =
    [
        "{", "}", "(", ")", "[", "]", "<", ">", ",", ";", ":", "=", "*", ".", "-", "+", "\"", "'", "\\", "/*", "*/", "/**", "//", "#", "\n",
        "struct ", "union ", "exception ", "enum ", "senum ", "service ", "extends ", "throws ", "oneway ", "void ", "typedef ", "const ",
        "include ", "namespace ", "required ", "optional ", "map<", "list<", "set<", "i8 ", "i32 ", "uuid ", "binary ", "double ",
        "0", "1:", "-1:", "0x", "32768:", "2147483648", "99999999999999999999", "1e400", ".5", "true", "false",
        "shared.SharedStruct ", "Color.RED", "ANSWER", "class ", "xsd_all ", "cpp_type \"x\" ", "(a = \"b\")", "\u0001", "\u00e9",
    ];

    private static string Corpus() =>
        string.Join("\n", File.ReadAllLines(Path.Combine(DataDir, "everything.thrift")).Where(l => !l.StartsWith("include ", StringComparison.Ordinal)));

    [Fact]
    public void Mutated_corpus_files_only_ever_produce_diagnostics()
    {
        var original = Corpus();
        var random = new Random(20261127);
        var source = new InMemoryFileSource().Add("shared.thrift", File.ReadAllText(Path.Combine(DataDir, "shared.thrift")));
        var withErrors = 0;
        for (var i = 0; i < 3000; i++)
        {
            var text = Mutate(original, random);
            source.Add("everything.thrift", text);
            var set = SchemaCompiler.Compile(["everything.thrift"], source);
            CheckSane(set, text, $"iteration {i}");
            withErrors += set.Diagnostics.HasErrors ? 1 : 0;
        }
        // The mutations must mostly break the file, not only produce valid variants.
        Assert.True(withErrors > 1500, $"only {withErrors} variants had errors");
    }

    [Fact]
    public void Every_truncation_of_the_corpus_compiles_without_throwing()
    {
        var original = Corpus();
        var source = new InMemoryFileSource();
        for (var length = 0; length <= original.Length; length += 7)
        {
            var text = original.Substring(0, length);
            source.Add("everything.thrift", text);
            CheckSane(SchemaCompiler.Compile(["everything.thrift"], source), text, $"length {length}");
        }
    }

    private static void CheckSane(SchemaSet set, string text, string what)
    {
        var lines = text.Split('\n').Length;
        foreach (var d in set.Diagnostics.Items)
        {
            Assert.True(d.Code != ThriftDiagnostics.InternalError, $"{what}: {d}\n--- input ---\n{text}");
            Assert.StartsWith("STW20", d.Code, StringComparison.Ordinal);
            if (d.Location.File == "everything.thrift")
            {
                Assert.True(d.Location.Line >= 1 && d.Location.Line <= lines && d.Location.Column >= 1, $"{what}: {d}");
            }
        }
    }

    private static string Mutate(string text, Random random)
    {
        var builder = new StringBuilder(text);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits; e++)
        {
            var at = random.Next(builder.Length + 1);
            switch (random.Next(4))
            {
                case 0:
                    builder.Insert(at, Vocabulary[random.Next(Vocabulary.Length)]);
                    break;
                case 1:
                    builder.Remove(at, Math.Min(random.Next(1, 40), builder.Length - at));
                    break;
                case 2:
                    var from = random.Next(builder.Length);
                    var length = Math.Min(random.Next(1, 80), builder.Length - from);
                    builder.Insert(at, builder.ToString(from, length));
                    break;
                default:
                    if (at < builder.Length)
                    {
                        builder[at] = (char)random.Next(1, 128);
                    }
                    break;
            }
        }
        return builder.ToString();
    }
}
