using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Steward.Rpc.Schema.Tests.Slice;

internal static class SliceTestSupport
{
    /// <summary>The .ice corpus, read from the source tree (the test project copies only .proto files).</summary>
    public static string DataDir => Path.GetFullPath(Path.Combine(ThisDir(), "TestData"));

    /// <summary>ZeroC's own Slice files (Ice/Identity.ice …), as the Debian packages install them.</summary>
    public const string IceSliceDir = "/usr/share/ice/slice";

    private static string ThisDir([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    /// <summary>The Ice interop contract: the repository's copy once the lead adds one, else the shared one.</summary>
    public static string? ContractPath()
    {
        var repo = Path.GetFullPath(Path.Combine(ThisDir(), "..", "..", ".."));
        foreach (var candidate in new[]
        {
            Path.Combine(repo, "testassets", "ice", "StewardTest.ice"),
            "/work/shared/interop/ice/StewardTest.ice",
        })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Compiles one in-memory file named <c>test.ice</c> (plus any extra files).</summary>
    public static SchemaSet Compile(string text, params (string Path, string Text)[] others)
    {
        var source = new InMemoryFileSource().Add("test.ice", text);
        foreach (var (path, body) in others)
        {
            source.Add(path, body);
        }
        return SchemaCompiler.Compile(["test.ice"], source);
    }

    public static SchemaSet CompileFile(string path, params string[] importRoots) =>
        SchemaCompiler.Compile([path], new DirectoryFileSource(importRoots));

    public static string[] Errors(SchemaSet set) =>
        set.Diagnostics.Items.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Code).Distinct().ToArray();

    public static void AssertNoErrors(SchemaSet set) =>
        Assert.False(set.Diagnostics.HasErrors, "Expected no errors, got:\n" + Dump(set));

    public static string Dump(SchemaSet set) => string.Join("\n", set.Diagnostics.Items);

    public static MessageDef Message(SchemaSet set, string fullName) => Assert.IsType<MessageDef>(set.FindType(fullName));

    public static FieldDef Field(MessageDef message, string name) => message.Fields.Single(f => f.Name == name);

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
