using System.Text;
using Steward.Rpc.Schema.Slice;
using static Steward.Rpc.Schema.Tests.Slice.SliceTestSupport;

namespace Steward.Rpc.Schema.Tests.Slice;

/// <summary>
/// Seeded mutations of valid Slice files: the front-end must only ever answer with diagnostics (no
/// exception, no internal-error catch-all), each pointing inside its file.
/// </summary>
public class SliceFuzzTests
{
    private static readonly string[] Vocabulary =
    [
        "{", "}", "(", ")", "[", "]", "[[", "]]", "<", ">", ",", ";", "=", "*", "-", "+", "::", "\"", "\\", "/*", "*/", "/**", "///", "\n",
        "\n#include \"sub/shared.ice\"\n", "\n#ifdef X\n", "\n#else\n", "\n#endif\n", "\n#if (1 + \n", "\n#define Y 3\n", "\n#pragma once\n",
        "module ", "class ", "interface ", "exception ", "struct ", "sequence<", "dictionary<", "enum ", "const ", "local ",
        "extends ", "implements ", "throws ", "idempotent ", "optional(", "optional(1) ", "out ", "void ", "Object* ", "Value ",
        "LocalObject ", "int ", "byte ", "string ", "0", "-1", "0x", "2147483648", "99999999999999999999", "1e400", ".5f", "true",
        "::A::B::Color ", "B::Shape ", "Favourite", "Red", "\"amd\"", "\u0001", "\u00e9", "\\module ",
    ];

    private static string Corpus() => File.ReadAllText(Path.Combine(DataDir, "everything.ice"));

    private static InMemoryFileSource Source() => new InMemoryFileSource()
        .Add("sub/shared.ice", File.ReadAllText(Path.Combine(DataDir, "sub", "shared.ice")))
        .Add("Ice/Identity.ice", "#pragma once\nmodule Ice { struct Identity { string name; string category; } }\n");

    [Fact]
    public void Mutated_valid_files_only_ever_produce_diagnostics()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("STEWARD_SLICE_SEED"), out var chosen) ? chosen : 20261207;
        var random = new Random(seed);
        var originals = new List<string> { Corpus() };
        for (var i = 0; i < 10; i++)
        {
            originals.Add(new SliceFileGenerator(random).Generate(3 + random.Next(8)));
        }
        var source = Source();
        var withErrors = 0;
        var iterations = 2000;
        for (var i = 0; i < iterations; i++)
        {
            var text = Mutate(originals[i % originals.Count], random);
            source.Add("fuzz.ice", text);
            var set = SchemaCompiler.Compile(["fuzz.ice"], source);
            CheckSane(set, text, $"seed {seed}, iteration {i}");
            withErrors += set.Diagnostics.HasErrors ? 1 : 0;
        }
        Assert.True(withErrors > iterations / 2, $"only {withErrors} variants had errors");
    }

    [Fact]
    public void Every_truncation_of_the_everything_file_compiles_without_throwing()
    {
        var original = Corpus();
        var source = Source();
        for (var length = 0; length <= original.Length; length += 3)
        {
            var text = original.Substring(0, length);
            source.Add("fuzz.ice", text);
            CheckSane(SchemaCompiler.Compile(["fuzz.ice"], source), text, $"length {length}");
        }
    }

    private static void CheckSane(SchemaSet set, string text, string what)
    {
        var lines = text.Split('\n').Length;
        foreach (var d in set.Diagnostics.Items)
        {
            Assert.True(d.Code != SliceDiagnostics.InternalError, $"{what}: {d}\n{text}");
            Assert.True(d.Code.StartsWith("SLICE", StringComparison.Ordinal), $"{what}: {d}");
            if (d.Location.File == "fuzz.ice")
            {
                Assert.True(d.Location.Line >= 1 && d.Location.Line <= lines, $"{what}: {d} is outside the file's {lines} lines\n{text}");
            }
        }
    }

    private static string Mutate(string text, Random random)
    {
        var result = new StringBuilder(text);
        var edits = 1 + random.Next(4);
        for (var e = 0; e < edits && result.Length > 0; e++)
        {
            var at = random.Next(result.Length);
            switch (random.Next(4))
            {
                case 0:
                    result.Remove(at, Math.Min(1 + random.Next(8), result.Length - at));
                    break;
                case 1:
                    result.Insert(at, Vocabulary[random.Next(Vocabulary.Length)]);
                    break;
                case 2:
                    result[at] = (char)random.Next(1, 128);
                    break;
                default:
                    // Move a slice of the file elsewhere: definitions out of order, braces unbalanced.
                    var length = Math.Min(1 + random.Next(40), result.Length - at);
                    var piece = result.ToString(at, length);
                    result.Remove(at, length);
                    result.Insert(random.Next(result.Length + 1), piece);
                    break;
            }
        }
        return result.ToString();
    }
}
