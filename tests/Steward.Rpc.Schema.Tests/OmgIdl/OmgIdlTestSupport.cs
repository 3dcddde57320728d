using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Steward.Rpc.Schema.Tests.OmgIdl;

internal static class OmgIdlTestSupport
{
    public const string Omniidl = "/usr/bin/omniidl";

    /// <summary>omniORB's own IDL files, as the Debian package omniorb-idl installs them.</summary>
    public const string OmniOrbIdlDir = "/usr/share/idl/omniORB";

    /// <summary>The .idl test files, read from the source tree.</summary>
    public static string DataDir => Path.Combine(ThisDir(), "TestData");

    private static string ThisDir([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    /// <summary>The repository root (the directory holding Steward.slnx).</summary>
    public static string RepoRoot => Path.GetFullPath(Path.Combine(ThisDir(), "..", "..", ".."));

    /// <summary>The CORBA interop contract: the repository's copy once there is one, else the shared one next to the repository.</summary>
    public static string? ContractPath()
    {
        foreach (var candidate in new[]
        {
            Path.Combine(RepoRoot, "testassets", "corba", "StewardTest.idl"),
            Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "interop", "corba", "StewardTest.idl")),
            "/work/shared/interop/corba/StewardTest.idl",
        })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Compiles one in-memory file named <c>test.idl</c> (plus any extra files).</summary>
    public static SchemaSet Compile(string text, params (string Path, string Text)[] others)
    {
        var source = new InMemoryFileSource().Add("test.idl", text);
        foreach (var (path, body) in others)
        {
            source.Add(path, body);
        }
        return SchemaCompiler.Compile(["test.idl"], source);
    }

    public static SchemaSet CompileFile(string path, params string[] includeRoots) =>
        SchemaCompiler.Compile([path], new DirectoryFileSource(includeRoots));

    public static string[] Errors(SchemaSet set) =>
        set.Diagnostics.Items.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Code).Distinct().ToArray();

    public static void AssertNoErrors(SchemaSet set) =>
        Assert.False(set.Diagnostics.HasErrors, "Expected no errors, got:\n" + Dump(set));

    /// <summary>Asserts the set has an error with <paramref name="code"/> and returns the first.</summary>
    public static Diagnostic AssertError(SchemaSet set, string code)
    {
        var found = set.Diagnostics.Items.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error && d.Code == code);
        Assert.True(found != null, $"Expected an error {code}, got:\n" + Dump(set));
        return found!;
    }

    public static string Dump(SchemaSet set) => string.Join("\n", set.Diagnostics.Items);

    public static MessageDef Message(SchemaSet set, string fullName) => Assert.IsType<MessageDef>(set.FindType(fullName));

    public static FieldDef Field(MessageDef message, string name) => message.Fields.Single(f => f.Name == name);

    public static MethodDef Method(ServiceDef service, string name) => service.Methods.Single(m => m.Name == name);

    public static bool HasTool(string path) => File.Exists(path);

    /// <summary>Runs a program to completion and returns its exit code and merged output.</summary>
    public static (int Exit, string Output) Run(string program, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
