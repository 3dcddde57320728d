using System.CommandLine;
using Steward.Rpc.CodeGen;
using Steward.Rpc.Schema;

namespace Steward.Cli.Commands;

/// <summary>
/// <c>steward gen &lt;files&gt; --out &lt;dir&gt; [-I &lt;path&gt;]... [--namespace N]</c>: IDL → C# files, with the
/// same compiler and generator the Roslyn source generator runs inside <c>dotnet build</c>.
/// Exit codes: 0 written, 1 IDL errors, 2 usage errors.
/// </summary>
internal static class GenCommand
{
    public const int UsageError = 2;

    public static Command Create()
    {
        var extensions = string.Join(", ", FrontEndRegistry.Default.FileExtensions.Order(StringComparer.Ordinal));
        var files = new Argument<string[]>("files") { Description = $"IDL files to compile ({extensions})", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string?>("--out", "-o") { Description = "Directory to write the .cs files to (created if missing)" };
        var imports = new Option<string[]>("--proto_path", "-I", "--import-path")
        {
            Description = "Import root, like protoc's -I (repeatable); a file under none is keyed by its own directory",
        };
        var ns = new Option<string?>("--namespace") { Description = "C# namespace for every generated file (default: csharp_namespace, else the package)" };
        var services = new Option<string>("--services")
        {
            Description = "Service code to emit: Both, Client, Server or None",
            DefaultValueFactory = _ => "Both",
        };
        var isInternal = new Option<bool>("--internal") { Description = "Emit internal instead of public types" };
        var thrift = new Option<bool>("--thrift") { Description = "Proto messages also implement IThriftStruct and unary methods get a Thrift codec (needs Steward.Rpc.Thrift)" };
        var ice = new Option<bool>("--ice") { Description = "Proto messages also implement IIceStruct and unary methods get an Ice codec (needs Steward.Rpc.Ice)" };
        var corba = new Option<bool>("--corba") { Description = "Proto messages also implement ICorbaStruct and unary methods get a CORBA codec (needs Steward.Rpc.Corba)" };
        var command = new Command("gen", $"Generate C# from IDL files ({extensions}), as the build's source generator does.")
        {
            files, output, imports, ns, services, isInternal, thrift, ice, corba,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse =>
        {
            if (parse.UnmatchedTokens.Count > 0)
            {
                return Usage($"unrecognized argument '{parse.UnmatchedTokens[0]}'");
            }
            var fileList = parse.GetValue(files) ?? Array.Empty<string>();
            var outDir = parse.GetValue(output);
            var servicesValue = parse.GetValue(services)!;
            if (fileList.Length == 0)
            {
                return Usage("no input files");
            }
            if (string.IsNullOrEmpty(outDir))
            {
                return Usage("--out <dir> is required");
            }
            if (servicesValue is not ("Both" or "Client" or "Server" or "None"))
            {
                return Usage($"--services must be Both, Client, Server or None, not '{servicesValue}'");
            }
            var options = new CodeGenOptions
            {
                Namespace = parse.GetValue(ns),
                GenerateClients = servicesValue is "Both" or "Client",
                GenerateServers = servicesValue is "Both" or "Server",
                InternalAccess = parse.GetValue(isInternal),
                ThriftCodecs = parse.GetValue(thrift),
                IceCodecs = parse.GetValue(ice),
                CorbaCodecs = parse.GetValue(corba),
            };
            return Run(fileList, parse.GetValue(imports) ?? Array.Empty<string>(), outDir, options, Console.Out, Console.Error);
        });
        return command;
    }

    public static int Run(IReadOnlyList<string> files, IReadOnlyList<string> importPaths, string outDir, CodeGenOptions options, TextWriter stdout, TextWriter stderr) =>
        Run(files, importPaths, outDir, options, stdout, stderr, FrontEndRegistry.Default, EmitterRegistry.Default);

    /// <summary>The command over other front-ends and emitters than the ones Steward ships (tests add a toy IDL this way).</summary>
    public static int Run(IReadOnlyList<string> files, IReadOnlyList<string> importPaths, string outDir, CodeGenOptions options, TextWriter stdout, TextWriter stderr,
        FrontEndRegistry frontEnds, EmitterRegistry emitters)
    {
        var set = Compile(files, importPaths, stderr, frontEnds);
        if (set is null)
        {
            return 1;
        }
        Directory.CreateDirectory(outDir);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in set.RootFiles)
        {
            IReadOnlyList<GeneratedFile> generated;
            try
            {
                generated = CSharpGenerator.Generate(set, file, options, emitters);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                stderr.WriteLine($"{file.Path}: error {SchemaDiagnostics.CodeGenInternalError}: internal error generating C#: {ex.GetType().Name}: {ex.Message}");
                return 1;
            }
            foreach (var source in generated)
            {
                var name = source.HintName;
                for (var n = 2; !written.Add(name); n++)
                {
                    name = Path.GetFileNameWithoutExtension(source.HintName) + "_" + n + ".cs";
                }
                var path = Path.Combine(outDir, name);
                File.WriteAllText(path, source.Content);
                stdout.WriteLine(path);
            }
        }
        return 0;
    }

    /// <summary>Compiles the files like protoc; prints every diagnostic as <c>file:line:col: error CODE: message</c>; null on errors.</summary>
    public static SchemaSet? Compile(IReadOnlyList<string> files, IReadOnlyList<string> importPaths, TextWriter stderr) =>
        Compile(files, importPaths, stderr, FrontEndRegistry.Default);

    private static SchemaSet? Compile(IReadOnlyList<string> files, IReadOnlyList<string> importPaths, TextWriter stderr, FrontEndRegistry frontEnds)
    {
        var set = SchemaCompiler.Compile(files, new DirectoryFileSource(importPaths), frontEnds);
        foreach (var diagnostic in set.Diagnostics.Items)
        {
            stderr.WriteLine(Format(diagnostic));
        }
        return set.Diagnostics.HasErrors ? null : set;
    }

    public static string Format(Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        var where = location.Line > 0 ? $"{location.File}:{location.Line}:{location.Column}" : location.File.Length > 0 ? location.File : "steward";
        return $"{where}: {diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Code}: {diagnostic.Message}";
    }

    public static int Usage(string message)
    {
        Console.Error.WriteLine($"steward: {message} (see --help)");
        return UsageError;
    }
}
