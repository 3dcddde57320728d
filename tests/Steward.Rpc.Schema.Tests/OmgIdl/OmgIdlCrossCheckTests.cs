using System.Collections.Concurrent;
using System.Globalization;
using static Steward.Rpc.Schema.Tests.OmgIdl.OmgIdlTestSupport;

namespace Steward.Rpc.Schema.Tests.OmgIdl;

/// <summary>
/// Differential test against omniidl: seeded random IDL files, valid ones and ones with one defect
/// each, go through omniidl (no back-end: it checks validity) and through the OMG IDL front-end; both
/// must accept or both reject every file. The seed is printed; set STEWARD_IDL_SEED to replay and
/// STEWARD_IDL_DUMP to a directory to keep the files.
/// </summary>
public class OmgIdlCrossCheckTests(ITestOutputHelper output)
{
    private const int ValidFiles = 100;
    private const int RoundsOfDefects = 2;

    private static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("STEWARD_IDL_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : 20261208;

    /// <summary>The generated corpus: (name, text) pairs, valid files first, then every defect <see cref="RoundsOfDefects"/> times.</summary>
    private static List<(string Name, string Text)> Corpus(int seed)
    {
        var random = new Random(seed);
        var files = new List<(string, string)>();
        for (var i = 0; i < ValidFiles; i++)
        {
            if (i % 5 == 1)
            {
                // A second generated file, included (with its own prefix and macros) and used by scoped names.
                var library = new OmgIdlFileGenerator(random);
                files.Add(($"lib{i}", "#pragma once\n" + library.Generate(2 + random.Next(6))));
                var user = new OmgIdlFileGenerator(random, 1000);
                user.Import(library);
                files.Add(($"valid{i}", $"#include \"lib{i}.idl\"\n" + user.Generate(3 + random.Next(10))));
                continue;
            }
            files.Add(($"valid{i}", new OmgIdlFileGenerator(random).Generate(3 + random.Next(10))));
        }
        for (var round = 0; round < RoundsOfDefects; round++)
        {
            foreach (var (name, _, _) in OmgIdlDefects.All)
            {
                var generator = new OmgIdlFileGenerator(random);
                var text = generator.Generate(3 + random.Next(8));
                files.Add(($"defect{files.Count} ({name})", OmgIdlDefects.Apply(name, text, generator)));
            }
        }
        return files;
    }

    [Fact]
    public void Omniidl_and_the_front_end_accept_and_reject_the_same_generated_files()
    {
        Assert.SkipUnless(HasTool(Omniidl), "omniidl is not installed (omniidl package)");
        var seed = Seed();
        output.WriteLine($"seed {seed} (set STEWARD_IDL_SEED to replay)");
        var corpus = Corpus(seed);
        Assert.True(corpus.Count >= 200, $"only {corpus.Count} files");
        var work = Directory.CreateTempSubdirectory("stw-idl-cross-");
        var keep = Environment.GetEnvironmentVariable("STEWARD_IDL_DUMP");
        try
        {
            var verdicts = new ConcurrentDictionary<string, (bool Accepted, string Output)>();
            Parallel.ForEach(corpus, new ParallelOptions { MaxDegreeOfParallelism = 2 }, file =>
            {
                var path = Path.Combine(work.FullName, FileName(file.Name));
                File.WriteAllText(path, file.Text);
                var (exit, omniOutput) = Run(Omniidl, [path], work.FullName);
                verdicts[file.Name] = (exit == 0, omniOutput);
            });
            var disagreements = new List<string>();
            var accepted = 0;
            var libraries = corpus.Where(f => f.Name.StartsWith("lib", StringComparison.Ordinal)).Select(f => (FileName(f.Name), f.Text)).ToArray();
            foreach (var (name, text) in corpus)
            {
                var set = Compile(text, libraries);
                var steward = !set.Diagnostics.HasErrors;
                var (omni, omniOutput) = verdicts[name];
                accepted += omni ? 1 : 0;
                if (steward != omni)
                {
                    disagreements.Add($"{name}: omniidl {(omni ? "accepts" : "rejects")}, Steward {(steward ? "accepts" : "rejects")}\n"
                        + $"omniidl: {omniOutput.Trim()}\nSteward: {Dump(set)}");
                }
            }
            if (keep is { Length: > 0 })
            {
                Directory.CreateDirectory(keep);
                foreach (var (name, text) in corpus)
                {
                    File.WriteAllText(Path.Combine(keep, FileName(name)), text);
                }
            }
            var notDefects = corpus.Where(f => f.Name.StartsWith("defect", StringComparison.Ordinal)).Where(f => verdicts[f.Name].Accepted).Select(f => f.Name).ToList();
            output.WriteLine($"{corpus.Count} files; defects omniidl accepts: {(notDefects.Count == 0 ? "none" : string.Join(", ", notDefects))}");
            Assert.True(disagreements.Count == 0, $"seed {seed}, {disagreements.Count} disagreements:\n\n" + string.Join("\n\n", disagreements.Take(10)));
            // The generator's files are valid by construction and the defects are defects: both sides saw both.
            var valid = corpus.Where(f => !f.Name.StartsWith("defect", StringComparison.Ordinal)).ToList();
            Assert.Equal(ValidFiles + ValidFiles / 5, valid.Count);
            Assert.True(valid.All(f => verdicts[f.Name].Accepted), "omniidl rejected a generated valid file");
            Assert.Empty(notDefects);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string FileName(string name) => name.Split(' ')[0] + ".idl";

    [Fact]
    public void The_generator_covers_every_construct_the_front_end_models()
    {
        var all = Corpus(Seed());
        var libraries = all.Where(f => f.Name.StartsWith("lib", StringComparison.Ordinal)).Select(f => (FileName(f.Name), f.Text)).ToArray();
        var corpus = all.Where(f => f.Name.StartsWith("valid", StringComparison.Ordinal)).ToList();
        var sets = corpus.Select(f => Compile(f.Text, libraries)).ToList();
        Assert.All(sets, AssertNoErrors);
        var types = sets.SelectMany(s => s.Types.Values).ToList();
        var messages = types.OfType<MessageDef>().ToList();
        var methods = sets.SelectMany(s => s.Services.Values).SelectMany(s => s.Methods).ToList();
        var fieldTypes = messages.SelectMany(m => m.Fields).Select(f => f.Type).ToList();
        Assert.Contains(messages, m => m.Kind == MessageKind.Union && m.Discriminator!.Kind == TypeKind.Enum);
        Assert.Contains(messages, m => m.Kind == MessageKind.Union && m.Discriminator!.IsScalar(ScalarType.Char));
        Assert.Contains(messages, m => m.Kind == MessageKind.Union && m.Fields.Any(f => f.IsDefaultCase));
        Assert.Contains(messages, m => m.Kind == MessageKind.Union && m.Fields.Any(f => f.CaseLabels.Count > 1));
        Assert.Contains(messages, m => m.Kind == MessageKind.Exception && m.Fields.Count == 0);
        Assert.Contains(fieldTypes, t => t.Kind == TypeKind.Array && t.Element!.Kind == TypeKind.Array);
        Assert.Contains(fieldTypes, t => t.Kind == TypeKind.List && t.Bound != null);
        Assert.Contains(fieldTypes, t => t.IsScalar(ScalarType.WString) && t.Bound != null);
        Assert.Contains(fieldTypes, t => t.Kind == TypeKind.Proxy && t.Service == null);
        Assert.Contains(fieldTypes, t => t.IsScalar(ScalarType.Any));
        Assert.Contains(types.OfType<TypedefDef>(), t => t.Target.Kind == TypeKind.Array);
        Assert.Contains(methods, m => m.IsOneway);
        Assert.Contains(methods, m => m.Accessor == AttributeAccessor.Set);
        Assert.Contains(methods, m => m.Parameters.Any(p => p.IsInOut));
        Assert.Contains(methods, m => m.Throws.Count > 1);
        Assert.Contains(sets.SelectMany(s => s.Services.Values), s => s.Bases.Count > 1);
        Assert.Contains(sets.SelectMany(s => s.Files).SelectMany(f => f.Constants), c => c.Value.Kind == ConstantKind.Float);
        Assert.Contains(sets.SelectMany(s => s.Files).SelectMany(f => f.Constants), c => c.Value.Kind == ConstantKind.Identifier);
        Assert.Contains(sets.SelectMany(s => s.Services.Values), s => s.RepositoryId!.EndsWith(".0", StringComparison.Ordinal) && !s.RepositoryId.EndsWith(":1.0", StringComparison.Ordinal));
        // Included files: their definitions are in their own file, and the includer's types use them.
        Assert.Contains(sets, s => s.Files.Count == 2 && s.RootFiles.Single().Imports.Single().File == s.Files[0]);
    }
}
