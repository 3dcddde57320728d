using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Steward.Rpc.Corba;

namespace Steward.Rpc.CodeGen.Tests.Corba;

/// <summary>Generates C# from a <see cref="CorbaModel"/>, compiles it with Roslyn as a user project would (warnings count) and loads it.</summary>
internal static class CorbaCompiler
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        // Not this test assembly: its own generated types (the Ice contract's Test.Point) would clash.
        var self = typeof(CorbaCompiler).Assembly.Location;
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Where(p => p != self).ToList();
        paths.Add(typeof(CallOptions).Assembly.Location);
        paths.Add(typeof(CdrOutputStream).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    });

    private static readonly Dictionary<string, Assembly> Loaded = [];

    public static string Generate(CorbaModel model, CodeGenOptions? options = null) =>
        string.Concat(CSharpGenerator.Generate(model.Set, model.File, options ?? new CodeGenOptions()).Select(f => f.Content));

    /// <summary>The errors and warnings of compiling the generated code.</summary>
    public static (byte[]? Image, IReadOnlyList<Diagnostic> Problems) Compile(string code, string name)
    {
        var compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(code, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest))],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        return (result.Success ? image.ToArray() : null, problems);
    }

    /// <summary>The loaded assembly of a model's generated code (compiled once per name); a failed compile fails the test with its diagnostics.</summary>
    public static Assembly Load(string name, Func<CorbaModel> model)
    {
        lock (Loaded)
        {
            if (Loaded.TryGetValue(name, out var assembly))
            {
                return assembly;
            }
            var (image, problems) = Compile(Generate(model()), name);
            Assert.True(image != null && problems.Count == 0, string.Join("\n", problems));
            assembly = new AssemblyLoadContext(name).LoadFromStream(new MemoryStream(image!));
            Loaded[name] = assembly;
            return assembly;
        }
    }
}
