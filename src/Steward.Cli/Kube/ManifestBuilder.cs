using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.Loader;
using Steward.Kube.Crd.Manifests;

namespace Steward.Cli.Kube;

/// <summary>`steward kube manifests`: build the operator, read its types, write config/.</summary>
internal static class ManifestBuilder
{
    [RequiresUnreferencedCode("Loads the operator assembly and reads its types by reflection.")]
    public static IReadOnlyList<ManifestFile> Generate(string root, KubeProject project, bool certManager, string? image, TextWriter log, string configuration = "Debug")
    {
        string csproj = project.OperatorProjectPath(root);
        string outDir = Path.Combine(Path.GetTempPath(), "steward-kube-manifests", Guid.NewGuid().ToString("N"));
        try
        {
            // A private output directory: the assembly is loaded from there, never from a bin/ that a build may be rewriting.
            Dotnet.Run(["build", csproj, "-nologo", "-v", "quiet", "-c", configuration, "-o", outDir], root, log);
            string dll = Path.Combine(outDir, project.Repo + ".dll");
            if (!File.Exists(dll))
            {
                throw new KubeCliException($"the build did not produce {dll}");
            }

            var context = new OperatorLoadContext(dll);
            try
            {
                var assembly = context.LoadFromAssemblyPath(dll);
                return ManifestSet.Generate(assembly, new ManifestOptions
                {
                    ProjectName = project.ProjectName,
                    Image = image ?? project.Image,
                    CertManager = certManager,
                });
            }
            finally
            {
                context.Unload();
            }
        }
        finally
        {
            try { Directory.Delete(outDir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    public static void Write(string root, IReadOnlyList<ManifestFile> files, TextWriter log)
    {
        string config = Path.Combine(root, "config");
        foreach (var file in files)
        {
            string path = Path.Combine(config, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.ToYaml());
            log.WriteLine("wrote config/" + file.RelativePath);
        }
    }

    /// <summary>
    /// Loads the operator's own assemblies from its output, but shares the marker and model assemblies with
    /// this tool so that attribute types are the same types on both sides.
    /// </summary>
    private sealed class OperatorLoadContext(string mainAssembly) : AssemblyLoadContext("steward-operator", isCollectible: true)
    {
        private readonly AssemblyDependencyResolver _resolver = new(mainAssembly);
        private static readonly HashSet<string> Shared = ["Steward.Kube.Crd", "KubernetesClient", "YamlDotNet", "Fractions"];

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name is { } name && Shared.Contains(name))
            {
                return null;
            }

            var path = _resolver.ResolveAssemblyToPath(assemblyName);
            return path is null ? null : LoadFromAssemblyPath(path);
        }
    }
}

/// <summary>The dotnet CLI as `steward kube` drives it: building the operator, running the manager.</summary>
internal static class Dotnet
{
    /// <summary>Runs the dotnet CLI, echoing its output; a non-zero exit is an error.</summary>
    public static void Run(IReadOnlyList<string> args, string workingDirectory, TextWriter log, IDictionary<string, string>? environment = null, bool interactive = false)
    {
        // Interactive (`kube run`): the child owns the terminal, so Ctrl+C reaches the manager and it shuts down cleanly.
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = !interactive, RedirectStandardError = !interactive };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        // Reused MSBuild nodes and build servers would inherit the pipes and keep them open after dotnet exits.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                start.Environment[k] = v;
            }
        }

        using var process = Process.Start(start) ?? throw new KubeCliException("cannot start dotnet");
        if (!interactive)
        {
            process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) { log.WriteLine(e.Data); } };
            process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) { log.WriteLine(e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new KubeCliException($"dotnet {string.Join(' ', args)} failed with exit code {process.ExitCode}");
        }
    }
}
