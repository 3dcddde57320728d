using Steward.Rpc.CodeGen;
using Steward.Rpc.Schema;

namespace Steward.Rpc.Generator.Tests.Toy;

/// <summary>
/// A deliberately tiny IDL, registered only by tests, that proves a new IDL plugs in without touching
/// the source generator or <c>steward gen</c>: each line is <c>record Name</c>; anything else is TOY0001.
/// </summary>
internal sealed class ToyFrontEnd : IIdlFrontEnd
{
    public const string BadLine = "TOY0001";
    public const string NotFound = "TOY0002";
    public static readonly IdlSyntax Syntax = new("Toy");

    public string Name => "toy";
    public IReadOnlyList<string> FileExtensions { get; } = [".toy"];
    public IReadOnlyList<IdlSyntax> Syntaxes { get; } = [Syntax];

    public void CompileInto(SchemaSet set, IReadOnlyList<string> rootFiles, IFileSource source)
    {
        foreach (var root in rootFiles)
        {
            if (!source.TryResolve(root, null, out var canonical, out var text))
            {
                set.Diagnostics.Error(NotFound, $"No toy file \"{root}\".", new SourceLocation(root, 0, 0));
                continue;
            }
            var file = new SchemaFile(canonical, Syntax) { Package = "toy" };
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].TrimEnd('\r');
                var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 0)
                {
                    continue;
                }
                var column = line.Length - line.TrimStart().Length + 1;
                if (words is not ["record", var name])
                {
                    set.Diagnostics.Error(BadLine, $"Expected 'record <Name>', found '{line.Trim()}'.", new SourceLocation(canonical, i + 1, column));
                    continue;
                }
                var record = new MessageDef(name, new SourceLocation(canonical, i + 1, column)) { FullName = "toy." + name, File = file };
                file.Messages.Add(record);
                set.TryAddType(record);
            }
            set.Files.Add(file);
            set.RootFiles.Add(file);
        }
    }
}

/// <summary>C# for a toy file: one partial class per record, naming the file it came from.</summary>
internal sealed class ToyEmitter : ICSharpEmitter
{
    public string Name => "toy";
    public IReadOnlyList<IdlSyntax> Syntaxes { get; } = [ToyFrontEnd.Syntax];

    public IReadOnlyList<GeneratedFile> Emit(SchemaSet set, SchemaFile file, CodeGenOptions options)
    {
        var access = options.InternalAccess ? "internal" : "public";
        var classes = file.Messages.Select(m => $"    {access} sealed partial class {m.Name} {{ public const string Idl = \"{file.Path}\"; }}\n");
        return [new GeneratedFile(CSharpGenerator.HintName(file.Path), "namespace Toy\n{\n" + string.Concat(classes) + "}\n")];
    }
}
