using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Steward.Rpc.CodeGen;
using Steward.Rpc.Schema;
using RoslynSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace Steward.Rpc.Generator;

/// <summary>
/// Compiles the project's <c>StewardIdl</c> files with the same front-ends and emitters that
/// <c>steward gen</c> uses (<see cref="FrontEndRegistry.Default"/> and <see cref="EmitterRegistry.Default"/>,
/// plain static instances: the generator runs inside the compiler, where nothing is discovered by
/// reflection). All IDL files are compiled together (imports cross files), so the pipeline collects
/// them into one input; its value equality keeps unchanged builds free.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class IdlSourceGenerator : IIncrementalGenerator
{
    private readonly FrontEndRegistry _frontEnds;
    private readonly EmitterRegistry _emitters;

    /// <summary>The generator as the compiler loads it, with the front-ends and emitters Steward ships.</summary>
    public IdlSourceGenerator()
        : this(FrontEndRegistry.Default, EmitterRegistry.Default)
    {
    }

    /// <summary>A generator over other registries (tests add a toy IDL this way).</summary>
    internal IdlSourceGenerator(FrontEndRegistry frontEnds, EmitterRegistry emitters)
    {
        _frontEnds = frontEnds;
        _emitters = emitters;
    }

    /// <summary>The well-known types the runtime assembly generates for itself (StewardWellKnownTypes=true).</summary>
    private static readonly string[] WellKnownFiles =
    {
        "google/protobuf/any.proto",
        "google/protobuf/duration.proto",
        "google/protobuf/empty.proto",
        "google/protobuf/field_mask.proto",
        "google/protobuf/struct.proto",
        "google/protobuf/timestamp.proto",
        "google/protobuf/wrappers.proto",
    };

    /// <summary>Step names visible to Roslyn's incremental step tracking (tests assert cache hits on them).</summary>
    public static class TrackingNames
    {
        /// <summary>The step that collects the StewardIdl files and their item metadata.</summary>
        public const string Inputs = "StewardIdlInputs";

        /// <summary>The step that reads the project-wide settings (project directory, import roots, well-known types).</summary>
        public const string Settings = "StewardIdlSettings";

        /// <summary>The step that compiles the IDL and generates C#; cached while its inputs are unchanged.</summary>
        public const string Generation = "StewardIdlGeneration";
    }

    /// <summary>Wires the pipeline: StewardIdl additional files and build settings in, C# sources and IDL diagnostics out.</summary>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select((pair, cancellationToken) =>
            {
                var options = pair.Right.GetOptions(pair.Left);
                if (!options.TryGetValue("build_metadata.AdditionalFiles.StewardIdlKind", out var kind) || kind.Length == 0)
                {
                    return null;
                }
                options.TryGetValue("build_metadata.AdditionalFiles.Namespace", out var ns);
                options.TryGetValue("build_metadata.AdditionalFiles.Services", out var services);
                options.TryGetValue("build_metadata.AdditionalFiles.Access", out var access);
                options.TryGetValue("build_metadata.AdditionalFiles.Thrift", out var thrift);
                options.TryGetValue("build_metadata.AdditionalFiles.Ice", out var ice);
                options.TryGetValue("build_metadata.AdditionalFiles.Corba", out var corba);
                var text = pair.Left.GetText(cancellationToken)?.ToString() ?? "";
                return new IdlInput(
                    NormalizePath(pair.Left.Path),
                    text,
                    kind == "Generate",
                    string.IsNullOrWhiteSpace(ns) ? null : ns!.Trim(),
                    string.IsNullOrWhiteSpace(services) ? "Both" : services!.Trim(),
                    string.Equals(access?.Trim(), "Internal", StringComparison.OrdinalIgnoreCase),
                    string.Equals(thrift?.Trim(), "true", StringComparison.OrdinalIgnoreCase),
                    string.Equals(ice?.Trim(), "true", StringComparison.OrdinalIgnoreCase),
                    string.Equals(corba?.Trim(), "true", StringComparison.OrdinalIgnoreCase));
            })
            .Where(input => input is not null)
            .Select((input, _) => input!)
            .Collect()
            .WithTrackingName(TrackingNames.Inputs);

        var settings = context.AnalyzerConfigOptionsProvider.Select((provider, _) =>
        {
            var global = provider.GlobalOptions;
            global.TryGetValue("build_property.projectdir", out var projectDir);
            global.TryGetValue("build_property.StewardIdlImportPathList", out var importPaths);
            global.TryGetValue("build_property.StewardWellKnownTypes", out var wellKnown);
            return new GeneratorSettings(
                NormalizePath(projectDir ?? ""),
                importPaths ?? "",
                string.Equals(wellKnown, "true", StringComparison.OrdinalIgnoreCase));
        }).WithTrackingName(TrackingNames.Settings);

        var outputs = files.Combine(settings)
            .Select((pair, cancellationToken) => Run(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Generation);

        context.RegisterSourceOutput(outputs, (production, result) =>
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                production.ReportDiagnostic(diagnostic.ToRoslyn());
            }
            foreach (var source in result.Sources)
            {
                production.AddSource(source.HintName, SourceText.From(source.Content, Encoding.UTF8));
            }
        });
    }

    private GenerationResult Run(ImmutableArray<IdlInput> inputs, GeneratorSettings settings, System.Threading.CancellationToken cancellationToken)
    {
        if (inputs.IsEmpty && !settings.WellKnownTypes)
        {
            return GenerationResult.Empty;
        }

        var roots = BuildImportRoots(settings);
        var source = new AdditionalTextFileSource(inputs, roots);
        var generateByCanonical = new Dictionary<string, IdlInput>(StringComparer.Ordinal);
        var rootFiles = new List<string>();
        foreach (var input in inputs.Where(i => i.Generate).OrderBy(i => i.Path, StringComparer.Ordinal))
        {
            var canonical = source.CanonicalPathOf(input.Path);
            if (generateByCanonical.ContainsKey(canonical))
            {
                continue;
            }
            generateByCanonical[canonical] = input;
            rootFiles.Add(canonical);
        }
        if (settings.WellKnownTypes)
        {
            rootFiles.AddRange(WellKnownFiles);
        }

        SchemaSet set;
        try
        {
            set = SchemaCompiler.Compile(rootFiles, source, _frontEnds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new GenerationResult(
                ImmutableArray<GeneratedSource>.Empty,
                ImmutableArray.Create(new DiagnosticInfo(SchemaDiagnostics.GeneratorInternalError, $"Internal error in the IDL compiler: {ex.GetType().Name}: {ex.Message}", RoslynSeverity.Error, null, 0, 0)));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var diagnostics = ImmutableArray.CreateBuilder<DiagnosticInfo>();
        foreach (var d in set.Diagnostics.Items)
        {
            diagnostics.Add(new DiagnosticInfo(
                d.Code,
                d.Message,
                d.Severity switch
                {
                    Schema.DiagnosticSeverity.Error => RoslynSeverity.Error,
                    Schema.DiagnosticSeverity.Warning => RoslynSeverity.Warning,
                    _ => RoslynSeverity.Info,
                },
                source.AbsolutePathOf(d.Location.File),
                d.Location.Line,
                d.Location.Column));
        }

        var sources = ImmutableArray.CreateBuilder<GeneratedSource>();
        if (!set.Diagnostics.HasErrors)
        {
            var hintNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in set.Files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var isOwnWellKnown = settings.WellKnownTypes && file.IsWellKnown && Array.IndexOf(WellKnownFiles, file.Path) >= 0;
                generateByCanonical.TryGetValue(file.Path, out var input);
                if (input is null && !isOwnWellKnown)
                {
                    continue;
                }
                var options = new CodeGenOptions
                {
                    Namespace = input?.Namespace,
                    GenerateClients = input is null || input.Services is "Both" or "Client",
                    GenerateServers = input is null || input.Services is "Both" or "Server",
                    InternalAccess = input?.Internal ?? false,
                    ThriftCodecs = input?.Thrift ?? false,
                    IceCodecs = input?.Ice ?? false,
                    CorbaCodecs = input?.Corba ?? false,
                };
                try
                {
                    foreach (var generated in CSharpGenerator.Generate(set, file, options, _emitters))
                    {
                        var hint = generated.HintName;
                        for (var n = 2; !hintNames.Add(hint); n++)
                        {
                            hint = Path.GetFileNameWithoutExtension(generated.HintName) + "_" + n + ".cs";
                        }
                        sources.Add(new GeneratedSource(hint, generated.Content));
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    diagnostics.Add(new DiagnosticInfo(SchemaDiagnostics.CodeGenInternalError, $"Internal error generating C# for '{file.Path}': {ex.GetType().Name}: {ex.Message}", RoslynSeverity.Error, source.AbsolutePathOf(file.Path), 1, 1));
                }
            }
        }

        return new GenerationResult(sources.ToImmutable(), diagnostics.ToImmutable());
    }

    private static List<string> BuildImportRoots(GeneratorSettings settings)
    {
        var roots = new List<string>();
        foreach (var raw in settings.ImportPaths.Split(new[] { '|', ';' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var path = raw.Trim();
            if (path.Length == 0)
            {
                continue;
            }
            if (!Path.IsPathRooted(path) && settings.ProjectDirectory.Length > 0)
            {
                path = Path.Combine(settings.ProjectDirectory, path);
            }
            roots.Add(NormalizeDirectory(path));
        }
        if (settings.ProjectDirectory.Length > 0)
        {
            roots.Add(NormalizeDirectory(settings.ProjectDirectory));
        }
        return roots;
    }

    internal static string NormalizePath(string path)
    {
        if (path.Length == 0)
        {
            return path;
        }
        try
        {
            path = Path.GetFullPath(path);
        }
        catch (ArgumentException)
        {
            // Keep the path as given; the compiler will report the missing file.
        }
        return path.Replace('\\', '/');
    }

    private static string NormalizeDirectory(string path)
    {
        var normalized = NormalizePath(path);
        return normalized.EndsWith("/", StringComparison.Ordinal) ? normalized : normalized + "/";
    }
}
