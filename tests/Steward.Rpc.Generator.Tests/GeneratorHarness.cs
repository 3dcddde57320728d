using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Steward.Rpc.Generator.Tests;

/// <summary>An IDL file as the build hands it to the compiler: an AdditionalFile with StewardIdl metadata.</summary>
internal sealed record IdlFile(string Path, string Text, string Kind = "Generate", string? Namespace = null, string? Services = null, string? Access = null);

/// <summary>Drives <see cref="IdlSourceGenerator"/> the way the compiler does, over in-memory files and editorconfig-style options.</summary>
internal sealed class GeneratorHarness
{
    public const string ProjectDir = "/work/proj/";

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(Steward.Rpc.Protobuf.ProtoReader).Assembly.Location);
        paths.Add(typeof(Steward.Rpc.CallOptions).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    });

    public static CSharpCompilation NewCompilation(params string[] csharp) =>
        CSharpCompilation.Create(
            "UserProject",
            csharp.Select(c => CSharpSyntaxTree.ParseText(c, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest))),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver NewDriver(IEnumerable<IdlFile> files, string? importPaths = null, bool wellKnown = false, IdlSourceGenerator? generator = null) =>
        NewDriver(files.Select(f => (AdditionalText)new InMemoryText(f)), importPaths, wellKnown, generator);

    public static GeneratorDriver NewDriver(IEnumerable<AdditionalText> additionalTexts, string? importPaths = null, bool wellKnown = false, IdlSourceGenerator? generator = null)
    {
        var texts = additionalTexts.ToImmutableArray();
        var globals = new Dictionary<string, string> { ["build_property.projectdir"] = ProjectDir };
        if (importPaths != null)
        {
            globals["build_property.StewardIdlImportPathList"] = importPaths;
        }
        if (wellKnown)
        {
            globals["build_property.StewardWellKnownTypes"] = "true";
        }
        return CSharpGeneratorDriver.Create(
            new[] { (generator ?? new IdlSourceGenerator()).AsSourceGenerator() },
            texts,
            (CSharpParseOptions)CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest),
            new OptionsProvider(globals),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    public static (GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics) Run(IEnumerable<IdlFile> files, string? importPaths = null, IdlSourceGenerator? generator = null)
    {
        var driver = NewDriver(files, importPaths, generator: generator).RunGeneratorsAndUpdateCompilation(NewCompilation("namespace User { public class Marker { } }"), out var output, out var diagnostics);
        return (driver, output, diagnostics);
    }

    internal sealed class InMemoryText : AdditionalText
    {
        public InMemoryText(IdlFile file)
        {
            File = file;
        }

        public IdlFile File { get; }
        public override string Path => File.Path;
        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.Text);
    }

    private sealed class OptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly DictionaryOptions _global;

        public OptionsProvider(Dictionary<string, string> global) => _global = new DictionaryOptions(global);

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => DictionaryOptions.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
        {
            if (textFile is not InMemoryText { File: var f })
            {
                return DictionaryOptions.Empty;
            }
            var options = new Dictionary<string, string> { ["build_metadata.AdditionalFiles.StewardIdlKind"] = f.Kind };
            if (f.Namespace != null)
            {
                options["build_metadata.AdditionalFiles.Namespace"] = f.Namespace;
            }
            if (f.Services != null)
            {
                options["build_metadata.AdditionalFiles.Services"] = f.Services;
            }
            if (f.Access != null)
            {
                options["build_metadata.AdditionalFiles.Access"] = f.Access;
            }
            return new DictionaryOptions(options);
        }
    }

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        public static readonly DictionaryOptions Empty = new(new Dictionary<string, string>());
        private readonly Dictionary<string, string> _values;

        public DictionaryOptions(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
    }
}
