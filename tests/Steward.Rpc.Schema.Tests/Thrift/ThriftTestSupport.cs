using System.Runtime.CompilerServices;

namespace Steward.Rpc.Schema.Tests.Thrift;

internal static class ThriftTestSupport
{
    /// <summary>The .thrift corpus, read from the source tree (the test project copies only .proto files).</summary>
    public static string DataDir => Path.GetFullPath(Path.Combine(ThisDir(), "..", "TestData", "thrift"));

    private static string ThisDir([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    /// <summary>Compiles one in-memory file named <c>test.thrift</c> (plus any extra files).</summary>
    public static SchemaSet Compile(string text, params (string Path, string Text)[] others)
    {
        var source = new InMemoryFileSource().Add("test.thrift", text);
        foreach (var (path, body) in others)
        {
            source.Add(path, body);
        }
        return SchemaCompiler.Compile(["test.thrift"], source);
    }

    public static SchemaSet CompileData(params string[] files) =>
        SchemaCompiler.Compile(files, new DirectoryFileSource([DataDir]));

    public static string[] Errors(SchemaSet set) =>
        set.Diagnostics.Items.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Code).ToArray();

    public static void AssertNoErrors(SchemaSet set) =>
        Assert.False(set.Diagnostics.HasErrors, "Expected no errors, got:\n" + Dump(set));

    public static string Dump(SchemaSet set) => string.Join("\n", set.Diagnostics.Items);

    public static MessageDef Struct(SchemaSet set, string fullName) => Assert.IsType<MessageDef>(set.FindType(fullName));

    public static FieldDef Field(MessageDef message, string name) => message.Fields.Single(f => f.Name == name);

    public static ConstantDef Const(SchemaSet set, string name) =>
        set.RootFiles.Single().Constants.Single(c => c.Name == name);
}
