using System.Text;
using Steward.Rpc.Schema.Protobuf;

namespace Steward.Rpc.Schema.Tests;

/// <summary>
/// Seeded random mutations of the rich test file: the compiler must never throw, never hit its
/// internal-error catch-all, and every diagnostic must point inside the file it names.
/// </summary>
public class FuzzTests
{
    private static readonly string[] Vocabulary =
    [
        "{", "}", ";", "=", "[", "]", "(", ")", "<", ">", ",", ".", "-", ":", "\"", "'", "\\", "/*", "*/", "//", "\n",
        "message ", "enum ", "oneof ", "map<", "repeated ", "optional ", "required ", "reserved ", "extend ", "extensions ",
        "service ", "rpc ", "stream ", "returns ", "option ", "import ", "public ", "package ", "syntax ", "group ", "max", "to ",
        "0", "1", "0x", "07", "09", "1e", "1.5e-3", "inf", "nan", "536870912", "19000", "99999999999999999999999", "-2147483649",
        "int32 ", "string ", "bytes ", "double ", "Color ", ".steward.test.Outer ", "google.protobuf.Any ", "\\x", "\\u12", "\\U0011ffff",
        "{ a: [1, {b: 2}] }", "(foo.bar).baz", "\u0001", "\u00e9",
    ];

    [Fact]
    public void Ten_thousand_mutated_files_never_throw_and_report_sane_locations()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "TestData", "everything");
        // Imports removed so each compile parses one file (CPU is shared); the names they supplied
        // become unknown-type errors, which is more error-path coverage, not less.
        var original = string.Join("\n", File.ReadAllLines(Path.Combine(dir, "everything.proto"))
            .Where(line => !line.StartsWith("import ", StringComparison.Ordinal)));
        var source = new InMemoryFileSource();
        var random = new Random(20261127);
        var withErrors = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var text = Mutate(original, random);
            source.Add("everything/everything.proto", text);
            var set = SchemaCompiler.Compile(["everything/everything.proto"], source);
            var lines = text.Split('\n').Length;
            foreach (var d in set.Diagnostics.Items)
            {
                Assert.True(d.Code != ProtoDiagnostics.InternalError, $"iteration {i}: {d}\n--- input ---\n{text}");
                Assert.StartsWith("STW10", d.Code, StringComparison.Ordinal);
                if (d.Location.File == "everything/everything.proto")
                {
                    Assert.InRange(d.Location.Line, 1, lines);
                    Assert.True(d.Location.Column >= 1, $"iteration {i}: {d}");
                }
            }
            withErrors += set.Diagnostics.Items.Any(d => string.CompareOrdinal(d.Code, ProtoDiagnostics.ImportNotFound) < 0) ? 1 : 0;
        }
        // The mutations must mostly break the syntax, not only produce valid files.
        Assert.True(withErrors > 5_000, $"only {withErrors} variants had lexical or syntax errors");
    }

    [Fact]
    public void Every_truncation_of_the_rich_file_compiles_without_throwing()
    {
        var original = string.Join("\n", File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", "everything", "everything.proto"))
            .Where(line => !line.StartsWith("import ", StringComparison.Ordinal)));
        for (var length = 0; length <= original.Length; length += 3)
        {
            var set = SchemaCompiler.Compile(["t.proto"], new InMemoryFileSource().Add("t.proto", original.Substring(0, length)));
            Assert.DoesNotContain(set.Diagnostics.Items, d => d.Code == ProtoDiagnostics.InternalError);
        }
    }

    [Fact]
    public void Pathological_nesting_is_bounded()
    {
        var deepOption = "syntax = \"proto3\";\noption (x) = {" + string.Concat(Enumerable.Repeat("a {", 20_000)) + ";\n";
        var deepMessage = "syntax = \"proto3\";\nmessage " + string.Concat(Enumerable.Repeat("M { message ", 10_000)) + "\n";
        foreach (var text in new[] { deepOption, deepMessage })
        {
            var set = SchemaCompiler.Compile(["t.proto"], new InMemoryFileSource().Add("t.proto", text));
            Assert.Contains(set.Diagnostics.Items, d => d.Code == ProtoDiagnostics.NestingTooDeep);
            Assert.DoesNotContain(set.Diagnostics.Items, d => d.Code == ProtoDiagnostics.InternalError);
        }
    }

    private static string Mutate(string text, Random random)
    {
        var sb = new StringBuilder(text);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits && sb.Length > 0; e++)
        {
            var at = random.Next(sb.Length);
            switch (random.Next(6))
            {
                case 0:
                    sb.Remove(at, Math.Min(random.Next(1, 40), sb.Length - at));
                    break;
                case 1:
                    sb.Insert(at, Vocabulary[random.Next(Vocabulary.Length)]);
                    break;
                case 2:
                    sb.Length = at;
                    break;
                case 3:
                    var len = Math.Min(random.Next(1, 200), sb.Length - at);
                    sb.Insert(random.Next(sb.Length), sb.ToString(at, len));
                    break;
                case 4:
                    sb[at] = (char)random.Next(0, 128);
                    break;
                default:
                    var other = random.Next(sb.Length);
                    (sb[at], sb[other]) = (sb[other], sb[at]);
                    break;
            }
        }
        return sb.ToString();
    }
}
