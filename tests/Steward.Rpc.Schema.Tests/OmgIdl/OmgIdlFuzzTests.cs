using System.Text;
using Steward.Rpc.Schema.OmgIdl;
using static Steward.Rpc.Schema.Tests.OmgIdl.OmgIdlTestSupport;

namespace Steward.Rpc.Schema.Tests.OmgIdl;

/// <summary>
/// Seeded mutations and truncations of valid IDL files: the front-end must only ever answer with
/// diagnostics (no exception, no internal-error catch-all), each pointing inside a file it read.
/// </summary>
public class OmgIdlFuzzTests
{
    private static readonly string[] Vocabulary =
    [
        "{", "}", "(", ")", "[", "]", "<", ">", ">>", "<<", ",", ";", ":", "::", "=", "*", "-", "+", "~", "%", "/", "|", "^", "&",
        "\"", "'", "\\", "/*", "*/", "//", "\n", "\n#include \"shared.idl\"\n", "\n#include \"fuzz.idl\"\n", "\n#ifdef X\n", "\n#else\n",
        "\n#endif\n", "\n#if (1 + \n", "\n#define Y 3\n", "\n#define Z Z Z\n", "\n#pragma once\n", "\n#pragma prefix \"p\"\n",
        "\n#pragma ID Point \"IDL:x:1.0\"\n", "\n#pragma version Test 2.0\n", "module ", "interface ", "exception ", "struct ",
        "union ", "switch ", "case ", "default: ", "enum ", "const ", "typedef ", "sequence<", "string<", "attribute ", "readonly ",
        "oneway ", "raises ", "context ", "in ", "out ", "inout ", "void ", "Object ", "any ", "long ", "unsigned ", "short ",
        "double ", "char ", "wchar ", "octet ", "boolean ", "TRUE", "valuetype ", "abstract ", "local ", "fixed ", "native ",
        "0", "-1", "0x", "9223372036854775808", "99999999999999999999", "1e400", ".5", "'a'", "L'b'", "L\"w\"", "Point ",
        "Test::Color ", "::Test::Point ", "Red", "\u0001", "\u00e9", "_module ",
    ];

    private static InMemoryFileSource Source() =>
        new InMemoryFileSource().Add("shared.idl", "#pragma once\nmodule Shared { struct S { long a; }; };\n");

    private static List<string> Originals(Random random)
    {
        var originals = new List<string> { File.ReadAllText(ContractPath()!) };
        for (var i = 0; i < 10; i++)
        {
            originals.Add(new OmgIdlFileGenerator(random).Generate(3 + random.Next(8)));
        }
        return originals;
    }

    [Fact]
    public void Mutated_valid_files_only_ever_produce_diagnostics()
    {
        Assert.SkipWhen(ContractPath() == null, "StewardTest.idl not found");
        var seed = int.TryParse(Environment.GetEnvironmentVariable("STEWARD_IDL_SEED"), out var chosen) ? chosen : 20261208;
        var random = new Random(seed);
        var originals = Originals(random);
        var source = Source();
        var withErrors = 0;
        const int Iterations = 2000;
        for (var i = 0; i < Iterations; i++)
        {
            var text = Mutate(originals[i % originals.Count], random);
            source.Add("fuzz.idl", text);
            var set = SchemaCompiler.Compile(["fuzz.idl"], source);
            CheckSane(set, $"seed {seed}, iteration {i}:\n{text}");
            withErrors += set.Diagnostics.HasErrors ? 1 : 0;
        }
        Assert.True(withErrors > Iterations / 2, $"only {withErrors} variants had errors");
    }

    [Fact]
    public void Every_truncation_of_the_contract_compiles_without_throwing()
    {
        Assert.SkipWhen(ContractPath() == null, "StewardTest.idl not found");
        var original = File.ReadAllText(ContractPath()!);
        var source = Source();
        for (var length = 0; length <= original.Length; length += 2)
        {
            source.Add("fuzz.idl", original.Substring(0, length));
            CheckSane(SchemaCompiler.Compile(["fuzz.idl"], source), $"length {length}");
        }
    }

    private static string Mutate(string text, Random random)
    {
        var builder = new StringBuilder(text);
        for (var edits = 1 + random.Next(4); edits > 0; edits--)
        {
            var at = random.Next(builder.Length + 1);
            switch (random.Next(3))
            {
                case 0:
                    builder.Insert(at, Vocabulary[random.Next(Vocabulary.Length)]);
                    break;
                case 1 when builder.Length > 0:
                    builder.Remove(Math.Min(at, builder.Length - 1), Math.Min(1 + random.Next(12), builder.Length - Math.Min(at, builder.Length - 1)));
                    break;
                default:
                    var from = random.Next(builder.Length + 1);
                    var length = Math.Min(random.Next(20), builder.Length - from);
                    builder.Insert(at, builder.ToString(from, length));
                    break;
            }
        }
        return builder.ToString();
    }

    private static void CheckSane(SchemaSet set, string what)
    {
        foreach (var diagnostic in set.Diagnostics.Items)
        {
            Assert.True(diagnostic.Code != OmgIdlDiagnostics.InternalError, $"{what}\n{diagnostic}");
            Assert.True(diagnostic.Code.StartsWith("IDL", StringComparison.Ordinal), $"{what}\n{diagnostic}");
            Assert.Contains(diagnostic.Location.File, new[] { "fuzz.idl", "shared.idl", "<built in>" });
            Assert.True(diagnostic.Location.Line >= 0 && diagnostic.Location.Column >= 0, $"{what}\n{diagnostic}");
        }
    }
}
