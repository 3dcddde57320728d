using System.Diagnostics;
using Steward.Rpc.Schema;

namespace Steward.Rpc.Protobuf.Dynamic.Tests;

internal static class TestSchemas
{
    public static string ProtoDirectory => Path.Combine(AppContext.BaseDirectory, "protos");

    private static readonly Lazy<SchemaSet> RichSet = new(() => Compile("rich.proto"));

    public static SchemaSet Rich => RichSet.Value;

    public static MessageDef Message(string fullName) =>
        Rich.FindType(fullName) as MessageDef ?? throw new InvalidOperationException($"no message {fullName}");

    public static SchemaSet Compile(string file)
    {
        var set = SchemaCompiler.Compile(new[] { file }, new DirectoryFileSource(new[] { ProtoDirectory }));
        if (set.Diagnostics.HasErrors)
        {
            throw new InvalidOperationException(string.Join("\n", set.Diagnostics.Items));
        }
        return set;
    }

    /// <summary>An in-memory schema, for tests that need a message shape of their own.</summary>
    public static SchemaSet CompileText(string text)
    {
        var set = SchemaCompiler.Compile(new[] { "t.proto" }, new InMemoryFileSource().Add("t.proto", text));
        if (set.Diagnostics.HasErrors)
        {
            throw new InvalidOperationException(string.Join("\n", set.Diagnostics.Items));
        }
        return set;
    }
}

/// <summary>Runs Debian's protoc (the reference peer); tests skip when it is not installed.</summary>
internal static class Protoc
{
    public static string? Path => File.Exists("/usr/bin/protoc") ? "/usr/bin/protoc" : null;

    public static void RequireInstalled()
    {
        if (Path is null)
        {
            Assert.Skip("protoc is not installed (scripts/setup installs protobuf-compiler)");
        }
    }

    public static byte[] Run(byte[] stdin, params string[] args)
    {
        var start = new ProcessStartInfo(Path!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestSchemas.ProtoDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var errorTask = process.StandardError.ReadToEndAsync();
        var output = new MemoryStream();
        var copyTask = process.StandardOutput.BaseStream.CopyToAsync(output);
        process.StandardInput.BaseStream.Write(stdin);
        process.StandardInput.Close();
        copyTask.Wait();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"protoc failed ({process.ExitCode}): {errorTask.Result}");
        }
        return output.ToArray();
    }

    public static byte[] Encode(string type, string text) =>
        Run(System.Text.Encoding.UTF8.GetBytes(text), "-I", ".", "--encode=" + type, "rich.proto");

    public static string Decode(string type, byte[] binary) =>
        System.Text.Encoding.UTF8.GetString(Run(binary, "-I", ".", "--decode=" + type, "rich.proto"));
}
